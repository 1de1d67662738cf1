/**
 * Per-document font subsetting (harfbuzz hb-subset through `subset-font`): before Chromium
 * sees a font, every face a document can reach is cut down to the characters the document
 * prints. A certificate then ships about 100 KB of fonts to the page instead of ~60 MB, which
 * is what made single renders slow (rendering-notes.md, Fonts: per-PDF time is dominated by
 * Chromium subsetting large CJK fonts). Glyph coverage per character is unchanged, so the
 * fallback order and the font report stay the same. Subsets are cached per face and
 * character set, so a reprint or a batch of the same wording costs nothing extra.
 */
import { createHash } from 'node:crypto';
import subsetFont from 'subset-font';
import type { Asset } from '../render/assets.js';
import type { CssFontFaces } from './css.js';
import type { FontSet } from './font-set.js';
import type { Role } from './config.js';

const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Uint8Array>>();

function cached(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let p = cache.get(key);
  if (p) {
    cache.delete(key); // refresh LRU position
    cache.set(key, p);
    return p;
  }
  p = make();
  cache.set(key, p);
  p.catch(() => cache.delete(key));
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return p;
}

/**
 * The font assets one document needs: the faces of every role its runs use (with their
 * fallback chains), each subset to the document's characters.
 */
export async function subsetFontAssets(
  set: FontSet,
  faces: CssFontFaces,
  runs: readonly { role: string; text: string }[],
): Promise<Asset[]> {
  const roles = new Set(runs.map((r) => r.role as Role));
  const families = new Set<string>();
  for (const r of roles) for (const f of set.roles[r]?.stack ?? []) families.add(f);
  const chars = [...new Set([' ', ...runs.flatMap((r) => [...r.text])])].sort().join('');
  const charsKey = createHash('sha1').update(chars).digest('hex');
  const out: Asset[] = [];
  for (const face of faces.faces) {
    if (!families.has(face.cssFamily)) continue;
    const bytes = await cached(`${face.assetId}:${charsKey}`, async () =>
      new Uint8Array(await subsetFont(Buffer.from(face.bytes), chars, { targetFormat: 'truetype' })),
    );
    out.push({ id: face.assetId, kind: 'font', contentType: face.mime, bytes });
  }
  return out;
}
