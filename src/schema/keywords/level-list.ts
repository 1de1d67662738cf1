/**
 * `x-level-list` (string): a scope level list such as `5、4、3` — Arabic digits 1–5 separated by `、`,
 * no duplicates (catalogue §13 R-LVL-3; 豫职鉴〔2021〕1号 三(五)).
 * Errors LEVEL_LIST_FORMAT, LEVEL_LIST_DUPLICATE at the string; a list not in descending order (the
 * seeds always write 5、4、3) is the warning LEVEL_LIST_ORDER.
 *
 * Options: `true`. Example: "levels": { "$ref": "../../common/level-list.schema.json", "title": "等级" }
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { parseLevelList } from '../../codes/index.js';
import { keywordError, makeCheck, pushWarning } from './support.js';

const KEYWORD = 'x-level-list';

export const levelListKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: { type: 'boolean', const: true },
  compile() {
    return makeCheck((ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const r = parseLevelList(data);
      if (!r.ok) return [keywordError(KEYWORD, cxt?.instancePath ?? '', r, data)];
      if (r.value.some((l, i) => i > 0 && l > r.value[i - 1]!))
        pushWarning(ctx, cxt?.instancePath ?? '', { code: 'LEVEL_LIST_ORDER', params: { value: data, expected: [...r.value].sort((a, b) => b - a).join('、') } }, data);
      return [];
    });
  },
};
