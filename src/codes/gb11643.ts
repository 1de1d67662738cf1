/**
 * 公民身份号码 (citizen identity number), GB 11643-1999, 18 characters.
 *
 * Structure: positions 1–6 地址码 (GB/T 2260), 7–14 出生日期码 YYYYMMDD (GB/T 7408),
 * 15–17 顺序码 (odd = male, even = female), 18 校验码 (ISO 7064:1983 MOD 11-2).
 * Algorithm and test vectors: reliability-anchors.md §7.1. Catalogue rule R-ID-1 (§13);
 * the seeds only name the fields (证件号码, 性别, 出生日期), the standard is external.
 *
 * Region check: the first two digits must be a GB/T 2260 province-level prefix
 * (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82). This is deliberately NOT the
 * certificate province table of catalogue §9.1, which also has 66 (新疆生产建设兵团).
 * 港澳台居民居住证 numbers (region 810000/820000/830000) are accepted only with
 * `{ document: 'hmt-residence-permit' }`.
 */
import { fail, ok, type CodeFailure, type CodeResult } from '../errors/issue.js';
import { isCalendarDate, isIsoDate } from './dates.js';

export type Sex = 'male' | 'female';

export interface CitizenId {
  /** Trimmed, NFKC-normalised, uppercase X: the form to store. */
  readonly normalized: string;
  /** Positions 1–6. */
  readonly regionCode: string;
  /** Positions 7–14 as YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: Sex;
}

export interface CitizenIdOptions {
  /** Reference day for the "not in the future" check, YYYY-MM-DD. Default: today in China (UTC+8). */
  readonly today?: string;
  /**
   * Which document the number belongs to. `resident-id` (居民身份证, default): GB/T 2260 province
   * prefixes. `hmt-residence-permit` (港澳台居民居住证): region must be 810000, 820000 or 830000.
   */
  readonly document?: 'resident-id' | 'hmt-residence-permit';
}

/** ISO 7064 MOD 11-2 weights 2^(18-i) mod 11 for i = 1..17. */
export const GB11643_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** GB/T 2260 province-level prefixes (first two digits of 地址码). */
export const GBT2260_PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);
const HMT_PERMIT_REGIONS: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

/** Trim, NFKC (full-width digits and Ｘ become ASCII), uppercase x. Internal spaces are kept (and rejected). */
export const normalizeCitizenId = (s: string): string => s.normalize('NFKC').trim().toUpperCase();

/** The check character for a 17-digit body. Throws RangeError if `body17` is not 17 ASCII digits. */
export const citizenIdCheckChar = (body17: string): string => {
  if (!/^\d{17}$/.test(body17)) throw new RangeError('citizenIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * GB11643_WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

/** Today's date in China (UTC+8) as YYYY-MM-DD. The only clock read in src/codes. */
export const todayInChina = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Validates a 公民身份号码. Checks, in order: length 18 (ID_LENGTH), `^\d{17}[\dX]$` (ID_CHARSET),
 * check character (ID_CHECKSUM), region prefix (ID_REGION), birth date is a real date (ID_BIRTHDATE),
 * birth date not after `today` (ID_BIRTHDATE_FUTURE). Returns the first failure.
 * Old birth years (1880 in the standard's 附录A) are accepted; an implausible age is the caller's
 * warning to raise, against the document's own date.
 */
export const validateCitizenId = (s: string, opts: CitizenIdOptions = {}): CodeResult<CitizenId> => {
  const n = normalizeCitizenId(s);
  const length = [...n].length;
  if (length !== 18) return fail('ID_LENGTH', { length, expected: 18 });
  for (let i = 0; i < 18; i++) {
    const c = n[i]!;
    const okChar = i < 17 ? c >= '0' && c <= '9' : (c >= '0' && c <= '9') || c === 'X';
    if (!okChar) return fail('ID_CHARSET', { char: c, position: i + 1 });
  }
  const expected = citizenIdCheckChar(n.slice(0, 17));
  const actual = n[17]!;
  if (expected !== actual) return fail('ID_CHECKSUM', { expected, actual });

  const regionCode = n.slice(0, 6);
  if (opts.document === 'hmt-residence-permit') {
    if (!HMT_PERMIT_REGIONS.has(regionCode)) return fail('ID_REGION', { value: regionCode });
  } else if (!GBT2260_PROVINCE_PREFIXES.has(n.slice(0, 2))) {
    return fail('ID_REGION', { value: regionCode });
  }

  const raw = n.slice(6, 14);
  const y = Number(raw.slice(0, 4));
  const m = Number(raw.slice(4, 6));
  const d = Number(raw.slice(6, 8));
  if (!isCalendarDate(y, m, d)) return fail('ID_BIRTHDATE', { value: raw });
  const birthDate = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;

  const today = opts.today ?? todayInChina();
  if (!isIsoDate(today)) throw new RangeError(`validateCitizenId: opts.today must be YYYY-MM-DD, got ${today}`);
  if (birthDate > today) return fail('ID_BIRTHDATE_FUTURE', { value: birthDate, today });

  const sex: Sex = Number(n[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ normalized: n, regionCode, birthDate, sex });
};

const SEX_ZH: Record<Sex, string> = { male: '男', female: '女' };

const toSex = (v: string): Sex | undefined => {
  const t = v.trim().toLowerCase();
  if (t === 'male' || t === '男' || t === 'm') return 'male';
  if (t === 'female' || t === '女' || t === 'f') return 'female';
  return undefined;
};

/** Accepts YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD and YYYY年M月D日; returns YYYY-MM-DD or undefined. */
const toIsoDate = (v: string): string | undefined => {
  const t = v.normalize('NFKC').trim();
  const m = /^(\d{4})(?:[-/.年]?)(\d{1,2})(?:[-/.月]?)(\d{1,2})日?$/.exec(t);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!/^\d{8}$/.test(t) && !/[-/.年]/.test(t)) return undefined;
  if (!isCalendarDate(y, mo, d)) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * R-ID-1: the form's 性别 and 出生日期 must agree with the ID number. Returns every disagreement
 * (ID_SEX_MISMATCH, ID_BIRTHDATE_MISMATCH). Agreement is only checked on a number that passes
 * `validateCitizenId` (ignoring the future-date check); reporting an invalid number is
 * validateCitizenId's job, so an invalid number yields []. `sex` accepts male/female/男/女;
 * `birthDate` accepts YYYY-MM-DD, YYYYMMDD or YYYY年M月D日. A declared value that cannot be read
 * is compared verbatim and so reported as a mismatch.
 */
export const checkCitizenIdAgreement = (
  id: string,
  declared: { readonly birthDate?: string; readonly sex?: string },
  opts: Pick<CitizenIdOptions, 'document'> = {},
): CodeFailure[] => {
  const r = validateCitizenId(id, { today: '9999-12-31', ...opts });
  if (!r.ok) return [];
  const out: CodeFailure[] = [];
  if (declared.sex !== undefined && declared.sex.trim() !== '') {
    const s = toSex(declared.sex);
    if (s !== r.value.sex) {
      out.push(
        fail('ID_SEX_MISMATCH', {
          fromId: r.value.sex,
          declared: s ?? declared.sex,
          fromIdZh: SEX_ZH[r.value.sex],
          declaredZh: s !== undefined ? SEX_ZH[s] : declared.sex,
        }),
      );
    }
  }
  if (declared.birthDate !== undefined && declared.birthDate.trim() !== '') {
    const b = toIsoDate(declared.birthDate);
    if (b !== r.value.birthDate) {
      out.push(fail('ID_BIRTHDATE_MISMATCH', { fromId: r.value.birthDate, declared: b ?? declared.birthDate }));
    }
  }
  return out;
};
