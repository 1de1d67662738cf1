/**
 * `x-advisory-pattern` (string): a naming convention that is advice, not a rule — a mismatch is a
 * WARNING, never an error (catalogue §13 R-FORM-8, e.g. Henan 院校 centres named
 * `XX学校（院）职业技能等级认定中心`).
 *
 * Options: { "pattern": "<ECMAScript regex, unicode mode>", "expected": "<what the convention says, in Chinese>" }.
 * Reports NAME_CONVENTION {expected} at the string.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { makeCheck, pushWarning } from './support.js';

const KEYWORD = 'x-advisory-pattern';

export const advisoryPatternKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'string',
  errors: false,
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['pattern', 'expected'],
    properties: { pattern: { type: 'string', maxLength: 300 }, expected: { type: 'string', maxLength: 200 } },
  },
  compile(o: { pattern: string; expected: string }) {
    const re = new RegExp(o.pattern, 'u');
    return makeCheck((ctx, data, cxt) => {
      if (typeof data === 'string' && !re.test(data)) pushWarning(ctx, cxt?.instancePath ?? '', { code: 'NAME_CONVENTION', params: { expected: o.expected, value: data.length > 60 ? `${data.slice(0, 60)}…` : data } }, data);
      return [];
    });
  },
};
