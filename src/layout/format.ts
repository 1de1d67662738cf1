/**
 * Value formatters a layout run may name (`format`). Each is a pure function
 * from a validated data value to printed text.
 * Date rules: catalogue §12.2 I23 (4-digit year, e.g. 2021年1月5日; English ISO 2021-01-05).
 * Level rules: 人社鉴发〔2021〕1号 三(一), catalogue §9.5 and R-LVL-2.
 */
import { certificateText } from '../codes/skill-level.js';
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
      return String(value);
    case 'level-certificate':
      return certificateText(Number(value) as 1 | 2 | 3 | 4 | 5);
  }
}
