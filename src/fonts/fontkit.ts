/**
 * Typed access to fontkit@2 (which ships no type declarations) and a process-wide
 * cache of opened fonts, keyed by path + size + mtime so a replaced file is reread.
 */
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';

export interface FkGlyph {
  readonly id: number;
  readonly advanceWidth: number;
}

export interface FkGlyphRun {
  readonly glyphs: readonly FkGlyph[];
  readonly positions: readonly { readonly xAdvance: number; readonly yAdvance: number }[];
  readonly advanceWidth: number;
}

interface FkCoverage {
  readonly version: number;
  readonly glyphs?: readonly number[];
  readonly rangeRecords?: readonly { readonly start: number; readonly end: number }[];
}

interface FkSubTable {
  readonly coverage?: FkCoverage;
  readonly extension?: FkSubTable;
  readonly lookupType?: number;
}

interface FkLookup {
  readonly lookupType: number;
  readonly subTables: ArrayLike<FkSubTable>;
}

export interface FkGpos {
  readonly featureList: ArrayLike<{ readonly tag: string; readonly feature: { readonly lookupListIndexes: readonly number[] } }>;
  readonly lookupList: { get(i: number): FkLookup | undefined; readonly length: number };
}

export interface FkFont {
  readonly type: 'TTF' | 'WOFF' | 'WOFF2' | 'DFont';
  readonly postscriptName: string | null;
  readonly familyName: string;
  readonly subfamilyName: string;
  readonly fullName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly numGlyphs: number;
  readonly directory: { readonly tables: Readonly<Record<string, unknown>> };
  readonly name: { readonly records: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> };
  readonly 'OS/2'?: { readonly usWeightClass: number; readonly fsType: Readonly<Record<string, boolean>> };
  readonly GPOS?: FkGpos;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(id: number): FkGlyph;
  layout(text: string, features?: readonly string[] | Record<string, boolean>): FkGlyphRun;
}

export interface FkCollection {
  readonly type: 'TTC' | 'DFont';
  readonly fonts: readonly FkFont[];
}

interface FontkitModule {
  create(buffer: Buffer, postscriptName?: string): FkFont | FkCollection;
}

const fontkit = createRequire(import.meta.url)('fontkit') as FontkitModule;

export const isCollection = (f: FkFont | FkCollection): f is FkCollection => f.type === 'TTC' || 'fonts' in f;

interface CacheEntry {
  readonly key: string;
  readonly bytes: Buffer;
  readonly parsed: FkFont | FkCollection;
}

const cache = new Map<string, CacheEntry>();

function keyOf(path: string): string {
  const st = statSync(path);
  return `${st.size}:${st.mtimeMs}`;
}

function entry(path: string): CacheEntry {
  const key = keyOf(path);
  const hit = cache.get(path);
  if (hit && hit.key === key) return hit;
  const bytes = readFileSync(path);
  const e: CacheEntry = { key, bytes, parsed: fontkit.create(bytes) };
  cache.set(path, e);
  return e;
}

/** The raw bytes of a font file (cached with the parsed font). */
export function fileBytes(path: string): Buffer {
  return entry(path).bytes;
}

/** A font file opened with fontkit; for a collection `faceIndex` selects the face. */
export function openFace(path: string, faceIndex?: number): FkFont {
  const p = entry(path).parsed;
  if (isCollection(p)) {
    const f = p.fonts[faceIndex ?? 0];
    if (!f) throw new Error(`${path}: no face ${faceIndex ?? 0}`);
    return f;
  }
  return p;
}

/** All faces of a file (one for .ttf/.otf). */
export function openAllFaces(path: string): readonly FkFont[] {
  const p = entry(path).parsed;
  return isCollection(p) ? p.fonts : [p];
}

/** Every family name the face declares (name IDs 1 and 16, all languages) plus the full name. */
export function familyNames(f: FkFont): string[] {
  const out = new Set<string>();
  for (const key of ['fontFamily', 'preferredFamily', 'compatibleFull', 'fullName']) {
    const rec = f.name.records[key];
    if (rec) for (const v of Object.values(rec)) if (v) out.add(v.trim());
  }
  if (f.familyName) out.add(f.familyName);
  return [...out];
}

/** The English (or first) value of a name record. */
export function englishName(f: FkFont, key: 'fontFamily' | 'preferredFamily' | 'fontSubfamily'): string | undefined {
  const rec = f.name.records[key];
  if (!rec) return undefined;
  return rec['en'] ?? Object.values(rec)[0];
}

export const hasTable = (f: FkFont, tag: string): boolean => Object.prototype.hasOwnProperty.call(f.directory.tables, tag);

export const weightOf = (f: FkFont): number => f['OS/2']?.usWeightClass ?? 400;
