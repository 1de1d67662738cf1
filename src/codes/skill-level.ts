/**
 * 职业技能等级代码 1–5 and its display forms.
 *
 * Sources: 人社鉴发〔2019〕2号 附件1 表5 (position 16 of the certificate number); 人社鉴发〔2021〕1号
 * 三(一) (certificate fill-in `中文数字+级/等级名称`, e.g. `一级/高级技师`); 豫职鉴〔2021〕1号 三(五)
 * (scope lists `5、4、3`). Catalogue §9.5, §12.2 I6, rules R-LVL-1 … R-LVL-4.
 * Data: schemas/reference/skill-levels.json (the Henan table's `三级 / 高级` is a known error, §12 E8).
 */
import { fail, ok, type CodeResult } from '../errors/issue.js';
import { skillLevel, type SkillLevelEntry } from './reference.js';

/** 1 = 一级/高级技师 (highest) … 5 = 五级/初级工. */
export type SkillLevelCode = 1 | 2 | 3 | 4 | 5;
export const SKILL_LEVEL_CODES: readonly SkillLevelCode[] = [1, 2, 3, 4, 5];

export const isSkillLevelCode = (v: unknown): v is SkillLevelCode =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;

const entry = (code: SkillLevelCode): SkillLevelEntry => {
  const e = isSkillLevelCode(code) ? skillLevel(code) : undefined;
  if (e === undefined) throw new RangeError(`not a skill level code (1–5): ${String(code)}`);
  return e;
};

/** `三级/高级工` (R-LVL-2, the certificate fill-in). */
export const certificateText = (code: SkillLevelCode): string => entry(code).certificateText;
/** `高级工（三级）` (order name used on forms and summary headers). */
export const formHeader = (code: SkillLevelCode): string => entry(code).formHeader;
/** `3` (scope lists). */
export const scopeDigit = (code: SkillLevelCode): string => entry(code).scopeDigit;
/** `Level 3 / Senior Worker` (project wording; the seeds give no English). */
export const english = (code: SkillLevelCode): string => entry(code).english;
/** `三级` */
export const jiName = (code: SkillLevelCode): string => entry(code).ji;
/** `高级工` */
export const levelName = (code: SkillLevelCode): string => entry(code).name;

/**
 * Reads a level written as certificate text (`三级/高级工`, spaces around `/` tolerated, full-width
 * slash tolerated), as a 级 name (`三级`), as an order name (`高级工`, `高级工（三级）`) or as a digit.
 * Returns undefined for anything else, including the Henan table's `三级 / 高级` (§12 E8).
 */
export const skillLevelFromText = (text: string): SkillLevelCode | undefined => {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  for (const code of SKILL_LEVEL_CODES) {
    const e = entry(code);
    if ([e.certificateText, e.ji, e.name, e.formHeader.normalize('NFKC'), e.scopeDigit].includes(t)) return code;
  }
  return undefined;
};

const LIST_SHAPE = /^[1-5](、[1-5])*$/;

/**
 * Parses a scope level list (R-LVL-3): Arabic digits 1–5 separated by `、`, e.g. `5、4、3` → [5, 4, 3].
 * The order is kept as written (the seeds always descend; the rule says "as in the latest standard").
 * Surrounding spaces are trimmed and full-width digits are normalised (NFKC); any other separator
 * (`3,4,5`, `3，4`, `3 4`) is LEVEL_LIST_FORMAT {value}; a repeated level is LEVEL_LIST_DUPLICATE {level}.
 */
export const parseLevelList = (s: string): CodeResult<SkillLevelCode[]> => {
  const t = s.normalize('NFKC').trim();
  if (!LIST_SHAPE.test(t)) return fail('LEVEL_LIST_FORMAT', { value: s });
  const levels = t.split('、').map(Number) as SkillLevelCode[];
  const seen = new Set<number>();
  for (const l of levels) {
    if (seen.has(l)) return fail('LEVEL_LIST_DUPLICATE', { level: l, value: s });
    seen.add(l);
  }
  return ok(levels);
};

/** [5, 4, 3] → `5、4、3`. Throws RangeError on an empty list, a non-level or a duplicate. */
export const formatLevelList = (levels: readonly SkillLevelCode[]): string => {
  if (levels.length === 0) throw new RangeError('formatLevelList: empty level list');
  if (new Set(levels).size !== levels.length) throw new RangeError('formatLevelList: duplicate level');
  return levels.map((l) => scopeDigit(l)).join('、');
};
