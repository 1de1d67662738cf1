/**
 * `x-uscc` (string): 统一社会信用代码 per GB 32100-2015 (catalogue §13 R-ID-1; reliability-anchors §7.2).
 * Errors USCC_LENGTH / USCC_CHARSET / USCC_CHECKSUM at the string; the non-fatal findings
 * USCC_UNKNOWN_CATEGORY and USCC_ORG_CODE_CHECKSUM (GB 11714 body) are warnings.
 *
 * Options: `true`. Example: "uscc": { "type": "string", "maxLength": 18, "x-uscc": true }
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { validateUscc } from '../../codes/index.js';
import { keywordError, makeCheck, pushWarning } from './support.js';

const KEYWORD = 'x-uscc';

export const usccKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: { type: 'boolean', const: true },
  compile() {
    return makeCheck((ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const pointer = cxt?.instancePath ?? '';
      const r = validateUscc(data);
      if (!r.ok) return [keywordError(KEYWORD, pointer, r, data)];
      for (const w of r.value.warnings) pushWarning(ctx, pointer, w, data);
      return [];
    });
  },
};
