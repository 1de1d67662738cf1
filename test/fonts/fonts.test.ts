import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  loadFontSet, cssFontFaces, writeFontconfig, fontReport, measureText, measureEm, fontMetrics, faceOf, tableTags,
  ROLES, type FontSet, type Role,
} from '../../src/fonts/index.js';
import { fetchFangsong, findLocalFangsong } from '../../scripts/fetch-fangsong.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const PY = '/usr/bin/python3';
const havePyFontTools = existsSync(PY) && spawnSync(PY, ['-c', 'import fontTools.fontBuilder']).status === 0;

// ---- character sets (WHATWG gbk decoder; PUA excluded) ----------------------------------------
function decodeRange(rows: [number, number], cols: [number, number]): string[] {
  const dec = new TextDecoder('gbk');
  const out: string[] = [];
  for (let a = rows[0]; a <= rows[1]; a++)
    for (let b = cols[0]; b <= cols[1]; b++) {
      if (b === 0x7f) continue;
      const s = dec.decode(new Uint8Array([a, b]));
      if ([...s].length === 1 && /\p{Ideographic}/u.test(s) && !/[\u{E000}-\u{F8FF}]/u.test(s)) out.push(s);
    }
  return out;
}
const GB2312_HANZI = decodeRange([0xb0, 0xf7], [0xa1, 0xfe]);
const GBK_HANZI = [...new Set(decodeRange([0x81, 0xfe], [0x40, 0xfe]))];

const coverage = (set: FontSet, role: Role, chars: readonly string[]): { missing: string[]; pct: number } => {
  const fk = faceOf(set, set.roles[role].fonts[0]!).fk;
  const missing = chars.filter((c) => !fk.hasGlyphForCodePoint(c.codePointAt(0)!));
  return { missing, pct: (100 * (chars.length - missing.length)) / chars.length };
};

let set: FontSet;
beforeAll(() => {
  set = loadFontSet();
});

describe('font set', () => {
  it('resolves every role to existing TrueType-outline files', () => {
    for (const role of ROLES) {
      const r = set.roles[role];
      expect(r.fonts.length, role).toBeGreaterThan(0);
      for (const f of [...r.fonts, ...r.boldFonts]) {
        expect(existsSync(f.file), f.file).toBe(true);
        const tags = tableTags(readFileSync(f.file), f.faceIndex);
        expect(tags, f.file).toContain('glyf');
        expect(tags, f.file).not.toContain('CFF ');
        expect(tags, f.file).not.toContain('CFF2');
      }
    }
    expect(set.warnings).toEqual([]);
  });

  it('has the documented primaries and chains', () => {
    const primary = (r: Role, bold = false) => (bold ? set.roles[r].boldFonts : set.roles[r].fonts)[0]!;
    expect(primary('kai')).toMatchObject({ family: 'AR PL UKai CN SEF', source: 'vendored', license: 'Arphic Public License' });
    expect(primary('hei')).toMatchObject({ family: 'Noto Sans CJK SC SEF', weight: 400, source: 'vendored', license: 'OFL-1.1' });
    expect(primary('hei', true)).toMatchObject({ family: 'Noto Sans CJK SC SEF', weight: 700 });
    expect(primary('song')).toMatchObject({ family: 'Noto Serif CJK SC SEF', source: 'vendored' });
    expect(primary('times')).toMatchObject({ family: 'Liberation Serif', weight: 400 });
    expect(primary('times', true)).toMatchObject({ family: 'Liberation Serif', weight: 700 });
    expect(set.roles.hei.realBold).toBe(true);
    expect(set.roles.kai.realBold).toBe(false);
    // fangsong: FandolFang from the cache when setup made it, else the documented fallback (kai)
    const fs = primary('fangsong');
    if (fs.origin === 'cache') expect(fs.family).toBe('FandolFang');
    else expect(fs).toMatchObject({ family: 'AR PL UKai CN SEF', source: 'fallback', viaRole: 'kai' });
    const noCache = loadFontSet({ useCache: false });
    expect(noCache.roles.fangsong.fonts[0]).toMatchObject({ family: 'AR PL UKai CN SEF', source: 'fallback' });
    // every chain ends with the rare-character fallback fonts
    for (const role of ROLES) {
      const fams = set.roles[role].fonts.map((f) => f.family);
      expect(fams.slice(-2), role).toEqual(['Noto Sans CJK SC SEF Ext', 'DejaVu Sans SEF Symbols']);
    }
  });

  it('keeps vendored files under 25 MB each and the total reasonable', () => {
    let total = 0;
    const sizes: string[] = [];
    for (const [id, e] of Object.entries(set.config.files)) {
      if (e.path.startsWith('cache/')) continue;
      const size = statSync(join(set.fontsDir, e.path)).size;
      total += size;
      sizes.push(`${id} ${(size / 1e6).toFixed(2)} MB`);
      expect(size, id).toBeLessThan(25 * 1024 * 1024);
      expect(e.sha256, id).toBeDefined();
      expect(existsSync(join(set.fontsDir, e.licenseFile!)), `${id} licence`).toBe(true);
    }
    console.log(`vendored fonts: ${sizes.join(', ')}; total ${(total / 1e6).toFixed(1)} MB`);
    expect(total).toBeLessThan(60 * 1e6);
  });

  it('maps every official family name to a role', () => {
    const m = set.config.officialFamilies;
    for (const [name, role] of [['华文楷体', 'kai'], ['楷体', 'kai'], ['KaiTi', 'kai'], ['STKaiti', 'kai'], ['黑体', 'hei'], ['SimHei', 'hei'],
      ['仿宋', 'fangsong'], ['FangSong', 'fangsong'], ['仿宋_GB2312', 'fangsong'], ['宋体', 'song'], ['SimSun', 'song'], ['Times New Roman', 'times']] as const)
      expect(m[name], name).toBe(role);
  });
});

describe('coverage', () => {
  it('decodes the standard sets', () => {
    expect(GB2312_HANZI.length).toBe(6763);
    expect(GBK_HANZI.length).toBeGreaterThanOrEqual(20902);
  });

  it('covers every GB2312 and GBK hanzi in the hei and song primaries', () => {
    for (const role of ['hei', 'song'] as const) {
      expect(coverage(set, role, GB2312_HANZI).missing, role).toEqual([]);
      expect(coverage(set, role, GBK_HANZI).missing, role).toEqual([]);
    }
    const bold = faceOf(set, set.roles.hei.boldFonts[0]!).fk;
    expect(GBK_HANZI.filter((c) => !bold.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
  });

  it('reports what kai covers (all of GB2312, most of GBK)', () => {
    const g2 = coverage(set, 'kai', GB2312_HANZI);
    const gk = coverage(set, 'kai', GBK_HANZI);
    console.log(`kai (AR PL UKai CN): GB2312 hanzi ${g2.pct.toFixed(2)} %, GBK hanzi ${gk.pct.toFixed(2)} % (${gk.missing.length} missing, e.g. ${gk.missing.slice(0, 12).join('')})`);
    expect(g2.missing).toEqual([]);
    expect(gk.pct).toBeGreaterThan(85);
    // …and every GBK hanzi kai lacks is served by its chain
    const rep = fontReport(set, [{ role: 'kai', text: gk.missing.join('') }]);
    expect(rep.fallbacks.filter((f) => f.servedBy === null)).toEqual([]);
  });

  it('never lets a lower code point share an ideograph\'s glyph (Chromium\'s ToUnicode takes the lowest: 力 would read as ⼒)', () => {
    for (const f of new Set(ROLES.flatMap((r) => set.roles[r].fonts.concat(set.roles[r].boldFonts)))) {
      const fk = faceOf(set, f).fk as unknown as { characterSet: number[]; glyphForCodePoint(cp: number): { id: number } };
      const lowest = new Map<number, number>();
      for (const cp of [...fk.characterSet].sort((a, b) => a - b)) {
        const gid = fk.glyphForCodePoint(cp).id;
        if (!lowest.has(gid)) lowest.set(gid, cp);
        // two unified ideographs may share a design (Noto: U+363D/U+39B3); a radical below an ideograph may not
        else if (/\p{Unified_Ideograph}/u.test(String.fromCodePoint(cp)) && !/\p{Unified_Ideograph}/u.test(String.fromCodePoint(lowest.get(gid)!)))
          expect.fail(`${f.family}: U+${cp.toString(16)} shares a glyph with lower U+${lowest.get(gid)!.toString(16)}`);
      }
    }
  });

  it('covers the symbols forms use, in every role chain', () => {
    const text = '— – ‘ ’ “ ” … · × ①②③⑩⑳ ☑ ☐ □ ■ √ ℃ № ￥ 、。，；：？！（）《》【】〇';
    for (const role of ROLES.filter((r) => r !== 'fallback')) {
      const rep = fontReport(set, [{ role, text }]);
      expect(rep.fallbacks.filter((f) => f.servedBy === null), role).toEqual([]);
    }
  });
});

describe('fontReport', () => {
  it('flags 𠮷 for kai and names the fallback that serves it', () => {
    const rep = fontReport(set, [{ role: 'kai', text: '张堃 李喆\t𠮷田花子 𠮷' }, { role: 'hei', text: '证书', bold: true }]);
    expect(rep.roles.kai).toMatchObject({ family: 'AR PL UKai CN SEF', file: 'fonts/arphic-ukai/ARPLUKaiCN-SEF.ttf', source: 'vendored', license: 'Arphic Public License' });
    expect(rep.roles.hei?.bold).toMatchObject({ family: 'Noto Sans CJK SC SEF', realBold: true });
    expect(rep.fallbacks).toEqual([
      { char: '𠮷', codePoint: 'U+20BB7', role: 'kai', servedBy: { family: 'Noto Sans CJK SC SEF Ext', file: 'fonts/noto-sans-cjk/NotoSansCJKsc-SEF-Ext.ttf', origin: 'vendored' } },
    ]);
  });

  it('says null when nothing covers a character, ignores whitespace and controls', () => {
    const rep = fontReport(set, [{ role: 'song', text: ' \n\u3000\u200b\u{E000}\u{E000}' }]);
    expect(rep.fallbacks).toEqual([{ char: '\u{E000}', codePoint: 'U+E000', role: 'song', servedBy: null }]);
  });

  it('reports fangsong characters that come from the kai fallback when FandolFang serves', () => {
    if (set.roles.fangsong.fonts[0]?.origin !== 'cache') return;
    const rep = fontReport(set, [{ role: 'fangsong', text: '张堃' }]);
    expect(rep.roles.fangsong).toMatchObject({ family: 'FandolFang', source: 'cache' });
    expect(rep.fallbacks).toMatchObject([{ char: '堃', servedBy: { family: 'AR PL UKai CN SEF' } }]);
  });
});

describe('measureText', () => {
  it('measures 职业技能等级证书 at 30 pt in kai as 8 em', () => {
    const mm = measureText(set, 'kai', 30, '职业技能等级证书');
    const expected = (8 * 30 * 25.4) / 72;
    expect(Math.abs(mm - expected) / expected).toBeLessThan(0.03);
  });

  it('applies kerning the way fontkit lays out a run', () => {
    const fk = faceOf(set, set.roles.times.fonts[0]!).fk;
    expect(measureEm(set, 'times', 'AV')).toBeLessThan(measureEm(set, 'times', 'A') + measureEm(set, 'times', 'V'));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'AVWTYLPFo.,aeyrv -\'"1'.split('')), { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const want = fk.layout(s).positions.reduce((w, p) => w + p.xAdvance, 0) / fk.unitsPerEm;
        expect(measureEm(set, 'times', s)).toBeCloseTo(want, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('falls back per character along the chain', () => {
    const ext = faceOf(set, set.roles.kai.fonts.find((f) => f.family === 'Noto Sans CJK SC SEF Ext')!).fk;
    const a = measureEm(set, 'kai', '张');
    expect(measureEm(set, 'kai', '张𠮷')).toBeCloseTo(a + ext.glyphForCodePoint(0x20bb7).advanceWidth / ext.unitsPerEm, 9);
    expect(measureEm(set, 'kai', '张\u200b\u{FE00}')).toBeCloseTo(a, 9);
  });

  it('uses the real bold face for hei', () => {
    expect(measureEm(set, 'hei', 'Hello 2024', { bold: true })).toBeGreaterThan(measureEm(set, 'hei', 'Hello 2024'));
    expect(measureEm(set, 'kai', 'Hello', { bold: true })).toBe(measureEm(set, 'kai', 'Hello'));
  });

  it('is fast enough for a line breaker (10k characters)', () => {
    const chars = '职业技能等级证书姓名性别出生年月身份证号码 Zhang San 2024年12月31日，AVAWAY To. ①☑𠮷';
    const text = Array.from({ length: 10_000 }, (_, i) => [...chars][i % [...chars].length]).join('');
    const times: string[] = [];
    for (const role of ROLES) {
      const t0 = performance.now();
      measureText(set, role, 12, text);
      const cold = performance.now() - t0;
      const t1 = performance.now();
      measureText(set, role, 12, text);
      times.push(`${role} ${cold.toFixed(1)}/${(performance.now() - t1).toFixed(1)} ms`);
    }
    console.log(`measureText 10k chars (cold/warm): ${times.join(', ')}`);
  });
});

describe('fontMetrics', () => {
  it('gives the hhea metrics of the primary face', () => {
    expect(fontMetrics(set, 'kai')).toMatchObject({ family: 'AR PL UKai CN SEF', unitsPerEm: 1024, ascent: 997, descent: -133 });
    expect(fontMetrics(set, 'hei')).toMatchObject({ unitsPerEm: 1000, ascent: 1160, descent: -288 });
    expect(fontMetrics(set, 'times')).toMatchObject({ family: 'Liberation Serif', unitsPerEm: 2048 });
  });
});

describe('cssFontFaces', () => {
  it('serves one asset per face with stable ids and a stack per role', () => {
    const css = cssFontFaces(set);
    expect(css.roles.kai).toMatchObject({ family: 'sef-kai', stack: "'sef-kai', 'sef-song', 'sef-fallback', 'sef-fallback-2', serif" });
    expect(css.roles.hei.families).toEqual(['sef-hei', 'sef-fallback', 'sef-fallback-2', 'sans-serif']);
    for (const f of css.faces) {
      expect(f.assetId).toMatch(/^[a-z0-9-]{1,64}$/);
      expect(f.url).toBe(`https://assets.invalid/font/${f.assetId}`);
      expect(f.mime).toBe('font/ttf');
    }
    expect(css.faces.filter((f) => f.cssFamily === 'sef-hei').map((f) => f.weight).sort()).toEqual([400, 700]);
    expect(css.css).toContain(".f-hei { font-family: 'sef-hei', 'sef-fallback', 'sef-fallback-2', sans-serif; font-synthesis: none }");
    expect(cssFontFaces(set).faces.map((f) => f.assetId)).toEqual(css.faces.map((f) => f.assetId));
    expect(new Set(css.assets.map((a) => a.id)).size).toBe(css.assets.length);
  });
});

describe('writeFontconfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sef-fc-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists only project font dirs and aliases the official names', () => {
    const path = writeFontconfig(set, dir);
    const xml = readFileSync(path, 'utf8');
    const dirs = [...xml.matchAll(/<dir>([^<]+)<\/dir>/g)].map((m) => m[1]!);
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs) expect(d.startsWith(join(ROOT, 'fonts'))).toBe(true);
    expect(xml).not.toMatch(/\/usr\/share\/fonts|<include|\/etc\/fonts|~\/\.fonts/);
    expect(xml).toContain(`<cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`);
    expect(xml).toContain('<family>仿宋</family>');
  });

  it.skipIf(!existsSync('/usr/bin/fc-match'))('makes fontconfig resolve names to project files only', () => {
    const path = writeFontconfig(set, dir);
    const match = (q: string): string =>
      execFileSync('fc-match', ['--format=%{file}', q], { env: { ...process.env, FONTCONFIG_FILE: path }, encoding: 'utf8' });
    expect(match('楷体')).toBe(set.roles.kai.fonts[0]!.file);
    expect(match('仿宋')).toBe(set.roles.fangsong.fonts[0]!.file);
    expect(match('黑体')).toBe(set.roles.hei.fonts[0]!.file);
    expect(match('黑体:bold')).toBe(set.roles.hei.boldFonts[0]!.file);
    expect(match('宋体')).toBe(set.roles.song.fonts[0]!.file);
    expect(match('Times New Roman')).toBe(set.roles.times.fonts[0]!.file);
    expect(match('Times New Roman:bold')).toBe(set.roles.times.boldFonts[0]!.file);
    expect(match('serif')).toBe(set.roles.song.fonts[0]!.file);
    expect(match('sans\\-serif')).toBe(set.roles.hei.fonts[0]!.file);
    for (const q of ['Arial', 'Noto Sans CJK JP', 'DejaVu Sans', 'monospace']) expect(match(q).startsWith(join(ROOT, 'fonts'))).toBe(true);
  });
});

// ---- licensed originals in a local dir ---------------------------------------------------------
const MAKE_FONTS = String.raw`
import sys
from fontTools.ttLib import TTFont, TTCollection
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
out = sys.argv[1]
src = '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf'
def renamed(family, zh=None):
    f = TTFont(src)
    n = f['name']
    n.names = [r for r in n.names if r.nameID not in (1, 2, 4, 6, 16, 17)]
    for nid, v in ((1, family), (2, 'Regular'), (4, family), (6, family.replace(' ', '') + '-Regular')):
        n.setName(v, nid, 3, 1, 0x409)
    if zh:
        n.setName(zh, 1, 3, 1, 0x804)
    return f
renamed('FangSong', '仿宋').save(out + '/my-fangsong.ttf')
c = TTCollection()
c.fonts = [renamed('NSimSun', '新宋体'), renamed('SimSun', '宋体')]
c.save(out + '/simsun.ttc')
fb = FontBuilder(1000, isTTF=False)
fb.setupGlyphOrder(['.notdef', 'A'])
fb.setupCharacterMap({0x41: 'A', 0x9ED1: 'A'})
p = T2CharStringPen(600, None); p.moveTo((0, 0)); p.lineTo((0, 500)); p.lineTo((500, 500)); p.closePath()
fb.setupCFF('SimHeiCFF', {'FullName': 'SimHei'}, {'.notdef': p.getCharString(), 'A': p.getCharString()}, {})
fb.setupHorizontalMetrics({'.notdef': (600, 0), 'A': (600, 0)})
fb.setupHorizontalHeader(ascent=800, descent=-200)
fb.setupNameTable({'familyName': 'SimHei', 'styleName': 'Regular'})
fb.setupOS2(usWeightClass=400)
fb.setupPost()
fb.save(out + '/simhei.otf')
`;

describe.skipIf(!havePyFontTools)('fonts/local overrides', () => {
  let local: string;
  let fcDir: string;
  beforeAll(() => {
    local = mkdtempSync(join(tmpdir(), 'sef-local-fonts-'));
    fcDir = mkdtempSync(join(tmpdir(), 'sef-local-fc-'));
    execFileSync(PY, ['-c', MAKE_FONTS, local]);
    // a file-name match: any TrueType file called simkai.ttf is taken as 楷体
    copyFileSync(join(ROOT, 'fonts/liberation/LiberationSerif-Bold.ttf'), join(local, 'simkai.ttf'));
  });
  afterAll(() => {
    rmSync(local, { recursive: true, force: true });
    rmSync(fcDir, { recursive: true, force: true });
  });

  it('lets a licensed original win over vendored, cache and fallback', () => {
    const s = loadFontSet({ localDir: local });
    // by family name (仿宋 / FangSong)
    expect(s.roles.fangsong.fonts[0]).toMatchObject({ family: 'FangSong', source: 'local', file: join(local, 'my-fangsong.ttf') });
    // by family name inside a collection: face 1 (SimSun), not face 0 (NSimSun)
    expect(s.roles.song.fonts[0]).toMatchObject({ family: 'SimSun', source: 'local', faceIndex: 1 });
    expect(s.roles.song.fonts[1]).toMatchObject({ family: 'Noto Serif CJK SC SEF', source: 'vendored' });
    // simkai.ttf matches by file name but is a Bold face (weight 700): kai has no bold slot, so it is not used
    expect(s.roles.kai.fonts[0]).toMatchObject({ family: 'AR PL UKai CN SEF', source: 'vendored' });
    // CFF outlines are refused (Chromium would print Type 3) and fontconfig rejects the file
    expect(s.roles.hei.fonts[0]).toMatchObject({ family: 'Noto Sans CJK SC SEF', source: 'vendored' });
    expect(s.warnings.join('\n')).toMatch(/simhei\.otf .*CFF/);
    const xml = readFileSync(writeFontconfig(s, fcDir), 'utf8');
    expect(xml).toContain(`<glob>${join(local, 'simhei.otf')}</glob>`);
    expect(xml).toContain(`<dir>${local}</dir>`);
    // the report says which font served
    const rep = fontReport(s, [{ role: 'fangsong', text: '仿宋 Abc' }]);
    expect(rep.roles.fangsong).toMatchObject({ family: 'FangSong', source: 'local' });
    expect(rep.fallbacks.map((f) => f.char)).toEqual(['仿', '宋']);
    // …served by the next font of the chain: FandolFang when the cache has it, else kai's font
    expect(rep.fallbacks[0]!.servedBy?.family).toBe(s.roles.fangsong.fonts[1]!.family);
    expect(['FandolFang', 'AR PL UKai CN SEF']).toContain(s.roles.fangsong.fonts[1]!.family);
  });

  it('takes a regular-weight file by its file name', () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'sef-local-2-'));
    try {
      copyFileSync(join(ROOT, 'fonts/liberation/LiberationSerif-Regular.ttf'), join(dir2, 'SIMKAI.TTF'));
      const s = loadFontSet({ localDir: dir2, useCache: false });
      expect(s.roles.kai.fonts[0]).toMatchObject({ family: 'Liberation Serif', source: 'local' });
      expect(s.roles.kai.fonts[1]).toMatchObject({ family: 'AR PL UKai CN SEF', source: 'vendored' });
      expect(s.roles.fangsong.fonts[0]!.family).toBe('Liberation Serif');
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('serves a collection face as a standalone TrueType font', () => {
    const s = loadFontSet({ localDir: local });
    const face = cssFontFaces(s).faces.find((f) => f.cssFamily === 'sef-song')!;
    expect(face.assetId).toMatch(/^local-simsun-1-[0-9a-f]{16}$/);
    const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): { familyName: string; numGlyphs: number } };
    const f = fontkit.create(Buffer.from(face.bytes));
    expect(f.familyName).toBe('SimSun');
    expect(tableTags(face.bytes)).toContain('glyf');
  });

  it('fetch-fangsong does nothing when a licensed 仿宋 is present, and is quick when cached', async () => {
    expect(findLocalFangsong({ localDir: local })).toMatchObject({ file: join(local, 'my-fangsong.ttf'), truetype: true });
    expect(await fetchFangsong({ localDir: local, quiet: true })).toMatchObject({ status: 'local' });
    const cache = mkdtempSync(join(tmpdir(), 'sef-cache-'));
    const empty = mkdtempSync(join(tmpdir(), 'sef-empty-'));
    try {
      mkdirSync(cache, { recursive: true });
      writeFileSync(join(cache, 'FandolFang-Regular.ttf'), 'x');
      const t0 = performance.now();
      expect(await fetchFangsong({ localDir: empty, cacheDir: cache, quiet: true })).toMatchObject({ status: 'cached' });
      console.log(`fetchFangsong (cached) ${(performance.now() - t0).toFixed(1)} ms`);
      const prev = process.env['SEF_NO_FANDOL'];
      process.env['SEF_NO_FANDOL'] = '1';
      try {
        expect(await fetchFangsong({ localDir: empty, cacheDir: cache, quiet: true })).toMatchObject({ status: 'skipped' });
      } finally {
        if (prev === undefined) delete process.env['SEF_NO_FANDOL'];
        else process.env['SEF_NO_FANDOL'] = prev;
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
