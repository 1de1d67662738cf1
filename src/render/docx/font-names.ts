/**
 * The font names a DOCX names for each role: the OFFICIAL family names (华文楷体, 黑体, 仿宋, 宋体,
 * Times New Roman), so Word on an agency PC uses the licensed originals while LibreOffice here maps
 * them through the project's fonts.conf to the free substitutes (rendering-notes.md, Fonts). Derived
 * from fonts/fonts.json, never listed twice:
 * - a role's name is the first family of its `local` candidate (the licensed original), else the
 *   first entry of `officialFamilies` mapped to it;
 * - East Asian text takes the role's name; Latin text (w:ascii/w:hAnsi) takes the name of the role's
 *   `latin` role when it has one (仿宋 → Times New Roman), else its own, exactly as the PDF sets it;
 * - a Latin role (one that another role names as `latin`, i.e. Times New Roman) sets East Asian
 *   characters in its first fallback role (宋体), as the CSS font stack does in Chromium.
 */
import { readFontsConfig, type FontsConfig, type Role } from '../../fonts/index.js';
import { defaultRoot } from '../../fonts/index.js';
import type { FontRole } from '../../layout/types.js';
import { join } from 'node:path';

export interface RoleFontNames {
  /** w:eastAsia: 汉字 and CJK punctuation. */
  readonly eastAsia: string;
  /** w:ascii and w:hAnsi: Latin letters, digits, spaces. */
  readonly latin: string;
  /** The role's own text is East Asian (w:hint="eastAsia": ambiguous characters such as “”☑□— use eastAsia). */
  readonly cjk: boolean;
}

export type FontNames = Readonly<Record<FontRole, RoleFontNames>>;

const FONT_ROLES: readonly FontRole[] = ['kai', 'hei', 'fangsong', 'song', 'times'];

function officialName(config: FontsConfig, role: Role): string {
  for (const c of config.roles[role].candidates) if (c.source === 'local' && c.families.length > 0) return c.families[0]!;
  const named = Object.entries(config.officialFamilies).find(([, r]) => r === role);
  if (!named) throw new Error(`fonts.json: role ${role} has no official family name (officialFamilies or a local candidate)`);
  return named[0];
}

/** The names to write per role, from the fonts configuration (fonts/fonts.json). */
export function docxFontNames(config: FontsConfig): FontNames {
  const latinRoles = new Set<Role>();
  for (const r of FONT_ROLES) {
    const l = config.roles[r].latin;
    if (l !== undefined && l !== r) latinRoles.add(l);
  }
  const out = {} as Record<FontRole, RoleFontNames>;
  for (const role of FONT_ROLES) {
    const rc = config.roles[role];
    const own = officialName(config, role);
    if (latinRoles.has(role)) {
      const cjkFallback = rc.fallback.find((f): f is FontRole => (FONT_ROLES as readonly string[]).includes(f) && !latinRoles.has(f));
      out[role] = { eastAsia: cjkFallback ? officialName(config, cjkFallback) : own, latin: own, cjk: false };
    } else {
      out[role] = { eastAsia: own, latin: rc.latin ? officialName(config, rc.latin) : own, cjk: true };
    }
  }
  return out;
}

/** docxFontNames of the project's fonts/fonts.json (or the one under `root`). */
export function projectDocxFontNames(root: string = defaultRoot()): FontNames {
  return docxFontNames(readFontsConfig(join(root, 'fonts', 'fonts.json')));
}

/** The w:rFonts attributes of a role. */
export function runFonts(names: FontNames, role: FontRole): { ascii: string; hAnsi: string; eastAsia: string; cs: string; hint?: string } {
  const n = names[role];
  return { ascii: n.latin, hAnsi: n.latin, eastAsia: n.eastAsia, cs: n.latin, ...(n.cjk ? { hint: 'eastAsia' } : {}) };
}
