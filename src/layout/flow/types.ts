/**
 * Flow layouts: the filing documents (covers, fill-in table forms, rosters, the summary table,
 * plan outlines, checklists). Unlike certificates (canvas: every box at a fixed position), their
 * content grows with the data and breaks across pages, so the layout spec declares page geometry,
 * named text styles, tables (column widths, row heights, merges, repeating rows) and paragraphs;
 * the resolve step (resolve.ts) binds the data and produces a FlowDocument in integer EMU that both
 * backends translate: HTML/CSS for Chromium's PDF (templates/kinds/*.hbs) and OOXML for DOCX
 * (src/render/docx). Page breaking is left to Chromium and to Word/LibreOffice, which both repeat a
 * table's header rows on every page (R-FORM-3).
 */
import type { Emu } from '../units.js';
import type { FontRole, Format } from '../types.js';

export type FlowKind = 'cover' | 'table-form' | 'roster' | 'summary-table' | 'outline' | 'checklist';
export type Align = 'left' | 'center' | 'right' | 'justify' | 'distribute';
export type VAlign = 'top' | 'middle' | 'bottom';
/** Value formats: the canvas ones, plus number and month-cn (2020-09 → 2020年9月). */
export type FlowFormat = Format | 'level-list' | 'yes-no' | 'number' | 'month-cn';

// ------------------------------------------------------------------ layout spec (layout.json)

/** A named text style: every font, size and spacing of the document is declared once here. */
export interface StyleSpec {
  font: FontRole;
  sizePt: number;
  bold?: boolean;
  align?: Align;
  /** Exact line pitch; default the layout's `leading` × size. */
  lineHeightPt?: number;
  letterSpacingPt?: number;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  firstLineIndentChars?: number;
  /** Grey guidance text (plan outlines): printed only where the user wrote nothing. */
  color?: 'black' | 'grey';
  'x-source'?: string;
}

/** A piece of printed text: fixed, bound to the data by JSON pointer, or a checkbox group. */
export type InlineSpec =
  | { text: string }
  | { bind: string; format?: FlowFormat; empty?: string; prefix?: string; suffix?: string }
  | { checkbox: { bind: string; options: readonly string[]; labels?: readonly string[] } }
  /** The 1-based number of the current repeat item: arabic 1, 2 … or Chinese 一、二 … (for （一）（二） headings). */
  | { index: true; numbering?: 'arabic' | 'chinese' }
  /** 小计/合计 computed from the data: fields of the current item, or one field over an array. */
  | { sum: { of: readonly string[] } | { each: string; field?: string } };

/** One paragraph inside a cell or on the page: a style and its parts (concatenated). */
export interface ParagraphSpec {
  style?: string;
  align?: Align;
  text?: string;
  bind?: string;
  format?: FlowFormat;
  empty?: string;
  parts?: InlineSpec[];
  /** Only printed when the pointer holds a value ('!/p' when it does not). */
  when?: string;
  /** Bound to an array: one paragraph per entry (strings formatted; objects through `parts`, read relative to each item, {index} = its number). */
  each?: boolean;
}

export interface BordersSpec { top?: number; right?: number; bottom?: number; left?: number }

export interface CellSpec {
  /** Shorthand for one paragraph. */
  text?: string;
  bind?: string;
  format?: ParagraphSpec['format'];
  empty?: string;
  parts?: InlineSpec[];
  paragraphs?: ParagraphSpec[];
  style?: string;
  align?: Align;
  vAlign?: VAlign;
  span?: number;
  rowSpan?: number;
  /** Tall free-text cells and signature blocks. */
  minHeightMm?: number;
  /** Border widths in pt overriding the table's (0 = none). */
  bordersPt?: BordersSpec;
  /** A round-seal space of this diameter is kept free in the cell (R-FORM-2: never a facsimile). */
  sealSpaceMm?: number;
  'x-source'?: string;
}

/** Rows of a repeating table: one row per array item; header rows repeat on every page. */
export interface RepeatSpec {
  bind: string;
  /** At least this many rows print (blank ones after the data): the seed's number of rows. */
  minRows: number;
  /** R-FORM-3: `continue` flows onto the next pages with the header repeated; `appendix` moves the rows to a 附页 when more than maxRows. */
  overflow?: { mode: 'continue' } | { mode: 'appendix'; maxRows: number; title: string };
  /** Rows printed once under the header rows, before the items (e.g. a template's printed example row). */
  lead?: CellSpec[][];
  /** Parent rows spanning several child rows (Liaoning register: one enterprise, several occupations). */
  children?: { bind: string; minRows: number; cells: CellSpec[] };
}

export type RowSpec =
  | { cells: CellSpec[]; minHeightMm?: number; header?: boolean; when?: string }
  | { repeat: RepeatSpec; header?: CellSpec[][]; cells: CellSpec[]; minHeightMm?: number }
  | { group: { bind: string; minGroups: number }; rows: RowSpec[] };

export interface TableSpec {
  type: 'table';
  id: string;
  columnsMm: number[];
  rows: RowSpec[];
  /** Border width in pt of every cell (0 for borderless layout tables such as cover lines). */
  borderPt?: number;
  /** Continues the table above visually (no gap, no doubled rule). */
  joinPrevious?: boolean;
  /** Default style of the cells. */
  style?: string;
  rowMinHeightMm?: number;
  when?: string;
  'x-source'?: string;
}

export interface ParagraphBlockSpec extends ParagraphSpec {
  type: 'paragraph';
  id?: string;
  'x-source'?: string;
}

/** A plan outline's body under a heading: PlanContent (paragraphs, lists, tables) bound by pointer. */
export interface ContentBlockSpec {
  type: 'content';
  bind: string;
  style: string;
  /** Printed in the guidance style where the user wrote nothing (catalogue §6). */
  guidance?: string;
  guidanceStyle?: string;
  tableStyle?: string;
}

/** Blocks repeated once per item of an array (relative binds inside read the item). */
export interface GroupBlockSpec { type: 'group'; bind: string; blocks: BlockSpec[] }

export interface SpacerSpec { type: 'spacer'; heightMm: number }
export interface PageBreakSpec { type: 'page-break' }

export type BlockSpec = TableSpec | ParagraphBlockSpec | ContentBlockSpec | GroupBlockSpec | SpacerSpec | PageBreakSpec;

export interface FlowLayoutSpec {
  kind: FlowKind;
  page: {
    widthMm: number;
    heightMm: number;
    orientation: 'portrait' | 'landscape';
    marginsMm: { top: number; right: number; bottom: number; left: number };
    /** Printed page numbers in the footer, e.g. "第 {page} 页 共 {pages} 页" or "— {page} —". */
    pageNumbers?: { format: string; style: string };
    'x-source'?: string;
  };
  styles: Record<string, StyleSpec>;
  /** Line pitch as a multiple of the type size where a style gives no lineHeightPt (kind defaults). */
  leading: number;
  /** Defaults for every table. */
  table: { borderPt: number; cellPaddingMm: { x: number; y: number }; rowMinHeightMm: number; style: string };
  constants?: Record<string, string>;
  blocks: BlockSpec[];
  'x-source'?: string;
  'x-decisions'?: string[];
}

// ------------------------------------------------------------------ resolved document

export interface FlowStyle {
  readonly name: string;
  readonly font: FontRole;
  readonly size: Emu;
  readonly bold: boolean;
  readonly align: Align;
  readonly lineHeight: Emu;
  readonly letterSpacing: Emu;
  readonly spaceBefore: Emu;
  readonly spaceAfter: Emu;
  readonly firstLineIndent: Emu;
  readonly grey: boolean;
}

export interface FlowRun {
  readonly text: string;
  /** The role the characters are set in (Latin text may go to the style's latin role). */
  readonly font: FontRole;
  readonly bold: boolean;
}

export interface FlowParagraph {
  readonly type: 'paragraph';
  readonly style: FlowStyle;
  readonly align: Align;
  readonly runs: readonly FlowRun[];
  /** Where the text came from (JSON pointer) when bound; for error reports and tests. */
  readonly pointer?: string;
}

export interface FlowBorders { readonly top: Emu; readonly right: Emu; readonly bottom: Emu; readonly left: Emu }

export interface FlowCell {
  /** First grid column (0-based) and how many it spans. */
  readonly col: number;
  readonly span: number;
  /** Rows this cell spans downwards (1 = none); the rows below omit the covered cells. */
  readonly rowSpan: number;
  readonly paragraphs: readonly FlowParagraph[];
  readonly vAlign: VAlign;
  readonly minHeight: Emu;
  readonly borders: FlowBorders;
  readonly sealSpace?: Emu;
}

export interface FlowRow {
  readonly cells: readonly FlowCell[];
  readonly minHeight: Emu;
  /** Header rows are repeated at the top of every page the table continues on. */
  readonly header: boolean;
  /** Which array item the row shows (repeating rows), e.g. "/scope/3"; blank rows have none. */
  readonly item?: string;
}

export interface FlowTable {
  readonly type: 'table';
  readonly id: string;
  readonly columns: readonly Emu[];
  readonly rows: readonly FlowRow[];
  readonly padding: { readonly x: Emu; readonly y: Emu };
  readonly joinPrevious: boolean;
}

export interface FlowSpacer { readonly type: 'spacer'; readonly height: Emu }
export interface FlowPageBreak { readonly type: 'page-break' }

export type FlowBlock = FlowParagraph | FlowTable | FlowSpacer | FlowPageBreak;

export interface FlowDocument {
  readonly formId: string;
  readonly kind: FlowKind;
  readonly title: string;
  readonly page: {
    readonly width: Emu;
    readonly height: Emu;
    readonly orientation: 'portrait' | 'landscape';
    readonly margins: { readonly top: Emu; readonly right: Emu; readonly bottom: Emu; readonly left: Emu };
    readonly pageNumbers?: { readonly format: string; readonly style: FlowStyle };
  };
  readonly styles: ReadonlyMap<string, FlowStyle>;
  readonly blocks: readonly FlowBlock[];
  /** Every text run with its role, for the font report and font subsetting. */
  readonly textRuns: readonly { role: FontRole; bold: boolean; text: string }[];
}
