/**
 * The completed 名册 as XLSX: the official title (merged over the 21 columns), the header row
 * verbatim, column widths, type sizes, row heights and margins from roster.layout.json, the header frozen, every cell text (ID and
 * certificate numbers must not become numbers), and print setup A4 landscape, fit to one page
 * wide, the title and header rows repeated on every printed page. The caller writes the bytes
 * (atomically, with the manifest entry: batch/manifest.ts writeOutputFile).
 */
import ExcelJS from 'exceljs';
import { rosterLayout } from './roster-layout.js';
import type { RosterRow } from './roster-rows.js';

export async function rosterXlsxBytes(rows: readonly RosterRow[]): Promise<Uint8Array> {
  const layout = rosterLayout();
  const x = layout.xlsx;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'skill-eval-forms';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(layout.title, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: layout.page.widthMm > layout.page.heightMm ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { ...x.marginsIn },
      printTitlesRow: '1:2',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = layout.columns.map((c) => ({ key: c.id, width: c.xlsxWidth, style: { numFmt: '@' } }));
  const n = layout.columns.length;
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = layout.title;
  title.font = { name: '黑体', size: x.titlePt, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = x.titleRowHeightPt;
  const border = { style: 'thin' as const };
  const box = { top: border, left: border, bottom: border, right: border };
  const header = ws.getRow(2);
  layout.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '宋体', size: x.headerPt, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = box;
  });
  header.height = x.headerRowHeightPt;
  for (const r of rows) {
    const row = ws.addRow(layout.columns.map((c) => r[c.id]));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.numFmt = '@';
      cell.font = { name: '宋体', size: x.bodyPt };
      cell.alignment = { vertical: 'middle', wrapText: true };
      cell.border = box;
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
