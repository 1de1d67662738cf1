import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildSupervisorCardNumber,
  formatSupervisorCardNumber,
  internalIssuerCodeFor,
  parseSupervisorCardNumber,
  supervisorCardCounterKey,
  supervisorCardRegistryKey,
  validateSupervisorCardNumber,
  type SupervisorCardParts,
} from '../../src/codes/supervisor-card-number.js';
import { provinceTable } from '../../src/codes/reference.js';

describe('外督 (§8.5, R-SC-1)', () => {
  it('R41210001 (Henan, 2021, No. 1) is valid', () => {
    expect(parseSupervisorCardNumber('R41210001', 'external')).toEqual({
      ok: true,
      value: { variant: 'external', kind: 'R', issuer: '41', year: '21', serial: 1, normalized: 'R41210001' },
    });
    expect(
      validateSupervisorCardNumber('R41210001', { variant: 'external', issueDate: '2021-09-01', issuer: { kind: 'R', authorityCode: '41' } }),
    ).toEqual([]);
  });
  it('00 (人力资源社会保障部) and 66 are issuers; 99 is not', () => {
    expect(validateSupervisorCardNumber('R00210001', { variant: 'external' })).toEqual([]);
    expect(validateSupervisorCardNumber('R66210001', { variant: 'external' })).toEqual([]);
    expect(validateSupervisorCardNumber('R99210001', { variant: 'external' })).toEqual([
      { ok: false, code: 'SCARD_ISSUER', params: { value: '99' } },
    ]);
  });
  it('format, kind, serial, year and issuer failures', () => {
    expect(validateSupervisorCardNumber('R4121001', { variant: 'external' })).toMatchObject([{ code: 'SCARD_FORMAT' }]);
    expect(validateSupervisorCardNumber('Y41210001', { variant: 'external' })).toMatchObject([
      { code: 'SCARD_KIND', params: { value: 'Y', expected: 'R' } },
    ]);
    expect(validateSupervisorCardNumber('Y000001210001', { variant: 'external' })).toMatchObject([{ code: 'SCARD_KIND' }]);
    expect(validateSupervisorCardNumber('R41210000', { variant: 'external' })).toMatchObject([{ code: 'SCARD_SERIAL_ZERO' }]);
    expect(
      validateSupervisorCardNumber('R41210001', { variant: 'external', issueDate: '2022-01-01', issuer: { kind: 'R', authorityCode: '37' } }),
    ).toEqual([
      { ok: false, code: 'SCARD_YEAR_MISMATCH', params: { expected: '22', actual: '21' } },
      { ok: false, code: 'SCARD_ISSUER_MISMATCH', params: { expected: '37', actual: '41' } },
    ]);
  });
});

describe('内督 (§8.6, R-SC-2)', () => {
  it('internalIssuerCodeFor: ministry-filed → 00 + positions 2–5; province-filed → positions 8–13', () => {
    expect(internalIssuerCodeFor('Y001121011001')).toEqual({ ok: true, value: { kind: 'Y', issuer: '000011', filedWith: 'ministry' } });
    expect(internalIssuerCodeFor('Y000021012001')).toEqual({ ok: true, value: { kind: 'Y', issuer: '012001', filedWith: 'province' } });
    expect(internalIssuerCodeFor('S 0000 41 12 0001')).toEqual({ ok: true, value: { kind: 'S', issuer: '120001', filedWith: 'province' } });
    expect(internalIssuerCodeFor('Y0000210120')).toMatchObject({ code: 'INSTCODE_FORMAT' });
  });

  it('validates against the issuing institution', () => {
    const issuer = { kind: 'Y', institutionCode: 'Y000021012001' } as const;
    expect(validateSupervisorCardNumber('Y012001210007', { variant: 'internal', issueDate: '2021-10-10', issuer })).toEqual([]);
    expect(validateSupervisorCardNumber('Y012002210007', { variant: 'internal', issuer })).toEqual([
      { ok: false, code: 'SCARD_ISSUER_MISMATCH', params: { expected: '012001', actual: '012002' } },
    ]);
    expect(validateSupervisorCardNumber('S012001210007', { variant: 'internal', issuer })).toEqual([
      { ok: false, code: 'SCARD_KIND', params: { value: 'S', expected: 'Y' } },
    ]);
    expect(validateSupervisorCardNumber('H000123210001', { variant: 'internal', issuer: { kind: 'H', ministryAssignedCode: '000123' } })).toEqual([]);
  });

  it('kind and format failures', () => {
    expect(validateSupervisorCardNumber('R41210001', { variant: 'internal' })).toMatchObject([
      { code: 'SCARD_KIND', params: { value: 'R', expected: 'H/Y/S' } },
    ]);
    expect(validateSupervisorCardNumber('A000001210001', { variant: 'internal' })).toMatchObject([{ code: 'SCARD_KIND' }]);
    expect(validateSupervisorCardNumber('Y00000121001', { variant: 'internal' })).toMatchObject([
      { code: 'SCARD_FORMAT', params: { variant: 'internal', variantZh: '内督' } },
    ]);
    expect(validateSupervisorCardNumber('Y000001210000', { variant: 'internal' })).toMatchObject([{ code: 'SCARD_SERIAL_ZERO' }]);
  });

  it('the §8.6 hazard: two issuers, one card string, two different keys', () => {
    // Henan 省直 institution with sequence 0001 (positions 8–13 = 000001) …
    const provincial = { kind: 'Y', institutionCode: 'Y000041000001' } as const;
    // … and a ministry-filed institution with code 0001 (00 + 0001 = 000001) …
    const ministry = { kind: 'Y', institutionCode: 'Y000111000123' } as const;
    // … and a provincial institution in another province with the same sequence.
    const otherProvince = { kind: 'Y', institutionCode: 'Y000037000001' } as const;
    const card = 'Y000001210001';
    const keys = [provincial, ministry, otherProvince].map((issuer) => {
      expect(validateSupervisorCardNumber(card, { variant: 'internal', issuer })).toEqual([]);
      const k = supervisorCardRegistryKey(card, issuer);
      expect(k.ok).toBe(true);
      return k.ok ? k.value : '';
    });
    expect(new Set(keys).size).toBe(3);
    expect(keys[0]).toBe('Y:Y000041000001:21:0001');
    expect(supervisorCardCounterKey(provincial, '2021-05-01')).toBe('Y:Y000041000001:21');
    expect(supervisorCardCounterKey({ kind: 'R', authorityCode: '00' }, 2021)).toBe('R:00:21');
    expect(supervisorCardRegistryKey('Y000002210001', provincial)).toMatchObject({ ok: false, code: 'SCARD_ISSUER_MISMATCH' });
    expect(() => supervisorCardCounterKey({ kind: 'S', institutionCode: 'Y000041000001' }, '21')).toThrow(RangeError);
  });
});

describe('buildSupervisorCardNumber', () => {
  it('builds both variants', () => {
    expect(buildSupervisorCardNumber({ issuer: { kind: 'R', authorityCode: '41' }, issueDate: '2021-03-01', serial: 1 })).toEqual({ ok: true, value: 'R41210001' });
    expect(
      buildSupervisorCardNumber({ issuer: { kind: 'S', institutionCode: 'S000141000123' }, issueDate: '2022-03-01', serial: 9999 }),
    ).toEqual({ ok: true, value: 'S000001229999' });
    expect(
      buildSupervisorCardNumber({ issuer: { kind: 'H', ministryAssignedCode: '000123' }, issueDate: '2022-03-01', serial: 12 }),
    ).toEqual({ ok: true, value: 'H000123220012' });
  });
  it('refuses exhausted or zero serials and bad issuers', () => {
    const issuer = { kind: 'R', authorityCode: '41' } as const;
    expect(buildSupervisorCardNumber({ issuer, issueDate: '2021-03-01', serial: 10_000 })).toEqual({
      ok: false,
      code: 'SCARD_SERIAL_EXHAUSTED',
      params: { serial: 10_000, max: 9_999 },
    });
    expect(buildSupervisorCardNumber({ issuer, issueDate: '2021-03-01', serial: 0 })).toMatchObject({ code: 'SCARD_SERIAL_ZERO' });
    expect(buildSupervisorCardNumber({ issuer: { kind: 'R', authorityCode: '99' }, issueDate: '2021-03-01', serial: 1 })).toMatchObject({
      code: 'SCARD_ISSUER',
    });
    expect(buildSupervisorCardNumber({ issuer: { kind: 'H', ministryAssignedCode: '12' }, issueDate: '2021-03-01', serial: 1 })).toMatchObject({
      code: 'SCARD_ISSUER',
    });
    expect(() => buildSupervisorCardNumber({ issuer, issueDate: '21-03-01', serial: 1 })).toThrow(RangeError);
  });
});

describe('round trip', () => {
  const external: fc.Arbitrary<SupervisorCardParts> = fc.record({
    variant: fc.constant('external' as const),
    kind: fc.constant('R' as const),
    issuer: fc.constantFrom(...provinceTable.entries.map((e) => e.code)),
    year: fc.stringMatching(/^\d{2}$/),
    serial: fc.integer({ min: 1, max: 9999 }),
  });
  const internal: fc.Arbitrary<SupervisorCardParts> = fc.record({
    variant: fc.constant('internal' as const),
    kind: fc.constantFrom('H' as const, 'Y' as const, 'S' as const),
    issuer: fc.stringMatching(/^\d{6}$/),
    year: fc.stringMatching(/^\d{2}$/),
    serial: fc.integer({ min: 1, max: 9999 }),
  });
  it('format → parse → validate', () => {
    fc.assert(
      fc.property(fc.oneof(external, internal), (parts) => {
        const s = formatSupervisorCardNumber(parts);
        expect(s).toHaveLength(parts.variant === 'external' ? 9 : 13);
        const r = parseSupervisorCardNumber(s, parts.variant);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const { normalized, ...back } = r.value;
        expect(back).toEqual(parts);
        expect(normalized).toBe(s);
        expect(validateSupervisorCardNumber(s, { variant: parts.variant, issueDate: `20${parts.year}-06-01` })).toEqual([]);
      }),
    );
  });
});
