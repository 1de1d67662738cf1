import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/layout/format.js';

describe('formatValue', () => {
  it('prints dates with a 4-digit year and no leading zeros in Chinese (catalogue I23)', () => {
    expect(formatValue('2021-01-05', 'date-cn')).toBe('2021年1月5日');
    expect(formatValue('2021-12-30', 'date-cn')).toBe('2021年12月30日');
    expect(formatValue('2021-01-05', 'date-iso')).toBe('2021-01-05');
  });
  it('prints levels as 人社鉴发〔2021〕1号 三(一) requires (R-LVL-2)', () => {
    expect([1, 2, 3, 4, 5].map((l) => formatValue(l, 'level-certificate'))).toEqual(['一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工']);
  });
  it('prints nothing for a missing value, so the layout placeholder applies', () => {
    expect(formatValue(undefined, 'date-cn')).toBe('');
    expect(formatValue(null)).toBe('');
  });
});
