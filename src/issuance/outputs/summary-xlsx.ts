/**
 * The monthly 结果汇总表 as XLSX, in the seed's arrangement (S002:520-595): title, 填报单位：（章）
 * left and 单位：人 right, the reporting month under the title (not printed on the seed form;
 * catalogue §5.1 suggests （____年__月）), the header 职业（工种）名称 | 五 levels | 小计, one row per
 * 职业（工种）, and 合  计. Every cell holds its number (no formulas: a reader that does not
 * recalculate, or exceljs reading a zero formula result back, would otherwise see an empty cell);
 * the sums are the registry's, checked (checkSummarySums) before anything is written.
 */
import ExcelJS from 'exceljs';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { SystemError } from '../../errors/user-error.js';
import { checkSummarySums, type MonthlySummary } from './monthly-summary.js';

export const SUMMARY_TITLE = '企业职业技能等级认定结果汇总表';

export async function summaryXlsxBytes(s: MonthlySummary): Promise<Uint8Array> {
  const problems = checkSummarySums(s);
  if (problems.length) throw new SystemError('SUMMARY_INVALID', problems.join('; '));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skill-eval-forms';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(SUMMARY_TITLE, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
  });
  ws.columns = [{ width: 28 }, ...s.levelHeaders.map(() => ({ width: 14 })), { width: 10 }];
  const last = s.levelHeaders.length + 2;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = SUMMARY_TITLE;
  ws.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  const [y, m] = s.month.split('-');
  ws.getCell(2, 1).value = `（${y}年${Number(m)}月）`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(3, 1, 3, last - 2);
  ws.getCell(3, 1).value = `填报单位：${s.institution.name}（章）`;
  ws.mergeCells(3, last - 1, 3, last);
  ws.getCell(3, last - 1).value = '单位：人';
  ws.getCell(3, last - 1).alignment = { horizontal: 'right' };
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  const header = ws.getRow(4);
  ['职业（工种）名称', ...s.levelHeaders, '小计'].forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { name: '宋体', size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = box;
  });
  const first = 5;
  s.rows.forEach((r, i) => {
    const n = first + i;
    const row = ws.getRow(n);
    row.getCell(1).value = r.label;
    r.counts.forEach((v, c) => (row.getCell(c + 2).value = v));
    row.getCell(last).value = r.subtotal;
  });
  const totalRow = ws.getRow(first + s.rows.length);
  totalRow.getCell(1).value = '合  计';
  for (let c = 2; c <= last; c++) totalRow.getCell(c).value = c === last ? s.total.subtotal : s.total.counts[c - 2]!;
  for (let r = first; r <= first + s.rows.length; r++)
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = box;
      cell.font = { name: '宋体', size: 11, ...(r === first + s.rows.length ? { bold: true } : {}) };
      cell.alignment = { horizontal: c === 1 ? 'left' : 'center', vertical: 'middle' };
    }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function writeSummaryXlsx(path: string, s: MonthlySummary): Promise<void> {
  await writeFileAtomic(path, await summaryXlsxBytes(s));
}
