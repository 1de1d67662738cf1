/**
 * Conformance checks of a rendered flow document (filing forms, rosters, outlines …) against its
 * resolved FlowDocument, read back from the PDF: which text sizes the layout declares, which header
 * texts a repeating table must show on every page it continues on, the vertical and horizontal
 * rules of the tables on a raster, and text that crosses a rule or overprints other text.
 */
import type { FlowDocument, FlowParagraph, FlowTable } from '../../src/layout/flow/types.js';
import { EMU_PER_MM, EMU_PER_PT } from '../../src/layout/units.js';
import type { TextItem } from './pdf-read.js';

export const paragraphText = (p: FlowParagraph): string => p.runs.map((r) => r.text).join('');

/** Every point size the document may print: its styles and its page-number style. */
export function declaredSizes(doc: FlowDocument): number[] {
  const s = new Set<number>([...doc.styles.values()].map((st) => st.size / EMU_PER_PT));
  if (doc.page.pageNumbers) s.add(doc.page.pageNumbers.style.size / EMU_PER_PT);
  return [...s];
}

export function tables(doc: FlowDocument): FlowTable[] {
  return doc.blocks.filter((b): b is FlowTable => b.type === 'table');
}

/** Header cell texts of a table that fit one line (short), which must print on every page the table reaches. */
export function shortHeaderTexts(t: FlowTable): string[] {
  return t.rows
    .filter((r) => r.header)
    .flatMap((r) => r.cells.map((c) => c.paragraphs.map(paragraphText).join('')))
    .filter((s) => s.length > 0 && s.length <= 4);
}

/** Body texts that occur in this table only (so a page showing one of them shows this table). */
export function distinctiveBodyTexts(doc: FlowDocument, t: FlowTable): Set<string> {
  const count = new Map<string, number>();
  const owner = new Map<string, FlowTable>();
  for (const tb of tables(doc))
    for (const r of tb.rows)
      for (const c of r.cells)
        for (const p of c.paragraphs) {
          const s = paragraphText(p);
          if (s.length < 4) continue;
          count.set(s, (count.get(s) ?? 0) + 1);
          owner.set(s, tb);
        }
  for (const b of doc.blocks) if (b.type === 'paragraph') count.set(paragraphText(b), 99);
  const out = new Set<string>();
  for (const r of t.rows.filter((r) => !r.header))
    for (const c of r.cells)
      for (const p of c.paragraphs) {
        const s = paragraphText(p);
        if (count.get(s) === 1 && owner.get(s) === t) out.add(s);
      }
  return out;
}

export interface Rule { readonly at: number; readonly from: number; readonly to: number }

/** Long dark runs on a raster: vertical rules (x, y-range) and horizontal rules (y, x-range), in mm. */
export function findRules(r: { data: Uint8Array; width: number; height: number; pxPerMm: number }, minLenMm: number): { vertical: Rule[]; horizontal: Rule[] } {
  const minPx = Math.round(minLenMm * r.pxPerMm);
  const vertical: Rule[] = [];
  const horizontal: Rule[] = [];
  for (let x = 0; x < r.width; x++) {
    let start = -1;
    for (let y = 0; y <= r.height; y++) {
      const dark = y < r.height && r.data[y * r.width + x]! < 140;
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= minPx) vertical.push({ at: x / r.pxPerMm, from: start / r.pxPerMm, to: y / r.pxPerMm });
        start = -1;
      }
    }
  }
  for (let y = 0; y < r.height; y++) {
    let start = -1;
    for (let x = 0; x <= r.width; x++) {
      const dark = x < r.width && r.data[y * r.width + x]! < 140;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= minPx) horizontal.push({ at: y / r.pxPerMm, from: start / r.pxPerMm, to: x / r.pxPerMm });
        start = -1;
      }
    }
  }
  return { vertical, horizontal };
}

/**
 * Text items that cross a table rule: a vertical rule strictly inside the item's horizontal extent
 * at its height, or a horizontal rule through the item's glyph box. Glyph box: baseline − 0.8 em … baseline + 0.1 em.
 */
export function textCrossingRules(items: readonly TextItem[], rules: { vertical: Rule[]; horizontal: Rule[] }, tolMm = 0.35): { item: TextItem; rule: string }[] {
  const out: { item: TextItem; rule: string }[] = [];
  for (const it of items) {
    const em = (it.sizePt * 25.4) / 72;
    const top = it.yMm - 0.8 * em, bottom = it.yMm + 0.1 * em;
    const x0 = it.xMm + tolMm, x1 = it.xMm + it.widthMm - tolMm;
    for (const v of rules.vertical)
      if (v.at > x0 && v.at < x1 && v.from < bottom - tolMm && v.to > top + tolMm) {
        out.push({ item: it, rule: `vertical rule at x=${v.at.toFixed(2)} mm` });
        break;
      }
    for (const h of rules.horizontal)
      if (h.at > top + tolMm && h.at < bottom - tolMm && h.from < x1 && h.to > x0) {
        out.push({ item: it, rule: `horizontal rule at y=${h.at.toFixed(2)} mm` });
        break;
      }
  }
  return out;
}

/** Pairs of text items on one page whose glyph boxes overlap (overprinted text). */
export function overlappingText(items: readonly TextItem[], tolMm = 0.3): [TextItem, TextItem][] {
  const out: [TextItem, TextItem][] = [];
  const sorted = [...items].sort((a, b) => a.yMm - b.yMm);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const emA = (a.sizePt * 25.4) / 72;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const emB = (b.sizePt * 25.4) / 72;
      if (b.yMm - 0.8 * emB >= a.yMm + 0.1 * emA - tolMm) break;
      const xOverlap = Math.min(a.xMm + a.widthMm, b.xMm + b.widthMm) - Math.max(a.xMm, b.xMm);
      if (xOverlap > tolMm) out.push([a, b]);
    }
  }
  return out;
}

export const mmOf = (e: number): number => e / EMU_PER_MM;

/** Content height (mm) a document needs at least: table row minimum heights and paragraph lines. */
export function minimumContentHeightMm(doc: FlowDocument): number {
  let h = 0;
  for (const b of doc.blocks) {
    if (b.type === 'table') for (const r of b.rows) h += mmOf(r.minHeight);
    else if (b.type === 'spacer') h += mmOf(b.height);
  }
  return h;
}
