/**
 * `x-level-list` (string): a scope level list such as `5、4、3` — Arabic digits 1–5 separated by `、`,
 * no duplicates (catalogue §13 R-LVL-3; 豫职鉴〔2021〕1号 三(五)).
 * Errors LEVEL_LIST_FORMAT, LEVEL_LIST_DUPLICATE at the string.
 *
 * Options: `true`. Example: "levels": { "$ref": "../../common/level-list.schema.json", "title": "等级" }
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { parseLevelList } from '../../codes/index.js';
import { keywordError, makeCheck } from './support.js';

const KEYWORD = 'x-level-list';

export const levelListKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: true,
  metaSchema: { type: 'boolean', const: true },
  compile() {
    return makeCheck((_ctx, data, cxt) => {
      if (typeof data !== 'string') return [];
      const r = parseLevelList(data);
      return r.ok ? [] : [keywordError(KEYWORD, cxt?.instancePath ?? '', r, data)];
    });
  },
};
