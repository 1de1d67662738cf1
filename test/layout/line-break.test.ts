import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/layout/line-break.js';
import type { ResolvedRun } from '../../src/layout/types.js';

// Every character is 1 mm wide, so widths are character counts.
const measure = (_r: ResolvedRun, t: string) => [...t].length;
const run = (text: string, underline = false): ResolvedRun => ({ text, font: 'kai', bold: false, underline });
const texts = (lines: { runs: ResolvedRun[] }[]) => lines.map((l) => l.runs.map((r) => r.text).join(''));

describe('breakLines', () => {
  it('breaks CJK text at any character to fill the width', () => {
    expect(texts(breakLines([run('一二三四五六七八九十')], 4, 0, measure))).toEqual(['一二三四', '五六七八', '九十']);
  });
  it('indents the first line only', () => {
    expect(texts(breakLines([run('一二三四五六七八')], 4, 2, measure))).toEqual(['一二', '三四五六', '七八']);
  });
  it('hangs closing punctuation instead of starting a line with it (避头)', () => {
    expect(texts(breakLines([run('一二三四，五六')], 4, 0, measure))).toEqual(['一二三四，', '五六']);
  });
  it('never ends a line with an opening bracket (避尾)', () => {
    expect(texts(breakLines([run('一二三（四五）六')], 4, 0, measure))).toEqual(['一二三', '（四五）', '六']);
  });
  it('breaks Latin text at spaces and drops the space at the break', () => {
    expect(texts(breakLines([run('aaa bbb ccc')], 7, 0, measure))).toEqual(['aaa bbb', 'ccc']);
  });
  it('keeps run styles across lines (the underlined institution name)', () => {
    const lines = breakLines([run('本证书由'), run('河南某某公司', true), run('颁发')], 6, 0, measure);
    expect(texts(lines)).toEqual(['本证书由河南', '某某公司颁发']);
    expect(lines[0]!.runs.map((r) => r.underline)).toEqual([false, true]);
    expect(lines[1]!.runs.map((r) => r.underline)).toEqual([true, false]);
  });
});
