import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  certificateText,
  english,
  formatLevelList,
  formHeader,
  isSkillLevelCode,
  jiName,
  levelName,
  parseLevelList,
  scopeDigit,
  SKILL_LEVEL_CODES,
  skillLevelFromText,
  type SkillLevelCode,
} from '../../src/codes/skill-level.js';

describe('level formatters (§9.5, R-LVL-2, I6)', () => {
  it.each([
    [1, '一级/高级技师', '高级技师（一级）', 'Level 1 / Senior Technician'],
    [2, '二级/技师', '技师（二级）', 'Level 2 / Technician'],
    [3, '三级/高级工', '高级工（三级）', 'Level 3 / Senior Worker'],
    [4, '四级/中级工', '中级工（四级）', 'Level 4 / Intermediate Worker'],
    [5, '五级/初级工', '初级工（五级）', 'Level 5 / Junior Worker'],
  ] as const)('%i', (code, cert, header, en) => {
    expect(certificateText(code)).toBe(cert);
    expect(formHeader(code)).toBe(header);
    expect(english(code)).toBe(en);
    expect(scopeDigit(code)).toBe(String(code));
    expect(jiName(code) + '/' + levelName(code)).toBe(cert);
    expect(skillLevelFromText(cert)).toBe(code);
    expect(skillLevelFromText(cert.replace('/', ' / '))).toBe(code);
    expect(skillLevelFromText(header)).toBe(code);
  });
  it('R-LVL-2 texts are exactly the five allowed', () => {
    expect(SKILL_LEVEL_CODES.map(certificateText)).toEqual(['一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工']);
  });
  it('the Henan table misprint 三级 / 高级 is not a level text (§12 E8)', () => {
    expect(skillLevelFromText('三级 / 高级')).toBeUndefined();
  });
  it('rejects non-levels', () => {
    expect(isSkillLevelCode(0)).toBe(false);
    expect(isSkillLevelCode(6)).toBe(false);
    expect(isSkillLevelCode(2.5)).toBe(false);
    expect(isSkillLevelCode('3')).toBe(false);
    expect(() => certificateText(6 as SkillLevelCode)).toThrow(RangeError);
  });
});

describe('level lists (R-LVL-3)', () => {
  it.each([
    ['5', [5]],
    ['5、4、3', [5, 4, 3]],
    ['4、3、2、1', [4, 3, 2, 1]],
    ['5、4、3、2、1', [5, 4, 3, 2, 1]],
    [' ５、４ ', [5, 4]],
  ])('%s', (s, levels) => {
    expect(parseLevelList(s)).toEqual({ ok: true, value: levels });
  });
  it.each(['3,4,5', '3，4，5', '5、', '、5', '5 4', '', '6', '5、0', '5、、4', '五、四'])('%s is LEVEL_LIST_FORMAT', (s) => {
    expect(parseLevelList(s)).toEqual({ ok: false, code: 'LEVEL_LIST_FORMAT', params: { value: s } });
  });
  it.each([
    ['5、5', 5],
    ['5、4、3、2、1、1', 1],
  ])('%s is LEVEL_LIST_DUPLICATE', (s, level) => {
    expect(parseLevelList(s)).toEqual({ ok: false, code: 'LEVEL_LIST_DUPLICATE', params: { level, value: s } });
  });
  it('formatLevelList', () => {
    expect(formatLevelList([5, 4, 3])).toBe('5、4、3');
    expect(() => formatLevelList([])).toThrow(RangeError);
    expect(() => formatLevelList([5, 5])).toThrow(RangeError);
  });
  it('format → parse round trip', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom<SkillLevelCode>(1, 2, 3, 4, 5), { minLength: 1, maxLength: 5 }), (levels) => {
        expect(parseLevelList(formatLevelList(levels))).toEqual({ ok: true, value: levels });
      }),
    );
  });
});
