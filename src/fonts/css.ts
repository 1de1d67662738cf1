/**
 * cssFontFaces: the @font-face data for Chromium. Fonts are served from the
 * fake origin by request interception (`@font-face` with file:// does not load
 * after page.setContent(); rendering-notes.md, Fonts), one asset per face;
 * collection faces are cut out into standalone fonts first.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { assetUrl, type Asset } from '../render/assets.js';
import type { Role } from './config.js';
import { fileBytes } from './fontkit.js';
import type { FontFace, FontSet } from './font-set.js';
import { extractFace } from './sfnt.js';
import { ROLES } from './config.js';

export const FONT_MIME = 'font/ttf';

export interface CssFace {
  /** CSS family (`sef-kai`, `sef-kai-2` …). */
  readonly cssFamily: string;
  readonly weight: 400 | 700;
  /** `^[a-z0-9-]{1,64}$`, stable for the same bytes. */
  readonly assetId: string;
  /** Where the HTML loads it (`https://assets.invalid/font/<assetId>`). */
  readonly url: string;
  readonly mime: typeof FONT_MIME;
  readonly bytes: Uint8Array;
  /** The real font behind it. */
  readonly family: string;
  readonly file: string;
  readonly origin: FontFace['origin'];
}

export interface CssRole {
  /** The role's own CSS family name (`sef-kai`); may have no @font-face when the role only has fallbacks. */
  readonly family: string;
  /** CSS font-family families in order, then the generic family. */
  readonly families: readonly string[];
  /** The font-family property value. */
  readonly stack: string;
}

export interface CssFontFaces {
  readonly roles: Readonly<Record<Role, CssRole>>;
  readonly faces: readonly CssFace[];
  /** The faces as renderer assets (kind `font`). */
  readonly assets: readonly Asset[];
  /** @font-face rules and one `.f-<role>` class per role (with `font-synthesis: none`). */
  readonly css: string;
}

const faceBytes = new WeakMap<Buffer, Map<number, { bytes: Uint8Array; hash: string }>>();

function bytesOf(face: FontFace): { bytes: Uint8Array; hash: string } {
  const file = fileBytes(face.file);
  let m = faceBytes.get(file);
  if (!m) faceBytes.set(file, (m = new Map()));
  let e = m.get(face.faceIndex);
  if (!e) {
    const bytes = extractFace(file, face.faceIndex);
    e = { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
    m.set(face.faceIndex, e);
  }
  return e;
}

const slug = (s: string): string =>
  s.toLowerCase().replace(/\.(ttf|otf|ttc|otc)/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'font';

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function cssFontFaces(set: FontSet): CssFontFaces {
  const faces: CssFace[] = [];
  const assets = new Map<string, Asset>();
  const rules: string[] = [];
  for (const slot of set.slots) {
    for (const [weight, face] of [[400, slot.regular], [700, slot.bold]] as const) {
      if (!face) continue;
      const { bytes, hash } = bytesOf(face);
      const base = face.origin === 'local' ? `local-${slug(basename(face.file))}${face.faceIndex ? `-${face.faceIndex}` : ''}` : slug(face.key.split(':')[1] ?? face.key);
      const assetId = `${base}-${hash.slice(0, 16)}`;
      const url = assetUrl({ kind: 'font', id: assetId });
      faces.push({ cssFamily: slot.name, weight, assetId, url, mime: FONT_MIME, bytes, family: face.family, file: face.file, origin: face.origin });
      if (!assets.has(assetId)) assets.set(assetId, { id: assetId, kind: 'font', contentType: FONT_MIME, bytes });
      rules.push(`@font-face { font-family: ${quote(slot.name)}; src: url(${quote(url)}) format('truetype'); font-weight: ${weight}; font-style: normal; font-display: block }`);
    }
  }
  const roles = {} as Record<Role, CssRole>;
  for (const role of ROLES) {
    const r = set.roles[role];
    const families = [...r.stack, r.generic];
    const stack = [...r.stack.map(quote), r.generic].join(', ');
    roles[role] = { family: r.cssFamily, families, stack };
    // no synthetic bold/italic: Chromium prints emboldened glyphs as Type 3 fonts; roles without a bold face print regular
    rules.push(`.f-${role} { font-family: ${stack}; font-synthesis: none }`);
  }
  return { roles, faces, assets: [...assets.values()], css: rules.join('\n') + '\n' };
}
