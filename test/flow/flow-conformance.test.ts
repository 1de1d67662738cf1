/**
 * PDF conformance of every flow document (catalogue §2–§6 and the §10 checklists) for each of its
 * examples (minimal, full, and the 200-row stress example where there is one), read back from the
 * printed file: exact page size, fonts embedded (no Type 3), every text size one the layout declares
 * and the title at its style's size, the header of a repeating table on every page the table reaches,
 * no text crossing a table rule or overprinting other text, and no fewer pages than the rows need.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../src/pipeline/engine.js';
import { flowPdf, resolveFlowForm } from '../../src/pipeline/render-flow.js';
import type { FlowDocument } from '../../src/layout/flow/types.js';
import { EMU_PER_MM, EMU_PER_PT } from '../../src/layout/units.js';
import { formRegistry } from '../../src/forms/registry.js';
import { pageBoxes, pdfFonts, pdfTextItems, rasterPage, withTempPdf, type TextItem } from '../helpers/pdf-read.js';
import {
  declaredSizes, distinctiveBodyTexts, findRules, minimumContentHeightMm, overlappingText, paragraphText, shortHeaderTexts, tables, textCrossingRules,
} from '../helpers/flow-checks.js';

const engine = createEngine();
afterAll(() => engine.close());

const EXAMPLES = ['minimal', 'full', 'stress'];

/** Renders run two at a time (the pool's size), in the order the tests ask for them. */
const chain: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
let turn = 0;
function queued<T>(job: () => Promise<T>): Promise<T> {
  const slot = turn++ % chain.length;
  const p = chain[slot]!.then(job, job);
  chain[slot] = p.catch(() => undefined);
  return p;
}
const flowForms = [...formRegistry().values()].filter((f) => f.flow);

interface Rendered {
  doc: FlowDocument;
  pdf: Uint8Array;
  pageCount: number;
  items: TextItem[];
  pages: { widthPt: number; heightPt: number }[];
  boxes: { media: number[]; crop: number[] }[];
  fonts: ReturnType<typeof pdfFonts>;
  /** Text items crossing rules and overprinted text, on the pages we rasterise. */
  crossing: string[];
  overlaps: string[];
}

async function render(formId: string, file: string, rasterPages: number): Promise<Rendered> {
  const input = JSON.parse(readFileSync(file, 'utf8'));
  const { doc } = resolveFlowForm(engine, formId, input);
  const pdf = await flowPdf(engine, doc, new Date(0));
  const { items, pages } = await pdfTextItems(pdf.bytes);
  return withTempPdf(pdf.bytes, async (f) => {
    const crossing: string[] = [];
    const overlaps: string[] = [];
    for (let p = 1; p <= Math.min(rasterPages, pdf.pageCount); p++) {
      const onPage = items.filter((i) => i.page === p);
      // 12 mm: longer than any glyph stroke (a 26 pt cover title is 9.2 mm tall), shorter than a rule of two rows.
      const rules = findRules(await rasterPage(f, p, 100), 12);
      for (const c of textCrossingRules(onPage, rules)) crossing.push(`page ${p}: "${c.item.str}" at (${c.item.xMm.toFixed(1)}, ${c.item.yMm.toFixed(1)}) crosses the ${c.rule}`);
      for (const [a, b] of overlappingText(onPage)) overlaps.push(`page ${p}: "${a.str}" overprints "${b.str}"`);
    }
    return { doc, pdf: pdf.bytes, pageCount: pdf.pageCount, items, pages, boxes: pageBoxes(f), fonts: pdfFonts(f), crossing, overlaps };
  });
}

describe.each(flowForms.map((f) => [f.id, f] as const))('%s', (id, form) => {
  const examples = form.examples.filter((e) => EXAMPLES.includes(e.name));
  it('has minimal and full examples to render', () => {
    expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['minimal', 'full']));
  });

  describe.each(examples.map((e) => [e.name, e] as const))('%s example', (name, ex) => {
    let r: Rendered;
    const ready = queued(async () => (r = await render(id, ex.file, name === 'stress' ? 3 : 4)));
    ready.catch(() => undefined);

    it('prints every page at the layout page size exactly (MediaBox = CropBox, 0.01 pt)', async () => {
      await ready;
      const wPt = (r.doc.page.width / EMU_PER_MM) * (72 / 25.4);
      const hPt = (r.doc.page.height / EMU_PER_MM) * (72 / 25.4);
      expect(r.boxes).toHaveLength(r.pageCount);
      for (const b of r.boxes) {
        expect(b.media[2]! - b.media[0]!).toBeCloseTo(wPt, 2);
        expect(b.media[3]! - b.media[1]!).toBeCloseTo(hPt, 2);
        expect(b.crop).toEqual(b.media);
      }
    }, 240_000);

    it('embeds every font and draws no Type 3 font', async () => {
      await ready;
      expect(r.fonts.length).toBeGreaterThan(0);
      for (const f of r.fonts) {
        expect(f.type).not.toMatch(/Type 3/);
        expect(f.emb, f.name).toBe(true);
      }
    }, 240_000);

    it('prints text only at sizes the layout declares, the title at its style size', async () => {
      await ready;
      const sizes = declaredSizes(r.doc);
      // Chromium sets type in tenths of a CSS px: a size that is not a whole px (22 pt = 29.33 px) prints up to 0.0375 pt off.
      const off = r.items.filter((i) => !sizes.some((s) => Math.abs(s - i.sizePt) < 0.04));
      expect(off.map((i) => `${i.str}@${i.sizePt.toFixed(3)}`)).toEqual([]);
      const title = r.doc.blocks.find((b) => b.type === 'paragraph' && (b.style.name === 'title' || b.style.name === 'cover-title'));
      if (title && title.type === 'paragraph' && paragraphText(title)) {
        const first = [...paragraphText(title)].slice(0, 4).join('');
        const hit = r.items.find((i) => i.page === 1 && i.str.includes(first));
        expect(hit, `title "${first}" on page 1`).toBeDefined();
        expect(hit!.sizePt).toBeCloseTo(title.style.size / EMU_PER_PT, 1);
      }
    }, 240_000);

    it('repeats each table header on every page the table continues on', async () => {
      await ready;
      for (const t of tables(r.doc)) {
        const headers = shortHeaderTexts(t);
        if (headers.length === 0) continue;
        const marks = distinctiveBodyTexts(r.doc, t);
        const pagesWithRows = new Set(r.items.filter((i) => marks.has(i.str)).map((i) => i.page));
        for (const p of pagesWithRows) {
          const text = r.items.filter((i) => i.page === p).map((i) => i.str).join('');
          for (const h of headers) expect(text.includes(h), `${t.id}: header "${h}" on page ${p}`).toBe(true);
        }
      }
    }, 240_000);

    it('draws no text across a table rule and no text over other text', async () => {
      await ready;
      expect(r.crossing.slice(0, 12)).toEqual([]);
      expect(r.overlaps.slice(0, 12)).toEqual([]);
    }, 240_000);

    it('has at least the pages its rows need and no empty page', async () => {
      await ready;
      const m = r.doc.page.margins;
      const usable = (r.doc.page.height - m.top - m.bottom) / EMU_PER_MM;
      expect(r.pageCount).toBeGreaterThanOrEqual(Math.ceil(minimumContentHeightMm(r.doc) / usable - 0.001));
      for (let p = 1; p <= r.pageCount; p++) expect(r.items.some((i) => i.page === p), `page ${p} has text`).toBe(true);
    }, 240_000);
  });
});
