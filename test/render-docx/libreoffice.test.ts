/**
 * DOCX conformance as LibreOffice prints it (issue 4): the four test documents converted to PDF in
 * one soffice run with the project's fonts.conf, then read back — page size and orientation
 * (pdfinfo), text (pdftotext: the roster's header row on every page of a 200-row table, the page
 * numbers), table geometry from the raster (column boundaries and row rules within 0.5 mm of the
 * layout spec) and fonts (pdffonts: the project's substitutes, embedded, never Noto Sans CJK JP).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../src/fonts/index.js';
import { projectDocxFontNames, renderFlowDocx } from '../../src/render/docx/index.js';
import { docxToPdf } from '../helpers/libreoffice.js';
import { pageBoxes, pdfFonts } from '../helpers/pdf-read.js';
import { columnBoundaries, deltas, pageRules, ruledColumnEdges, type Rule } from '../helpers/table-geometry.js';
import { coverLayout, formData, formLayout, outlineData, outlineLayout, resolve, ROSTER_COLUMNS_MM, rosterData, rosterLayout } from './fixtures.js';

const TOLERANCE_MM = 0.5;
const PT = 25.4 / 72;
/** Title paragraph: 27 pt line + 12 pt after (the fixtures' `title` style). */
const TITLE_MM = (27 + 12) * PT;
const ROSTER_ROWS = 200;

const formDoc = resolve('t-form', formLayout, formData);
let dir: string;
const pdf: Record<'form' | 'roster' | 'cover' | 'outline', string> = { form: '', roster: '', cover: '', outline: '' };
/** Every measured delta (rule − spec), for the summary printed at the end. */
const measured: Record<string, number[]> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sef-docx-lo-'));
  const fonts = projectDocxFontNames();
  const docs = {
    form: formDoc,
    roster: resolve('t-roster', rosterLayout, rosterData(ROSTER_ROWS)),
    cover: resolve('t-cover', coverLayout, { name: '测试公司', date: '2024-05-06' }),
    outline: resolve('t-outline', outlineLayout, outlineData),
  };
  const files: string[] = [];
  for (const [name, doc] of Object.entries(docs)) {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, await renderFlowDocx(doc, { fonts }));
    files.push(file);
  }
  const out = await docxToPdf(files, dir);
  Object.keys(docs).forEach((k, i) => { pdf[k as keyof typeof pdf] = out[i]!; });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  const rows = Object.entries(measured).map(([k, v]) => `${k}: max |Δ| ${Math.max(...v.map(Math.abs)).toFixed(3)} mm over ${v.length} rules`);
  if (rows.length) console.log(`LibreOffice table geometry vs spec\n  ${rows.join('\n  ')}`);
});

const pageText = (file: string, page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) => pageBoxes(file).length;

/** Every expected position has a rule within tolerance and every rule is at an expected position. */
function expectRulesAt(label: string, expected: readonly number[], found: readonly Rule[]) {
  const d = deltas(expected, found);
  (measured[label] ??= []).push(...d);
  d.forEach((x, i) => expect(Math.abs(x), `${label}: rule at ${expected[i]!.toFixed(2)} mm`).toBeLessThanOrEqual(TOLERANCE_MM));
  for (const f of found) expect(Math.min(...expected.map((e) => Math.abs(f.at - e))), `${label}: unexpected rule at ${f.at.toFixed(2)} mm`).toBeLessThanOrEqual(TOLERANCE_MM);
}

const cumulative = (start: number, steps: readonly number[]) => columnBoundaries(start, steps);

describe('LibreOffice: page size and orientation', () => {
  it('A4 portrait and A4 landscape on every page', () => {
    for (const name of ['form', 'cover', 'outline'] as const)
      for (const p of pageBoxes(pdf[name])) expect(p.media.map((v) => Math.round(v * 10) / 10), name).toEqual([0, 0, 595.3, 841.9]);
    const roster = pageBoxes(pdf.roster);
    expect(roster.length).toBeGreaterThan(1);
    for (const p of roster) expect(p.media.map((v) => Math.round(v * 10) / 10)).toEqual([0, 0, 841.9, 595.3]);
  });
});

describe('LibreOffice: text', () => {
  it('prints the bound values, the checkboxes and the page number', () => {
    // pdftotext splits runs of different fonts with spaces: compare without white space
    const t = pageText(pdf.form, 1).replace(/\s+/g, '');
    for (const s of ['测试备案申请表', '河南测试装备制造有限公司', '0371-12345678', '□国有☑民营□外资', '王五', '主管部门意见', '（盖章）', '—1—']) expect(t).toContain(s);
  });

  it('repeats the roster header row on every page of a 200-row table, with 第 n 页 共 N 页', () => {
    const n = pageCount(pdf.roster);
    const names = new Set<string>();
    for (let p = 1; p <= n; p++) {
      const t = pageText(pdf.roster, p);
      expect(t, `page ${p}`).toMatch(/序号\s+姓名\s+性别/);
      expect(t, `page ${p}`).toContain('证件号码');
      expect(t.replace(/\s+/g, ''), `page ${p}`).toContain(`第${p}页共${n}页`);
      for (const m of t.matchAll(/人员\s*(\d+)/g)) names.add(m[1]!);
    }
    expect(names.size).toBe(ROSTER_ROWS);
  });
});

describe('LibreOffice: table geometry within 0.5 mm of the layout spec', () => {
  it('portrait form: column boundaries of the three tables, row rules from the row heights', async () => {
    const r = await pageRules(pdf.form, 1, { window: { x0: 0, y0: 25 + TITLE_MM - 3, x1: 210, y1: 297 - 20 } });
    // the boundaries some cell draws (a boundary every row spans over prints no rule)
    const xs = new Set(formDoc.blocks.flatMap((b) => (b.type === 'table' ? ruledColumnEdges(b, 20) : [])));
    expect(xs.has(78), 'applicant columns 2|3 are always spanned').toBe(false);
    expectRulesAt('form columns', [...xs].sort((a, b) => a - b), r.vertical);
    // applicant rows 8, 8, 8 + 12 (照片 20 mm over two rows), 8, 8; the joined staff table: 2 header rows + 3 rows of 8;
    // the joined 60 mm opinion row
    expectRulesAt('form rows', cumulative(25 + TITLE_MM, [8, 8, 8, 12, 8, 8, 8, 8, 8, 8, 8, 60]), r.horizontal);
  });

  it('landscape roster: 22 column boundaries on the first and the last page; 7 mm body rows; the header at the top margin on continued pages', async () => {
    const n = pageCount(pdf.roster);
    const xs = cumulative(15, ROSTER_COLUMNS_MM);
    const first = await pageRules(pdf.roster, 1, { window: { x0: 0, y0: 20 + TITLE_MM - 3, x1: 297, y1: 210 - 20 } });
    expectRulesAt('roster columns', xs, first.vertical);
    const ys = first.horizontal.map((h) => h.at);
    expect(Math.abs(ys[0]! - (20 + TITLE_MM)), 'table top').toBeLessThanOrEqual(TOLERANCE_MM);
    (measured['roster rows'] ??= []).push(ys[0]! - (20 + TITLE_MM));
    // body rows (after the header row) are exactly their 7 mm minimum
    for (let i = 2; i < ys.length; i++) {
      (measured['roster rows'] ??= []).push(ys[i]! - ys[i - 1]! - 7);
      expect(Math.abs(ys[i]! - ys[i - 1]! - 7), `row ${i}`).toBeLessThanOrEqual(TOLERANCE_MM);
    }
    const last = await pageRules(pdf.roster, n, { window: { x0: 0, y0: 15, x1: 297, y1: 210 - 20 } });
    expectRulesAt('roster columns', xs, last.vertical);
    expect(Math.abs(last.horizontal[0]!.at - 20), 'continued page: header row at the top margin').toBeLessThanOrEqual(TOLERANCE_MM);
  });

  it('cover: underline rules only under the value cells, at the row heights below the spacers', async () => {
    const top = 37 + 30 + 40 * PT + 60;
    // 16 pt glyph strokes stay under 6 mm; a rule would run the row's 12 mm
    const r = await pageRules(pdf.cover, 1, { window: { x0: 0, y0: top - 2, x1: 210, y1: top + 30 }, minLengthMm: 8 });
    expect(r.vertical).toEqual([]);
    expectRulesAt('cover rules', [top + 12, top + 24], r.horizontal);
    for (const h of r.horizontal) {
      expect(Math.abs(h.from - 68)).toBeLessThanOrEqual(TOLERANCE_MM);
      expect(Math.abs(h.to - 158)).toBeLessThanOrEqual(TOLERANCE_MM);
    }
  });

  it('outline: the content table spans the text width in equal columns', async () => {
    // rows are 8 mm; the 16 pt heading glyphs above the table stay under 6 mm
    const r = await pageRules(pdf.outline, 1, { window: { x0: 0, y0: 37, x1: 210, y1: 297 - 35 }, minLengthMm: 7 });
    expectRulesAt('outline columns', cumulative(28, [52, 52, 52]), r.vertical);
  });
});

describe('LibreOffice: fonts', () => {
  it('embeds the project fonts the official names map to (fonts.conf), never Noto Sans CJK JP', () => {
    const set = loadFontSet();
    const squash = (s: string) => s.replace(/\s+/g, '');
    const served = (role: 'kai' | 'hei' | 'fangsong' | 'song' | 'times') => squash(set.roles[role].fonts[0]!.family);
    const all = ['form', 'roster', 'cover', 'outline'].flatMap((k) => pdfFonts(pdf[k as keyof typeof pdf]));
    const names = all.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    for (const role of ['kai', 'hei', 'fangsong', 'song', 'times'] as const) expect(names.some((n) => n.startsWith(served(role))), role).toBe(true);
    expect(names.some((n) => /NotoSansCJKJP|NotoSerifCJKJP|DroidSans/i.test(n))).toBe(false);
    for (const f of all) {
      expect(f.emb, f.name).toBe(true);
      expect(f.type, f.name).not.toBe('Type 3');
    }
  });
});
