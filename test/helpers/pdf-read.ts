/**
 * Reading rendered PDFs back for conformance tests: text geometry with pdfjs
 * (legacy build, isEvalSupported: false), page boxes and fonts with poppler,
 * rasters with pdftoppm, QR payloads with zbarimg.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const PT_PER_MM = 72 / 25.4;

export interface TextItem {
  page: number;
  str: string;
  sizePt: number;
  xMm: number;
  /** Baseline, measured from the top edge of the page. */
  yMm: number;
  widthMm: number;
  fontName: string;
}

export async function pdfTextItems(bytes: Uint8Array): Promise<{ pages: { widthPt: number; heightPt: number }[]; items: TextItem[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
  const items: TextItem[] = [];
  const pages: { widthPt: number; heightPt: number }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    pages.push({ widthPt: x1 - x0, heightPt: y1 - y0 });
    const tc = await page.getTextContent();
    for (const it of tc.items as { str: string; transform: number[]; width: number; fontName: string }[]) {
      if (!it.str || !it.str.trim()) continue;
      const t = it.transform;
      items.push({
        page: p,
        str: it.str,
        sizePt: Math.hypot(t[2]!, t[3]!),
        xMm: (t[4]! - x0) / PT_PER_MM,
        yMm: (y1 - t[5]!) / PT_PER_MM,
        widthMm: it.width / PT_PER_MM,
        fontName: it.fontName,
      });
    }
    page.cleanup();
  }
  await doc.destroy();
  return { pages, items };
}

export async function withTempPdf<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'sef-test-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  try {
    return await fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** MediaBox and CropBox of every page (pdfinfo -box), in pt. */
export function pageBoxes(file: string): { media: number[]; crop: number[] }[] {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '100000', file], { encoding: 'utf8' });
  const pages: { media: number[]; crop: number[] }[] = [];
  for (const line of out.split('\n')) {
    const m = /^Page\s+(\d+)\s+(MediaBox|CropBox):\s+([-\d.\s]+)$/.exec(line.trim());
    if (!m) continue;
    const i = Number(m[1]) - 1;
    pages[i] ??= { media: [], crop: [] };
    const nums = m[3]!.trim().split(/\s+/).map(Number);
    if (m[2] === 'MediaBox') pages[i]!.media = nums;
    else pages[i]!.crop = nums;
  }
  return pages;
}

export interface FontRow { name: string; type: string; emb: boolean; sub: boolean }
export function pdfFonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return out.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID  (type may contain spaces, e.g. "CID TrueType")
    const n = cols.length;
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5] === 'yes', sub: cols[n - 4] === 'yes' };
  });
}

/** Greyscale raster of one page at `dpi`: raw 1-byte pixels. */
export async function rasterPage(file: string, page: number, dpi: number): Promise<{ data: Uint8Array; width: number; height: number; pxPerMm: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sef-raster-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-gray', '-png', '-singlefile', file, join(dir, 'p')]);
    const { data, info } = await sharp(readFileSync(join(dir, 'p.png'))).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height, pxPerMm: dpi / 25.4 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Dark runs (value < threshold) along a row or column of a raster. */
export function darkRuns(r: { data: Uint8Array; width: number; height: number }, axis: 'row' | 'col', index: number, threshold = 128): [number, number][] {
  const runs: [number, number][] = [];
  const len = axis === 'row' ? r.width : r.height;
  let start = -1;
  for (let i = 0; i < len; i++) {
    const v = axis === 'row' ? r.data[index * r.width + i]! : r.data[i * r.width + index]!;
    if (v < threshold && start < 0) start = i;
    if ((v >= threshold || i === len - 1) && start >= 0) {
      runs.push([start, v < threshold ? i : i - 1]);
      start = -1;
    }
  }
  return runs;
}

/** Bounding box (px) of pixels darker than threshold inside a window. */
export function darkBox(r: { data: Uint8Array; width: number; height: number }, win: { x0: number; y0: number; x1: number; y1: number }, threshold = 200) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let y = Math.max(0, win.y0); y <= Math.min(r.height - 1, win.y1); y++)
    for (let x = Math.max(0, win.x0); x <= Math.min(r.width - 1, win.x1); x++)
      if (r.data[y * r.width + x]! < threshold) {
        if (x < minX) minX = x; if (x > maxX) maxX = x;
        if (y < minY) minY = y; if (y > maxY) maxY = y;
      }
  return { minX, minY, maxX, maxY };
}

/** QR payloads found on one page (zbarimg on a 300 dpi raster). */
export function decodeQr(file: string, page: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sef-qr-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-f', String(page), '-l', String(page), '-gray', '-png', '-singlefile', file, join(dir, 'p')]);
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, 'p.png')], { encoding: 'utf8' });
    return out.split('\n').filter((l) => l.length > 0);
  } catch (e) {
    if ((e as { status?: number }).status === 4) return []; // zbarimg: no symbol found
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
