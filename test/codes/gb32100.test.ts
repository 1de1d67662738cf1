import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orgCodeCheckChar, USCC_CHARSET, usccCheckChar, validateUscc } from '../../src/codes/gb32100.js';

describe('GB 32100 vectors (reliability-anchors §7.2)', () => {
  it.each(['91350100M000100Y43', '9144030071526726XG', '914403001922038216', '91330100799655058B', '91110108551385082Q'])(
    '%s is valid without warnings',
    (code) => {
      expect(validateUscc(code)).toEqual({ ok: true, value: { normalized: code, warnings: [] } });
    },
  );

  it.each([
    ['91310115MA1H8R7C6D', { expected: '7', actual: 'D' }],
    ['911100007109355558', { expected: 'K', actual: '8' }],
  ])('%s is USCC_CHECKSUM', (code, params) => {
    expect(validateUscc(code)).toEqual({ ok: false, code: 'USCC_CHECKSUM', params });
  });

  it('the standard example 91350100M000100Y4Z is rejected; its check character should be 3', () => {
    // The anchors list this vector as USCC_CHECKSUM, but Z is outside the 31-character set, exactly
    // like the I of the next vector (listed as USCC_CHARSET). One rule for both: the structural
    // character-set check runs first. The checksum of the body confirms the anchors' expected 3.
    expect(validateUscc('91350100M000100Y4Z')).toEqual({ ok: false, code: 'USCC_CHARSET', params: { char: 'Z', position: 18 } });
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('91350100M000100Y4I is USCC_CHARSET', () => {
    expect(validateUscc('91350100M000100Y4I')).toEqual({ ok: false, code: 'USCC_CHARSET', params: { char: 'I', position: 18 } });
  });

  it('USCC_LENGTH', () => {
    expect(validateUscc('91350100M000100Y4')).toEqual({ ok: false, code: 'USCC_LENGTH', params: { length: 17, expected: 18 } });
  });

  it('normalises full-width and lowercase input', () => {
    const r = validateUscc(' ９１３５０１００ｍ０００１００ｙ４３ ');
    expect(r).toEqual({ ok: true, value: { normalized: '91350100M000100Y43', warnings: [] } });
  });

  it('GB 11714 check on positions 9–17 (anchors: M000100Y4 → 4, 71526726X → X, 192203821 → 1)', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(orgCodeCheckChar('19220382')).toBe('1');
  });

  it('warnings: unknown department/category and a failing organisation code', () => {
    const body1 = '97350100M000100Y4'; // 9 工商 has no category 7
    const r1 = validateUscc(body1 + usccCheckChar(body1));
    expect(r1.ok && r1.value.warnings).toEqual([
      { ok: false, code: 'USCC_UNKNOWN_CATEGORY', params: { department: '9', category: '7' } },
    ]);
    const body2 = '91350100M000100Y5';
    const r2 = validateUscc(body2 + usccCheckChar(body2));
    expect(r2.ok && r2.value.warnings).toEqual([
      { ok: false, code: 'USCC_ORG_CODE_CHECKSUM', params: { expected: '4', actual: '5', value: 'M000100Y5' } },
    ]);
  });
});

const validUscc = fc
  .array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 })
  .map((cs) => cs.join(''))
  .map((body) => body + usccCheckChar(body));

describe('GB 32100 properties', () => {
  it('generated codes validate', () => {
    fc.assert(
      fc.property(validUscc, (c) => {
        expect(validateUscc(c).ok).toBe(true);
      }),
    );
  });

  it('every single-character substitution is rejected', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        for (let i = 0; i < 18; i++)
          for (const c of USCC_CHARSET + 'IOSVZ') {
            if (c === code[i]) continue;
            const bad = code.slice(0, i) + c + code.slice(i + 1);
            expect(validateUscc(bad).ok, bad).toBe(false);
          }
      }),
      { numRuns: 100 },
    );
  });

  it('every adjacent transposition of differing characters is rejected', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        for (let i = 0; i < 17; i++) {
          if (code[i] === code[i + 1]) continue;
          const bad = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(validateUscc(bad).ok, bad).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
