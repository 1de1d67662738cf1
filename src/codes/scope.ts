/**
 * The filed scope check (catalogue §13 R-CERT-7 “应与人力资源社会保障部门备案公布的信息一致”, R-OCC-3):
 * is (occupation, 工种, level) inside an institution's filed scope? One pure function used by the
 * certificate schemas (x-within-scope) and by roster import.
 *
 * Matching: an entry matches the occupation by 职业编码 when both carry one, else by 职业名称
 * (trimmed). Checks in order: the occupation is filed; its name is the filed one (when the code matched
 * and a name is given); a 工种 is given when the occupation is filed with 工种s, and it is one of them;
 * the level is filed for that 工种. An entry with no levels puts no limit on the level.
 */
import type { SkillLevelCode } from './skill-level.js';

export interface ScopeEntry {
  readonly occupationCode?: string;
  readonly occupationName: string;
  /** 工种/职业方向; absent when the occupation has none. */
  readonly job?: string;
  /** Level codes 1–5; empty = not specified. */
  readonly levels: readonly number[];
}

export interface ScopeQuery {
  readonly occupationCode?: string;
  readonly occupationName?: string;
  readonly job?: string;
  readonly level?: number;
}

/** Why a query is outside the scope; `ok` carries the matching entry. */
export type ScopeCheck =
  | { readonly ok: true; readonly entry: ScopeEntry }
  | { readonly ok: false; readonly reason: 'occupation-unknown'; readonly by: 'code' | 'name' }
  | { readonly ok: false; readonly reason: 'occupation-name-mismatch'; readonly expected: string }
  | { readonly ok: false; readonly reason: 'job-required'; readonly occupation: string; readonly jobs: readonly string[] }
  | { readonly ok: false; readonly reason: 'job-out-of-scope'; readonly occupation: string; readonly jobs: readonly string[] }
  | { readonly ok: false; readonly reason: 'level-out-of-scope'; readonly occupation: string; readonly levels: readonly SkillLevelCode[] | readonly number[] };

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const trimmed = (s: string | undefined): string => (s ?? '').trim();

/** The scope entries of one occupation: by code where both sides have one, else by name. */
export function scopeEntriesFor(scope: readonly ScopeEntry[], q: Pick<ScopeQuery, 'occupationCode' | 'occupationName'>): ScopeEntry[] {
  const code = trimmed(q.occupationCode), name = trimmed(q.occupationName);
  if (code === '' && name === '') return [];
  return scope.filter((e) => (code !== '' && !blank(e.occupationCode) ? trimmed(e.occupationCode) === code : name !== '' && trimmed(e.occupationName) === name));
}

/** Does the filed scope name 工种s for this occupation (so an empty 工种 is an error, R-OCC-3)? */
export const occupationHasJobs = (entries: readonly ScopeEntry[]): boolean => entries.some((e) => !blank(e.job));

export function checkScope(scope: readonly ScopeEntry[], q: ScopeQuery): ScopeCheck {
  const entries = scopeEntriesFor(scope, q);
  if (entries.length === 0) return { ok: false, reason: 'occupation-unknown', by: blank(q.occupationCode) ? 'name' : 'code' };
  const filedName = trimmed(entries[0]!.occupationName);
  if (!blank(q.occupationCode) && !blank(q.occupationName) && trimmed(q.occupationName) !== filedName) {
    return { ok: false, reason: 'occupation-name-mismatch', expected: filedName };
  }
  const jobs = [...new Set(entries.filter((e) => !blank(e.job)).map((e) => trimmed(e.job)))];
  let entry: ScopeEntry | undefined;
  if (blank(q.job)) {
    if (jobs.length > 0) return { ok: false, reason: 'job-required', occupation: filedName, jobs };
    entry = entries[0];
  } else {
    entry = entries.find((e) => trimmed(e.job) === trimmed(q.job));
    if (!entry) return { ok: false, reason: 'job-out-of-scope', occupation: filedName, jobs };
  }
  if (q.level !== undefined && entry!.levels.length > 0 && !entry!.levels.includes(q.level)) {
    return { ok: false, reason: 'level-out-of-scope', occupation: entry!.job ? `${filedName}（${trimmed(entry!.job)}）` : filedName, levels: entry!.levels };
  }
  return { ok: true, entry: entry! };
}
