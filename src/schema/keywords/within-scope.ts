/**
 * `x-within-scope` (object): a certificate's occupation, 工种 and level lie inside the institution's
 * filed scope, when the scope is supplied (catalogue §13 R-CERT-7 “应与人力资源社会保障部门备案公布的信息
 * 一致”; R-OCC-3: an occupation filed with 工种 needs one).
 *
 * Options: { "scope": "#/institution/filedScope", "occupation": "/occupation", "level": "/level" }
 *   scope       an array of OccupationScopeEntry ({occupation: {code?, name, job?}, levels: "5、4、3"})
 *   occupation  an Occupation object ({code?, name, job?})
 *   level       a level code 1–5
 * Entries match the occupation by code when both carry one, else by name. Errors:
 *   OCCUPATION_OUT_OF_SCOPE at occupation/name · JOB_REQUIRED / JOB_OUT_OF_SCOPE at occupation/job ·
 *   LEVEL_OUT_OF_SCOPE at the level. A missing or empty scope is not checked.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { parseLevelList } from '../../codes/index.js';
import { dataRefSchema, joinPointer, keywordError, makeCheck, parseDataRef, resolveRef } from './support.js';

const KEYWORD = 'x-within-scope';

interface Options { readonly scope: string; readonly occupation: string; readonly level: string }
interface Occ { code?: unknown; name?: unknown; job?: unknown }

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export const withinScopeKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  type: 'object',
  errors: true,
  metaSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['scope', 'occupation', 'level'],
    properties: { scope: dataRefSchema, occupation: dataRefSchema, level: dataRefSchema },
  },
  compile(o: Options) {
    const scopeRef = parseDataRef(o.scope);
    const occRef = parseDataRef(o.occupation);
    const levelRef = parseDataRef(o.level);
    return makeCheck((_ctx, data, cxt) => {
      const scope = resolveRef(scopeRef, data, cxt).value;
      if (!Array.isArray(scope) || scope.length === 0) return [];
      const occ = resolveRef(occRef, data, cxt);
      if (typeof occ.value !== 'object' || occ.value === null) return [];
      const want = occ.value as Occ;
      const code = str(want.code), name = str(want.name), job = str(want.job);
      const entries = scope
        .map((e) => (typeof e === 'object' && e !== null ? (e as { occupation?: Occ; levels?: unknown }) : {}))
        .filter((e) => {
          const c = str(e.occupation?.code);
          return code && c ? c === code : str(e.occupation?.name) === name;
        });
      const label = name || code;
      if (entries.length === 0)
        return [keywordError(KEYWORD, joinPointer(occ.pointer, ['name']), { code: 'OCCUPATION_OUT_OF_SCOPE', params: { occupation: label } }, name)];
      const jobs = [...new Set(entries.map((e) => str(e.occupation?.job)).filter(Boolean))];
      let matching = entries;
      if (jobs.length > 0) {
        if (!job) return [keywordError(KEYWORD, joinPointer(occ.pointer, ['job']), { code: 'JOB_REQUIRED', params: { occupation: label, jobs: jobs.join('、') } })];
        matching = entries.filter((e) => str(e.occupation?.job) === job);
        if (matching.length === 0)
          return [keywordError(KEYWORD, joinPointer(occ.pointer, ['job']), { code: 'JOB_OUT_OF_SCOPE', params: { occupation: label, job } }, job)];
      }
      const level = resolveRef(levelRef, data, cxt);
      if (typeof level.value !== 'number') return [];
      const filed = new Set<number>();
      let unspecified = false;
      for (const e of matching) {
        if (typeof e.levels !== 'string') { unspecified = true; continue; }
        const r = parseLevelList(e.levels);
        if (r.ok) for (const l of r.value) filed.add(l);
      }
      if (unspecified || filed.has(level.value)) return [];
      const levels = [...filed].sort((a, b) => b - a).join('、');
      return [keywordError(KEYWORD, level.pointer, { code: 'LEVEL_OUT_OF_SCOPE', params: { level: level.value, occupation: label, levels } }, level.value)];
    });
  },
};
