/**
 * `x-within-scope` (object): a certificate's occupation, 工种 and level lie inside the institution's
 * filed scope, when the scope is supplied (catalogue §13 R-CERT-7, R-OCC-3). The check itself is
 * src/codes/scope.ts checkScope, the same one roster import uses.
 *
 * Options: { "scope": "/institution/filedScope", "occupation": "/occupation", "level": "/level" }
 *   scope       an array of OccupationScopeEntry ({occupation: {code?, name, job?}, levels?: "5、4、3"})
 *   occupation  an Occupation object ({code?, name, job?})
 *   level       a level code 1–5
 * Errors: OCCUPATION_OUT_OF_SCOPE at occupation/code (matched by code) or occupation/name ·
 *   OCCUPATION_NAME_MISMATCH at occupation/name · JOB_REQUIRED / JOB_OUT_OF_SCOPE at occupation/job ·
 *   LEVEL_OUT_OF_SCOPE at the level. A missing or empty scope is not checked.
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { checkScope, parseLevelList, type ScopeEntry } from '../../codes/index.js';
import { dataRefSchema, joinPointer, keywordError, makeCheck, parseDataRef, resolveRef } from './support.js';

const KEYWORD = 'x-within-scope';

interface Options { readonly scope: string; readonly occupation: string; readonly level: string }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);

/** OccupationScopeEntry data → ScopeEntry (an unparsable level list is left to its own keyword: no limit here). */
const toScopeEntry = (e: unknown): ScopeEntry => {
  const occ = field(e, 'occupation');
  const code = str(field(occ, 'code')), job = str(field(occ, 'job')), levels = str(field(e, 'levels'));
  const parsed = levels === undefined ? undefined : parseLevelList(levels);
  return {
    ...(code !== undefined ? { occupationCode: code } : {}),
    occupationName: str(field(occ, 'name')) ?? '',
    ...(job !== undefined ? { job } : {}),
    levels: parsed?.ok ? parsed.value : [],
  };
};

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
      const code = str(field(occ.value, 'code')), name = str(field(occ.value, 'name')), job = str(field(occ.value, 'job'));
      const level = resolveRef(levelRef, data, cxt);
      const r = checkScope(scope.map(toScopeEntry), {
        ...(code !== undefined ? { occupationCode: code } : {}),
        ...(name !== undefined ? { occupationName: name } : {}),
        ...(job !== undefined ? { job } : {}),
        ...(typeof level.value === 'number' ? { level: level.value } : {}),
      });
      if (r.ok) return [];
      const at = (k: string) => joinPointer(occ.pointer, [k]);
      const label = name ?? code ?? '';
      switch (r.reason) {
        case 'occupation-unknown':
          return [keywordError(KEYWORD, at(r.by), { code: 'OCCUPATION_OUT_OF_SCOPE', params: { occupation: label } }, r.by === 'code' ? code : name)];
        case 'occupation-name-mismatch':
          return [keywordError(KEYWORD, at('name'), { code: 'OCCUPATION_NAME_MISMATCH', params: { occupation: label, expected: r.expected } }, name)];
        case 'job-required':
          return [keywordError(KEYWORD, at('job'), { code: 'JOB_REQUIRED', params: { occupation: r.occupation, jobs: r.jobs.join('、') } })];
        case 'job-out-of-scope':
          return [keywordError(KEYWORD, at('job'), { code: 'JOB_OUT_OF_SCOPE', params: { occupation: r.occupation, job: job ?? '' } }, job)];
        case 'level-out-of-scope':
          return [keywordError(KEYWORD, level.pointer, { code: 'LEVEL_OUT_OF_SCOPE', params: { level: String(level.value), occupation: r.occupation, levels: [...r.levels].sort((a, b) => b - a).join('、') } }, level.value)];
      }
    });
  },
};
