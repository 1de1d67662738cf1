/**
 * Roster readers: XLSX (exceljs), CSV (csv-parse; UTF-8 with or without BOM, else GB18030 as saved by
 * Chinese Excel) and JSON (an array of row objects keyed by column id). The XLSX/CSV header row is
 * found by matching (catalogue §4.1 headers, any order, full-width/half-width spaces and parentheses,
 * line breaks inside header cells, title rows above it). Unknown, duplicated or missing required
 * columns and unreadable files are UserErrors; everything about a cell's content is left to prepare.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { UserError } from '../../errors/user-error.js';
import { isBlank, type RawCell } from './cells.js';
import { columnDef, headerMatcher, type ColumnDef } from './columns.js';
import type { ColumnId, RosterFormat } from './types.js';

/** Bounds: a roster is a batch, not a database dump. */
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 100_000;
/** How many rows above the header (title, 填报单位, …) are searched. */
export const HEADER_SEARCH_ROWS = 20;
/** A row is a header row when it matches at least this many known headers. */
const MIN_HEADER_MATCHES = 3;

export interface RawRow {
  /** 1-based row in the source sheet (JSON: index + 1). */
  readonly row: number;
  /** 0-based index among the data rows (the pointer's first segment). */
  readonly index: number;
  readonly cells: Readonly<Partial<Record<ColumnId, RawCell>>>;
}

/** Where things are in the source, for the error report. */
export interface RosterLayout {
  /** XLSX: the worksheet read. */
  readonly sheet?: string;
  /** 1-based row of the header (JSON: 1, the report's own header row). */
  readonly headerRow: number;
  /** 1-based column of each column id found. */
  readonly columns: Readonly<Record<ColumnId, number>>;
  /** The header text as found (JSON: the canonical header). */
  readonly headers: Readonly<Record<ColumnId, string>>;
  /** The last used column of the header row. */
  readonly lastColumn: number;
}

export interface RawRoster {
  readonly format: RosterFormat;
  readonly rows: RawRow[];
  readonly layout: RosterLayout;
  readonly bytes: Buffer;
}

export interface ColumnSpec {
  readonly columns: readonly ColumnDef[];
  readonly required: readonly ColumnId[];
}

export const rosterFormatOf = (file: string): RosterFormat | undefined => {
  const e = extname(file).toLowerCase();
  return e === '.xlsx' ? 'xlsx' : e === '.csv' ? 'csv' : e === '.json' ? 'json' : undefined;
};

const unreadable = (file: string, reason: string): UserError =>
  new UserError({ pointer: '', code: 'ROSTER_UNREADABLE', params: { file, reason: reason.slice(0, 200) } });

type Grid = Iterable<{ row: number; cells: readonly RawCell[] }>;

/** Finds the header row and maps columns; throws the column UserErrors. */
function locateHeader(file: string, grid: Grid, spec: ColumnSpec): { headerRow: number; layout: Omit<RosterLayout, 'sheet'> } {
  const match = headerMatcher(spec.columns);
  let scanned = 0;
  for (const { row, cells } of grid) {
    if (++scanned > HEADER_SEARCH_ROWS) break;
    const found = cells.map((c) => (typeof c === 'string' ? match(c) : undefined));
    if (found.filter((x) => x !== undefined).length < MIN_HEADER_MATCHES) continue;
    const columns: Record<ColumnId, number> = {};
    const headers: Record<ColumnId, string> = {};
    const unknown: string[] = [];
    let lastColumn = 0;
    cells.forEach((c, i) => {
      if (isBlank(c)) return;
      lastColumn = i + 1;
      const id = found[i];
      const text = String(c).replace(/\s+/g, ' ').trim();
      if (id === undefined) return void unknown.push(text);
      if (columns[id] !== undefined) throw new UserError({ pointer: '', code: 'ROSTER_COLUMN_DUPLICATE', params: { column: text } });
      columns[id] = i + 1;
      headers[id] = text;
    });
    if (unknown.length > 0) {
      throw new UserError({ pointer: '', code: 'ROSTER_COLUMNS_UNKNOWN', params: { columns: unknown.map((u) => `“${u}”`).join('、') } });
    }
    const missing = spec.required.filter((id) => columns[id] === undefined).map((id) => columnDef(spec.columns, id)!);
    if (missing.length > 0) throw missingColumns(missing);
    return { headerRow: row, layout: { headerRow: row, columns, headers, lastColumn } };
  }
  throw new UserError({
    pointer: '',
    code: 'ROSTER_HEADER_NOT_FOUND',
    params: { rows: HEADER_SEARCH_ROWS, expected: spec.required.map((id) => columnDef(spec.columns, id)!.header).join('、'), file },
  });
}

const missingColumns = (missing: readonly ColumnDef[]): UserError =>
  new UserError({
    pointer: '',
    code: 'ROSTER_COLUMNS_MISSING',
    params: { columns: missing.map((c) => c.header).join('、'), columnsEn: missing.map((c) => `${c.header} (${c.headerEn})`).join(', ') },
  });

/** Data rows below the header: blank rows (the seed's 8 empty rows) are skipped. */
function dataRows(grid: Grid, headerRow: number, layout: Omit<RosterLayout, 'sheet'>): RawRow[] {
  const out: RawRow[] = [];
  for (const { row, cells } of grid) {
    if (row <= headerRow) continue;
    const rec: Partial<Record<ColumnId, RawCell>> = {};
    let any = false;
    for (const [id, col] of Object.entries(layout.columns)) {
      const v = cells[col - 1];
      if (isBlank(v)) continue;
      rec[id] = v;
      any = true;
    }
    if (!any) continue;
    if (out.length >= MAX_ROSTER_ROWS) {
      throw new UserError({ pointer: '', code: 'ROSTER_TOO_MANY_ROWS', params: { max: MAX_ROSTER_ROWS, count: `> ${MAX_ROSTER_ROWS}` } });
    }
    out.push({ row, index: out.length, cells: rec });
  }
  return out;
}

// ── XLSX ─────────────────────────────────────────────────────────────────────────────────────

const fromExcel = (v: ExcelJS.CellValue): RawCell => {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return fromExcel((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return fromExcel((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  return undefined;
};

function* sheetGrid(ws: ExcelJS.Worksheet): Generator<{ row: number; cells: RawCell[] }> {
  const n = ws.rowCount;
  for (let r = 1; r <= n; r++) {
    const row = ws.getRow(r);
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = fromExcel(cell.value);
    });
    yield { row: r, cells };
  }
}

async function readXlsx(file: string, bytes: Buffer, spec: ColumnSpec): Promise<RawRoster> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable(file, (e as Error).message);
  }
  let firstError: unknown;
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_ROSTER_ROWS + HEADER_SEARCH_ROWS + 1000) {
      throw new UserError({ pointer: '', code: 'ROSTER_TOO_MANY_ROWS', params: { max: MAX_ROSTER_ROWS, count: ws.rowCount } });
    }
    try {
      const { headerRow, layout } = locateHeader(file, sheetGrid(ws), spec);
      return { format: 'xlsx', rows: dataRows(sheetGrid(ws), headerRow, layout), layout: { ...layout, sheet: ws.name }, bytes };
    } catch (e) {
      // A sheet without a header (a cover sheet, 填表说明) is skipped; the first sheet's error is reported.
      if (!(e instanceof UserError) || e.issues[0]?.code !== 'ROSTER_HEADER_NOT_FOUND') throw e;
      firstError ??= e;
    }
  }
  throw firstError ?? unreadable(file, 'no worksheet');
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────

/** UTF-8 (BOM optional) when it decodes cleanly, else GB18030 (Chinese Excel's "CSV" encoding). */
export function decodeCsvText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(file: string, bytes: Buffer, spec: ColumnSpec): RawRoster {
  let records: string[][];
  try {
    records = parseCsv(decodeCsvText(bytes), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    throw unreadable(file, (e as Error).message);
  }
  const grid = records.map((cells, i) => ({ row: i + 1, cells }));
  const { headerRow, layout } = locateHeader(file, grid, spec);
  return { format: 'csv', rows: dataRows(grid, headerRow, layout), layout, bytes };
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────

const shape = (reason: string): UserError => new UserError({ pointer: '', code: 'ROSTER_JSON_SHAPE', params: { reason } });

function readJson(file: string, bytes: Buffer, spec: ColumnSpec): RawRoster {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (e) {
    throw new UserError({ pointer: '', code: 'JSON_SYNTAX', params: { reason: (e as Error).message.slice(0, 200) } });
  }
  if (!Array.isArray(data)) throw shape('not an array');
  if (data.length > MAX_ROSTER_ROWS) throw new UserError({ pointer: '', code: 'ROSTER_TOO_MANY_ROWS', params: { max: MAX_ROSTER_ROWS, count: data.length } });
  const known = new Set(spec.columns.map((c) => c.id));
  const unknown = new Set<string>();
  const rows: RawRow[] = data.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw shape(`item ${index + 1} is not an object`);
    const cells: Partial<Record<ColumnId, RawCell>> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      if (!known.has(k)) {
        unknown.add(k);
        continue;
      }
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw shape(`item ${index + 1}, "${k}": a cell is a string, a number, true/false or null`);
      }
      if (typeof v === 'string' && v.length > 1000) throw shape(`item ${index + 1}, "${k}": longer than 1000 characters`);
      if (!isBlank(v)) cells[k] = v;
    }
    return { row: index + 1, index, cells };
  });
  if (unknown.size > 0) {
    throw new UserError({ pointer: '', code: 'ROSTER_COLUMNS_UNKNOWN', params: { columns: [...unknown].slice(0, 20).map((u) => `“${u}”`).join('、') } });
  }
  const columns: Record<ColumnId, number> = {};
  const headers: Record<ColumnId, string> = {};
  spec.columns.forEach((c, i) => {
    columns[c.id] = i + 1;
    headers[c.id] = c.header;
  });
  return { format: 'json', rows, layout: { headerRow: 1, columns, headers, lastColumn: spec.columns.length }, bytes };
}

/** Reads a roster file of any supported format (by extension). */
export async function readRoster(file: string, spec: ColumnSpec): Promise<RawRoster> {
  const format = rosterFormatOf(file);
  if (!format) throw new UserError({ pointer: '', code: 'ROSTER_FORMAT_UNSUPPORTED', params: { file } });
  let bytes: Buffer;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw unreadable(file, 'not a file');
    if (st.size > MAX_ROSTER_BYTES) throw unreadable(file, `larger than ${MAX_ROSTER_BYTES} bytes`);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError({ pointer: '', code: 'FILE_NOT_FOUND', params: { path: file } });
    throw unreadable(file, (e as Error).message);
  }
  const raw = format === 'xlsx' ? await readXlsx(file, bytes, spec) : format === 'csv' ? readCsv(file, bytes, spec) : readJson(file, bytes, spec);
  if (raw.rows.length === 0) throw new UserError({ pointer: '', code: 'ROSTER_EMPTY', params: { file } });
  return raw;
}
