/**
 * Text measurement for the line breaker: advance widths from fontkit with
 * pairwise kerning (GPOS `kern` / legacy `kern` table, as fontkit's layout
 * applies it) and per-character fallback along the role's chain, the way
 * Chromium walks the CSS font-family stack.
 *
 * Speed: advances are cached per face and code point, the face that serves a
 * code point per chain, and kerning per pair; pairs are only laid out when the
 * first glyph appears in a kerning lookup's coverage, so CJK text never calls
 * the layout engine.
 */
import type { FkFont } from './fontkit.js';
import { faceOf, roleFonts, type FontSet, type ResolvedFont } from './font-set.js';
import type { Role } from './config.js';

const PT_TO_MM = 25.4 / 72;

interface FaceMetrics {
  readonly font: FkFont;
  readonly upm: number;
  /** Advance in em per code point. */
  readonly adv: Map<number, number>;
  readonly has: Map<number, boolean>;
  readonly gid: Map<number, number>;
  /** Glyph ids that start a kerning pair; null = unknown, lay out every pair. */
  readonly kernFirst: Set<number> | null;
  readonly pairs: Map<number, number>;
}

const faceMetrics = new WeakMap<FkFont, FaceMetrics>();

function kerningFirstGlyphs(font: FkFont): Set<number> | null {
  const gpos = font.GPOS;
  const out = new Set<number>();
  let found = false;
  if (gpos) {
    try {
      const idx = new Set<number>();
      const fl = gpos.featureList;
      for (let i = 0; i < fl.length; i++) {
        const fr = fl[i]!;
        if (fr.tag === 'kern') for (const l of fr.feature.lookupListIndexes) idx.add(l);
      }
      for (const li of idx) {
        const lookup = gpos.lookupList.get(li);
        if (!lookup) continue;
        found = true;
        for (let s = 0; s < lookup.subTables.length; s++) {
          let st = lookup.subTables[s]!;
          let type = lookup.lookupType;
          if (type === 9 && st.extension) {
            type = st.lookupType ?? st.extension.lookupType ?? 0;
            st = st.extension;
          }
          if (type !== 2) return null; // something other than pair positioning: be exact, lay out pairs
          const cov = st.coverage;
          if (!cov) return null;
          if (cov.glyphs) for (const g of cov.glyphs) out.add(g);
          else if (cov.rangeRecords) for (const r of cov.rangeRecords) for (let g = r.start; g <= r.end; g++) out.add(g);
          else return null;
        }
      }
    } catch {
      return null;
    }
  }
  // legacy 'kern' table without GPOS kern: fontkit uses it; we do not parse it, so lay out pairs
  if (!found && Object.prototype.hasOwnProperty.call(font.directory.tables, 'kern')) return null;
  return out;
}

function metricsOf(font: FkFont): FaceMetrics {
  let m = faceMetrics.get(font);
  if (!m) {
    m = { font, upm: font.unitsPerEm, adv: new Map(), has: new Map(), gid: new Map(), kernFirst: kerningFirstGlyphs(font), pairs: new Map() };
    faceMetrics.set(font, m);
  }
  return m;
}

function hasCp(m: FaceMetrics, cp: number): boolean {
  let h = m.has.get(cp);
  if (h === undefined) {
    h = m.font.hasGlyphForCodePoint(cp);
    m.has.set(cp, h);
  }
  return h;
}

function advance(m: FaceMetrics, cp: number): number {
  let a = m.adv.get(cp);
  if (a === undefined) {
    const g = m.font.glyphForCodePoint(cp);
    a = g.advanceWidth / m.upm;
    m.adv.set(cp, a);
    m.gid.set(cp, g.id);
  }
  return a;
}

function kern(m: FaceMetrics, a: number, b: number): number {
  if (m.kernFirst) {
    advance(m, a);
    if (!m.kernFirst.has(m.gid.get(a)!)) return 0;
  }
  const key = a * 0x110000 + b;
  let k = m.pairs.get(key);
  if (k === undefined) {
    const run = m.font.layout(String.fromCodePoint(a, b));
    let w = 0;
    for (const p of run.positions) w += p.xAdvance;
    k = w / m.upm - advance(m, a) - advance(m, b);
    if (Math.abs(k) < 1e-9) k = 0;
    m.pairs.set(key, k);
  }
  return k;
}

/** Zero-width: controls, format characters (ZWSP, ZWJ, BOM …), variation selectors. */
export function isZeroWidth(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

interface Chain {
  readonly faces: readonly FaceMetrics[];
  /** code point → index into faces (-1: nothing covers it). */
  readonly pick: Map<number, number>;
}

const chains = new WeakMap<readonly ResolvedFont[], Chain>();

function chainOf(set: FontSet, fonts: readonly ResolvedFont[]): Chain {
  let c = chains.get(fonts);
  if (!c) {
    c = { faces: fonts.map((f) => metricsOf(faceOf(set, f).fk)), pick: new Map() };
    chains.set(fonts, c);
  }
  return c;
}

function pick(c: Chain, cp: number): number {
  let i = c.pick.get(cp);
  if (i === undefined) {
    i = c.faces.findIndex((m) => hasCp(m, cp));
    c.pick.set(cp, i);
  }
  return i;
}

export interface MeasureOptions {
  /** Use the role's bold chain (real bold faces where the role has them). */
  readonly bold?: boolean;
}

/** Advance width in em (font size 1) of `text` in `role`. */
export function measureEm(set: FontSet, role: Role, text: string, opts: MeasureOptions = {}): number {
  const c = chainOf(set, roleFonts(set, role, opts.bold ?? false));
  if (c.faces.length === 0) throw new Error(`role ${role} has no font`);
  let w = 0;
  let prevCp = -1;
  let prevFace = -1;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isZeroWidth(cp)) continue;
    const fi = pick(c, cp);
    if (fi < 0) {
      // nothing covers it: Chromium draws .notdef (tofu) of the first font
      const m = c.faces[0]!;
      w += m.font.getGlyph(0).advanceWidth / m.upm;
      prevFace = -1;
      continue;
    }
    const m = c.faces[fi]!;
    w += advance(m, cp);
    if (fi === prevFace) w += kern(m, prevCp, cp);
    prevFace = fi;
    prevCp = cp;
  }
  return w;
}

/** Advance width in millimetres of `text` set in `role` at `sizePt` points. */
export function measureText(set: FontSet, role: Role, sizePt: number, text: string, opts: MeasureOptions = {}): number {
  return measureEm(set, role, text, opts) * sizePt * PT_TO_MM;
}

export interface FontMetrics {
  readonly family: string;
  readonly file: string;
  readonly unitsPerEm: number;
  /** hhea ascender/descender/lineGap in font units (descent negative). */
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
}

/** hhea metrics of the role's primary face. */
export function fontMetrics(set: FontSet, role: Role, opts: MeasureOptions = {}): FontMetrics {
  const primary = roleFonts(set, role, opts.bold ?? false)[0];
  if (!primary) throw new Error(`role ${role} has no font`);
  const f = faceOf(set, primary).fk;
  return { family: primary.family, file: primary.file, unitsPerEm: f.unitsPerEm, ascent: f.ascent, descent: f.descent, lineGap: f.lineGap };
}
