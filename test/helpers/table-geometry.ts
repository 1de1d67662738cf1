/**
 * Table geometry read back from a rendered PDF page, for conformance tests of both backends
 * (Chromium's PDF and LibreOffice's PDF of the DOCX): the page is rasterised (pdftoppm, grey) and
 * every long straight dark run is a rule — vertical rules give the column boundaries, horizontal
 * rules the row boundaries — in mm from the page's top-left corner, so a test compares them with
 * the layout spec (left margin + cumulative column widths; row heights) within a tolerance.
 * Text strokes are far shorter than a rule (a 10.5 pt glyph is under 4 mm), so a minimum run length
 * of a few mm separates them; a rule's position is the darkness-weighted centre of its pixels.
 */
import type { FlowTable } from '../../src/layout/flow/types.js';
import { toMm } from '../../src/layout/units.js';
import { rasterPage } from './pdf-read.js';

export interface Rule {
  /** Centre of the rule across its length (x of a vertical rule, y of a horizontal one), mm. */
  readonly at: number;
  /** Extent along its length, mm. */
  readonly from: number;
  readonly to: number;
  /** Stroke width, mm (to the raster's resolution). */
  readonly width: number;
}

export interface PageRules {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly vertical: readonly Rule[];
  readonly horizontal: readonly Rule[];
}

export interface RuleOptions {
  /** Raster resolution (default 200 dpi: 0.127 mm per pixel). */
  readonly dpi?: number;
  /** Shortest dark run that counts as a rule, mm (default 5). */
  readonly minLengthMm?: number;
  /** Grey level below which a pixel is dark (default 160). */
  readonly threshold?: number;
  /** Only this window of the page, mm (default: all of it). */
  readonly window?: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

interface Raster { data: Uint8Array; width: number; height: number }

/** Longest dark run along line `i` (a column for 'v', a row for 'h') within [a, b). */
function longestRun(r: Raster, dir: 'v' | 'h', i: number, a: number, b: number, threshold: number): { len: number; start: number } {
  let best = { len: 0, start: 0 };
  let start = -1;
  for (let j = a; j <= b; j++) {
    const dark = j < b && (dir === 'v' ? r.data[j * r.width + i]! : r.data[i * r.width + j]!) < threshold;
    if (dark && start < 0) start = j;
    if (!dark && start >= 0) {
      if (j - start > best.len) best = { len: j - start, start };
      start = -1;
    }
  }
  return best;
}

function rules(r: Raster, dir: 'v' | 'h', px: number, win: { x0: number; y0: number; x1: number; y1: number }, minLen: number, threshold: number): Rule[] {
  const [lo, hi] = dir === 'v' ? [win.x0, win.x1] : [win.y0, win.y1];
  const [a, b] = dir === 'v' ? [win.y0, win.y1] : [win.x0, win.x1];
  const hits: { i: number; len: number; start: number }[] = [];
  for (let i = lo; i < hi; i++) {
    const run = longestRun(r, dir, i, a, b, threshold);
    if (run.len >= minLen) hits.push({ i, ...run });
  }
  // Adjacent lines with a long run are one stroke (a 0.75 pt rule is about 2 px at 200 dpi).
  const groups: (typeof hits)[] = [];
  for (const h of hits) {
    const g = groups.at(-1);
    if (g && h.i - g.at(-1)!.i === 1) g.push(h);
    else groups.push([h]);
  }
  return groups.map((g) => {
    const first = g[0]!.i - 1;
    const last = g.at(-1)!.i + 1;
    const from = Math.min(...g.map((h) => h.start));
    const to = Math.max(...g.map((h) => h.start + h.len));
    // Darkness-weighted centre across the stroke (one line either side picks up anti-aliasing).
    let sum = 0;
    let wsum = 0;
    for (let i = Math.max(lo, first); i <= Math.min(hi - 1, last); i++) {
      let w = 0;
      for (let j = from; j < to; j += 4) w += 255 - (dir === 'v' ? r.data[j * r.width + i]! : r.data[i * r.width + j]!);
      sum += w * (i + 0.5);
      wsum += w;
    }
    return { at: sum / wsum / px, from: from / px, to: to / px, width: g.length / px };
  });
}

/** Vertical and horizontal rules of one page (1-based) of a PDF file. */
export async function pageRules(file: string, page: number, opts: RuleOptions = {}): Promise<PageRules> {
  const dpi = opts.dpi ?? 200;
  const r = await rasterPage(file, page, dpi);
  const px = r.pxPerMm;
  const w = opts.window;
  const win = w
    ? { x0: Math.max(0, Math.floor(w.x0 * px)), y0: Math.max(0, Math.floor(w.y0 * px)), x1: Math.min(r.width, Math.ceil(w.x1 * px)), y1: Math.min(r.height, Math.ceil(w.y1 * px)) }
    : { x0: 0, y0: 0, x1: r.width, y1: r.height };
  const minLen = Math.round((opts.minLengthMm ?? 5) * px);
  const threshold = opts.threshold ?? 160;
  return {
    widthMm: r.width / px,
    heightMm: r.height / px,
    vertical: rules(r, 'v', px, win, minLen, threshold),
    horizontal: rules(r, 'h', px, win, minLen, threshold),
  };
}

/** Column boundaries of a table from the spec: left edge + cumulative widths, mm. */
export function columnBoundaries(leftMm: number, columnsMm: readonly number[]): number[] {
  const out = [leftMm];
  for (const c of columnsMm) out.push(out.at(-1)! + c);
  return out;
}

/**
 * For each expected position, the signed distance to the nearest rule (rule − expected), mm;
 * NaN when there is no rule at all.
 */
export function deltas(expected: readonly number[], found: readonly Rule[]): number[] {
  return expected.map((e) => {
    let best = NaN;
    for (const f of found) if (Number.isNaN(best) || Math.abs(f.at - e) < Math.abs(best)) best = f.at - e;
    return best;
  });
}

/**
 * The x positions (mm) where a resolved table prints a vertical rule: the left and right edges of
 * its cells that have a border, from `leftMm` (the page's left margin) and the column widths.
 */
export function ruledColumnEdges(t: FlowTable, leftMm: number): number[] {
  const xs = columnBoundaries(leftMm, t.columns.map(toMm));
  const out = new Set<number>();
  for (const row of t.rows)
    for (const c of row.cells) {
      if (c.borders.left > 0) out.add(xs[c.col]!);
      if (c.borders.right > 0) out.add(xs[c.col + c.span]!);
    }
  return [...out].map((x) => Math.round(x * 1000) / 1000).sort((a, b) => a - b);
}
