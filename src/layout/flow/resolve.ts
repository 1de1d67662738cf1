/**
 * resolve (flow): (flow layout spec, one validated record) → FlowDocument in integer EMU.
 * Binds the data into paragraphs and table cells, expands repeating rows (at least the seed's
 * number of rows, blank ones after the data), parent rows spanning child rows, repeating groups of
 * rows, checkbox groups (☑/□), plan-content bodies, and the R-FORM-3 overflow choice: rows flow on
 * with the header repeated, or move to a 附页 with （详见附页） in the table. Pure: no I/O.
 */
import { formatValue } from '../format.js';
import { getPointer, joinPointer } from '../pointer.js';
import { splitLatin } from '../latin.js';
import { mm, pt, type Emu } from '../units.js';
import type { FontRole } from '../types.js';
import type {
  Align, BlockSpec, CellSpec, FlowBlock, FlowBorders, FlowCell, FlowDocument, FlowLayoutSpec, FlowParagraph, FlowRow,
  FlowRun, FlowStyle, FlowTable, InlineSpec, ParagraphSpec, RowSpec, StyleSpec, TableSpec,
} from './types.js';

export interface FlowResolveInput {
  readonly formId: string;
  readonly title: string;
  readonly layout: FlowLayoutSpec;
  /** The validated record. */
  readonly data: unknown;
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly latinRoles?: Readonly<Partial<Record<FontRole, FontRole>>>;
}

export const CHECKED = '☑';
export const UNCHECKED = '□';
/** R-FORM-3: what the table shows where its rows moved to a 附页. */
export const SEE_APPENDIX = '（详见附页）';


interface Ctx {
  readonly data: unknown;
  /** Pointer of the current repeat item / group ('' at the top). */
  readonly base: string;
  /** 1-based row number inside the current repeat (序号). */
  readonly index?: number;
  /** The row is one of the blank rows printed after the data. */
  readonly blank: boolean;
}

const truthy = (v: unknown) => !(v === undefined || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0));

/** Absolute pointers start with '/'; relative ones are read from the current item. */
function pointerOf(bind: string, ctx: Ctx): string {
  return bind.startsWith('/') ? bind : `${ctx.base}/${bind}`;
}

function read(bind: string, ctx: Ctx): unknown {
  if (ctx.blank && !bind.startsWith('/')) return undefined;
  return getPointer(ctx.data, pointerOf(bind, ctx));
}

function holds(when: string | undefined, ctx: Ctx): boolean {
  if (when === undefined) return true;
  const neg = when.startsWith('!');
  const v = truthy(read(neg ? when.slice(1) : when, ctx));
  return neg ? !v : v;
}

function formatted(value: unknown, format: string | undefined): string {
  if (value === undefined || value === null) return '';
  if (format === 'month-cn') {
    const m = /^(\d{4})-(\d{2})$/.exec(String(value));
    return m ? `${m[1]}年${Number(m[2])}月` : String(value);
  }
  if (format === 'number') return typeof value === 'number' ? String(value) : String(value);
  if (format === 'level-list' || format === 'yes-no') return String(value);
  if (Array.isArray(value)) return value.map((v) => formatted(v, format)).join('、');
  if (typeof value === 'object') return '';
  return formatValue(value, (format ?? 'plain') as Parameters<typeof formatValue>[1]);
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers (一)(二) … in plan outlines). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 100) return `${n >= 20 ? DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

function isSelected(value: unknown, option: string, i: number): boolean {
  if (Array.isArray(value)) return value.includes(option);
  if (typeof value === 'boolean') return value ? i === 0 : i === 1;
  return value === option;
}

function inlineText(part: InlineSpec, ctx: Ctx): string {
  if ('text' in part) return part.text;
  if ('index' in part) return ctx.index === undefined ? '' : part.numbering === 'chinese' ? chineseNumber(ctx.index) : String(ctx.index);
  if ('sum' in part) {
    // 小计/合计 computed from the data (R-FORM-5): over fields of the current item, or a field over an array.
    if (ctx.blank) return '';
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    const spec = part.sum;
    let sum = 0;
    if ('each' in spec) {
      const list = read(spec.each, ctx);
      if (Array.isArray(list)) for (const it of list) sum += spec.field ? num(getPointer(it, `/${spec.field}`)) : num(it);
    } else for (const b of spec.of) sum += num(read(b, ctx));
    return String(sum);
  }
  if ('checkbox' in part) {
    const v = read(part.checkbox.bind, ctx);
    return part.checkbox.options.map((o, i) => `${isSelected(v, o, i) ? CHECKED : UNCHECKED}${part.checkbox.labels?.[i] ?? o}`).join('  ');
  }
  const v = formatted(read(part.bind, ctx), part.format);
  if (v === '') return part.empty ?? '';
  return `${part.prefix ?? ''}${v}${part.suffix ?? ''}`;
}

/** A named style in EMU; `leading` × size is the line pitch where the style gives none. */
export function resolveStyle(name: string, spec: StyleSpec, leading: number): FlowStyle {
  return {
    name,
    font: spec.font,
    size: pt(spec.sizePt),
    bold: spec.bold ?? false,
    align: spec.align ?? 'left',
    lineHeight: pt(spec.lineHeightPt ?? Math.round(spec.sizePt * leading * 100) / 100),
    letterSpacing: pt(spec.letterSpacingPt ?? 0),
    spaceBefore: pt(spec.spaceBeforePt ?? 0),
    spaceAfter: pt(spec.spaceAfterPt ?? 0),
    firstLineIndent: pt((spec.firstLineIndentChars ?? 0) * spec.sizePt),
    grey: spec.color === 'grey',
  };
}

class Resolver {
  readonly styles: Map<string, FlowStyle>;
  readonly runs: { role: FontRole; bold: boolean; text: string }[] = [];
  readonly appendix: FlowBlock[] = [];

  constructor(readonly layout: FlowLayoutSpec, readonly latinRoles: Readonly<Partial<Record<FontRole, FontRole>>>) {
    this.styles = new Map(Object.entries(layout.styles).map(([k, v]) => [k, resolveStyle(k, v, layout.leading)]));
  }

  style(name: string | undefined, fallback: string): FlowStyle {
    const n = name ?? fallback;
    const s = this.styles.get(n);
    if (!s) throw new Error(`layout style "${n}" is not declared`);
    return s;
  }

  paragraph(text: string, style: FlowStyle, align: Align | undefined, pointer?: string): FlowParagraph {
    const runs: FlowRun[] = text === '' ? [] : splitLatin({ text, font: style.font, bold: style.bold }, this.latinRoles[style.font]);
    for (const r of runs) this.runs.push({ role: r.font, bold: r.bold, text: r.text });
    return { type: 'paragraph', style, align: align ?? style.align, runs, ...(pointer ? { pointer } : {}) };
  }

  /** A paragraph spec → one paragraph, or one per entry when `each`. */
  paragraphs(p: ParagraphSpec, ctx: Ctx, defaultStyle: string): FlowParagraph[] {
    if (!holds(p.when, ctx)) return [];
    const style = this.style(p.style, defaultStyle);
    if (p.each && p.bind) {
      const v = read(p.bind, ctx);
      const list = Array.isArray(v) ? v : [];
      const base = pointerOf(p.bind, ctx);
      return list.map((item, i) => {
        const at = joinPointer(base, i);
        // With parts, each item is the context of its paragraph (relative binds, {index} = its number).
        const text = p.parts ? p.parts.map((part) => inlineText(part, { data: ctx.data, base: at, index: i + 1, blank: false })).join('') : formatted(item, p.format);
        return this.paragraph(text, style, p.align, at);
      });
    }
    // A line break in the data starts a new paragraph (its own first-line indent; Word justifies
    // the line before a manual break across the whole width, a paragraph end it leaves alone).
    const text = this.textOf(p, ctx);
    const at = p.bind ? pointerOf(p.bind, ctx) : undefined;
    return text.split(/\r?\n/).map((line) => this.paragraph(line, style, p.align, at));
  }

  textOf(p: { text?: string; bind?: string; format?: ParagraphSpec['format']; empty?: string; parts?: InlineSpec[] }, ctx: Ctx): string {
    if (p.parts) return p.parts.map((part) => inlineText(part, ctx)).join('');
    if (p.bind !== undefined) {
      const v = formatted(read(p.bind, ctx), p.format);
      return v === '' ? (p.empty ?? '') : v;
    }
    return p.text ?? '';
  }

  borders(table: { borderPt: number }, spec: CellSpec): FlowBorders {
    const d = table.borderPt;
    const b = spec.bordersPt ?? {};
    return { top: pt(b.top ?? d), right: pt(b.right ?? d), bottom: pt(b.bottom ?? d), left: pt(b.left ?? d) };
  }

  cell(spec: CellSpec, col: number, ctx: Ctx, t: { borderPt: number; style: string }, rowSpan?: number): FlowCell {
    const paragraphs: FlowParagraph[] = spec.paragraphs
      ? spec.paragraphs.flatMap((p) => this.paragraphs(p, ctx, spec.style ?? t.style))
      : this.paragraphs({ ...spec, style: spec.style ?? t.style } as ParagraphSpec, ctx, t.style);
    return {
      col,
      span: spec.span ?? 1,
      rowSpan: rowSpan ?? spec.rowSpan ?? 1,
      paragraphs,
      vAlign: spec.vAlign ?? 'middle',
      minHeight: mm(spec.minHeightMm ?? 0),
      borders: this.borders(t, spec),
      ...(spec.sealSpaceMm ? { sealSpace: mm(spec.sealSpaceMm) } : {}),
    };
  }

  /** A row's cells in order; their grid columns are assigned per table by placeCells. */
  cells(specs: readonly CellSpec[], ctx: Ctx, t: { borderPt: number; style: string }, rowSpanOf?: (c: CellSpec) => number): FlowCell[] {
    return specs.map((c) => this.cell(c, 0, ctx, t, rowSpanOf?.(c)));
  }

  rows(spec: RowSpec, ctx: Ctx, t: TableCtx): FlowRow[] {
    if ('group' in spec) {
      const v = read(spec.group.bind, ctx);
      const items = Array.isArray(v) ? v : [];
      const n = Math.max(items.length, spec.group.minGroups);
      const out: FlowRow[] = [];
      for (let i = 0; i < n; i++) {
        const sub: Ctx = { data: ctx.data, base: joinPointer(pointerOf(spec.group.bind, ctx), i), index: i + 1, blank: i >= items.length || ctx.blank };
        for (const r of spec.rows) out.push(...this.rows(r, sub, t));
      }
      return out;
    }
    const minHeight = mm(('minHeightMm' in spec ? spec.minHeightMm : undefined) ?? t.rowMinHeightMm);
    if ('repeat' in spec) return this.repeat(spec, ctx, t, minHeight);
    if (!holds(spec.when, ctx)) return [];
    return [{ cells: this.cells(spec.cells, ctx, t), minHeight, header: spec.header ?? false }];
  }

  repeat(spec: Extract<RowSpec, { repeat: unknown }>, ctx: Ctx, t: TableCtx, minHeight: Emu): FlowRow[] {
    const r = spec.repeat;
    const pointer = pointerOf(r.bind, ctx);
    const v = ctx.blank ? undefined : getPointer(ctx.data, pointer);
    const items = Array.isArray(v) ? v : [];
    const header: FlowRow[] = (spec.header ?? []).map((cells) => ({ cells: this.cells(cells, ctx, t), minHeight, header: true }));
    // Rows printed once under the header, before the items (a template's printed example row).
    const lead: FlowRow[] = (r.lead ?? []).map((cells) => ({ cells: this.cells(cells, ctx, t), minHeight, header: false }));
    const body = (from: number, count: number): FlowRow[] => {
      const out: FlowRow[] = [];
      for (let i = from; i < from + count; i++) {
        const item: Ctx = { data: ctx.data, base: joinPointer(pointer, i), index: i + 1, blank: i >= items.length || ctx.blank };
        out.push(...this.itemRows(spec, item, t, minHeight, i < items.length ? joinPointer(pointer, i) : undefined));
      }
      return out;
    };
    const overflow = r.overflow ?? { mode: 'continue' as const };
    if (overflow.mode === 'appendix' && items.length > overflow.maxRows) {
      const width = t.columnCount;
      const see: FlowRow = {
        cells: [{ ...this.cell({ text: SEE_APPENDIX, align: 'center' }, 0, ctx, t), span: width }],
        minHeight,
        header: false,
      };
      this.appendix.push(
        { type: 'page-break' },
        this.paragraph(`附页：${overflow.title}`, this.styles.get('appendix-title') ?? this.style('title', 'title'), undefined),
        { type: 'table', id: `${t.id}-appendix`, columns: t.columns, rows: placeCells(`${t.id}-appendix`, [...header, ...lead, ...body(0, items.length)], t.columnCount), padding: t.padding, joinPrevious: false },
      );
      return [...header, ...lead, see];
    }
    return [...header, ...lead, ...body(0, Math.max(items.length, r.minRows))];
  }

  /** One repeat item: one row, or (with children) a parent row spanning its child rows. */
  itemRows(spec: Extract<RowSpec, { repeat: unknown }>, item: Ctx, t: TableCtx, minHeight: Emu, pointer: string | undefined): FlowRow[] {
    const ch = spec.repeat.children;
    const tag = pointer ? { item: pointer } : {};
    if (!ch) return [{ cells: this.cells(spec.cells, item, t), minHeight, header: false, ...tag }];
    const v = item.blank ? undefined : read(ch.bind, item);
    const kids = Array.isArray(v) ? v : [];
    const n = Math.max(kids.length, ch.minRows);
    const parent = this.cells(spec.cells, item, t, () => n);
    const rows: FlowRow[] = [];
    for (let k = 0; k < n; k++) {
      const kid: Ctx = { data: item.data, base: joinPointer(pointerOf(ch.bind, item), k), index: item.index, blank: k >= kids.length || item.blank };
      const childCells = this.cells(ch.cells, kid, t);
      rows.push({ cells: k === 0 ? [...parent, ...childCells] : childCells, minHeight, header: false, ...tag });
    }
    return rows;
  }

  table(spec: TableSpec, ctx: Ctx): FlowTable[] {
    if (!holds(spec.when, ctx)) return [];
    const tctx: TableCtx = {
      id: spec.id,
      borderPt: spec.borderPt ?? this.layout.table.borderPt,
      style: spec.style ?? this.layout.table.style,
      rowMinHeightMm: spec.rowMinHeightMm ?? this.layout.table.rowMinHeightMm,
      columns: spec.columnsMm.map(mm),
      columnCount: spec.columnsMm.length,
      padding: { x: mm(this.layout.table.cellPaddingMm.x), y: mm(this.layout.table.cellPaddingMm.y) },
    };
    // Only a table's leading header rows repeat on each page (Chromium's thead, Word's tblHeader);
    // a header row further down (a nested list's column names) is an ordinary row.
    const built = spec.rows.flatMap((r) => this.rows(r, ctx, tctx));
    const lead = built.findIndex((r) => !r.header);
    const rows = placeCells(spec.id, lead < 0 ? built : built.map((r, i) => (i > lead && r.header ? { ...r, header: false } : r)), tctx.columnCount);
    return [{ type: 'table', id: spec.id, columns: tctx.columns, rows, padding: tctx.padding, joinPrevious: spec.joinPrevious ?? false }];
  }

  /** PlanContent (paragraphs, lists, tables) under an outline heading. */
  content(spec: Extract<BlockSpec, { type: 'content' }>, ctx: Ctx): FlowBlock[] {
    const v = read(spec.bind, ctx);
    const body = this.style(spec.style, spec.style);
    if (!Array.isArray(v) || v.length === 0)
      return spec.guidance ? [this.paragraph(spec.guidance, this.style(spec.guidanceStyle, 'guidance'), undefined, pointerOf(spec.bind, ctx))] : [];
    const base = pointerOf(spec.bind, ctx);
    const out: FlowBlock[] = [];
    v.forEach((blk: Record<string, unknown>, i) => {
      const p = joinPointer(base, i);
      if (blk.type === 'paragraph') for (const line of String(blk.text ?? '').split(/\r?\n/)) out.push(this.paragraph(line, body, undefined, p));
      else if (blk.type === 'list') {
        const items = Array.isArray(blk.items) ? blk.items : [];
        items.forEach((it, k) => out.push(this.paragraph(`${blk.ordered ? `${k + 1}. ` : '· '}${String(it)}`, body, undefined, joinPointer(p, 'items', k))));
      } else if (blk.type === 'table') out.push(this.contentTable(blk, p, spec.tableStyle ?? this.layout.table.style));
    });
    return out;
  }

  contentTable(blk: Record<string, unknown>, p: string, styleName: string): FlowTable {
    const header = Array.isArray(blk.columns) ? (blk.columns as unknown[]).map(String) : [];
    const body = Array.isArray(blk.rows) ? (blk.rows as unknown[][]).map((r) => (Array.isArray(r) ? r.map(String) : [])) : [];
    const n = Math.max(header.length, ...body.map((r) => r.length), 1);
    const m = this.layout.page.marginsMm;
    const width = this.layout.page.widthMm - m.left - m.right;
    const col = mm(width / n);
    const t = { borderPt: this.layout.table.borderPt, style: styleName };
    const ctx: Ctx = { data: undefined, base: '', blank: false };
    const row = (texts: string[], headerRow: boolean): FlowRow => ({
      cells: Array.from({ length: n }, (_, i) => this.cell({ text: texts[i] ?? '', style: headerRow ? 'header' : styleName, align: headerRow ? 'center' : 'left' }, i, ctx, t)),
      minHeight: mm(this.layout.table.rowMinHeightMm),
      header: headerRow,
    });
    const rows = [...(header.length ? [row(header, true)] : []), ...body.map((r) => row(r, false))];
    return { type: 'table', id: `content-${p}`, columns: Array.from({ length: n }, () => col), rows, padding: { x: mm(this.layout.table.cellPaddingMm.x), y: mm(this.layout.table.cellPaddingMm.y) }, joinPrevious: false };
  }

  block(spec: BlockSpec, ctx: Ctx): FlowBlock[] {
    switch (spec.type) {
      case 'table':
        return this.table(spec, ctx);
      case 'paragraph':
        return this.paragraphs(spec, ctx, 'body');
      case 'content':
        return this.content(spec, ctx);
      case 'group': {
        const v = read(spec.bind, ctx);
        const items = Array.isArray(v) ? v : [];
        const base = pointerOf(spec.bind, ctx);
        return items.flatMap((_, i) => {
          const item: Ctx = { data: ctx.data, base: joinPointer(base, i), index: i + 1, blank: false };
          return spec.blocks.flatMap((b) => this.block(b, item));
        });
      }
      case 'spacer':
        return [{ type: 'spacer', height: mm(spec.heightMm) }];
      case 'page-break':
        return [{ type: 'page-break' }];
    }
  }
}

interface TableCtx {
  readonly id: string;
  readonly borderPt: number;
  readonly style: string;
  readonly rowMinHeightMm: number;
  readonly columns: Emu[];
  readonly columnCount: number;
  readonly padding: { x: Emu; y: Emu };
}

/**
 * Places the cells of every row on the grid: left to right, skipping the columns a cell of a row
 * above still covers with its rowSpan (a label spanning two rows, a parent row over its child rows).
 * Every row must then fill the grid exactly; a layout that does not is a build error naming the table.
 */
function placeCells(id: string, rows: readonly FlowRow[], columns: number): FlowRow[] {
  const covered: number[] = new Array(columns).fill(0);
  return rows.map((row, r) => {
    const used: boolean[] = covered.map((c) => c > 0);
    let cursor = 0;
    const cells = row.cells.map((cell) => {
      while (cursor < columns && used[cursor]) cursor++;
      const col = cursor;
      for (let c = col; c < col + cell.span; c++) {
        if (c >= columns || used[c]) throw new Error(`layout table "${id}" row ${r}: a cell of span ${cell.span} at column ${col} overlaps or leaves the ${columns}-column grid`);
        used[c] = true;
      }
      cursor = col + cell.span;
      return cell.col === col ? cell : { ...cell, col };
    });
    if (used.some((u) => !u)) throw new Error(`layout table "${id}" row ${r}: the cells do not fill the ${columns}-column grid`);
    for (let c = 0; c < columns; c++) if (covered[c]! > 0) covered[c]!--;
    for (const cell of cells) if (cell.rowSpan > 1) for (let c = cell.col; c < cell.col + cell.span; c++) covered[c] = cell.rowSpan - 1;
    return { ...row, cells };
  });
}

export function resolveFlow(input: FlowResolveInput): FlowDocument {
  const r = new Resolver(input.layout, input.latinRoles ?? {});
  const rec = (input.data ?? {}) as Record<string, unknown>;
  const data = { ...rec, options: { ...(input.defaults ?? {}), ...((rec.options ?? {}) as object) } };
  const ctx: Ctx = { data, base: '', blank: false };
  const blocks = input.layout.blocks.flatMap((b) => r.block(b, ctx));
  const p = input.layout.page;
  const pn = p.pageNumbers;
  if (pn) {
    // The footer's digits are set by the backends (page counters), so they join the font subset here.
    const style = r.style(pn.style, pn.style);
    r.paragraph(pn.format.replace(/\{pages?\}/g, '') + '0123456789', style, undefined);
  }
  return {
    formId: input.formId,
    kind: input.layout.kind,
    title: input.title,
    page: {
      width: mm(p.widthMm),
      height: mm(p.heightMm),
      orientation: p.orientation,
      margins: { top: mm(p.marginsMm.top), right: mm(p.marginsMm.right), bottom: mm(p.marginsMm.bottom), left: mm(p.marginsMm.left) },
      ...(pn ? { pageNumbers: { format: pn.format, style: r.style(pn.style, pn.style) } } : {}),
    },
    styles: r.styles,
    blocks: [...blocks, ...r.appendix],
    textRuns: r.runs,
  };
}
