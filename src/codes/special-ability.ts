/**
 * 河南省 专项职业能力 codes, 豫人社办函〔2020〕41号.
 *
 *   考核机构编码 (二(四), S003:4846), catalogue §8.7, R-SA-1: 8 digits `^\d{4}5\d{3}$` — 4-digit area code
 *     of the LEGACY 职业技能鉴定机构 numbering (`1601` 郑州; not GB/T 2260, not the 2020 city table),
 *     fixed `5` (专项职业能力), 3-digit local sequence. Sequence `000` is the city 鉴定中心 itself
 *     (`16015000` in the seed); institutions use 001–999 (inferred).
 *   证书编码 (四(一), S003:4868), catalogue §8.8, R-SA-2: 15 digits — YY + the 8-digit institution code +
 *     5-digit serial 00001–99999 (`顺排`). No level digit: 专项 has no levels (R-SA-4).
 *
 * Counter key (inferred, §8.8): (institution code, year) = the first 10 digits.
 */
import { fail, ok, type CodeFailure, type CodeResult } from '../errors/issue.js';
import { isIsoDate, yearCode, yearMismatch } from './dates.js';

export interface SpecialAbilityInstitutionCode {
  /** Positions 1–4: legacy area code, e.g. `1601` 郑州. */
  readonly areaCode: string;
  /** Positions 6–8. `000` = the area's 鉴定中心. */
  readonly seq: string;
  readonly normalized: string;
}

export interface SpecialAbilityCertificateParts {
  /** Positions 1–2. */
  readonly year: string;
  /** Positions 3–10. */
  readonly institutionCode: string;
  /** Positions 11–15 as a number. */
  readonly serial: number;
}

/** Area codes present in the seeds; others come from configuration (catalogue §16 item 10). */
export const KNOWN_SPECIAL_ABILITY_AREA_CODES: readonly string[] = ['1601'];
export const MAX_SPECIAL_ABILITY_SERIAL = 99_999;

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * Parses an 8-digit 考核机构编码. Failure: SA_INSTITUTION_CODE {value}.
 * With `areaCodes`, the area must be one of them (SA_AREA_CODE {value}).
 */
export const parseSpecialAbilityInstitutionCode = (
  s: string,
  opts: { readonly areaCodes?: readonly string[] } = {},
): CodeResult<SpecialAbilityInstitutionCode> => {
  const n = norm(s);
  if (!/^\d{4}5\d{3}$/.test(n)) return fail('SA_INSTITUTION_CODE', { value: s });
  const areaCode = n.slice(0, 4);
  if (opts.areaCodes !== undefined && !opts.areaCodes.includes(areaCode)) return fail('SA_AREA_CODE', { value: areaCode });
  return ok({ areaCode, seq: n.slice(5, 8), normalized: n });
};

/** True for the area 鉴定中心's own code (sequence 000), e.g. `16015000`. */
export const isSpecialAbilityAssessmentCentre = (code: string): boolean => /^\d{4}5000$/.test(norm(code));

/**
 * Parses a 15-digit 专项职业能力证书编码. Failures: SA_FORMAT {value} (not 15 digits),
 * SA_INSTITUTION_CODE {value} (positions 3–10 are not an institution code: position 7 ≠ 5).
 */
export const parseSpecialAbilityCertificateNumber = (
  s: string,
): CodeResult<SpecialAbilityCertificateParts & { readonly normalized: string }> => {
  const n = norm(s);
  if (!/^\d{15}$/.test(n)) return fail('SA_FORMAT', { value: s });
  const institutionCode = n.slice(2, 10);
  if (!/^\d{4}5\d{3}$/.test(institutionCode)) return fail('SA_INSTITUTION_CODE', { value: institutionCode });
  return ok({ year: n.slice(0, 2), institutionCode, serial: Number(n.slice(10, 15)), normalized: n });
};

/** Formats parts (no spaces). Throws RangeError on malformed parts. */
export const formatSpecialAbilityCertificateNumber = (p: SpecialAbilityCertificateParts): string => {
  if (!/^\d{2}$/.test(p.year)) throw new RangeError('formatSpecialAbilityCertificateNumber: year must be 2 digits');
  if (!/^\d{4}5\d{3}$/.test(p.institutionCode)) throw new RangeError('formatSpecialAbilityCertificateNumber: bad institution code');
  if (!Number.isInteger(p.serial) || p.serial < 0 || p.serial > MAX_SPECIAL_ABILITY_SERIAL) {
    throw new RangeError('formatSpecialAbilityCertificateNumber: serial must be 0–99999');
  }
  return `${p.year}${p.institutionCode}${String(p.serial).padStart(5, '0')}`;
};

/**
 * Every failure of a certificate number in context ([] = valid): the structural failure alone, else
 * SA_AREA_CODE (with `areaCodes`), SA_SERIAL_ZERO, SA_YEAR_MISMATCH {expected, actual},
 * SA_INSTITUTION_MISMATCH {expected, actual}. A malformed issueDate is skipped.
 */
export const validateSpecialAbilityCertificateNumber = (
  s: string,
  ctx: { readonly issueDate?: string; readonly institutionCode?: string; readonly areaCodes?: readonly string[] } = {},
): CodeFailure[] => {
  const r = parseSpecialAbilityCertificateNumber(s);
  if (!r.ok) return [r];
  const p = r.value;
  const out: CodeFailure[] = [];
  const area = p.institutionCode.slice(0, 4);
  if (ctx.areaCodes !== undefined && !ctx.areaCodes.includes(area)) out.push(fail('SA_AREA_CODE', { value: area }));
  if (p.serial === 0) out.push(fail('SA_SERIAL_ZERO', {}));
  const wrongYear = yearMismatch(ctx.issueDate, p.year);
  if (wrongYear) out.push(fail('SA_YEAR_MISMATCH', wrongYear));
  if (ctx.institutionCode !== undefined) {
    const want = norm(ctx.institutionCode);
    if (want !== p.institutionCode) out.push(fail('SA_INSTITUTION_MISMATCH', { expected: want, actual: p.institutionCode }));
  }
  return out;
};

/** Counter key (institution code, year): the first 10 digits. Throws RangeError on a malformed number. */
export const specialAbilityCounterKey = (s: string): string => {
  const r = parseSpecialAbilityCertificateNumber(s);
  if (!r.ok) throw new RangeError(`specialAbilityCounterKey: not a 专项 certificate number (${r.code}): ${s}`);
  return r.value.normalized.slice(0, 10);
};

/**
 * Builds and validates a certificate number. Failures: SA_INSTITUTION_CODE / SA_AREA_CODE for the
 * institution code, SA_SERIAL_ZERO, SA_SERIAL_EXHAUSTED {serial, max} above 99999. Throws RangeError
 * for a negative/non-integer serial or an issueDate that is not a real YYYY-MM-DD date.
 */
export const buildSpecialAbilityCertificateNumber = (
  input: { readonly institutionCode: string; readonly issueDate: string; readonly serial: number },
  opts: { readonly areaCodes?: readonly string[] } = {},
): CodeResult<string> => {
  const { serial, issueDate } = input;
  if (!Number.isInteger(serial) || serial < 0) throw new RangeError(`buildSpecialAbilityCertificateNumber: bad serial ${serial}`);
  if (!isIsoDate(issueDate)) throw new RangeError(`buildSpecialAbilityCertificateNumber: bad issueDate ${issueDate}`);
  const inst = parseSpecialAbilityInstitutionCode(input.institutionCode, opts);
  if (!inst.ok) return inst;
  if (serial === 0) return fail('SA_SERIAL_ZERO', {});
  if (serial > MAX_SPECIAL_ABILITY_SERIAL) return fail('SA_SERIAL_EXHAUSTED', { serial, max: MAX_SPECIAL_ABILITY_SERIAL });
  return ok(formatSpecialAbilityCertificateNumber({ year: yearCode(issueDate), institutionCode: inst.value.normalized, serial }));
};
