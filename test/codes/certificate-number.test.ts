import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildCertificateNumber,
  certificateCounterKey,
  formatCertificateNumber,
  groupCertificateNumber,
  institutionCodeOf,
  parseCertificateNumber,
  parseInstitutionCode,
  profileForProvince,
  validateCertificateNumber,
  validateInstitutionCode,
  type CertificateNumberParts,
  type CertificateProfile,
} from '../../src/codes/certificate-number.js';
import {
  certificateProvinceCodes,
  henanCityCodes,
  liaoningCityCodes,
  liaoningInstitutionCategoryCodes,
} from '../../src/codes/reference.js';
import type { SkillLevelCode } from '../../src/codes/skill-level.js';

/** 辽人社〔2020〕22号 附件8 (37 central-SOE branches) and 附件9 (21 local pilots), S002:597-902. */
const LIAONING_FILING_NUMBERS = `
Y001121011001 Y000221011004 Y000821011016 Y000321011017 Y000421011019 Y001321011027 Y001021011028
Y001421011029 Y001521011030 Y001521011031 Y001521011033 Y001521011034 Y001521011036 Y000221021005
Y000221021006 Y000121021009 Y000721021023 Y000921021026 Y000921021035 Y000121041013 Y001121041018
Y000121071011 Y001121071037 Y000121081015 Y000421081020 Y000421081022 Y001121101002 Y000121101007
Y001121131003 Y000121131008 Y000121131010 Y000121131012 Y000121141014 Y000421141021 Y000921141024
Y000521141025 Y000421141032 Y000021012001 Y000021013002 Y000021013003 Y000021023004 Y000021021005
Y000021023006 Y000021023007 Y000021023008 Y000021023009 Y000021021010 Y000021031011 Y000021043012
Y000021041013 Y000021052014 Y000021071015 Y000021083016 Y000021083017 Y000021092018 Y000021103019
Y000021112020 Y000021141021`
  .trim()
  .split(/\s+/);

describe('seed examples (catalogue §8.1–8.4)', () => {
  it.each([
    ['Y000123XXXXXX195000001', 'national', '8-13'],
    ['S000123XXXXXX195000001', 'national', '8-13'],
    ['Y000011XXXXXX195000001', 'national', '8-13'],
    ['S000011XXXXXX195000001', 'national', '8-13'],
    ['Y 0001 41 00 XXXX 19 5 000001', 'henan', '10-13'],
    ['S 0001 41 00 XXXX 19 5 000001', 'henan', '10-13'],
    ['Y 0000 41 00 XXXX 19 5 000001', 'henan', '10-13'],
    ['S 0000 41 00 XXXX 19 5 000001', 'henan', '10-13'],
    ['Y 0000 41 12 XXXX 19 5 000001', 'henan', '10-13'],
  ] as const)('%s is CERTNO_PLACEHOLDER', (s, profile, positions) => {
    const r = validateCertificateNumber(s, { profile });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ code: 'CERTNO_PLACEHOLDER', params: { positions } });
  });

  it('the same shapes with digits in place of X are valid', () => {
    expect(validateCertificateNumber('Y000123000001195000001', { profile: 'national', issueDate: '2019-05-01', level: 5 })).toEqual([]);
    expect(validateCertificateNumber('Y 0000 41 12 0001 19 5 000001', { profile: 'henan', institutionType: 'enterprise' })).toEqual([]);
  });

  it('all 58 published Liaoning 机构备案号 are valid institution codes (附件8/9)', () => {
    expect(LIAONING_FILING_NUMBERS).toHaveLength(58);
    expect(new Set(LIAONING_FILING_NUMBERS).size).toBe(58);
    for (const c of LIAONING_FILING_NUMBERS) {
      expect(validateInstitutionCode(c, 'liaoning'), c).toEqual([]);
      expect(validateInstitutionCode(c, 'liaoning', { institutionType: 'enterprise' }), c).toEqual([]);
      expect(c).toMatch(/^[YS]\d{4}21(0[1-9]|1[0-4])[1-6]\d{3}$/);
    }
  });

  it('the constructed Liaoning example Y001121011001205000001 is valid', () => {
    const s = 'Y001121011001205000001';
    expect(
      validateCertificateNumber(s, { profile: 'liaoning', issueDate: '2020-07-01', level: 5, institutionCode: 'Y001121011001' }),
    ).toEqual([]);
    expect(parseCertificateNumber(s, 'liaoning')).toEqual({
      ok: true,
      value: {
        profile: 'liaoning',
        category: 'Y',
        route: '0011',
        province: '21',
        siteSeq: '011001',
        city: '01',
        categoryDigit: '1',
        seq3: '001',
        year: '20',
        level: 5,
        serial: 1,
        normalized: s,
      },
    });
    expect(institutionCodeOf(s)).toBe('Y001121011001');
    expect(certificateCounterKey(s)).toBe('Y001121011001205');
  });

  it('Liaoning category 1 with route 0000 is allowed (Y000021021005 通用技术集团大连机床)', () => {
    expect(validateCertificateNumber('Y000021021005205000001', { profile: 'liaoning' })).toEqual([]);
  });
});

describe('structural failures', () => {
  it.each([
    ['Y00012300000119500000', 'CERTNO_FORMAT'], // 21 characters
    ['Y0001230000011950000011', 'CERTNO_FORMAT'],
    ['Y000123000001190000001', 'CERTNO_FORMAT'], // level 0
    ['Y000123000001196000001', 'CERTNO_FORMAT'], // level 6
    ['R000123000001195000001', 'CERTNO_CATEGORY'],
    ['Y0001230000011950000O1', 'CERTNO_FORMAT'],
  ])('%s → %s', (s, code) => {
    expect(validateCertificateNumber(s, { profile: 'national' })).toMatchObject([{ code }]);
  });

  it('lowercase and full-width input is normalised', () => {
    expect(validateCertificateNumber('ｙ000123000001195000001', { profile: 'national' })).toEqual([]);
  });
});

describe('semantic checks', () => {
  it('province 00 or unknown is CERTNO_PROVINCE; 66 is fine', () => {
    expect(validateCertificateNumber('Y000100000001195000001', { profile: 'national' })).toMatchObject([
      { code: 'CERTNO_PROVINCE', params: { value: '00' } },
    ]);
    expect(validateCertificateNumber('Y000199000001195000001', { profile: 'national' })).toMatchObject([{ code: 'CERTNO_PROVINCE' }]);
    expect(validateCertificateNumber('Y000166000001195000001', { profile: 'national' })).toEqual([]);
  });

  it('serial 000000 is CERTNO_SERIAL_ZERO', () => {
    expect(validateCertificateNumber('Y000123000001195000000', { profile: 'national' })).toMatchObject([{ code: 'CERTNO_SERIAL_ZERO' }]);
  });

  it('year and level must agree with the issue date and the certificate level (R-CN-1, R-LVL-4)', () => {
    expect(
      validateCertificateNumber('Y000123000001195000001', { profile: 'national', issueDate: '2020-01-02', level: 3 }),
    ).toEqual([
      { ok: false, code: 'CERTNO_YEAR_MISMATCH', params: { expected: '20', actual: '19' } },
      { ok: false, code: 'CERTNO_LEVEL_MISMATCH', params: { expected: 3, actual: 5 } },
    ]);
    // A malformed context value is skipped (its own field reports it).
    expect(validateCertificateNumber('Y000123000001195000001', { profile: 'national', issueDate: '2020-13-01', level: 9 })).toEqual([]);
  });

  it('positions 1–13 must equal the institution code (R-CN-3, R-CN-5)', () => {
    expect(
      validateCertificateNumber('Y001121011001205000001', { profile: 'liaoning', institutionCode: 'Y 0011 21 011002' }),
    ).toEqual([{ ok: false, code: 'CERTNO_PREFIX_MISMATCH', params: { expected: 'Y001121011002', actual: 'Y001121011001' } }]);
  });

  it('category must fit the institution type', () => {
    expect(validateCertificateNumber('S000123000001195000001', { profile: 'national', institutionType: 'enterprise' })).toMatchObject([
      { code: 'CERTNO_CATEGORY', params: { value: 'S', expected: 'Y' } },
    ]);
    expect(
      validateCertificateNumber('Y000123000001195000001', { profile: 'national', institutionType: 'social-training' }),
    ).toMatchObject([{ code: 'CERTNO_CATEGORY', params: { expected: 'S' } }]);
  });

  it('profile province: henan needs 41, liaoning needs 21 (sub-part checks then skipped)', () => {
    expect(validateCertificateNumber('Y000111990001195000001', { profile: 'henan' })).toEqual([
      { ok: false, code: 'CERTNO_PROFILE_PROVINCE', params: { profile: 'henan', profileZh: '河南省', expected: '41', actual: '11' } },
    ]);
    expect(validateCertificateNumber('Y001141011001205000001', { profile: 'liaoning' })).toMatchObject([
      { code: 'CERTNO_PROFILE_PROVINCE', params: { expected: '21', actual: '41' } },
    ]);
    expect(profileForProvince('41')).toBe('henan');
    expect(profileForProvince('21')).toBe('liaoning');
    expect(profileForProvince('23')).toBe('national');
  });

  it('Liaoning city 01–14 and category 1–6', () => {
    expect(validateInstitutionCode('Y000021151001', 'liaoning')).toMatchObject([{ code: 'CERTNO_LIAONING_CITY', params: { value: '15' } }]);
    expect(validateInstitutionCode('Y000021001001', 'liaoning')).toMatchObject([{ code: 'CERTNO_LIAONING_CITY', params: { value: '00' } }]);
    expect(validateInstitutionCode('Y000021017001', 'liaoning')).toMatchObject([
      { code: 'CERTNO_LIAONING_CATEGORY', params: { value: '7' } },
    ]);
    expect(validateInstitutionCode('Y000021010001', 'liaoning')).toMatchObject([{ code: 'CERTNO_LIAONING_CATEGORY' }]);
  });
});

describe('Henan (§8.2, 豫职鉴〔2021〕1号 position 10)', () => {
  it('city code must be in §9.2 (00–28)', () => {
    expect(validateInstitutionCode('Y000041280001', 'henan')).toEqual([]);
    expect(validateInstitutionCode('Y000041290001', 'henan')).toMatchObject([{ code: 'CERTNO_HENAN_CITY', params: { value: '29' } }]);
  });

  it.each(['0', '1', '5', '8'])('enterprise Y with position 10 = %s is valid', (d) => {
    expect(validateInstitutionCode(`Y00004112${d}001`, 'henan', { institutionType: 'enterprise' })).toEqual([]);
  });

  it('enterprise Y with position 10 = 9 is CERTNO_HENAN_POS10', () => {
    expect(validateInstitutionCode('Y000041129001', 'henan', { institutionType: 'enterprise' })).toEqual([
      { ok: false, code: 'CERTNO_HENAN_POS10', params: { value: '9', expected: '0–8' } },
    ]);
    expect(validateCertificateNumber('Y000041129001215000001', { profile: 'henan', institutionType: 'enterprise' })).toMatchObject([
      { code: 'CERTNO_HENAN_POS10' },
    ]);
  });

  it('技工院校认定中心 must be Y with position 10 = 9', () => {
    expect(validateInstitutionCode('Y000041009001', 'henan', { institutionType: 'technical-school' })).toEqual([]);
    expect(validateInstitutionCode('Y000041000001', 'henan', { institutionType: 'technical-school' })).toEqual([
      { ok: false, code: 'CERTNO_HENAN_POS10', params: { value: '0', expected: '9' } },
    ]);
    expect(validateInstitutionCode('S000041009001', 'henan', { institutionType: 'technical-school' })).toMatchObject([
      { code: 'CERTNO_CATEGORY', params: { expected: 'Y' } },
    ]);
  });

  it('S-type (social training) and unknown types have no position-10 constraint', () => {
    expect(validateInstitutionCode('S000041009001', 'henan', { institutionType: 'social-training' })).toEqual([]);
    expect(validateInstitutionCode('Y000041009001', 'henan')).toEqual([]);
    expect(validateInstitutionCode('Y000041009001', 'henan', { institutionType: 'college' })).toEqual([]);
  });

  it('the position-10 rule is a Henan rule only', () => {
    expect(validateInstitutionCode('Y000023009001', 'national', { institutionType: 'enterprise' })).toEqual([]);
  });

  it('grouped printing as in the seed', () => {
    expect(groupCertificateNumber('Y000041120001195000001', 'henan')).toBe('Y 0000 41 12 0001 19 5 000001');
    expect(groupCertificateNumber('Y000123000001195000001', 'national')).toBe('Y 0001 23 000001 19 5 000001');
    expect(groupCertificateNumber('garbage', 'national')).toBe('garbage');
  });
});

describe('institution codes (13 characters)', () => {
  it('format and placeholder', () => {
    expect(validateInstitutionCode('Y00002101200', 'liaoning')).toMatchObject([{ code: 'INSTCODE_FORMAT' }]);
    expect(validateInstitutionCode('Y0000410XXXXX', 'henan')).toMatchObject([{ code: 'CERTNO_PLACEHOLDER', params: { positions: '9-13' } }]);
    expect(validateInstitutionCode('H000021012001', 'liaoning')).toMatchObject([{ code: 'CERTNO_CATEGORY' }]);
  });
  it('parses the Henan sub-parts', () => {
    expect(parseInstitutionCode('Y 0000 41 12 0001', 'henan')).toEqual({
      ok: true,
      value: { profile: 'henan', category: 'Y', route: '0000', province: '41', siteSeq: '120001', city: '12', seq4: '0001', normalized: 'Y000041120001' },
    });
  });
});

describe('buildCertificateNumber', () => {
  const base = { institutionCode: 'Y000021012001', issueDate: '2020-08-31', level: 3 as const };
  it('builds and validates', () => {
    expect(buildCertificateNumber({ ...base, serial: 42 }, 'liaoning')).toEqual({ ok: true, value: 'Y000021012001203000042' });
    expect(buildCertificateNumber({ ...base, serial: 999_999 }, 'liaoning')).toEqual({ ok: true, value: 'Y000021012001203999999' });
  });
  it('refuses serial > 999999 loudly (R-CN-4)', () => {
    expect(buildCertificateNumber({ ...base, serial: 1_000_000 }, 'liaoning')).toEqual({
      ok: false,
      code: 'CERTNO_SERIAL_EXHAUSTED',
      params: { serial: 1_000_000, max: 999_999 },
    });
  });
  it('refuses serial 0 and bad institution codes', () => {
    expect(buildCertificateNumber({ ...base, serial: 0 }, 'liaoning')).toMatchObject({ code: 'CERTNO_SERIAL_ZERO' });
    expect(buildCertificateNumber({ ...base, institutionCode: 'Y000021152001', serial: 1 }, 'liaoning')).toMatchObject({
      code: 'CERTNO_LIAONING_CITY',
    });
    expect(buildCertificateNumber({ ...base, institutionCode: 'Y000041129001', serial: 1 }, 'henan', { institutionType: 'enterprise' })).toMatchObject({
      code: 'CERTNO_HENAN_POS10',
    });
    expect(buildCertificateNumber({ ...base, institutionCode: 'Y000123XXXXXX', serial: 1 }, 'national')).toMatchObject({
      code: 'CERTNO_PLACEHOLDER',
    });
  });
  it('throws on programming errors', () => {
    expect(() => buildCertificateNumber({ ...base, serial: -1 }, 'liaoning')).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...base, serial: 1.5 }, 'liaoning')).toThrow(RangeError);
    expect(() => buildCertificateNumber({ ...base, issueDate: '2020-02-30', serial: 1 }, 'liaoning')).toThrow(RangeError);
    expect(() => certificateCounterKey('Y000123XXXXXX195000001')).toThrow(RangeError);
  });
});

// ── round trip for every profile, arbitraries drawn from the tables ──────────────────────
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const suffix = fc.record({
  year: digits(2),
  level: fc.constantFrom<SkillLevelCode>(1, 2, 3, 4, 5),
  serial: fc.integer({ min: 1, max: 999_999 }),
});
const category = fc.constantFrom<'Y' | 'S'>('Y', 'S');

const nationalParts: fc.Arbitrary<CertificateNumberParts> = fc
  .record({ category, route: digits(4), province: fc.constantFrom(...certificateProvinceCodes()), siteSeq: digits(6), s: suffix })
  .map(({ s, ...p }) => ({ profile: 'national' as const, ...p, ...s }));
const henanParts: fc.Arbitrary<CertificateNumberParts> = fc
  .record({ category, route: digits(4), city: fc.constantFrom(...henanCityCodes()), seq4: digits(4), s: suffix })
  .map(({ s, city, seq4, ...p }) => ({ profile: 'henan' as const, ...p, province: '41', siteSeq: city + seq4, city, seq4, ...s }));
const liaoningParts: fc.Arbitrary<CertificateNumberParts> = fc
  .record({
    category,
    route: digits(4),
    city: fc.constantFrom(...liaoningCityCodes()),
    categoryDigit: fc.constantFrom(...liaoningInstitutionCategoryCodes()),
    seq3: digits(3),
    s: suffix,
  })
  .map(({ s, city, categoryDigit, seq3, ...p }) => ({
    profile: 'liaoning' as const,
    ...p,
    province: '21',
    siteSeq: city + categoryDigit + seq3,
    city,
    categoryDigit,
    seq3,
    ...s,
  }));

describe('format → parse round trip', () => {
  it.each([
    ['national', nationalParts],
    ['henan', henanParts],
    ['liaoning', liaoningParts],
  ] as const)('%s', (profile: CertificateProfile, arb) => {
    fc.assert(
      fc.property(arb, fc.boolean(), (parts, grouped) => {
        const s = formatCertificateNumber(parts, { grouped });
        expect(s.includes(' ')).toBe(grouped);
        const r = parseCertificateNumber(s, profile);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const { normalized, ...back } = r.value;
        expect(back).toEqual(parts);
        expect(normalized).toBe(formatCertificateNumber(parts));
        expect(normalized).toHaveLength(22);
        expect(validateCertificateNumber(s, { profile, issueDate: `20${parts.year}-01-01`, level: parts.level })).toEqual([]);
        expect(certificateCounterKey(s)).toBe(normalized.slice(0, 16));
      }),
    );
  });

  it('formatter refuses inconsistent parts', () => {
    expect(() =>
      formatCertificateNumber({
        profile: 'henan', category: 'Y', route: '0000', province: '41', siteSeq: '120001', city: '13', seq4: '0001',
        year: '21', level: 5, serial: 1,
      }),
    ).toThrow(RangeError);
  });
});
