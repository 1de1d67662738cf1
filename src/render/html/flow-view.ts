/**
 * FlowDocument → the view model of templates/kinds/flow.hbs, and the stylesheet that carries every
 * number: page size and margins (@page), one class per named style (font role, size, leading,
 * spacing), column widths, row heights, cell padding and borders, all in mm/pt from the resolved
 * EMU. Templates stay logic-less (strict, knownHelpersOnly); nothing here comes from input data
 * except text, which Handlebars escapes.
 */
import type { FlowBlock, FlowCell, FlowDocument, FlowParagraph, FlowStyle, FlowTable } from '../../layout/flow/types.js';
import { cssMm, EMU_PER_PT, type Emu } from '../../layout/units.js';

const ptStr = (e: Emu): string => `${+(e / EMU_PER_PT).toFixed(4)}pt`;
const mmStr = (e: Emu): string => `${cssMm(e)}mm`;

export interface RunView { readonly text: string; readonly cls: string }
export interface ParagraphView { readonly cls: string; readonly runs: readonly RunView[]; readonly empty: boolean; readonly pointer?: string }
export interface CellView { readonly colspan: number; readonly rowspan: number; readonly cls: string; readonly paragraphs: readonly ParagraphView[]; readonly seal?: string; readonly last?: ParagraphView }
export interface RowView { readonly cls: string; readonly cells: readonly CellView[]; readonly item?: string }
export interface TableView { readonly id: string; readonly cls: string; readonly cols: readonly string[]; readonly head: readonly RowView[]; readonly body: readonly RowView[] }
export type BlockView =
  | { readonly paragraph: ParagraphView }
  | { readonly table: TableView }
  | { readonly spacer: string }
  | { readonly pageBreak: true };

export interface FlowView { readonly title: string; readonly kind: string; readonly blocks: readonly BlockView[] }

/**
 * The page's Content-Security-Policy allows no inline styles, so every per-element geometry
 * (column widths, row heights, borders, padding) becomes a class in the document's stylesheet:
 * equal declarations share one class.
 */
export class StyleClasses {
  private readonly byDecl = new Map<string, string>();
  cls(decl: string): string {
    if (decl === '') return '';
    let c = this.byDecl.get(decl);
    if (!c) this.byDecl.set(decl, (c = `g${this.byDecl.size}`));
    return c;
  }
  css(): string {
    return [...this.byDecl].map(([decl, c]) => `.${c} { ${decl} }`).join('\n');
  }
}

function paragraphView(p: FlowParagraph, roleOf: (r: { font: string; bold: boolean }) => string, sc: StyleClasses): ParagraphView {
  const align = p.align !== p.style.align ? `text-align: ${cssAlign(p.align)};${p.align === 'distribute' ? ' text-align-last: justify;' : ''}` : '';
  return {
    cls: [`s-${p.style.name}`, sc.cls(align)].filter(Boolean).join(' '),
    runs: p.runs.map((r) => ({ text: r.text, cls: roleOf(r) })),
    empty: p.runs.length === 0,
    ...(p.pointer ? { pointer: p.pointer } : {}),
  };
}

const cssAlign = (a: FlowParagraph['align']): string => (a === 'distribute' ? 'justify' : a);

function cellStyle(c: FlowCell, t: FlowTable): string {
  const b = c.borders;
  const side = (w: Emu) => (w > 0 ? `${ptStr(w)} solid #000` : 'none');
  return [
    `border-top: ${side(b.top)}`, `border-right: ${side(b.right)}`, `border-bottom: ${side(b.bottom)}`, `border-left: ${side(b.left)}`,
    `padding: ${mmStr(t.padding.y)} ${mmStr(t.padding.x)}`,
    `vertical-align: ${c.vAlign}`,
    ...(c.minHeight > 0 ? [`height: ${mmStr(c.minHeight)}`] : []),
  ].join('; ');
}

function tableView(t: FlowTable, roleOf: (r: { font: string; bold: boolean }) => string, sc: StyleClasses): TableView {
  const width = t.columns.reduce((a, c) => a + c, 0) as Emu;
  const rows = t.rows.map((r) => ({
    // A row whose cells span rows below may break across pages (else Chromium moves the whole group).
    cls: [sc.cls(`height: ${mmStr(r.minHeight)}`), r.cells.some((c) => c.rowSpan > 1) ? 'spans' : ''].filter(Boolean).join(' '),
    cells: r.cells.map((c) => {
      const ps = c.paragraphs.map((p) => paragraphView(p, roleOf, sc));
      const cls = sc.cls(cellStyle(c, t));
      // The round-seal space (R-FORM-2) is kept free directly above the cell's last line (the date).
      const seal = c.sealSpace ? { seal: `seal-space ${sc.cls(`height: ${mmStr(c.sealSpace)}`)}` } : {};
      if (c.sealSpace && ps.length > 1) return { colspan: c.span, rowspan: c.rowSpan, cls, paragraphs: ps.slice(0, -1), ...seal, last: ps[ps.length - 1]! };
      return { colspan: c.span, rowspan: c.rowSpan, cls, paragraphs: ps, ...seal };
    }),
    ...(r.item ? { item: r.item } : {}),
  }));
  const headCount = t.rows.findIndex((r) => !r.header);
  const split = headCount < 0 ? t.rows.length : headCount;
  return {
    id: t.id,
    // A joined table overlaps the rule above by its own top rule's width: one rule, not two.
    cls: [sc.cls(`width: ${mmStr(width)}`), t.joinPrevious ? sc.cls(`margin-top: -${ptStr(t.rows[0]?.cells[0]?.borders.top ?? (0 as Emu))}`) : ''].filter(Boolean).join(' '),
    cols: t.columns.map((c) => sc.cls(`width: ${mmStr(c)}`)),
    head: rows.slice(0, split),
    body: rows.slice(split),
  };
}

function styleRule(s: FlowStyle): string {
  return `.s-${s.name} { font-size: ${ptStr(s.size)}; line-height: ${ptStr(s.lineHeight)}; text-align: ${cssAlign(s.align)};${s.align === 'distribute' ? ' text-align-last: justify;' : ''} letter-spacing: ${ptStr(s.letterSpacing)}; margin: ${ptStr(s.spaceBefore)} 0 ${ptStr(s.spaceAfter)} 0; text-indent: ${ptStr(s.firstLineIndent)};${s.bold ? ' font-weight: bold;' : ''}${s.grey ? ' color: #808080;' : ''} }`;
}

/** The stylesheet of one flow document (without the font faces, which the caller appends). */
export function flowCss(doc: FlowDocument): string {
  const p = doc.page;
  const m = p.margins;
  const pn = p.pageNumbers;
  const counter = pn
    ? pn.format.split(/(\{pages?\})/).filter((x) => x !== '').map((x) => (x === '{page}' ? 'counter(page)' : x === '{pages}' ? 'counter(pages)' : JSON.stringify(x))).join(' ')
    : '';
  return [
    `@page { size: ${mmStr(p.width)} ${mmStr(p.height)}; margin: ${mmStr(m.top)} ${mmStr(m.right)} ${mmStr(m.bottom)} ${mmStr(m.left)};${
      pn ? ` @bottom-center { content: ${counter}; font-size: ${ptStr(pn.style.size)}; font-family: var(--page-number-font); vertical-align: middle }` : ''
    } }`,
    'html, body { margin: 0; padding: 0; background: #fff; color: #000 }',
    // Full-width punctuation keeps its full advance, as in Word's default (no 标点压缩).
    'p { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; line-break: strict; text-spacing-trim: space-all }',
    'table { border-collapse: collapse; table-layout: fixed; break-inside: auto }',
    'thead { display: table-header-group }',
    'tr { break-inside: avoid }',
    'tr.spans { break-inside: auto }',
    'td { overflow: hidden; box-sizing: border-box }',
    '.seal-space { display: block }',
    '.page-break { break-after: page; height: 0 }',
    ...[...doc.styles.values()].map(styleRule),
  ].join('\n');
}

export function flowView(doc: FlowDocument, roleClass: (font: string, bold: boolean) => string, sc: StyleClasses): FlowView {
  const roleOf = (r: { font: string; bold: boolean }) => roleClass(r.font, r.bold);
  const blocks = doc.blocks.map((b: FlowBlock): BlockView => {
    switch (b.type) {
      case 'paragraph':
        return { paragraph: paragraphView(b, roleOf, sc) };
      case 'table':
        return { table: tableView(b, roleOf, sc) };
      case 'spacer':
        return { spacer: sc.cls(`height: ${mmStr(b.height)}`) };
      case 'page-break':
        return { pageBreak: true };
    }
  });
  return { title: doc.title, kind: doc.kind, blocks };
}
