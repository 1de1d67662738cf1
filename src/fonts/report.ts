/**
 * fontReport: which font served each role, and every character that had to come
 * from a fallback font (rare name characters such as 堃 喆 𠮷), so the output can
 * say so (design.md, Fonts).
 */
import type { FontOrigin, FontSource, Role } from './config.js';
import { roleFonts, type FontSet } from './font-set.js';
import { isZeroWidth } from './measure.js';

export interface ReportedFont {
  readonly family: string;
  /** Path relative to the project root when inside it, else absolute. */
  readonly file: string;
  readonly source: FontSource;
  readonly license: string;
}

export interface ReportedRole extends ReportedFont {
  /**
   * Present when bold runs of the role were reported. `realBold: false`: the role has no bold face and
   * its bold text prints at regular weight (no synthetic bold: Chromium would make it a Type 3 font).
   */
  readonly bold?: ReportedFont & { readonly realBold: boolean };
}

export interface FallbackChar {
  readonly char: string;
  /** `U+XXXX` (at least four hex digits). */
  readonly codePoint: string;
  readonly role: Role;
  readonly bold?: true;
  /** The font that supplies the glyph, or null when no font in the chain has it (prints as tofu). */
  readonly servedBy: { readonly family: string; readonly file: string; readonly origin: FontOrigin } | null;
}

export interface FontReport {
  readonly roles: Partial<Record<Role, ReportedRole>>;
  readonly fallbacks: readonly FallbackChar[];
}

export interface ReportRun {
  readonly role: Role;
  readonly text: string;
  readonly bold?: boolean;
}

const hasCache = new WeakMap<object, Map<number, boolean>>();

export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isSpaceOrControl(cp: number): boolean {
  return isZeroWidth(cp) || /\s/u.test(String.fromCodePoint(cp));
}

export function fontReport(set: FontSet, runs: readonly ReportRun[]): FontReport {
  const rel = (p: string): string => (p.startsWith(set.root) ? p.slice(set.root.length).replace(/^\/+/, '') : p);
  const roles: Partial<Record<Role, ReportedRole>> = {};
  const fallbacks: FallbackChar[] = [];
  const seen = new Set<string>();
  const has = (key: string, cp: number): boolean => {
    const face = set.faces.get(key)!;
    const fk = face.fk;
    let m = hasCache.get(fk);
    if (!m) hasCache.set(fk, (m = new Map()));
    let h = m.get(cp);
    if (h === undefined) m.set(cp, (h = fk.hasGlyphForCodePoint(cp)));
    return h;
  };

  const reported = (f: { family: string; file: string; source: FontSource; license: string } | undefined): ReportedFont =>
    f ? { family: f.family, file: rel(f.file), source: f.source, license: f.license } : { family: '(none)', file: '', source: 'fallback', license: '' };

  for (const run of runs) {
    const bold = run.bold ?? false;
    const chain = roleFonts(set, run.role, bold);
    const primary = chain[0];
    let entry: ReportedRole = roles[run.role] ?? reported(set.roles[run.role].fonts[0]);
    if (bold && !entry.bold) entry = { ...entry, bold: { ...reported(primary), realBold: set.roles[run.role].realBold } };
    roles[run.role] = entry;
    if (!primary) continue;
    for (const ch of run.text) {
      const cp = ch.codePointAt(0)!;
      if (isSpaceOrControl(cp)) continue;
      if (has(primary.key, cp)) continue;
      const k = `${run.role}|${bold ? 'b' : 'r'}|${cp}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const by = chain.slice(1).find((f) => has(f.key, cp));
      fallbacks.push({
        char: ch, codePoint: formatCodePoint(cp), role: run.role, ...(bold ? { bold: true as const } : {}),
        servedBy: by ? { family: by.family, file: rel(by.file), origin: by.origin } : null,
      });
    }
  }
  return { roles, fallbacks };
}
