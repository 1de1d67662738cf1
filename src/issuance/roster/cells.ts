/**
 * Cell normalisation for roster import. A raw cell is what a reader produced (text, a number, a
 * Date from an Excel date cell, a boolean); every parser here returns either a normalised value or a
 * failure code (with params) for the cell. Text is trimmed (including U+3000 and no-break spaces);
 * NFKC is applied only where it is safe — codes, ID numbers, dates, levels — never to names.
 */
import { isCalendarDate, skillLevelFromText, type SkillLevelCode } from '../../codes/index.js';

export type RawCell = string | number | boolean | Date | null | undefined;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: string; readonly params?: Record<string, string | number> };

const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number): string => `${y}-${pad2(m)}-${pad2(d)}`;

/** The text of a cell, trimmed; '' for empty. Dates become YYYY-MM-DD. */
export function cellText(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoOf(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.replace(EDGE_SPACE, '');
}

export const isBlank = (v: RawCell): boolean => cellText(v) === '';

/** Code-like text: NFKC, every whitespace removed, upper case. */
export const codeText = (v: RawCell): string => cellText(v).normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/**
 * ID number: NFKC, no whitespace, upper-case X. An 18-digit number typed into a number cell has lost
 * its last digits in Excel (doubles hold 15–16 significant digits): ROSTER_ID_PRECISION_LOST.
 */
export function parseIdNumber(v: RawCell): Parsed<string> {
  if (typeof v === 'number' && (!Number.isSafeInteger(v) || v < 0)) {
    return { ok: false, code: 'ROSTER_ID_PRECISION_LOST', params: { value: v.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 }) } };
  }
  return { ok: true, value: codeText(v) };
}

// Excel's day 0 is 1899-12-30 (the 1900 leap-year bug is absorbed for serials ≥ 61).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MIN_SERIAL = 1;
const MAX_SERIAL = 2_958_465; // 9999-12-31

const DATE_TEXT: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A calendar date → YYYY-MM-DD. Accepts an Excel date cell (Date), an Excel serial number, and text
 * YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY年M月D日, YYYYMMDD (NFKC first, so full-width digits work).
 * A time part after a space (`2021-06-30 00:00:00`) is ignored. Failure: ROSTER_DATE_FORMAT.
 */
export function parseDateCell(v: RawCell): Parsed<string> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { ok: false, code: 'ROSTER_DATE_FORMAT', params: { value: '' } };
    return { ok: true, value: cellText(v) };
  }
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= MIN_SERIAL && v <= MAX_SERIAL) {
      const d = new Date(EXCEL_EPOCH_MS + v * 86_400_000);
      return { ok: true, value: isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) };
    }
    return { ok: false, code: 'ROSTER_DATE_FORMAT', params: { value: String(v) } };
  }
  const raw = cellText(v);
  const t = raw.normalize('NFKC').replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '').replace(/\s+/g, '');
  for (const re of DATE_TEXT) {
    const m = re.exec(t);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isCalendarDate(y, mo, d)) return { ok: true, value: isoOf(y, mo, d) };
    break;
  }
  return { ok: false, code: 'ROSTER_DATE_FORMAT', params: { value: raw } };
}

/**
 * A skill level → 1–5. Accepts 1–5 (number or text), 一级…五级, 高级技师…初级工, 五级/初级工,
 * 初级工（五级） and 五级（初级工） (both parts must agree). Failure: ROSTER_LEVEL_FORMAT.
 */
export function parseLevelCell(v: RawCell): Parsed<SkillLevelCode> {
  const raw = cellText(v);
  const direct = skillLevelFromText(raw);
  if (direct !== undefined) return { ok: true, value: direct };
  const m = /^(.+?)[(（](.+)[)）]$/.exec(raw.normalize('NFKC').replace(/\s+/g, ''));
  if (m) {
    const a = skillLevelFromText(m[1]!);
    const b = skillLevelFromText(m[2]!);
    if (a !== undefined && a === b) return { ok: true, value: a };
  }
  return { ok: false, code: 'ROSTER_LEVEL_FORMAT', params: { value: raw } };
}

/**
 * 从事本职业（工种）时间 (catalogue §16.11, decided: either). A date (any form parseDateCell accepts)
 * → YYYY-MM-DD, the start of the work; otherwise a duration in years: `6`, `6.5`, `6年`, `6年3个月`,
 * `8个月` → kept as written (NFKC, no spaces). Failure: ROSTER_OCCUPATION_SINCE_FORMAT.
 */
export function parseOccupationSince(v: RawCell): Parsed<string> {
  if (v instanceof Date) return parseDateCell(v);
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= 0 && v <= 80) return { ok: true, value: String(v) };
    const d = parseDateCell(v);
    if (d.ok && v > 3000) return d; // an Excel date serial in a General-formatted cell
    return { ok: false, code: 'ROSTER_OCCUPATION_SINCE_FORMAT', params: { value: String(v) } };
  }
  const raw = cellText(v);
  const t = raw.normalize('NFKC').replace(/\s+/g, '');
  if (/^\d{1,2}(\.\d{1,2})?年?$/.test(t) || /^\d{1,2}年\d{1,2}个?月$/.test(t) || /^\d{1,3}个?月$/.test(t)) return { ok: true, value: t };
  const d = parseDateCell(raw);
  if (d.ok) return d;
  return { ok: false, code: 'ROSTER_OCCUPATION_SINCE_FORMAT', params: { value: raw } };
}

/** 性别: 男/女 (男性/女性 accepted); anything else is passed on for the schema's ENUM error. */
export const genderText = (v: RawCell): string => {
  const t = cellText(v).normalize('NFKC').replace(/\s+/g, '');
  return t === '男性' ? '男' : t === '女性' ? '女' : t;
};

/** 证件类型: empty → 居民身份证 (a 身份证号 column without a type means a resident ID); 身份证 → 居民身份证. */
export const idTypeText = (v: RawCell): string => {
  const t = cellText(v).normalize('NFKC').replace(/\s+/g, '');
  return t === '' || t === '身份证' || t === '居民身份证号码' ? '居民身份证' : t;
};

/** 是否本企业职工: 是/否. */
export function parseYesNo(v: RawCell): Parsed<boolean> {
  const t = cellText(v).normalize('NFKC').replace(/\s+/g, '');
  if (t === '是') return { ok: true, value: true };
  if (t === '否') return { ok: true, value: false };
  return { ok: false, code: 'ROSTER_EMPLOYEE_FLAG', params: { value: cellText(v) } };
}
