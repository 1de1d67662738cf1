/**
 * Regression: a font that maps a Kangxi/supplementary radical (⽉ U+2F49) to the same glyph as a
 * unified ideograph (月 U+6708) makes Chromium's ToUnicode name the radical, and the PDF's text
 * then reads 月 as ⽉ (search, copy, verification by text extraction all break). No font any role
 * can use may keep such an alias (scripts/prepare-fonts.py drop_aliased_code_points).
 */
import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { loadFontSet, ROLES } from '../../src/fonts/index.js';

const RADICALS: number[] = [];
for (let cp = 0x2e80; cp <= 0x2fdf; cp++) RADICALS.push(cp);

describe('fonts used by any role', () => {
  const set = loadFontSet();
  const files = new Set(ROLES.flatMap((r) => [...set.roles[r].fonts, ...set.roles[r].boldFonts]).map((f) => f.file));
  it.each([...files])('%s maps no radical onto the glyph of a non-radical character', (file) => {
    const font = fontkit.openSync(file) as unknown as { characterSet: number[]; glyphForCodePoint(cp: number): { id: number } };
    const byGlyph = new Map<number, number[]>();
    for (const cp of font.characterSet) {
      const id = font.glyphForCodePoint(cp).id;
      if (id) byGlyph.set(id, [...(byGlyph.get(id) ?? []), cp]);
    }
    const isRadical = (cp: number) => cp >= 0x2e80 && cp <= 0x2fdf;
    const aliased = RADICALS.filter((cp) => font.characterSet.includes(cp) && (byGlyph.get(font.glyphForCodePoint(cp).id) ?? []).some((o) => !isRadical(o)));
    expect(aliased.map((cp) => `U+${cp.toString(16).toUpperCase()}`)).toEqual([]);
  });
});
