/** Human-readable tables for the terminal. */
import type { ValidationIssue } from '../errors/issue.js';

const width = (s: string): number => {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
};
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function issueTable(issues: readonly ValidationIssue[]): string {
  return table(
    ['字段 field', '代码 code', '说明', 'message'],
    issues.map((i) => [i.pointer || '/', i.code, i.zh, i.en]),
  );
}
