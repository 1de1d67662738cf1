/**
 * `x-not-licensed-occupation` (object or string): R-OCC-2, no 准入类 occupation in a scope of
 * 职业技能等级认定 (人社部公告 2021-11-23 《国家职业资格目录(2021年版)》 二、技能人员职业资格, catalogue §9.13;
 * data schemas/reference/national-qualification-catalogue-2021-skills.json).
 *
 * Applies to an Occupation object ({code?, name, job?}, schemas/common/occupation.schema.json) or to a
 * bare 职业名称 string. Options:
 *   true                          准入类 only (national rule)
 *   { "includePending": true }    also the 水平评价类 occupations 拟依法调整为准入类 (Henan, 豫职鉴〔2021〕1号
 *                                 三(一), S003:4565)
 * Errors (src/codes/reference.ts checkNotLicensedOccupation): OCCUPATION_LICENSED {occupation, department}
 * or OCCUPATION_PENDING_LICENSED, at `<object>/name` when the 职业名称 alone is on the list, else at
 * `<object>/job` (the 工种/职业方向 made it licensed, e.g. 社会体育指导员 / 潜水); at the string itself for a
 * string. Matching is exact after NFKC and whitespace removal (a general 焊工 is not 准入类; only
 * 核安全设备 welders are).
 */
import type { FuncKeywordDefinition } from 'ajv/dist/2020.js';
import { checkNotLicensedOccupation } from '../../codes/reference.js';
import { joinPointer, keywordError, makeCheck } from './support.js';

const KEYWORD = 'x-not-licensed-occupation';

type Options = true | { readonly includePending?: boolean };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const licensedOccupationKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  // No `type`: strictTypes would then demand a sibling `type` wherever the keyword sits next to a $ref.
  // The check itself ignores anything that is neither an object nor a string.
  errors: true,
  metaSchema: {
    anyOf: [
      { const: true },
      { type: 'object', additionalProperties: false, properties: { includePending: { type: 'boolean' } } },
    ],
  },
  compile(o: Options) {
    const opts = { includePending: o !== true && o.includePending === true };
    return makeCheck((_ctx, data, cxt) => {
      const base = cxt?.instancePath ?? '';
      if (typeof data === 'string') {
        const f = checkNotLicensedOccupation(data, opts);
        return f === undefined ? [] : [keywordError(KEYWORD, base, f, data)];
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
      const rec = data as Record<string, unknown>;
      const name = Object.hasOwn(rec, 'name') ? str(rec.name) : undefined;
      const job = Object.hasOwn(rec, 'job') ? str(rec.job) : undefined;
      const occ = { ...(name !== undefined ? { name } : {}), ...(job !== undefined ? { job } : {}) };
      const f = checkNotLicensedOccupation(occ, opts);
      if (f === undefined) return [];
      const byName = name !== undefined && checkNotLicensedOccupation(name, opts) !== undefined;
      const field = byName || job === undefined ? 'name' : 'job';
      return [keywordError(KEYWORD, joinPointer(base, [field]), f, field === 'name' ? name : job)];
    });
  },
};
