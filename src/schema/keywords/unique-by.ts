/**
 * `x-unique-by` (array): no two rows share a key — one person per roster (证件号码, catalogue §4.1),
 * one row per occupation/工种 in a scope list or a summary (§3.1, §3.8, §5.1). JSON Schema's
 * `uniqueItems` compares whole rows, which misses the same person written twice with other details.
 *
 * Options: { "key": ["/idNumber"] } or { "key": ["/occupation/name", "/occupation/job"] } — pointers into
 * each row. Rows whose key fields are all absent are skipped; strings compare trimmed and NFKC-normalised
 * (so a full-width digit or a trailing space does not hide a duplicate).
 * Error DUPLICATE_ROW {row, first, key} at the later row's first key field.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { dataRefSchema, joinPointer, keywordError, makeCheck, parsePointer, resolveRef } from './support.js';

const KEYWORD = 'x-unique-by';

const norm = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFKC').trim() : v === undefined ? '' : JSON.stringify(v));

export const uniqueByKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'array',
  errors: true,
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['key'],
    properties: { key: { type: 'array', minItems: 1, maxItems: 5, items: { ...dataRefSchema, pattern: '^/' } } },
  },
  compile(o: { key: string[] }) {
    const refs = o.key.map((k) => ({ fromRoot: false, segments: parsePointer(k) }));
    return makeCheck((_ctx, data, cxt) => {
      if (!Array.isArray(data)) return [];
      const seen = new Map<string, number>();
      const errors = [];
      const base = cxt?.instancePath ?? '';
      for (let i = 0; i < data.length; i++) {
        const parts = refs.map((r) => resolveRef(r, data[i], undefined).value);
        if (parts.every((p) => p === undefined)) continue;
        const key = JSON.stringify(parts.map(norm));
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, i);
          continue;
        }
        const shown = parts.filter((p) => p !== undefined).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' / ');
        errors.push(keywordError(KEYWORD, joinPointer(base, [String(i), ...refs[0]!.segments]), { code: 'DUPLICATE_ROW', params: { row: i + 1, first: first + 1, key: shown.length > 80 ? `${shown.slice(0, 80)}…` : shown } }, parts[0]));
        if (errors.length >= 50) break;
      }
      return errors;
    });
  },
};
