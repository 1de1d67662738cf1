/**
 * 职业技能等级证书编号 (22 characters: `[YS]` + 21 digits), one engine with three provincial profiles.
 *
 *   national  人社鉴发〔2019〕2号 附件1《职业技能等级证书编码规则（试行）》        catalogue §8.1, R-CN-1
 *   henan     豫职鉴〔2020〕2号 附件1, amended by 豫职鉴〔2021〕1号 (position 10)   catalogue §8.2, R-CN-2
 *   liaoning  辽人社〔2020〕22号 附件5《职业技能等级证书编码规则》                  catalogue §8.3–8.4, R-CN-3
 *
 * Positions (1-based): 1 category Y/S · 2–5 route (评价机构代码 / 备案途径代码; 0000 = filed first with
 * the province, or in Henan the province or city) · 6–7 province (§9.1, never 00) · 8–13 site sequence
 * (national: 6 digits; henan: city 8–9 (§9.2) + seq 10–13; liaoning: city 8–9 (§9.3) + category 10
 * (§9.4) + seq 11–13) · 14–15 YY of 发证日期 · 16 level 1–5 (R-LVL-4) · 17–22 serial 000001–999999.
 * Positions 1–13 are the institution code (机构代码 / 机构备案号, §8.4, R-CN-5); positions 1–16 are
 * the serial counter key (R-CN-4).
 *
 * Stored values never contain spaces. `formatCertificateNumber(…, { grouped: true })` prints the
 * spaced form of the Henan examples (`Y 0001 41 00 XXXX 19 5 000001`); parsing accepts either.
 */
import { fail, ok, type CodeFailure, type CodeResult } from '../errors/issue.js';
import { isIsoDate, yearCode, yearMismatch } from './dates.js';
import { henanCity, isCertificateProvince, liaoningCity, liaoningInstitutionCategory } from './reference.js';
import { isSkillLevelCode, type SkillLevelCode } from './skill-level.js';

export type CertificateProfile = 'national' | 'henan' | 'liaoning';
export const CERTIFICATE_PROFILES: readonly CertificateProfile[] = ['national', 'henan', 'liaoning'];

/** Position 1. Y 用人单位 (Liaoning: 企业用人单位); S 社会培训评价组织 (Liaoning: 第三方评价机构). */
export type InstitutionCategory = 'Y' | 'S';

/**
 * What kind of institution holds the code; drives the category (Y/S) and Henan position-10 checks.
 * `technical-school` is a 技工院校（技师学院）职业技能等级认定中心 evaluating its own students (Y, Henan
 * position 10 = 9); a 技工院校 evaluating the public is filed as `social-training` (S).
 * `college` (院校类 centres, 2022) and `other` carry no position-10 rule (catalogue §16 item 8).
 */
export type InstitutionType = 'enterprise' | 'technical-school' | 'social-training' | 'college' | 'other';

interface InstitutionCodeBase {
  readonly category: InstitutionCategory;
  /** Positions 2–5. */
  readonly route: string;
  /** Positions 6–7. */
  readonly province: string;
  /** Positions 8–13, always 6 characters (the concatenation of the profile sub-parts). */
  readonly siteSeq: string;
}
export interface NationalInstitutionCode extends InstitutionCodeBase {
  readonly profile: 'national';
}
export interface HenanInstitutionCode extends InstitutionCodeBase {
  readonly profile: 'henan';
  /** Positions 8–9, §9.2 (00 省直 … 28 新蔡县). */
  readonly city: string;
  /** Positions 10–13. */
  readonly seq4: string;
}
export interface LiaoningInstitutionCode extends InstitutionCodeBase {
  readonly profile: 'liaoning';
  /** Positions 8–9, §9.3 (01 沈阳市 … 14 葫芦岛市). */
  readonly city: string;
  /** Position 10, §9.4 (1 央企辽宁分公司 … 6 其他). */
  readonly categoryDigit: string;
  /** Positions 11–13, in order of filing. */
  readonly seq3: string;
}
export type InstitutionCodeParts = NationalInstitutionCode | HenanInstitutionCode | LiaoningInstitutionCode;

export interface CertificateSuffix {
  /** Positions 14–15, two digits. */
  readonly year: string;
  /** Position 16. */
  readonly level: SkillLevelCode;
  /** Positions 17–22 as a number (0 only when parsing an invalid number). */
  readonly serial: number;
}
export type CertificateNumberParts = InstitutionCodeParts & CertificateSuffix;

export interface InstitutionContext {
  readonly institutionType?: InstitutionType;
}

export interface CertificateNumberContext extends InstitutionContext {
  readonly profile: CertificateProfile;
  /** 发证日期, YYYY-MM-DD; positions 14–15 must equal its YY. Ignored if not a real date. */
  readonly issueDate?: string;
  /** The certificate's level; position 16 must equal it. Ignored if not 1–5. */
  readonly level?: number;
  /** The issuing institution's 13-character code; positions 1–13 must equal it (R-CN-3, R-CN-5). */
  readonly institutionCode?: string;
}

export const MAX_CERTIFICATE_SERIAL = 999_999;

const PROFILE_PROVINCE: Readonly<Record<CertificateProfile, string | undefined>> = {
  national: undefined,
  henan: '41',
  liaoning: '21',
};

const PROFILE_ZH: Readonly<Record<CertificateProfile, string>> = { national: '全国', henan: '河南省', liaoning: '辽宁省' };

/** The profile whose rules apply to a number with these positions 6–7. */
export const profileForProvince = (province: string): CertificateProfile =>
  province === '41' ? 'henan' : province === '21' ? 'liaoning' : 'national';

/** NFKC, drop every whitespace character (grouped input), uppercase. */
export const normalizeCertificateNumber = (s: string): string =>
  s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** 1-based positions of placeholder characters, compressed to ranges: "8-13", "8-13, 17". */
const placeholderPositions = (n: string): string => {
  const ranges: string[] = [];
  let start = -1;
  for (let i = 0; i <= n.length; i++) {
    const isX = i < n.length && i > 0 && (n[i] === 'X' || n[i] === '×');
    if (isX && start < 0) start = i;
    if (!isX && start >= 0) {
      ranges.push(start === i - 1 ? `${start + 1}` : `${start + 1}-${i}`);
      start = -1;
    }
  }
  return ranges.join(', ');
};

const splitInstitution = (n13: string, profile: CertificateProfile): InstitutionCodeParts => {
  const base = {
    category: n13[0] as InstitutionCategory,
    route: n13.slice(1, 5),
    province: n13.slice(5, 7),
    siteSeq: n13.slice(7, 13),
  };
  switch (profile) {
    case 'national':
      return { profile, ...base };
    case 'henan':
      return { profile, ...base, city: n13.slice(7, 9), seq4: n13.slice(9, 13) };
    case 'liaoning':
      return { profile, ...base, city: n13.slice(7, 9), categoryDigit: n13.slice(9, 10), seq3: n13.slice(10, 13) };
  }
};

/**
 * Structural parse of a 13-character institution code (positions 1–13 of a certificate number).
 * Failures: INSTCODE_FORMAT {value}, CERTNO_PLACEHOLDER {positions} (an `X` placeholder as in the
 * seed examples), CERTNO_CATEGORY {value, expected} (a letter other than Y/S).
 */
export const parseInstitutionCode = (
  s: string,
  profile: CertificateProfile,
): CodeResult<InstitutionCodeParts & { readonly normalized: string }> => {
  const n = normalizeCertificateNumber(s);
  if (!/^[A-Z]\d{12}$/.test(n)) {
    if (/^[A-Z][\dX×]{12}$/.test(n)) return fail('CERTNO_PLACEHOLDER', { positions: placeholderPositions(n), value: n });
    return fail('INSTCODE_FORMAT', { value: s });
  }
  if (n[0] !== 'Y' && n[0] !== 'S') return fail('CERTNO_CATEGORY', { value: n[0]!, expected: 'Y/S' });
  return ok({ ...splitInstitution(n, profile), normalized: n });
};

/**
 * Structural parse of a 22-character certificate number (spaces allowed and removed).
 * Failures: CERTNO_FORMAT {value}, CERTNO_PLACEHOLDER {positions}, CERTNO_CATEGORY {value, expected}.
 * Level 0/6–9 and serial 000000 are reported by validateCertificateNumber: a digit outside 1–5 in
 * position 16 fails here as CERTNO_FORMAT because it cannot be typed as a level.
 */
export const parseCertificateNumber = (
  s: string,
  profile: CertificateProfile,
): CodeResult<CertificateNumberParts & { readonly normalized: string }> => {
  const n = normalizeCertificateNumber(s);
  if (!/^[A-Z]\d{21}$/.test(n)) {
    if (/^[A-Z][\dX×]{21}$/.test(n)) return fail('CERTNO_PLACEHOLDER', { positions: placeholderPositions(n), value: n });
    return fail('CERTNO_FORMAT', { value: s });
  }
  if (n[0] !== 'Y' && n[0] !== 'S') return fail('CERTNO_CATEGORY', { value: n[0]!, expected: 'Y/S' });
  const level = Number(n[15]);
  if (!isSkillLevelCode(level)) return fail('CERTNO_FORMAT', { value: s });
  return ok({
    ...splitInstitution(n.slice(0, 13), profile),
    year: n.slice(13, 15),
    level,
    serial: Number(n.slice(16, 22)),
    normalized: n,
  });
};

const expectedCategory = (t: InstitutionType | undefined): InstitutionCategory | undefined =>
  t === 'enterprise' || t === 'technical-school' ? 'Y' : t === 'social-training' ? 'S' : undefined;

/** Semantic checks on positions 1–13 (shared by institution codes and certificate numbers). */
const checkInstitution = (p: InstitutionCodeParts, ctx: InstitutionContext): CodeFailure[] => {
  const out: CodeFailure[] = [];
  const wantCategory = expectedCategory(ctx.institutionType);
  if (wantCategory !== undefined && p.category !== wantCategory) {
    out.push(fail('CERTNO_CATEGORY', { value: p.category, expected: wantCategory }));
  }
  if (!isCertificateProvince(p.province)) out.push(fail('CERTNO_PROVINCE', { value: p.province }));
  const wantProvince = PROFILE_PROVINCE[p.profile];
  if (wantProvince !== undefined && p.province !== wantProvince) {
    // Positions 8–13 have the profile's meaning only inside its province: skip the sub-part checks.
    out.push(
      fail('CERTNO_PROFILE_PROVINCE', {
        profile: p.profile,
        profileZh: PROFILE_ZH[p.profile],
        expected: wantProvince,
        actual: p.province,
      }),
    );
    return out;
  }
  if (p.profile === 'henan') {
    if (henanCity(p.city) === undefined) out.push(fail('CERTNO_HENAN_CITY', { value: p.city }));
    const pos10 = p.seq4[0]!;
    // 豫职鉴〔2021〕1号: enterprises 0–8; 技工院校认定中心 (Y) exactly 9. S-type: no constraint.
    if (ctx.institutionType === 'enterprise' && p.category === 'Y' && pos10 === '9') {
      out.push(fail('CERTNO_HENAN_POS10', { value: pos10, expected: '0–8' }));
    }
    if (ctx.institutionType === 'technical-school' && p.category === 'Y' && pos10 !== '9') {
      out.push(fail('CERTNO_HENAN_POS10', { value: pos10, expected: '9' }));
    }
  }
  if (p.profile === 'liaoning') {
    if (liaoningCity(p.city) === undefined) out.push(fail('CERTNO_LIAONING_CITY', { value: p.city }));
    if (liaoningInstitutionCategory(p.categoryDigit) === undefined) {
      out.push(fail('CERTNO_LIAONING_CATEGORY', { value: p.categoryDigit }));
    }
    // Category 1 with route 0000 occurs in the published data (§8.3): no route rule.
  }
  return out;
};

/**
 * Every failure of a bare 13-character institution code under `profile` ([] = valid).
 * Liaoning: `^[YS]\d{4}21(0[1-9]|1[0-4])[1-6]\d{3}$` (§8.4). Henan: positions 8–9 in §9.2 and the
 * position-10 rule when `institutionType` is given. National: province in §9.1.
 */
export const validateInstitutionCode = (
  s: string,
  profile: CertificateProfile,
  ctx: InstitutionContext = {},
): CodeFailure[] => {
  const r = parseInstitutionCode(s, profile);
  return r.ok ? checkInstitution(r.value, ctx) : [r];
};

/**
 * Every failure of a certificate number in context ([] = valid): the structural failure alone if it
 * does not parse, else CERTNO_CATEGORY, CERTNO_PROVINCE, CERTNO_PROFILE_PROVINCE, CERTNO_HENAN_CITY,
 * CERTNO_HENAN_POS10, CERTNO_LIAONING_CITY, CERTNO_LIAONING_CATEGORY, CERTNO_SERIAL_ZERO,
 * CERTNO_YEAR_MISMATCH, CERTNO_LEVEL_MISMATCH, CERTNO_PREFIX_MISMATCH, in that order.
 * Context values that are themselves malformed (issueDate not a real date, level not 1–5) are skipped:
 * their own fields report them.
 */
export const validateCertificateNumber = (s: string, ctx: CertificateNumberContext): CodeFailure[] => {
  const r = parseCertificateNumber(s, ctx.profile);
  if (!r.ok) return [r];
  const p = r.value;
  const out = checkInstitution(p, ctx);
  if (p.serial === 0) out.push(fail('CERTNO_SERIAL_ZERO', {}));
  const wrongYear = yearMismatch(ctx.issueDate, p.year);
  if (wrongYear) out.push(fail('CERTNO_YEAR_MISMATCH', wrongYear));
  if (isSkillLevelCode(ctx.level) && ctx.level !== p.level) {
    out.push(fail('CERTNO_LEVEL_MISMATCH', { expected: ctx.level, actual: p.level }));
  }
  if (ctx.institutionCode !== undefined) {
    const want = normalizeCertificateNumber(ctx.institutionCode);
    const have = p.normalized.slice(0, 13);
    if (want !== have) out.push(fail('CERTNO_PREFIX_MISMATCH', { expected: want, actual: have }));
  }
  return out;
};

const assertShape = (cond: boolean, what: string): void => {
  if (!cond) throw new RangeError(`formatCertificateNumber: ${what}`);
};

/** The 13-character institution code of parts; throws RangeError if the parts are malformed. */
export const formatInstitutionCode = (p: InstitutionCodeParts, opts: { grouped?: boolean } = {}): string =>
  institutionGroups(p).join(opts.grouped === true ? ' ' : '');

const institutionGroups = (p: InstitutionCodeParts): string[] => {
  assertShape(p.category === 'Y' || p.category === 'S', 'category must be Y or S');
  assertShape(/^\d{4}$/.test(p.route), 'route must be 4 digits');
  assertShape(/^\d{2}$/.test(p.province), 'province must be 2 digits');
  assertShape(/^\d{6}$/.test(p.siteSeq), 'siteSeq must be 6 digits');
  const head = [p.category, p.route, p.province];
  switch (p.profile) {
    case 'national':
      return [...head, p.siteSeq];
    case 'henan':
      assertShape(p.city + p.seq4 === p.siteSeq, 'henan city + seq4 must equal siteSeq');
      return [...head, p.city, p.seq4];
    case 'liaoning':
      assertShape(p.city + p.categoryDigit + p.seq3 === p.siteSeq, 'liaoning city + categoryDigit + seq3 must equal siteSeq');
      // The Liaoning rule names positions 8–13 as one 序列码: grouped as one block.
      return [...head, p.siteSeq];
  }
};

/**
 * Formats parts as a certificate number. `grouped` puts a space between the parts as in the Henan
 * examples (`Y 0001 41 00 0001 19 5 000001`; national and Liaoning group 8–13 as one block).
 * Stored values must use the ungrouped form. Throws RangeError on malformed parts (this is a
 * formatter, not a validator: use buildCertificateNumber to validate as well).
 */
export const formatCertificateNumber = (p: CertificateNumberParts, opts: { grouped?: boolean } = {}): string => {
  assertShape(/^\d{2}$/.test(p.year), 'year must be 2 digits');
  assertShape(isSkillLevelCode(p.level), 'level must be 1–5');
  assertShape(Number.isInteger(p.serial) && p.serial >= 0 && p.serial <= MAX_CERTIFICATE_SERIAL, 'serial must be 0–999999');
  const groups = [...institutionGroups(p), p.year, String(p.level), String(p.serial).padStart(6, '0')];
  return groups.join(opts.grouped === true ? ' ' : '');
};

/**
 * Display helper: the grouped form of a stored number under `profile`. Never throws; input that does
 * not parse is returned unchanged (the validator reports it).
 */
export const groupCertificateNumber = (s: string, profile: CertificateProfile): string => {
  const r = parseCertificateNumber(s, profile);
  return r.ok ? formatCertificateNumber(r.value, { grouped: true }) : s;
};

const structural = (s: string, fn: string): string => {
  const r = parseCertificateNumber(s, 'national');
  if (!r.ok) throw new RangeError(`${fn}: not a certificate number (${r.code}): ${s}`);
  return r.value.normalized;
};

/**
 * R-CN-4 counter key: positions 1–16 (institution code + year + level). Throws RangeError if `s` is
 * not structurally a certificate number (a counter key of a malformed number is a bug).
 */
export const certificateCounterKey = (s: string): string => structural(s, 'certificateCounterKey').slice(0, 16);

/** Positions 1–13: the institution code (机构代码 / 机构备案号, R-CN-5). Throws RangeError like certificateCounterKey. */
export const institutionCodeOf = (s: string): string => structural(s, 'institutionCodeOf').slice(0, 13);

export interface BuildCertificateNumberInput {
  /** 13 characters (spaces allowed). */
  readonly institutionCode: string;
  /** 发证日期, YYYY-MM-DD. */
  readonly issueDate: string;
  readonly level: SkillLevelCode;
  /** 1–999999, allocated by the caller's counter for certificateCounterKey. */
  readonly serial: number;
}

/**
 * Builds and validates a certificate number (ungrouped, the stored form). Failures: those of
 * validateInstitutionCode (first one), CERTNO_SERIAL_ZERO for serial 0 and CERTNO_SERIAL_EXHAUSTED
 * {serial, max} above 999999 (R-CN-4: fail loudly, never wrap). Throws RangeError for programming
 * errors: a negative or non-integer serial, an issueDate that is not a real YYYY-MM-DD date, or a
 * level outside 1–5.
 */
export const buildCertificateNumber = (
  input: BuildCertificateNumberInput,
  profile: CertificateProfile,
  ctx: InstitutionContext = {},
): CodeResult<string> => {
  const { serial, issueDate, level } = input;
  if (!Number.isInteger(serial) || serial < 0) throw new RangeError(`buildCertificateNumber: bad serial ${serial}`);
  if (!isIsoDate(issueDate)) throw new RangeError(`buildCertificateNumber: bad issueDate ${issueDate}`);
  if (!isSkillLevelCode(level)) throw new RangeError(`buildCertificateNumber: bad level ${String(level)}`);
  if (serial === 0) return fail('CERTNO_SERIAL_ZERO', {});
  if (serial > MAX_CERTIFICATE_SERIAL) return fail('CERTNO_SERIAL_EXHAUSTED', { serial, max: MAX_CERTIFICATE_SERIAL });
  const inst = parseInstitutionCode(input.institutionCode, profile);
  if (!inst.ok) return inst;
  const problems = checkInstitution(inst.value, ctx);
  if (problems.length > 0) return problems[0]!;
  return ok(formatCertificateNumber({ ...inst.value, year: yearCode(issueDate), level, serial }));
};
