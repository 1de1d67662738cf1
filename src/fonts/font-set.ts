/**
 * loadFontSet: resolves every role to the font files actually present.
 *
 * Precedence per role (fonts/fonts.json): licensed originals in fonts/local/
 * (matched by family name in any language or by file name) > vendored files
 * (fonts/<family>/, in git) > fonts/cache/ (made at setup, e.g. FandolFang) >
 * the chains of the role's fallback roles. Only TrueType-outline faces are used:
 * Chromium would embed CFF outlines as Type 3 fonts (rendering-notes.md, Fonts).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ROLES, readFontsConfig,
  type Candidate, type FontOrigin, type FontSource, type FontsConfig, type Role,
} from './config.js';
import { englishName, familyNames, fileBytes, openAllFaces, openFace, weightOf, type FkFont } from './fontkit.js';
import { outlineKind } from './sfnt.js';

export const LOCAL_LICENSE = 'user-supplied licensed original (fonts/local/; not distributed by this project)';

/** One face of one font file (shared by every role that uses it). */
export class FontFace {
  #font: FkFont | undefined;
  constructor(
    /** Unique per file and face, e.g. `vendored:ukai-cn`, `local:simsun.ttc#0`. */
    readonly key: string,
    readonly family: string,
    readonly style: string,
    readonly weight: number,
    /** Absolute path. */
    readonly file: string,
    readonly faceIndex: number,
    readonly origin: FontOrigin,
    readonly license: string,
    readonly licenseFile: string | null,
  ) {}

  /** The fontkit font (opened on first use, cached process-wide). */
  get fk(): FkFont {
    this.#font ??= openFace(this.file, this.faceIndex);
    return this.#font;
  }
}

/** A face in a role's chain. */
export interface ResolvedFont {
  readonly key: string;
  readonly family: string;
  readonly style: string;
  readonly weight: number;
  readonly file: string;
  readonly faceIndex: number;
  /** Where the file lives. */
  readonly origin: FontOrigin;
  /** `fallback` when the face is reached through another role's chain. */
  readonly source: FontSource;
  /** The role whose chain supplied a `fallback` face. */
  readonly viaRole?: Role;
  readonly license: string;
  readonly licenseFile: string | null;
}

/** A CSS font family (`sef-kai`, `sef-kai-2` …) with up to two faces. */
export interface CssSlot {
  readonly name: string;
  readonly role: Role;
  readonly regular?: FontFace;
  readonly bold?: FontFace;
}

export interface RoleFonts {
  readonly role: Role;
  readonly cssFamily: string;
  readonly generic: 'serif' | 'sans-serif';
  /** Regular chain: the primary first, then everything a missing glyph falls back to. */
  readonly fonts: readonly ResolvedFont[];
  /**
   * Bold chain: a slot without a bold face contributes its regular face, which then prints at
   * regular weight (the CSS sets `font-synthesis: none`: Chromium would print synthetic bold as Type 3).
   */
  readonly boldFonts: readonly ResolvedFont[];
  /** True when the role's primary has a real bold face (hei, times); otherwise bold prints regular. */
  readonly realBold: boolean;
  /** CSS family names in font-family order (own slots, then the fallback roles' slots). */
  readonly stack: readonly string[];
}

export interface FontSet {
  readonly root: string;
  readonly fontsDir: string;
  readonly localDir: string;
  readonly cacheDir: string;
  readonly config: FontsConfig;
  readonly roles: Readonly<Record<Role, RoleFonts>>;
  readonly slots: readonly CssSlot[];
  readonly faces: ReadonlyMap<string, FontFace>;
  /** Local files that were not used (CFF outlines, unreadable) and similar notes. */
  readonly warnings: readonly string[];
  /** Files in fonts/local that were looked at but rejected (for fonts.conf <rejectfont>). */
  readonly rejectedFiles: readonly string[];
}

export interface LoadFontSetOptions {
  /** Project root (default: the repository this module lives in). */
  readonly root?: string;
  /** Default `<root>/fonts`. */
  readonly fontsDir?: string;
  /** Default `<fontsDir>/local`. */
  readonly localDir?: string;
  /** Default `<fontsDir>/cache`. */
  readonly cacheDir?: string;
  /** Use fonts/cache (FandolFang). Default: true unless env SEF_NO_FANDOL=1. */
  readonly useCache?: boolean;
}

export const defaultRoot = (): string => fileURLToPath(new URL('../../', import.meta.url));

const FONT_EXT = /\.(ttf|otf|ttc|otc)$/i;
const norm = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');

interface LocalFace {
  readonly file: string;
  readonly faceIndex: number;
  readonly names: readonly string[];
  readonly family: string;
  readonly style: string;
  readonly weight: number;
}

function scanLocal(dir: string, warnings: string[], rejected: string[]): LocalFace[] {
  if (!existsSync(dir)) return [];
  const out: LocalFace[] = [];
  const files = readdirSync(dir).filter((n) => FONT_EXT.test(n)).sort();
  for (const name of files) {
    const file = join(dir, name);
    if (!statSync(file).isFile()) continue;
    let faces: readonly FkFont[];
    let bytes: Uint8Array;
    try {
      faces = openAllFaces(file);
      bytes = fileBytes(file);
    } catch (e) {
      warnings.push(`fonts/local/${name}: not readable as a font (${(e as Error).message}); ignored`);
      rejected.push(file);
      continue;
    }
    faces.forEach((f, i) => {
      const kind = outlineKind(bytes, i);
      if (kind !== 'truetype') {
        warnings.push(
          `fonts/local/${name}${faces.length > 1 ? `#${i}` : ''} (${f.familyName}) has ${kind === 'cff' ? 'CFF (PostScript)' : 'no'} outlines; ` +
            'Chromium would embed it as a Type 3 font, so it is ignored. Convert it: ' +
            `/usr/bin/python3 scripts/prepare-fonts.py otf2ttf "fonts/local/${name}" "fonts/local/${name.replace(FONT_EXT, '')}.ttf"`,
        );
        if (faces.length === 1) rejected.push(file);
        return;
      }
      const fsType = f['OS/2']?.fsType;
      if (fsType && (fsType['noEmbedding'] || fsType['noSubsetting'] || fsType['bitmapOnly']))
        warnings.push(`fonts/local/${name}: its embedding permissions (OS/2 fsType) restrict embedding/subsetting; Chromium may draw it as Type 3`);
      out.push({
        file, faceIndex: i, names: familyNames(f), weight: weightOf(f),
        family: englishName(f, 'fontFamily') ?? f.familyName,
        style: englishName(f, 'fontSubfamily') ?? f.subfamilyName ?? 'Regular',
      });
    });
  }
  return out;
}

function matchLocal(c: Extract<Candidate, { source: 'local' }>, locals: readonly LocalFace[], bold: boolean): LocalFace[] {
  const fams = c.families.map(norm);
  const files = c.files.map((f) => f.toLowerCase());
  const scored: { lf: LocalFace; score: number }[] = [];
  for (const lf of locals) {
    if (bold ? lf.weight < 600 : lf.weight > 600) continue;
    const famIdx = Math.min(...lf.names.map((n) => { const i = fams.indexOf(norm(n)); return i < 0 ? Infinity : i; }));
    const fileIdx = files.indexOf(basename(lf.file).toLowerCase());
    if (famIdx === Infinity && fileIdx < 0) continue;
    // a file-name match on a collection only takes face 0 unless a family name matched
    if (famIdx === Infinity && lf.faceIndex !== 0) continue;
    scored.push({ lf, score: famIdx !== Infinity ? famIdx : 100 + fileIdx });
  }
  // a collection whose faces matched by family name contributes only those faces
  const byFamily = new Set(scored.filter((s) => s.score < 100).map((s) => s.lf.file));
  return scored
    .filter((s) => s.score < 100 || !byFamily.has(s.lf.file))
    .sort((a, b) => a.score - b.score || a.lf.file.localeCompare(b.lf.file))
    .map((s) => s.lf);
}

export function loadFontSet(opts: LoadFontSetOptions = {}): FontSet {
  const root = resolve(opts.root ?? defaultRoot());
  const fontsDir = resolve(opts.fontsDir ?? join(root, 'fonts'));
  const localDir = resolve(opts.localDir ?? join(fontsDir, 'local'));
  const cacheDir = resolve(opts.cacheDir ?? join(fontsDir, 'cache'));
  const config = readFontsConfig(join(fontsDir, 'fonts.json'));
  const useCache = opts.useCache ?? process.env['SEF_NO_FANDOL'] !== '1';
  const warnings: string[] = [];
  const rejected: string[] = [];
  const faces = new Map<string, FontFace>();
  const locals = scanLocal(localDir, warnings, rejected);

  const filePath = (p: string): string => {
    if (isAbsolute(p)) return p;
    if (p.startsWith('cache/')) return join(cacheDir, p.slice('cache/'.length));
    if (p.startsWith('local/')) return join(localDir, p.slice('local/'.length));
    return join(fontsDir, p);
  };

  const ownFaces = (role: Role, cands: readonly Candidate[], bold: boolean): FontFace[] => {
    const out: FontFace[] = [];
    for (const c of cands) {
      if (c.source === 'local') {
        for (const lf of matchLocal(c, locals, bold)) {
          const key = `local:${basename(lf.file)}#${lf.faceIndex}`;
          let face = faces.get(key);
          if (!face) {
            face = new FontFace(key, lf.family, lf.style, lf.weight, lf.file, lf.faceIndex, 'local', LOCAL_LICENSE, null);
            faces.set(key, face);
          }
          if (!out.includes(face)) out.push(face);
        }
        continue;
      }
      if (c.source === 'cache' && !useCache) continue;
      const entry = config.files[c.file]!;
      const file = filePath(entry.path);
      if (!existsSync(file)) {
        if (c.source === 'vendored') warnings.push(`role ${role}: vendored font ${entry.path} is missing (run scripts/prepare-fonts.py)`);
        continue;
      }
      const key = `${c.source}:${c.file}`;
      let face = faces.get(key);
      if (!face) {
        if (c.source === 'cache' && outlineKind(fileBytes(file)) !== 'truetype') {
          warnings.push(`${file}: not TrueType outlines; ignored (rerun scripts/fetch-fangsong.mjs)`);
          continue;
        }
        face = new FontFace(key, entry.family, entry.style, entry.weight, file, 0, c.source, entry.license,
          entry.licenseFile ? filePath(entry.licenseFile) : null);
        faces.set(key, face);
      }
      out.push(face);
    }
    return out;
  };

  // CSS slots: own faces per role, slot k pairs the k-th regular and k-th bold face
  const slotsByRole = new Map<Role, CssSlot[]>();
  const slots: CssSlot[] = [];
  for (const role of ROLES) {
    const rc = config.roles[role];
    const reg = ownFaces(role, rc.candidates, false);
    const bold = rc.boldCandidates ? ownFaces(role, rc.boldCandidates, true) : [];
    const list: CssSlot[] = [];
    for (let k = 0; k < Math.max(reg.length, bold.length); k++) {
      const s: CssSlot = {
        name: k === 0 ? rc.css.family : `${rc.css.family}-${k + 1}`, role,
        ...(reg[k] ? { regular: reg[k] } : {}), ...(bold[k] ? { bold: bold[k] } : {}),
      };
      list.push(s);
      slots.push(s);
    }
    slotsByRole.set(role, list);
  }

  // the stack: own slots, then each fallback role's stack (depth first, deduplicated)
  const stackOf = (role: Role, seen: Set<Role> = new Set()): { slot: CssSlot; via: Role }[] => {
    if (seen.has(role)) return [];
    seen.add(role);
    const out = slotsByRole.get(role)!.map((slot) => ({ slot, via: role }));
    for (const f of config.roles[role].fallback) {
      for (const e of stackOf(f, seen)) if (!out.some((o) => o.slot === e.slot)) out.push(e);
    }
    return out;
  };

  const roles = {} as Record<Role, RoleFonts>;
  for (const role of ROLES) {
    const stack = stackOf(role);
    const chain = (bold: boolean): ResolvedFont[] => {
      const out: ResolvedFont[] = [];
      for (const { slot, via } of stack) {
        const face = bold ? slot.bold ?? slot.regular : slot.regular ?? slot.bold;
        if (!face || out.some((o) => o.key === face.key)) continue;
        const own = via === role;
        out.push({
          key: face.key, family: face.family, style: face.style, weight: face.weight, file: face.file, faceIndex: face.faceIndex,
          origin: face.origin, source: own ? face.origin : 'fallback', ...(own ? {} : { viaRole: via }),
          license: face.license, licenseFile: face.licenseFile,
        });
      }
      return out;
    };
    const fonts = chain(false);
    if (fonts.length === 0) warnings.push(`role ${role}: no font at all (vendored files missing?)`);
    const own = slotsByRole.get(role)!;
    roles[role] = {
      role, cssFamily: config.roles[role].css.family, generic: config.roles[role].css.generic,
      fonts, boldFonts: chain(true), realBold: Boolean(own[0]?.bold), stack: stack.map((s) => s.slot.name),
    };
  }
  return { root, fontsDir, localDir, cacheDir, config, roles, slots, faces, warnings, rejectedFiles: rejected };
}

/** The face object behind a chain entry. */
export function faceOf(set: FontSet, f: ResolvedFont): FontFace {
  const face = set.faces.get(f.key);
  if (!face) throw new Error(`font ${f.key} is not part of this font set`);
  return face;
}

export function roleFonts(set: FontSet, role: Role, bold = false): readonly ResolvedFont[] {
  const r = set.roles[role];
  if (!r) throw new Error(`unknown font role ${String(role)}`);
  return bold ? r.boldFonts : r.fonts;
}
