import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFace } from '../../src/fonts/fontkit.js';
import { loadFontSet, cssFontFaces } from '../../src/fonts/index.js';
import { subsetFontAssets } from '../../src/fonts/subset.js';

/** Opens subset bytes with the project's fontkit wrapper (it reads files). */
function openBytes(bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'sef-subset-'));
  try {
    const f = join(dir, 'f.ttf');
    writeFileSync(f, bytes);
    return openFace(f);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('per-document font subsetting', () => {
  const set = loadFontSet();
  const faces = cssFontFaces(set);
  const runs = [
    { role: 'kai', text: '职业技能等级证书 本证书由河南豫华重工机械有限公司颁发' },
    { role: 'fangsong', text: '王建军 数控车床 三级/高级工 赵堃' },
    { role: 'times', text: 'Certificate of Occupational Skill Level 2021-06-30' },
  ];
  it('serves only the faces the document can reach, cut to its characters', async () => {
    const assets = await subsetFontAssets(set, faces, runs);
    const total = assets.reduce((s, a) => s + a.bytes.length, 0);
    const full = faces.faces.reduce((s, f) => s + f.bytes.length, 0);
    expect(total).toBeLessThan(1_000_000);
    expect(full).toBeGreaterThan(20_000_000);
    expect(assets.some((a) => /noto-sans/.test(a.id) && !/ext/.test(a.id))).toBe(false); // hei is not used
  });
  it('keeps every glyph the document prints, including fallback characters', async () => {
    const assets = await subsetFontAssets(set, faces, runs);
    const fonts = assets.map((a) => openBytes(a.bytes));
    const chars = [...new Set(runs.flatMap((r) => [...r.text.replace(/\s/g, '')]))];
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      const covered = fonts.some((f) => f.hasGlyphForCodePoint(cp));
      expect(covered, `${ch} is in some served face`).toBe(true);
    }
  });
});
