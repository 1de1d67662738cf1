/**
 * Conformance of every canvas document (certificates, cards) to its layout
 * spec, read back from the rendered PDF: page boxes (pdfinfo), embedded
 * TrueType subsets and no Type 3 (pdffonts), every text line's size (pdfjs,
 * within 0.01 pt) and position (within 0.3 mm), frames measured on a 600 dpi
 * raster (size and stroke within one device pixel), photo and QR boxes at their
 * declared size, and QR codes decoding to their payload (zbarimg).
 * The expected values are the resolved layout, computed from layout.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderForm, type RenderResult } from '../../src/pipeline/render-form.js';
import { formRegistry } from '../../src/forms/registry.js';
import { readInput } from '../../src/cli/load-input.js';
import { getPointer } from '../../src/layout/pointer.js';
import { toMm, toPt, type Emu } from '../../src/layout/units.js';
import type { ResolvedItem, ResolvedPage } from '../../src/layout/types.js';
import { darkBox, darkRuns, decodeQr, pageBoxes, pdfFonts, pdfTextItems, rasterPage, withTempPdf, type TextItem } from '../helpers/pdf-read.js';

const PT_PER_MM = 72 / 25.4;
let engine: Engine;
let testPhoto: { mediaType: 'image/jpeg'; base64: string };

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  // A photo with no white margin, so its printed box can be measured on the raster.
  const jpg = await sharp({ create: { width: 400, height: 560, channels: 3, background: { r: 90, g: 90, b: 90 } } }).jpeg().toBuffer();
  testPhoto = { mediaType: 'image/jpeg', base64: jpg.toString('base64') };
});
afterAll(async () => engine?.close());

/** Replaces every required image (photos) in the records with the measurable test photo. */
function withTestPhotos(formId: string, input: unknown): unknown {
  const layout = formRegistry().get(formId)!.layout!;
  const binds = layout.pages.flatMap((p) => p.elements).filter((e) => e.type === 'image').map((e) => (e as { bind: string }).bind);
  const put = (rec: unknown) => {
    const copy = structuredClone(rec) as Record<string, unknown>;
    for (const b of binds) {
      const parts = b.slice(1).split('/');
      let o = copy as Record<string, unknown>;
      for (const k of parts.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      if (getPointer(copy, b)) o[parts[parts.length - 1]!] = testPhoto;
    }
    return copy;
  };
  return Array.isArray(input) ? input.map(put) : put(input);
}

interface Placed { item: ResolvedItem; dx: number; dy: number }
const placed = (p: ResolvedPage): Placed[] => [
  ...p.groups.flatMap((g) => g.items.map((item) => ({ item, dx: g.dx as number, dy: g.dy as number }))),
  ...p.sheetItems.map((item) => ({ item, dx: 0, dy: 0 })),
];

const norm = (s: string) => s.replace(/\s+/g, '');

function checkText(page: ResolvedPage, pageNo: number, items: TextItem[]) {
  const onPage = items.filter((i) => i.page === pageNo);
  const lines = placed(page).flatMap(({ item, dx, dy }) =>
    item.type === 'text'
      ? item.lines.map((l) => {
          const x = toMm((l.x + dx) as Emu), y = toMm((l.y + dy) as Emu), w = toMm(l.measuredWidth);
          const left = l.anchor === 'start' ? x : l.anchor === 'middle' ? x - w / 2 : x - w;
          return { id: item.id, sizePt: toPt(item.size), x, y, left, right: left + w, anchor: l.anchor, text: l.runs.map((r) => r.text).join(''), got: [] as TextItem[] };
        })
      : [],
  );
  expect(lines.length, 'resolved text lines').toBeGreaterThan(0);
  // Assign every printed item to the line on its baseline whose predicted extent holds it.
  for (const it of onPage) {
    const cands = lines.filter((l) => Math.abs(l.y - it.yMm) < 0.3 && it.xMm >= l.left - 1.5 && it.xMm <= l.right + 1.5);
    expect(cands.length, `printed text "${it.str}" at (${it.xMm.toFixed(2)}, ${it.yMm.toFixed(2)}) mm belongs to no layout line`).toBeGreaterThan(0);
    cands.sort((a, b) => Math.abs(a.left - it.xMm) - Math.abs(b.left - it.xMm))[0]!.got.push(it);
  }
  for (const l of lines) {
    const got = l.got.sort((a, b) => a.xMm - b.xMm);
    expect(norm(got.map((g) => g.str).join('')), `text of ${l.id}`).toBe(norm(l.text));
    for (const g of got) expect(Math.abs(g.sizePt - l.sizePt), `size of ${l.id} "${g.str}": ${g.sizePt}`).toBeLessThanOrEqual(0.01);
    const minX = got[0]!.xMm;
    const maxX = Math.max(...got.map((g) => g.xMm + g.widthMm));
    const anchorX = l.anchor === 'start' ? minX : l.anchor === 'middle' ? (minX + maxX) / 2 : maxX;
    expect(Math.abs(anchorX - l.x), `x of ${l.id}: ${anchorX.toFixed(3)} vs ${l.x.toFixed(3)} mm`).toBeLessThanOrEqual(0.3);
    for (const g of got) expect(Math.abs(g.yMm - l.y), `baseline of ${l.id}`).toBeLessThanOrEqual(0.3);
  }
}

async function checkRaster(file: string, page: ResolvedPage, pageNo: number) {
  const frames = placed(page).filter((p) => p.item.type === 'rect' && p.item.role === 'frame');
  const boxes = placed(page).filter((p) => p.item.type === 'image' && p.item.role === 'image' || p.item.type === 'qr');
  if (!frames.length && !boxes.length) return;
  const r = await rasterPage(file, pageNo, 600);
  const px = r.pxPerMm;
  for (const { item, dx, dy } of frames) {
    if (item.type !== 'rect') continue;
    const x = toMm((item.x + dx) as Emu), y = toMm((item.y + dy) as Emu), w = toMm(item.w), h = toMm(item.h), s = toMm(item.stroke);
    // Along the frame's middle row: the first and last dark runs are its left and right strokes.
    const row = darkRuns(r, 'row', Math.round((y + h / 2) * px));
    const col = darkRuns(r, 'col', Math.round((x + w / 2) * px));
    const [l, rr] = [row[0]!, row[row.length - 1]!];
    const [t, b] = [col[0]!, col[col.length - 1]!];
    const strokeW = [l, rr, t, b].map(([a, z]) => (z - a + 1) / px);
    const centreW = ((rr[0] + rr[1]) / 2 - (l[0] + l[1]) / 2) / px;
    const centreH = ((b[0] + b[1]) / 2 - (t[0] + t[1]) / 2) / px;
    const onePx = 1 / px;
    expect(Math.abs(centreW - w), `${item.id} width ${centreW.toFixed(3)} mm vs ${w}`).toBeLessThanOrEqual(onePx);
    expect(Math.abs(centreH - h), `${item.id} height ${centreH.toFixed(3)} mm vs ${h}`).toBeLessThanOrEqual(onePx);
    for (const sw of strokeW) expect(Math.abs(sw - s), `${item.id} stroke ${sw.toFixed(3)} mm vs ${s.toFixed(3)}`).toBeLessThanOrEqual(onePx);
  }
  for (const { item, dx, dy } of boxes) {
    if (item.type !== 'image' && item.type !== 'qr') continue;
    const x = toMm((item.x + dx) as Emu), y = toMm((item.y + dy) as Emu);
    const w = toMm(item.type === 'qr' ? item.size : item.w), h = toMm(item.type === 'qr' ? item.size : item.h);
    const m = 1.5; // search window margin, mm (layouts keep this clear around photos and QR codes)
    const bb = darkBox(r, { x0: Math.round((x - m) * px), y0: Math.round((y - m) * px), x1: Math.round((x + w + m) * px), y1: Math.round((y + h + m) * px) });
    const tol = 2 / px;
    expect(Math.abs(bb.minX / px - x), `${item.id} left`).toBeLessThanOrEqual(tol);
    expect(Math.abs(bb.minY / px - y), `${item.id} top`).toBeLessThanOrEqual(tol);
    expect(Math.abs((bb.maxX + 1 - bb.minX) / px - w), `${item.id} width`).toBeLessThanOrEqual(tol);
    expect(Math.abs((bb.maxY + 1 - bb.minY) / px - h), `${item.id} height`).toBeLessThanOrEqual(tol);
  }
}

// SEF_ONLY_FORM=<id> narrows the suite while working on one document.
const cases = [...formRegistry().values()]
  .filter((f) => f.layout && (!process.env.SEF_ONLY_FORM || f.id === process.env.SEF_ONLY_FORM))
  .flatMap((f) => f.examples.flatMap((ex) => (f.manifest.renderModes ?? ['pages']).map((mode) => ({ form: f.id, example: ex.name, file: ex.file, mode }))));

describe.each(cases)('$form / $example ($mode)', ({ form, file, mode }) => {
  let r: RenderResult;
  beforeAll(async () => {
    r = await renderForm(engine, { formId: form, input: withTestPhotos(form, readInput(file)), format: 'pdf', mode: mode as 'pages' | 'imposed' });
  });

  it('has exact page boxes and one page per resolved page', async () => {
    await withTempPdf(r.bytes, (f) => {
      const boxes = pageBoxes(f);
      expect(boxes.length).toBe(r.resolved.pages.length);
      boxes.forEach((b, i) => {
        const p = r.resolved.pages[i]!;
        const W = toMm(p.width) * PT_PER_MM, H = toMm(p.height) * PT_PER_MM;
        for (const box of [b.media, b.crop]) {
          expect(Math.abs(box[2]! - box[0]! - W)).toBeLessThanOrEqual(0.01);
          expect(Math.abs(box[3]! - box[1]! - H)).toBeLessThanOrEqual(0.01);
        }
      });
    });
  });

  it('embeds every font as a TrueType subset, never Type 3', async () => {
    await withTempPdf(r.bytes, (f) => {
      const fonts = pdfFonts(f);
      expect(fonts.length).toBeGreaterThan(0);
      for (const ft of fonts) {
        expect(ft.type, ft.name).not.toMatch(/Type 3/);
        expect(ft.emb && ft.sub, `${ft.name} embedded subset`).toBe(true);
      }
    });
  });

  it('prints every text line at its layout size and position', async () => {
    const { items } = await pdfTextItems(r.bytes);
    r.resolved.pages.forEach((p, i) => checkText(p, i + 1, items));
  });

  it('prints frames, photos and QR codes at their declared geometry, and QR codes decode', async () => {
    await withTempPdf(r.bytes, async (f) => {
      // raster checks on the first two pages keep the suite bounded; every page is checked for QR payloads
      for (let i = 0; i < Math.min(2, r.resolved.pages.length); i++) await checkRaster(f, r.resolved.pages[i]!, i + 1);
      r.resolved.pages.forEach((p, i) => {
        const want = placed(p).flatMap(({ item }) => (item.type === 'qr' ? [item.payload] : []));
        if (!want.length) return;
        expect(decodeQr(f, i + 1).sort()).toEqual(want.sort());
      });
    });
  });
});
