/**
 * The layout spec as read from a form folder's layout.json (validated against
 * schemas/meta/layout.schema.json), and the resolved document every backend and
 * every conformance test consumes: fixed positions in integer EMU, nothing left
 * to decide (typst's "frame" idea, aesthetics-anchors.md §6).
 */
import type { Emu } from './units.js';

export type FontRole = 'kai' | 'hei' | 'fangsong' | 'song' | 'times';
export type Format = 'plain' | 'date-cn' | 'date-iso' | 'level-certificate';

export interface RunSpec {
  when?: string;
  text?: string;
  bind?: string;
  format?: Format;
  empty?: string;
  font?: FontRole;
  bold?: boolean;
  underline?: boolean;
}

interface ElementBase { id: string; when?: string; 'x-source'?: string }
export interface RectSpec extends ElementBase {
  type: 'rect'; xMm: number; yMm: number; widthMm: number; heightMm: number; strokePt: number;
  dashMm?: number[]; role?: 'frame' | 'photo-box' | 'seal-area' | 'guide' | 'hole';
}
export interface LineSpec extends ElementBase {
  type: 'line'; x1Mm: number; y1Mm: number; x2Mm: number; y2Mm: number; strokePt: number; dashMm?: number[];
}
export interface TextSpec extends ElementBase {
  type: 'text'; xMm: number; yMm: number; anchor?: 'start' | 'middle' | 'end';
  widthMm?: number; firstLineIndentMm?: number; lineHeightPt?: number; maxLines?: number;
  /** Flow below an earlier text element: first baseline = its last baseline + gapMm (at least yMm). */
  after?: { id: string; gapMm: number };
  /** The last baseline may not go below this (flowing text stays in its area). */
  maxBaselineMm?: number;
  font: FontRole; bold?: boolean; sizePt: number; runs: RunSpec[];
}
export interface ImageSpec extends ElementBase {
  type: 'image' | 'seal'; xMm: number; yMm: number; widthMm: number; heightMm: number;
  bind: string; fit?: 'cover' | 'contain'; required?: boolean;
}
export interface QrSpec extends ElementBase {
  type: 'qr'; xMm: number; yMm: number; sizeMm: number; payload: RunSpec[];
  errorCorrection?: 'L' | 'M' | 'Q' | 'H';
}
export type ElementSpec = RectSpec | LineSpec | TextSpec | ImageSpec | QrSpec;

export interface ImpositionSpec {
  sheetWidthMm: number; sheetHeightMm: number; columns: number; rows: number;
  gapXMm: number; gapYMm: number; duplex?: 'long-edge' | 'short-edge';
  cropMarks: { lengthMm: number; offsetMm: number; strokePt: number };
}

export interface LayoutSpec {
  kind: 'certificate' | 'card';
  page: { widthMm: number; heightMm: number };
  constants?: Record<string, string>;
  pages: { id: string; elements: ElementSpec[] }[];
  variants?: Record<string, { description?: string; elements?: Record<string, Record<string, unknown>> }>;
  imposition?: ImpositionSpec;
}

// ---------------------------------------------------------------- resolved

export interface ResolvedRun {
  readonly text: string;
  readonly font: FontRole;
  readonly bold: boolean;
  readonly underline: boolean;
}

/** One printed line: its runs start at x (anchor start) or are anchored at x. */
export interface ResolvedLine {
  readonly x: Emu;
  /** Baseline. */
  readonly y: Emu;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly runs: readonly ResolvedRun[];
  /** Width our metrics predict (fontkit); Chromium lays out the glyphs itself. */
  readonly measuredWidth: Emu;
}

export type ResolvedItem =
  | { readonly type: 'rect'; readonly id: string; readonly x: Emu; readonly y: Emu; readonly w: Emu; readonly h: Emu; readonly stroke: Emu; readonly dash?: readonly Emu[]; readonly role?: string }
  | { readonly type: 'line'; readonly id: string; readonly x1: Emu; readonly y1: Emu; readonly x2: Emu; readonly y2: Emu; readonly stroke: Emu; readonly dash?: readonly Emu[] }
  | { readonly type: 'text'; readonly id: string; readonly size: Emu; readonly lines: readonly ResolvedLine[] }
  | { readonly type: 'image'; readonly id: string; readonly x: Emu; readonly y: Emu; readonly w: Emu; readonly h: Emu; readonly assetId: string; readonly role: 'image' | 'seal' }
  | { readonly type: 'qr'; readonly id: string; readonly x: Emu; readonly y: Emu; readonly size: Emu; readonly payload: string; readonly modules: number; readonly cells: readonly (readonly [number, number])[] };

/** A group of items placed at an offset (used by imposition). */
export interface ResolvedPage {
  readonly width: Emu;
  readonly height: Emu;
  /** Which record (0-based) and which layout page this shows, for reports and tests. */
  readonly label: string;
  readonly groups: readonly { readonly dx: Emu; readonly dy: Emu; readonly record: number; readonly pageId: string; readonly items: readonly ResolvedItem[] }[];
  /** Items drawn directly on the sheet (crop marks). */
  readonly sheetItems: readonly ResolvedItem[];
}

export interface ImageInput {
  readonly bytes: Uint8Array;
  readonly mediaType: 'image/jpeg' | 'image/png';
}

export interface ResolvedDocument {
  readonly formId: string;
  readonly pages: readonly ResolvedPage[];
  /** Image assets after fitting (photos cropped to the box, seals as PNG). */
  readonly images: ReadonlyMap<string, ImageInput>;
  /** Every text run with its role, for the font report. */
  readonly textRuns: readonly { role: FontRole; bold: boolean; text: string }[];
}
