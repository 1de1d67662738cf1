import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkCitizenIdAgreement,
  citizenIdCheckChar,
  GBT2260_PROVINCE_PREFIXES,
  normalizeCitizenId,
  validateCitizenId,
} from '../../src/codes/gb11643.js';

const TODAY = { today: '2025-06-30' };

describe('GB 11643 vectors (reliability-anchors §7.1)', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '110105', '1949-12-31', 'female'],
    ['440524188001010014', '440524188001010014', '440524', '1880-01-01', 'male'],
    ['34052419800101001X', '34052419800101001X', '340524', '1980-01-01', 'male'],
    ['110105194912310011', '110105194912310011', '110105', '1949-12-31', 'male'],
    ['110105200002290021', '110105200002290021', '110105', '2000-02-29', 'female'],
    ['11010519491231002x', '11010519491231002X', '110105', '1949-12-31', 'female'],
  ])('%s is valid', (input, normalized, regionCode, birthDate, sex) => {
    expect(validateCitizenId(input, TODAY)).toEqual({ ok: true, value: { normalized, regionCode, birthDate, sex } });
  });

  it.each([
    ['110105194912310021', 'ID_CHECKSUM', { expected: 'X', actual: '1' }],
    ['110105194913310021', 'ID_BIRTHDATE', { value: '19491331' }],
    ['110105194902290029', 'ID_BIRTHDATE', { value: '19490229' }],
    ['990105194912310023', 'ID_REGION', { value: '990105' }],
    ['110105491231002', 'ID_LENGTH', { length: 15, expected: 18 }],
  ])('%s is rejected with %s', (input, code, params) => {
    expect(validateCitizenId(input, TODAY)).toEqual({ ok: false, code, params });
  });

  it('the body 34052419800101001 gives X', () => {
    expect(citizenIdCheckChar('34052419800101001')).toBe('X');
    expect(() => citizenIdCheckChar('3405241980010100')).toThrow(RangeError);
  });

  it('normalises full-width digits, spaces and lowercase x (NFKC)', () => {
    expect(normalizeCitizenId('  １１０１０５１９４９１２３１００２ｘ　')).toBe('11010519491231002X');
    const r = validateCitizenId('１１０１０５１９４９１２３１００２ｘ', TODAY);
    expect(r.ok && r.value.normalized).toBe('11010519491231002X');
  });

  it('rejects characters outside the set with position', () => {
    expect(validateCitizenId('1101051949123100X2', TODAY)).toMatchObject({ code: 'ID_CHARSET', params: { char: 'X', position: 17 } });
    expect(validateCitizenId('110105 94912310021', TODAY)).toMatchObject({ code: 'ID_CHARSET', params: { position: 7 } });
  });

  it('66 (兵团) is a certificate province but not a GB/T 2260 prefix', () => {
    const body = '66010519491231002';
    expect(validateCitizenId(body + citizenIdCheckChar(body), TODAY)).toMatchObject({ code: 'ID_REGION' });
    expect(GBT2260_PROVINCE_PREFIXES.has('66')).toBe(false);
  });

  it('港澳台居民居住证 regions only with document: hmt-residence-permit', () => {
    expect(validateCitizenId('810000199001010019', { ...TODAY, document: 'hmt-residence-permit' }).ok).toBe(true);
    const body = '83000019900101001';
    const permit = body + citizenIdCheckChar(body);
    expect(validateCitizenId(permit, TODAY)).toMatchObject({ code: 'ID_REGION' });
    expect(validateCitizenId(permit, { ...TODAY, document: 'hmt-residence-permit' }).ok).toBe(true);
    expect(validateCitizenId('11010519491231002X', { ...TODAY, document: 'hmt-residence-permit' })).toMatchObject({ code: 'ID_REGION' });
  });

  it('a birth date after today is ID_BIRTHDATE_FUTURE; today itself is fine', () => {
    const body = '11010520250701001';
    const id = body + citizenIdCheckChar(body);
    expect(validateCitizenId(id, TODAY)).toEqual({
      ok: false,
      code: 'ID_BIRTHDATE_FUTURE',
      params: { value: '2025-07-01', today: '2025-06-30' },
    });
    expect(validateCitizenId(id, { today: '2025-07-01' }).ok).toBe(true);
    expect(() => validateCitizenId(id, { today: '2025-7-1' })).toThrow(RangeError);
  });
});

describe('checkCitizenIdAgreement (R-ID-1)', () => {
  it('agrees', () => {
    expect(checkCitizenIdAgreement('11010519491231002X', { sex: '女', birthDate: '1949-12-31' })).toEqual([]);
    expect(checkCitizenIdAgreement('11010519491231002X', { sex: 'female', birthDate: '1949年12月31日' })).toEqual([]);
    expect(checkCitizenIdAgreement('11010519491231002X', { birthDate: '19491231' })).toEqual([]);
  });
  it('reports both disagreements with both values', () => {
    expect(checkCitizenIdAgreement('11010519491231002X', { sex: '男', birthDate: '1949-12-30' })).toEqual([
      { ok: false, code: 'ID_SEX_MISMATCH', params: { fromId: 'female', declared: 'male', fromIdZh: '女', declaredZh: '男' } },
      { ok: false, code: 'ID_BIRTHDATE_MISMATCH', params: { fromId: '1949-12-31', declared: '1949-12-30' } },
    ]);
  });
  it('leaves invalid numbers to validateCitizenId', () => {
    expect(checkCitizenIdAgreement('110105194912310021', { sex: '男' })).toEqual([]);
  });
});

// ── properties ──────────────────────────────────────────────────────────────────────────
const prefixes = [...GBT2260_PROVINCE_PREFIXES];
const validId = fc
  .record({
    prefix: fc.constantFrom(...prefixes),
    rest: fc.stringMatching(/^\d{4}$/),
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ prefix, rest, date, seq }) => {
    const body = prefix + rest + date.toISOString().slice(0, 10).replaceAll('-', '') + seq;
    return body + citizenIdCheckChar(body);
  });
const ALPHABET = '0123456789X';

describe('GB 11643 properties', () => {
  it('generated numbers validate, and sex follows the parity of position 17', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = validateCitizenId(id, TODAY);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.sex).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('every single-character substitution is rejected', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 18; i++)
          for (const c of ALPHABET) {
            if (c === id[i]) continue;
            const bad = id.slice(0, i) + c + id.slice(i + 1);
            expect(validateCitizenId(bad, TODAY).ok, bad).toBe(false);
          }
      }),
      { numRuns: 200 },
    );
  });

  it('every adjacent transposition of differing characters is rejected', () => {
    fc.assert(
      fc.property(validId, (id) => {
        for (let i = 0; i < 17; i++) {
          if (id[i] === id[i + 1]) continue;
          const bad = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          expect(validateCitizenId(bad, TODAY).ok, bad).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
