/**
 * `x-official-url` (string): R-CERT-8, the official query URLs of catalogue §9.19 (人社鉴发〔2021〕1号
 * 二(一)). Reject the known misprints (`pjgg`, `costa`, `mjdj`).
 *
 * Options: a slot id of schemas/reference/official-query-urls.json (`"certificate-query"`,
 * `"institution-query"`, …): the value must be that slot's canonical or accepted spelling
 * (URL_NOT_CANONICAL, URL_REJECTED_VARIANT); or `"reject-variants"`: any URL is accepted except a known
 * misprint (URL_REJECTED_VARIANT) — for free URL fields such as 省级证书查询网址.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { isRejectedOfficialUrl, officialUrlTable, validateOfficialUrl } from '../../codes/index.js';
import { keywordError, makeCheck } from './support.js';

const KEYWORD = 'x-official-url';

export const officialUrlKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: { type: 'string', enum: ['reject-variants', ...officialUrlTable.entries.map((e) => e.id)] },
  compile(slot: string) {
    return makeCheck((_ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const pointer = cxt?.instancePath ?? '';
      if (slot === 'reject-variants') {
        if (!isRejectedOfficialUrl(data)) return [];
        const v = data.trim();
        const slotOf = officialUrlTable.entries.find((e) => e.rejected.some((r) => r.value === v));
        const r = slotOf === undefined ? undefined : validateOfficialUrl(slotOf.id, data);
        return r !== undefined && !r.ok ? [keywordError(KEYWORD, pointer, r, data)] : [];
      }
      const r = validateOfficialUrl(slot, data);
      return r.ok ? [] : [keywordError(KEYWORD, pointer, r, data)];
    });
  },
};
