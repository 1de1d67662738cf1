/**
 * The roster error report: an XLSX that is the source roster with every faulty cell filled red and a
 * note (cell comment) carrying the Chinese and English message, plus a `错误说明 / Errors` column that
 * lists every problem of the row (row-level ones too); and the same issues as JSON. Both files are
 * written atomically (src/io/atomic-write.ts). An XLSX source is annotated in place (its layout,
 * title rows and formatting kept); a CSV source is copied row for row (so row numbers stay the
 * same); a JSON source becomes a sheet with the canonical headers in row 1 (row n of the report =
 * item n - 1 of the array).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { PHOTO_COLUMN, ROSTER_COLUMNS, SUPERVISOR_COLUMNS } from './columns.js';
import { decodeCsvText, type RosterLayout } from './read.js';
import type { PreparedRoster, RosterCellIssue, RosterErrorReportPaths } from './types.js';

/** Fill of a faulty cell (Excel's "bad" red) and its text colour. */
export const ERROR_FILL_ARGB = 'FFFFC7CE';
export const ERROR_FONT_ARGB = 'FF9C0006';
export const ERRORS_COLUMN_HEADER = '错误说明 / Errors';

const issueLine = (i: RosterCellIssue): string => `${i.header ? `【${i.header}】` : ''}${i.zh} / ${i.en}`;

/** The canonical layout (header row 1, columns in catalogue order) when the roster carries none. */
const canonicalLayout = (prepared: PreparedRoster): RosterLayout => {
  const defs = prepared.kind === 'supervisor-card' ? SUPERVISOR_COLUMNS : ROSTER_COLUMNS;
  return {
    headerRow: 1,
    columns: Object.fromEntries(defs.map((c, i) => [c.id, i + 1])),
    headers: Object.fromEntries(defs.map((c) => [c.id, c.header])),
    lastColumn: defs.length,
  };
};

async function sourceSheet(prepared: PreparedRoster, layout: RosterLayout, sourceFile: string): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; rowOf: (row: number) => number }> {
  const { format } = prepared.source;
  const wb = new ExcelJS.Workbook();
  if (format === 'xlsx') {
    await wb.xlsx.load((await readFile(sourceFile)) as unknown as ArrayBuffer);
    const ws = (layout.sheet !== undefined ? wb.getWorksheet(layout.sheet) : undefined) ?? wb.worksheets[0];
    if (!ws) throw new Error(`${sourceFile}: no worksheet`);
    return { wb, ws, rowOf: (r) => r };
  }
  const ws = wb.addWorksheet('名册');
  if (format === 'csv') {
    const records = parseCsv(decodeCsvText(await readFile(sourceFile)), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    records.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((v, c) => {
        if (v !== '') row.getCell(c + 1).value = v;
      });
    });
    return { wb, ws, rowOf: (r) => r };
  }
  // JSON: canonical header row 1, item i at row i + 2.
  const { columns, headers } = layout;
  for (const [id, col] of Object.entries(columns)) ws.getRow(1).getCell(col).value = headers[id] ?? id;
  const data = JSON.parse((await readFile(sourceFile, 'utf8')).replace(/^\ufeff/, '')) as Record<string, unknown>[];
  data.forEach((item, i) => {
    const row = ws.getRow(i + 2);
    for (const [k, v] of Object.entries(item)) {
      const col = columns[k];
      if (col !== undefined && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) row.getCell(col).value = v;
    }
  });
  return { wb, ws, rowOf: (r) => r + 1 };
}

/** Writes `<roster>.errors.xlsx` and `<roster>.errors.json` into outDir (created if missing). */
export async function writeRosterErrorReport(prepared: PreparedRoster, sourceFile: string, outDir: string): Promise<RosterErrorReportPaths> {
  await mkdir(outDir, { recursive: true });
  const stem = basename(sourceFile, extname(sourceFile));
  const xlsxPath = join(outDir, `${stem}.errors.xlsx`);
  const jsonPath = join(outDir, `${stem}.errors.json`);

  const layout = prepared.layout ?? canonicalLayout(prepared);
  const { wb, ws, rowOf } = await sourceSheet(prepared, layout, sourceFile);
  const errorsCol = layout.lastColumn + 1;
  const headerCell = ws.getRow(layout.headerRow).getCell(errorsCol);
  headerCell.value = ERRORS_COLUMN_HEADER;
  headerCell.font = { bold: true, color: { argb: ERROR_FONT_ARGB } };
  ws.getColumn(errorsCol).width = 60;

  const notes = new Map<ExcelJS.Cell, string[]>();
  const perRow = new Map<number, string[]>();
  for (const i of prepared.errors) {
    const r = rowOf(i.row);
    const lines = perRow.get(r) ?? [];
    lines.push(issueLine(i));
    perRow.set(r, lines);
    const column = i.column === PHOTO_COLUMN.id ? 'idNumber' : i.column;
    const col = column === undefined ? undefined : layout.columns[column];
    if (col === undefined) continue;
    const cell = ws.getRow(r).getCell(col);
    const list = notes.get(cell) ?? [];
    list.push(`${i.zh}\n${i.en}`);
    notes.set(cell, list);
  }
  for (const [cell, list] of notes) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ERROR_FILL_ARGB } };
    cell.font = { ...(cell.font ?? {}), color: { argb: ERROR_FONT_ARGB } };
    cell.note = { texts: [{ text: list.join('\n\n') }] };
  }
  for (const [r, lines] of perRow) {
    const cell = ws.getRow(r).getCell(errorsCol);
    cell.value = lines.join('\n');
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font = { color: { argb: ERROR_FONT_ARGB } };
  }
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const json = {
    source: prepared.source,
    formId: prepared.formId,
    kind: prepared.kind,
    issueDate: prepared.issueDate,
    rows: prepared.rows,
    errorCount: prepared.errors.length,
    errors: prepared.errors,
    warnings: prepared.warnings,
  };
  await writeFileAtomic(xlsxPath, xlsx);
  await writeFileAtomic(jsonPath, Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'));
  return { xlsx: xlsxPath, json: jsonPath };
}
