/**
 * The completed 名册's layout (templates/issuance/roster.layout.json): headers verbatim from the
 * seed, widths for the PDF (mm) and the XLSX (characters), page and type sizes. Read once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';
import { ROSTER_COLUMNS, type RosterColumnId } from '../roster/columns.js';

export type { RosterColumnId };

export interface RosterColumn {
  readonly id: RosterColumnId;
  /** The verbatim header, from ROSTER_COLUMNS (the layout file holds only sizes). */
  readonly header: string;
  readonly widthMm: number;
  readonly xlsxWidth: number;
  /** Codes, numbers and dates: one line, never broken. */
  readonly nowrap?: boolean;
}

export interface RosterLayout {
  readonly title: string;
  readonly page: { readonly widthMm: number; readonly heightMm: number; readonly marginMm: number };
  /** The PDF's type sizes and spacing. */
  readonly type: {
    readonly titlePt: number; readonly captionPt: number; readonly headerPt: number; readonly bodyPt: number;
    readonly bodyLineHeight: number; readonly pageNumberPt: number; readonly titleGapMm: number; readonly captionGapMm: number;
    readonly cellPaddingMm: number; readonly ruleWidthPt: number;
  };
  /** The XLSX's type sizes, row heights (pt) and print margins (inches, as Excel's page setup takes them). */
  readonly xlsx: {
    readonly titlePt: number; readonly headerPt: number; readonly bodyPt: number;
    readonly titleRowHeightPt: number; readonly headerRowHeightPt: number;
    readonly marginsIn: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number; readonly header: number; readonly footer: number };
  };
  readonly columns: readonly RosterColumn[];
}

export const ROSTER_LAYOUT_FILE = join(projectRoot, 'templates/issuance/roster.layout.json');

let cached: RosterLayout | undefined;

export function rosterLayout(): RosterLayout {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(ROSTER_LAYOUT_FILE, 'utf8')) as Omit<RosterLayout, 'columns'> & { columns: Omit<RosterColumn, 'header'>[] };
  const ids = file.columns.map((c) => c.id);
  if (ids.length !== ROSTER_COLUMNS.length || ids.some((id, i) => id !== ROSTER_COLUMNS[i]!.id))
    throw new Error(`${ROSTER_LAYOUT_FILE}: the columns must be the 21 名册 columns in order (${ROSTER_COLUMNS.map((c) => c.id).join(', ')})`);
  const l: RosterLayout = { ...file, columns: file.columns.map((c, i) => ({ ...c, header: ROSTER_COLUMNS[i]!.header })) };
  const used = l.columns.reduce((s, c) => s + c.widthMm, 0);
  const avail = l.page.widthMm - 2 * l.page.marginMm;
  if (used > avail) throw new Error(`${ROSTER_LAYOUT_FILE}: columns take ${used} mm, the page has ${avail} mm`);
  cached = l;
  return l;
}
