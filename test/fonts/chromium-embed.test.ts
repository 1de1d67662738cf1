/**
 * Every role's font, bold hei/times and the rare characters 堃喆𠮷 go through
 * Chromium's PDF output as embedded, subsetted TrueType fonts: no Type 3
 * (rendering-notes.md, Fonts). Fonts come only from @font-face served by request
 * interception and from the project fonts.conf (FONTCONFIG_FILE).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import puppeteer, { type Browser } from 'puppeteer-core';
import { loadFontSet, cssFontFaces, writeFontconfig, fontReport, ROLES, type FontSet } from '../../src/fonts/index.js';

const CHROMIUM = '/usr/bin/chromium';
const haveTools = existsSync(CHROMIUM) && existsSync('/usr/bin/pdffonts');

interface PdfFont { name: string; type: string; emb: string; sub: string; uni: string }

function pdffonts(file: string): PdfFont[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n');
  // name  type  encoding  emb sub uni object ID — the type column may contain spaces ("CID TrueType", "Type 3")
  return out.slice(2).filter((l) => l.trim()).map((l) => {
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
    if (!m) throw new Error(`unparsed pdffonts line: ${l}`);
    return { name: m[1]!, type: m[2]!, emb: m[4]!, sub: m[5]!, uni: m[6]! };
  });
}

describe.skipIf(!haveTools)('fonts in Chromium PDFs', () => {
  let dir: string;
  let browser: Browser;
  let set: FontSet;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sef-font-embed-'));
    set = loadFontSet();
    const fontconfig = writeFontconfig(set, join(dir, 'fc'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`],
      env: { ...process.env, FONTCONFIG_FILE: fontconfig },
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('embeds every role as a subsetted TrueType font, rare characters included', async () => {
    const faces = cssFontFaces(set);
    const byUrl = new Map(faces.faces.map((f) => [f.url, f]));
    const sample = '职业技能等级证书 专项职业能力 张堃 李喆 𠮷田 ABC 123 —“”·① ☑';
    const body = ROLES.map((r) => `<p class="f-${r}">${r}: ${sample}</p><p class="f-${r} b">${r} bold: ${sample}</p>`).join('\n');
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${faces.css}\n.b { font-weight: bold } p { font-size: 16px; margin: 2px }</style></head><body>${body}</body></html>`;

    const page = await browser.newPage();
    await page.setRequestInterception(true);
    const served: string[] = [];
    const blocked: string[] = [];
    page.on('request', (req) => {
      const f = byUrl.get(req.url());
      if (f) {
        served.push(f.assetId);
        void req.respond({ status: 200, contentType: f.mime, body: Buffer.from(f.bytes), headers: { 'access-control-allow-origin': '*' } });
      } else if (req.url().startsWith('data:') || req.url() === 'about:blank') void req.continue();
      else {
        blocked.push(req.url());
        void req.abort();
      }
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(async () => { await document.fonts.ready; });
    const loaded = await page.evaluate(() => { const out: string[] = []; document.fonts.forEach((f) => { if (f.status === 'loaded') out.push(`${f.family}/${f.weight}`); }); return out; });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    const file = join(dir, 'fonts.pdf');
    writeFileSync(file, pdf);

    expect(blocked).toEqual([]);
    const fonts = pdffonts(file);
    const summary = fonts.map((f) => `${f.name} ${f.type} emb=${f.emb} sub=${f.sub}`).join('\n');
    console.log(`loaded faces: ${loaded.join(', ')}\nPDF fonts (${pdf.length} bytes):\n${summary}`);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => /Type 3/i.test(f.type))).toEqual([]);
    for (const f of fonts) {
      expect(f.emb, f.name).toBe('yes');
      expect(f.sub, f.name).toBe('yes');
      expect(f.type, f.name).toMatch(/TrueType/);
    }
    const names = fonts.map((f) => f.name).join(' ');
    // the role fonts and the rare-character fallback all made it into the PDF
    expect(names).toMatch(/ARPLUKaiCNSEF/);
    expect(names).toMatch(/NotoSansCJKSCSEF-Regular/);
    expect(names).toMatch(/NotoSansCJKSCSEF-Bold/);
    expect(names).toMatch(/NotoSerifCJKSCSEF/);
    expect(names).toMatch(/NotoSansCJKSCSEFExt/);
    expect(names).toMatch(/LiberationSerif(?!-Bold)/);
    expect(names).toMatch(/LiberationSerif-Bold/);
    if (set.roles.fangsong.fonts[0]?.origin === 'cache') expect(names).toMatch(/Fandol/);
    // the report says the same thing about 𠮷
    const rep = fontReport(set, [{ role: 'kai', text: sample }]);
    expect(rep.fallbacks.map((f) => f.codePoint)).toContain('U+20BB7');
    // text survives extraction
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const ch of ['堃', '喆', '𠮷', '职业技能等级证书', '专项职业能力']) expect(text).toContain(ch);
    expect(text).not.toMatch(/[\u2E80-\u2FDF]/u); // no Kangxi/radical code points in the text layer
    expect(served.length).toBeGreaterThan(0);
  });
});
