/**
 * Value formatters a layout run may name (`format`). Each is a pure function
 * from a validated data value to printed text.
 * Date rules: catalogue §12.2 I23 (4-digit year, e.g. 2021年1月5日; English ISO).
 * Level rules: 人社鉴发〔2021〕1号 三(一), catalogue §9.5 and R-LVL-2.
 */
import { certificateText, formHeader, english } from '../codes/skill-level.js';
import type { Format } from './types.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatValue(value: unknown, format: Format = 'plain'): string {
  if (value === undefined || value === null) return '';
  switch (format) {
    case 'plain':
      return typeof value === 'string' ? value : String(value);
    case 'date-cn': {
      const m = ISO_DATE.exec(String(value));
      if (!m) return String(value);
      return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
    }
    case 'date-iso':
    case 'date-en':
      return String(value);
    case 'level-certificate':
      return certificateText(Number(value) as 1 | 2 | 3 | 4 | 5);
    case 'level-form':
      return formHeader(Number(value) as 1 | 2 | 3 | 4 | 5);
    case 'level-en':
      return english(Number(value) as 1 | 2 | 3 | 4 | 5);
    case 'gender-cn':
      return value === 'male' ? '男' : value === 'female' ? '女' : String(value);
    case 'number-grouped':
      return String(value);
  }
}
