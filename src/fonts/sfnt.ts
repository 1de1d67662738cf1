/**
 * Minimal sfnt container helpers: list table tags and cut one face out of a
 * TrueType collection (.ttc) into a standalone font (Chromium must get single
 * faces; rendering-notes.md, Fonts). Table data is copied byte for byte.
 */

const tag = (b: Uint8Array, o: number): string => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

export function isCollectionBytes(b: Uint8Array): boolean {
  return b.length >= 12 && tag(b, 0) === 'ttcf';
}

export function collectionSize(b: Uint8Array): number {
  return isCollectionBytes(b) ? view(b).getUint32(8) : 1;
}

function faceOffset(b: Uint8Array, index: number): number {
  if (!isCollectionBytes(b)) {
    if (index !== 0) throw new Error(`not a collection: face ${index}`);
    return 0;
  }
  const dv = view(b);
  const n = dv.getUint32(8);
  if (index < 0 || index >= n) throw new Error(`collection has ${n} faces, asked for ${index}`);
  return dv.getUint32(12 + 4 * index);
}

/** Table tags of one face. */
export function tableTags(b: Uint8Array, index = 0): string[] {
  const off = faceOffset(b, index);
  const dv = view(b);
  const n = dv.getUint16(off + 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(tag(b, off + 12 + 16 * i));
  return out;
}

/** 'truetype' (glyf), 'cff' (CFF / CFF2) or 'other' (bitmap-only, SVG…). */
export function outlineKind(b: Uint8Array, index = 0): 'truetype' | 'cff' | 'other' {
  const tags = tableTags(b, index);
  if (tags.includes('glyf')) return 'truetype';
  if (tags.includes('CFF ') || tags.includes('CFF2')) return 'cff';
  return 'other';
}

/** A standalone sfnt for face `index` of a collection (or the input itself for a single font). */
export function extractFace(b: Uint8Array, index: number): Uint8Array {
  if (!isCollectionBytes(b)) return b;
  const off = faceOffset(b, index);
  const dv = view(b);
  const numTables = dv.getUint16(off + 4);
  const headerLen = 12 + 16 * numTables;
  const recs: { tag: string; checksum: number; offset: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const r = off + 12 + 16 * i;
    recs.push({ tag: tag(b, r), checksum: dv.getUint32(r + 4), offset: dv.getUint32(r + 8), length: dv.getUint32(r + 12) });
  }
  const pad = (n: number): number => (n + 3) & ~3;
  let total = headerLen;
  for (const r of recs) total += pad(r.length);
  const out = new Uint8Array(total);
  const odv = new DataView(out.buffer);
  out.set(b.subarray(off, off + 12), 0); // sfntVersion, numTables, searchRange, entrySelector, rangeShift
  let pos = headerLen;
  let headAt = -1;
  recs.forEach((r, i) => {
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[rec + k] = r.tag.charCodeAt(k);
    odv.setUint32(rec + 4, r.checksum);
    odv.setUint32(rec + 8, pos);
    odv.setUint32(rec + 12, r.length);
    out.set(b.subarray(r.offset, r.offset + r.length), pos);
    if (r.tag === 'head' && r.length >= 12) headAt = pos;
    pos += pad(r.length);
  });
  if (headAt >= 0) {
    // checkSumAdjustment = 0xB1B0AFBA - checksum of the whole font with the field zeroed
    odv.setUint32(headAt + 8, 0);
    let sum = 0;
    for (let i = 0; i < total; i += 4) sum = (sum + odv.getUint32(i)) >>> 0;
    odv.setUint32(headAt + 8, (0xb1b0afba - sum) >>> 0);
  }
  return out;
}
