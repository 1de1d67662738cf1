/**
 * `x-sum` (object): a total must equal the sum of its parts — the 小计/合计 of a statistics table
 * (catalogue §13 R-FORM-5) or weights that must add up to 100 (R-SA-3 考核比重).
 *
 * Options (all pointers relative to the object carrying the keyword, or `#/…` from the root):
 *   { "of": ["/a", "/b", …], "equals": "/total" | 100 }            sum of named fields
 *   { "each": "/rows", "field": "/count", "equals": "/total/count" | 100 }   sum of a field over an array
 * Missing or non-numeric parts count as 0 (their own schemas report them); a missing total is not
 * checked (its `required` reports it). Errors: SUM_MISMATCH {expected: the sum, actual: the total} at
 * the total; SUM_NOT_TOTAL {expected: the constant, actual: the sum} at the keyword's object when
 * `equals` is a constant.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { dataRefSchema, keywordError, makeCheck, parseDataRef, resolveRef, type DataRef } from './support.js';

const KEYWORD = 'x-sum';

interface Options {
  readonly of?: readonly string[];
  readonly each?: string;
  readonly field?: string;
  readonly equals: string | number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export const sumKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'object',
  errors: true,
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['equals'],
    properties: {
      of: { type: 'array', minItems: 1, maxItems: 50, items: dataRefSchema },
      each: dataRefSchema,
      field: dataRefSchema,
      equals: { anyOf: [dataRefSchema, { type: 'number' }] },
    },
    oneOf: [{ required: ['of'] }, { required: ['each', 'field'] }],
  },
  compile(o: Options) {
    const parts: DataRef[] | undefined = o.of?.map(parseDataRef);
    const each = o.each === undefined ? undefined : parseDataRef(o.each);
    const field = o.field === undefined ? undefined : parseDataRef(o.field);
    const total = typeof o.equals === 'string' ? parseDataRef(o.equals) : undefined;
    return makeCheck((_ctx, data, cxt) => {
      let actual = 0;
      if (parts) for (const p of parts) actual += num(resolveRef(p, data, cxt).value);
      if (each && field) {
        const arr = resolveRef(each, data, cxt).value;
        if (Array.isArray(arr)) for (const item of arr) actual += num(resolveRef(field, item, undefined).value);
      }
      if (total) {
        const t = resolveRef(total, data, cxt);
        if (typeof t.value !== 'number') return [];
        return t.value === actual ? [] : [keywordError(KEYWORD, t.pointer, { code: 'SUM_MISMATCH', params: { expected: actual, actual: t.value } }, t.value)];
      }
      const expected = o.equals as number;
      return expected === actual ? [] : [keywordError(KEYWORD, cxt?.instancePath ?? '', { code: 'SUM_NOT_TOTAL', params: { expected, actual } })];
    });
  },
};
