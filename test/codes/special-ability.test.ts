import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildSpecialAbilityCertificateNumber,
  formatSpecialAbilityCertificateNumber,
  isSpecialAbilityAssessmentCentre,
  KNOWN_SPECIAL_ABILITY_AREA_CODES,
  parseSpecialAbilityCertificateNumber,
  parseSpecialAbilityInstitutionCode,
  specialAbilityCounterKey,
  validateSpecialAbilityCertificateNumber,
} from '../../src/codes/special-ability.js';

describe('专项职业能力考核机构编码 (§8.7, R-SA-1)', () => {
  it('16015000 (郑州市 鉴定中心, the seed example) is valid and is the centre', () => {
    expect(parseSpecialAbilityInstitutionCode('16015000')).toEqual({ ok: true, value: { areaCode: '1601', seq: '000', normalized: '16015000' } });
    expect(isSpecialAbilityAssessmentCentre('16015000')).toBe(true);
    expect(isSpecialAbilityAssessmentCentre('16015001')).toBe(false);
  });
  it.each(['16016001', '1601500', '160150001', '16015xxx', 'A6015000'])('%s is SA_INSTITUTION_CODE', (s) => {
    expect(parseSpecialAbilityInstitutionCode(s)).toMatchObject({ ok: false, code: 'SA_INSTITUTION_CODE' });
  });
  it('area codes can be restricted by configuration', () => {
    expect(parseSpecialAbilityInstitutionCode('16015001', { areaCodes: KNOWN_SPECIAL_ABILITY_AREA_CODES }).ok).toBe(true);
    expect(parseSpecialAbilityInstitutionCode('16025001', { areaCodes: KNOWN_SPECIAL_ABILITY_AREA_CODES })).toEqual({
      ok: false,
      code: 'SA_AREA_CODE',
      params: { value: '1602' },
    });
  });
});

describe('专项职业能力证书编码 (§8.8, R-SA-2)', () => {
  it('parses YY + institution + serial', () => {
    expect(parseSpecialAbilityCertificateNumber('211601500100001')).toEqual({
      ok: true,
      value: { year: '21', institutionCode: '16015001', serial: 1, normalized: '211601500100001' },
    });
    expect(specialAbilityCounterKey('211601500100001')).toBe('2116015001');
  });
  it('failures', () => {
    expect(validateSpecialAbilityCertificateNumber('21160150010001')).toMatchObject([{ code: 'SA_FORMAT' }]);
    expect(validateSpecialAbilityCertificateNumber('211601600100001')).toMatchObject([
      { code: 'SA_INSTITUTION_CODE', params: { value: '16016001' } },
    ]);
    expect(validateSpecialAbilityCertificateNumber('211601500100000')).toMatchObject([{ code: 'SA_SERIAL_ZERO' }]);
    expect(
      validateSpecialAbilityCertificateNumber('211601500100001', { issueDate: '2022-01-01', institutionCode: '16015002' }),
    ).toEqual([
      { ok: false, code: 'SA_YEAR_MISMATCH', params: { expected: '22', actual: '21' } },
      { ok: false, code: 'SA_INSTITUTION_MISMATCH', params: { expected: '16015002', actual: '16015001' } },
    ]);
    expect(validateSpecialAbilityCertificateNumber('211602500100001', { areaCodes: ['1601'] })).toMatchObject([{ code: 'SA_AREA_CODE' }]);
  });
  it('build refuses serial > 99999 and serial 0', () => {
    const base = { institutionCode: '16015001', issueDate: '2021-04-01' };
    expect(buildSpecialAbilityCertificateNumber({ ...base, serial: 99_999 })).toEqual({ ok: true, value: '211601500199999' });
    expect(buildSpecialAbilityCertificateNumber({ ...base, serial: 100_000 })).toEqual({
      ok: false,
      code: 'SA_SERIAL_EXHAUSTED',
      params: { serial: 100_000, max: 99_999 },
    });
    expect(buildSpecialAbilityCertificateNumber({ ...base, serial: 0 })).toMatchObject({ code: 'SA_SERIAL_ZERO' });
    expect(buildSpecialAbilityCertificateNumber({ ...base, institutionCode: '1601500', serial: 1 })).toMatchObject({
      code: 'SA_INSTITUTION_CODE',
    });
    expect(() => buildSpecialAbilityCertificateNumber({ ...base, serial: -3 })).toThrow(RangeError);
  });
  it('format → parse round trip', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.stringMatching(/^\d{2}$/),
          institutionCode: fc.stringMatching(/^\d{4}5\d{3}$/),
          serial: fc.integer({ min: 1, max: 99_999 }),
        }),
        (parts) => {
          const s = formatSpecialAbilityCertificateNumber(parts);
          expect(s).toMatch(/^\d{2}\d{4}5\d{3}\d{5}$/);
          const r = parseSpecialAbilityCertificateNumber(s);
          expect(r).toEqual({ ok: true, value: { ...parts, normalized: s } });
          expect(validateSpecialAbilityCertificateNumber(s, { issueDate: `20${parts.year}-12-31` })).toEqual([]);
        },
      ),
    );
  });
});
