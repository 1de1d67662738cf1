import { describe, expect, it } from 'vitest';
import { cssMm, mm, pt, toHalfPt, toMm, toPt, toTwip } from '../../src/layout/units.js';

describe('EMU units', () => {
  it('represent mm, pt, twips and half-points exactly', () => {
    expect(mm(269)).toBe(269 * 36_000);
    expect(pt(2.25)).toBe(28_575);
    expect(toTwip(pt(12))).toBe(240);
    expect(toHalfPt(pt(12))).toBe(24); // 小四
    expect(toTwip(mm(297))).toBe(16_838); // A4 long side, as Word writes it
    expect(toTwip(mm(210))).toBe(11_906);
    expect(toPt(pt(10.5))).toBe(10.5);
    expect(toMm(mm(25.4))).toBe(25.4);
  });
  it('print mm for SVG without float noise', () => {
    expect(cssMm(mm(81.25))).toBe('81.25');
    expect(cssMm(pt(16))).toBe('5.64444');
  });
});
