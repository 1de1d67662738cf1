/**
 * renderPdf measured through real Chromium: exact page boxes (pdfinfo), a valid
 * file (qpdf), SVG text where the SVG put it (pdfjs, baseline from the top edge),
 * the served web font embedded (pdffonts), equal jobs giving equal bytes, and no
 * asset carried over from one job to the next.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset, AssetBundle } from '../../src/render/assets.js';
import { createBrowserPool, type BrowserPool } from '../../src/render/pdf/browser-pool.js';
import { PT_PER_MM } from '../../src/render/pdf/page-box.js';
import { renderPdf } from '../../src/render/pdf/pdf-renderer.js';
import type { PdfJob } from '../../src/render/pdf/types.js';
import { pageBoxes, pdfFonts, pdfTextItems, withTempPdf } from '../helpers/pdf-read.js';

const PROBE_FONT = '/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf';
const probe: Asset = {
  id: 'probe-mono',
  kind: 'font',
  contentType: 'font/ttf',
  bytes: existsSync(PROBE_FONT) ? new Uint8Array(readFileSync(PROBE_FONT)) : new Uint8Array(),
};
const withProbe: AssetBundle = new Map([[probe.id, probe]]);

interface Label { x: number; y: number; size: number; text: string; probe?: boolean }

/** One page-sized SVG per page, text at baseline coordinates in mm. */
function svgPages(wMm: number, hMm: number, pages: Label[][]): string {
  const page = (labels: Label[]) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${wMm} ${hMm}" width="${wMm}mm" height="${hMm}mm">` +
    `<rect x="5" y="5" width="${wMm - 10}" height="${hMm - 10}" fill="none" stroke="#000" stroke-width="0.3"/>` +
    labels
      .map(
        (l) =>
          `<text x="${l.x}" y="${l.y}" font-size="${l.size}" font-family="${l.probe ? 'SefProbe, ' : ''}serif">${l.text}</text>`,
      )
      .join('') +
    `</svg>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: ${wMm}mm ${hMm}mm; margin: 0 }
html, body { margin: 0; padding: 0 }
svg { display: block; break-after: page }
svg:last-child { break-after: auto }
@font-face { font-family: SefProbe; src: url(https://assets.invalid/font/${probe.id}) }
</style></head><body>${pages.map(page).join('')}</body></html>`;
}

const a4Labels: Label[][] = [
  [
    { x: 20, y: 30, size: 5, text: 'PROBEA', probe: true },
    { x: 148.5, y: 105.25, size: 4.2333, text: 'MIDDLE' },
    { x: 250.2, y: 200.5, size: 3.175, text: 'CORNER' },
  ],
  [{ x: 33.3, y: 44.4, size: 6, text: 'SECOND' }],
];
const a4: PdfJob = {
  html: svgPages(297, 210, a4Labels),
  assets: withProbe,
  pageWidthMm: 297,
  pageHeightMm: 210,
  title: 'A4 probe',
};
const cardLabels: Label[][] = [[{ x: 10, y: 15, size: 4, text: 'CARD' }, { x: 40.5, y: 100.75, size: 3, text: 'FOOT' }]];
const card: PdfJob = { html: svgPages(80, 110, cardLabels), assets: new Map(), pageWidthMm: 80, pageHeightMm: 110 };

let pool: BrowserPool;
beforeAll(async () => {
  pool = await createBrowserPool({ size: 1, timeoutMs: 20_000 });
}, 30_000);
afterAll(async () => {
  await pool?.close();
}, 30_000);

describe('renderPdf', () => {
  for (const [name, job, labels] of [
    ['297×210 mm, two pages', a4, a4Labels],
    ['80×110 mm', card, cardLabels],
  ] as const) {
    it(`${name}: exact boxes, valid file, SVG text where it was put`, async () => {
      const r = await renderPdf(pool, job);
      expect(r.pageCount).toBe(labels.length);
      expect(r.blockedRequests).toEqual([]);
      const w = job.pageWidthMm * PT_PER_MM;
      const h = job.pageHeightMm * PT_PER_MM;
      await withTempPdf(r.bytes, (file) => {
        const boxes = pageBoxes(file);
        expect(boxes).toHaveLength(labels.length);
        for (const b of boxes)
          for (const box of [b.media, b.crop]) {
            expect(box[2]! - box[0]!).toBeCloseTo(w, 2);
            expect(box[3]! - box[1]!).toBeCloseTo(h, 2);
          }
        execFileSync('qpdf', ['--check', file]); // throws on a non-zero exit
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(info).toMatch(/Producer:\s+skill-eval-forms/);
        expect(info).toMatch(/CreationDate:\s+Thu Jan\s+1 00:00:00 1970/);
        expect(pdfFonts(file).filter((f) => f.type === 'Type 3')).toEqual([]);
      });
      const { pages, items } = await pdfTextItems(r.bytes);
      for (const p of pages) {
        expect(p.widthPt).toBeCloseTo(w, 2);
        expect(p.heightPt).toBeCloseTo(h, 2);
      }
      labels.forEach((page, i) => {
        for (const l of page) {
          const it = items.find((t) => t.page === i + 1 && t.str.startsWith(l.text));
          expect(it, l.text).toBeDefined();
          expect(Math.abs(it!.xMm - l.x), `${l.text} x`).toBeLessThan(0.05);
          expect(Math.abs(it!.yMm - l.y), `${l.text} baseline`).toBeLessThan(0.05);
          expect(Math.abs(it!.sizePt - l.size * PT_PER_MM), `${l.text} size`).toBeLessThan(0.01);
        }
      });
    }, 20_000);
  }

  it.runIf(probe.bytes.length > 0)('embeds the web font served by interception', async () => {
    const r = await renderPdf(pool, a4);
    await withTempPdf(r.bytes, (file) => {
      const fonts = pdfFonts(file);
      expect(fonts.map((f) => f.name)).toContainEqual(expect.stringMatching(/\+LiberationMono-Bold$/));
      for (const f of fonts) expect([f.name, f.emb, f.sub]).toEqual([f.name, true, true]);
    });
  }, 20_000);

  it('gives equal bytes for an equal job, and the job date when given', async () => {
    const [a, b] = [await renderPdf(pool, card), await renderPdf(pool, card)];
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const dated = await renderPdf(pool, { ...card, creationDate: new Date('2026-03-01T08:00:00Z') });
    await withTempPdf(dated.bytes, (file) => {
      expect(execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' })).toMatch(
        /CreationDate:\s+2026-03-01T08:00:00Z[\s\S]*ModDate:\s+2026-03-01T08:00:00Z/,
      );
    });
  }, 20_000);

  it.runIf(probe.bytes.length > 0)('does not let a later job use an earlier job\'s asset', async () => {
    await renderPdf(pool, a4);
    const later = await renderPdf(pool, { ...a4, assets: new Map() });
    expect(later.blockedRequests).toContain('https://assets.invalid');
    await withTempPdf(later.bytes, (file) => {
      expect(pdfFonts(file).map((f) => f.name)).not.toContainEqual(expect.stringMatching(/LiberationMono/));
    });
  }, 20_000);
});
