/**
 * FlowTable → w:tbl with the same geometry as the HTML table: grid columns in DXA (rounded at the
 * boundaries, so the sum is the rounded table width), fixed layout, table and cell widths, cell
 * margins from the table's padding, cell borders (eighths of a point; none where the FlowCell's is
 * 0 — the table itself draws no border), row heights `atLeast` the FlowRow's (and the tallest
 * single-row cell's), vertical alignment, gridSpan for column spans and vMerge for row spans, the
 * leading header rows repeated on every page (w:tblHeader) and rows kept whole (w:cantSplit).
 * Resolved rows omit the cells a row span covers; Word needs a vMerge-continue cell at those grid
 * positions, so they are put back here.
 */
import {
  BorderStyle, HeightRule, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, VerticalMergeType, WidthType,
  type IBorderOptions, type Paragraph,
} from 'docx';
import type { FlowCell, FlowRow, FlowTable, VAlign } from '../../layout/flow/types.js';
import { EMU_PER_TWIP, type Emu } from '../../layout/units.js';
import type { FontNames } from './font-names.js';
import { gridTwips, toEighthPt, toTwip } from './measure.js';
import { paragraph, spaceParagraph } from './paragraph.js';

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const ONE_TWIP = EMU_PER_TWIP as Emu;

function side(w: Emu): IBorderOptions {
  const size = toEighthPt(w);
  return size > 0 ? { style: BorderStyle.SINGLE, size, color: '000000', space: 0 } : NO_BORDER;
}

const V_ALIGN: Record<VAlign, (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable]> = {
  top: VerticalAlignTable.TOP,
  middle: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
};

export interface TableOptions {
  /** The table continues the one above (joinPrevious): its first row draws no top rule, the rule above is the previous table's. */
  readonly joined?: boolean;
  /** A joined table below draws the shared rule (its top): this table draws no bottom rule. */
  readonly openBottom?: boolean;
}

/** The cell's paragraphs, with the seal space (R-FORM-2) directly above its last one, as the HTML has it. */
function cellParagraphs(c: FlowCell, fonts: FontNames): Paragraph[] {
  const ps = c.paragraphs.map((p) => paragraph(p, fonts));
  if (c.sealSpace) {
    const seal = spaceParagraph(c.sealSpace);
    if (ps.length > 1) ps.splice(ps.length - 1, 0, seal);
    else ps.push(seal);
  }
  // Word needs a paragraph in every cell; an empty cell gets one that adds no height.
  return ps.length > 0 ? ps : [spaceParagraph(ONE_TWIP)];
}

/**
 * Row heights: the row's minimum, raised to the tallest cell minimum of a cell in this row only; a
 * cell spanning rows gives what its minimum exceeds the spanned rows' to the last of them.
 */
export function rowHeights(rows: readonly FlowRow[]): Emu[] {
  const h = rows.map((r) => Math.max(r.minHeight, ...r.cells.filter((c) => c.rowSpan === 1).map((c) => c.minHeight)));
  rows.forEach((r, i) => {
    for (const c of r.cells) {
      if (c.rowSpan <= 1 || c.minHeight <= 0) continue;
      const last = Math.min(rows.length, i + c.rowSpan) - 1;
      const have = h.slice(i, last + 1).reduce((a, b) => a + b, 0);
      if (c.minHeight > have) h[last] = h[last]! + (c.minHeight - have);
    }
  });
  return h as Emu[];
}

interface Slot {
  readonly cell: FlowCell;
  /** A grid position covered by a row span from above: a vMerge-continue cell. */
  readonly continued: boolean;
}

/** Each row's cells in grid order, with a continue slot wherever a row span from above covers it. */
export function gridSlots(rows: readonly FlowRow[]): Slot[][] {
  const active = new Map<number, { cell: FlowCell; remaining: number }>();
  return rows.map((row) => {
    const slots: Slot[] = [
      ...[...active.values()].map((a) => ({ cell: a.cell, continued: true })),
      ...row.cells.map((cell) => ({ cell, continued: false })),
    ].sort((a, b) => a.cell.col - b.cell.col);
    for (const [col, a] of [...active]) if (--a.remaining === 0) active.delete(col);
    for (const cell of row.cells) if (cell.rowSpan > 1) active.set(cell.col, { cell, remaining: cell.rowSpan - 1 });
    return slots;
  });
}

export function table(t: FlowTable, fonts: FontNames, opts: TableOptions = {}): Table {
  const grid = gridTwips(t.columns);
  const width = grid.reduce((a, b) => a + b, 0);
  const spanWidth = (c: FlowCell) => grid.slice(c.col, c.col + c.span).reduce((a, b) => a + b, 0);
  const heights = rowHeights(t.rows);
  const headCount = t.rows.findIndex((r) => !r.header);
  const leadingHeaders = headCount < 0 ? t.rows.length : headCount;
  const rows = gridSlots(t.rows).map((slots, r) => {
    const first = r === 0 && opts.joined === true;
    const last = (c: FlowCell, continued: boolean) => opts.openBottom === true && (continued ? r === t.rows.length - 1 : r + c.rowSpan >= t.rows.length);
    return new TableRow({
      cantSplit: true,
      ...(r < leadingHeaders ? { tableHeader: true } : {}),
      ...(heights[r]! > 0 ? { height: { value: toTwip(heights[r]!), rule: HeightRule.ATLEAST } } : {}),
      children: slots.map(({ cell: c, continued }) => new TableCell({
        width: { size: spanWidth(c), type: WidthType.DXA },
        ...(c.span > 1 ? { columnSpan: c.span } : {}),
        ...(continued ? { verticalMerge: VerticalMergeType.CONTINUE } : c.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
        verticalAlign: V_ALIGN[c.vAlign],
        borders: { top: first ? NO_BORDER : side(c.borders.top), right: side(c.borders.right), bottom: last(c, continued) ? NO_BORDER : side(c.borders.bottom), left: side(c.borders.left) },
        children: continued ? [spaceParagraph(ONE_TWIP)] : cellParagraphs(c, fonts),
      })),
    });
  });
  return new Table({
    rows,
    columnWidths: grid,
    width: { size: width, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    indent: { size: 0, type: WidthType.DXA },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    margins: { top: toTwip(t.padding.y), bottom: toTwip(t.padding.y), left: toTwip(t.padding.x), right: toTwip(t.padding.x), marginUnitType: WidthType.DXA },
  });
}
