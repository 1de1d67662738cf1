/** fonts/fonts.json: the one font configuration (role → ordered candidates). */
import { readFileSync } from 'node:fs';

export type Role = 'kai' | 'hei' | 'fangsong' | 'song' | 'times' | 'fallback';
export const ROLES: readonly Role[] = ['kai', 'hei', 'fangsong', 'song', 'times', 'fallback'];

export type FontOrigin = 'local' | 'vendored' | 'cache';
export type FontSource = FontOrigin | 'fallback';

export type Candidate =
  | { readonly source: 'local'; readonly families: readonly string[]; readonly files: readonly string[] }
  | { readonly source: 'vendored' | 'cache'; readonly file: string };

export interface RoleConfig {
  readonly css: { readonly family: string; readonly generic: 'serif' | 'sans-serif' };
  readonly candidates: readonly Candidate[];
  readonly boldCandidates?: readonly Candidate[];
  readonly fallback: readonly Role[];
  /** Latin letters, digits and spaces in this role's text are set in this role (Word's ascii font). */
  readonly latin?: Role;
}

export interface FileEntry {
  readonly family: string;
  readonly style: string;
  readonly weight: number;
  /** Relative to fonts/ (`cache/…` paths resolve against the cache dir). */
  readonly path: string;
  readonly license: string;
  readonly licenseFile: string | null;
  readonly source: { readonly package: string; readonly version?: string; readonly file: string; readonly face?: string };
  readonly bytes?: number;
  readonly sha256?: string;
  readonly coverage?: Readonly<Record<string, unknown>>;
}

export interface FontsConfig {
  readonly version: number;
  readonly officialFamilies: Readonly<Record<string, Role>>;
  readonly roles: Readonly<Record<Role, RoleConfig>>;
  readonly files: Readonly<Record<string, FileEntry>>;
}

export function readFontsConfig(path: string): FontsConfig {
  const cfg = JSON.parse(readFileSync(path, 'utf8')) as FontsConfig;
  for (const r of ROLES) if (!cfg.roles[r]) throw new Error(`${path}: role ${r} missing`);
  for (const [name, role] of Object.entries(cfg.officialFamilies))
    if (!ROLES.includes(role)) throw new Error(`${path}: official family ${name} maps to unknown role ${role}`);
  for (const r of ROLES) {
    const rc = cfg.roles[r];
    for (const c of [...rc.candidates, ...(rc.boldCandidates ?? [])])
      if (c.source !== 'local' && !cfg.files[c.file]) throw new Error(`${path}: role ${r} names unknown file ${c.file}`);
    for (const f of rc.fallback) if (!ROLES.includes(f)) throw new Error(`${path}: role ${r} falls back to unknown role ${f}`);
    if (rc.latin !== undefined && !ROLES.includes(rc.latin)) throw new Error(`${path}: role ${r} sets Latin in unknown role ${rc.latin}`);
  }
  return cfg;
}
