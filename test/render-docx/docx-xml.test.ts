/**
 * DOCX conformance from its XML (issue 4): page size and orientation (the landscape trap), margins,
 * grid columns in DXA, half-point sizes and East Asian font names per style, exact line pitch,
 * repeated header rows, gridSpan/vMerge positions, row heights, border widths, seal space, spacers,
 * page breaks and page-number fields — each against the layout spec the document was resolved from.
 */
import { describe, expect, it } from 'vitest';
import { docxFontNames, projectDocxFontNames, renderFlowDocx } from '../../src/render/docx/index.js';
import { loadFontSet } from '../../src/fonts/index.js';
import { attrs, docxParts, elements, style, tables } from './docx-read.js';
import { coverLayout, formData, formLayout, outlineData, outlineLayout, resolve, ROSTER_COLUMNS_MM, rosterData, rosterLayout } from './fixtures.js';

const fonts = projectDocxFontNames();
const twip = (mm: number) => Math.round((mm / 25.4) * 1440);

type Rendered = { bytes: Uint8Array; parts: Map<string, string>; document: string; styles: string };
const memo = new Map<object, Promise<Rendered>>();

/** Renders once per document (the 200-row roster takes a few seconds); a creation date renders afresh. */
function render(doc: Parameters<typeof renderFlowDocx>[0], creationDate?: Date): Promise<Rendered> {
  if (creationDate) return renderNow(doc, creationDate);
  if (!memo.has(doc)) memo.set(doc, renderNow(doc));
  return memo.get(doc)!;
}

async function renderNow(doc: Parameters<typeof renderFlowDocx>[0], creationDate?: Date): Promise<Rendered> {
  const bytes = await renderFlowDocx(doc, { fonts, ...(creationDate ? { creationDate } : {}) });
  const parts = await docxParts(bytes);
  return { bytes, parts, document: parts.get('word/document.xml')!, styles: parts.get('word/styles.xml')! };
}

describe('font names', () => {
  it('writes the official family names from fonts.json: East Asian per role, Times New Roman for the Latin of 仿宋', () => {
    expect(fonts.kai).toMatchObject({ eastAsia: '华文楷体', latin: '华文楷体' });
    expect(fonts.hei).toMatchObject({ eastAsia: '黑体' });
    expect(fonts.song).toMatchObject({ eastAsia: '宋体' });
    expect(fonts.fangsong).toEqual({ eastAsia: '仿宋', latin: 'Times New Roman', cjk: true });
    expect(fonts.times).toEqual({ eastAsia: '宋体', latin: 'Times New Roman', cjk: false });
    // The same names come out of the engine's loaded configuration.
    expect(docxFontNames(loadFontSet().config)).toEqual(fonts);
  });
});

describe('portrait table form', () => {
  const doc = resolve('t-form', formLayout, formData);

  it('A4 portrait in exact twips with the layout margins; the page number in the middle of the bottom margin', async () => {
    const { document } = await render(doc);
    expect(attrs(document, 'w:pgSz')).toEqual({ 'w:w': '11906', 'w:h': '16838', 'w:orient': 'portrait' });
    const m = attrs(document, 'w:pgMar')!;
    expect([m['w:top'], m['w:right'], m['w:bottom'], m['w:left']].map(Number)).toEqual([twip(25), twip(20), twip(20), twip(20)]);
    // footer distance = (bottom margin − footer line) / 2: 10.5 pt × 1.3 = 13.65 pt = 273 twips
    expect(Number(m['w:footer'])).toBe(Math.round((twip(20) - 273) / 2));
  });

  it('one paragraph style per layout style: half-points, bold, alignment, exact line pitch, spacing, fonts with eastAsia names', async () => {
    const { styles } = await render(doc);
    for (const [name, spec] of Object.entries(formLayout.styles)) {
      const s = style(styles, `s-${name}`);
      expect(attrs(s, 'w:sz'), name).toEqual({ 'w:val': String(spec.sizePt * 2) });
      const line = Math.round((spec.lineHeightPt ?? Math.round(spec.sizePt * 1.3 * 100) / 100) * 20);
      expect(attrs(s, 'w:spacing'), name).toMatchObject({ 'w:line': String(line), 'w:lineRule': 'exact', 'w:before': String((spec.spaceBeforePt ?? 0) * 20), 'w:after': String((spec.spaceAfterPt ?? 0) * 20) });
      const rf = attrs(s, 'w:rFonts')!;
      expect(rf['w:eastAsia'], name).toBe(fonts[spec.font].eastAsia);
      expect(rf['w:ascii'], name).toBe(fonts[spec.font].latin);
      expect(s.includes('<w:b/>'), name).toBe(spec.bold === true);
    }
    expect(attrs(style(styles, 's-label'), 'w:rFonts')).toMatchObject({ 'w:eastAsia': '仿宋', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman' });
    expect(attrs(style(styles, 's-title'), 'w:rFonts')).toMatchObject({ 'w:eastAsia': '黑体' });
    expect(attrs(style(styles, 's-title'), 'w:sz')).toEqual({ 'w:val': '36' });
    expect(attrs(style(styles, 's-dist'), 'w:jc')).toEqual({ 'w:val': 'distribute' });
    // letter spacing 1 pt → w:spacing w:val 20 in the run properties
    expect(/<w:rPr>[\s\S]*<w:spacing w:val="20"\/>/.test(style(styles, 's-dist'))).toBe(true);
    expect(attrs(style(styles, 's-body'), 'w:ind')).toEqual({ 'w:firstLine': '480' });
    expect(attrs(style(styles, 's-guidance'), 'w:color')).toEqual({ 'w:val': '808080' });
  });

  it('tables: fixed layout, DXA grid from the column widths, cell widths, borders in eighths of a point', async () => {
    const { document } = await render(doc);
    const [applicant, staff, opinion] = tables(document);
    expect(applicant!.grid).toEqual([1814, 1474, 1531, 1417, 1474, 1928]);
    expect(applicant!.grid.reduce((a, b) => a + b)).toBe(twip(170));
    expect(applicant!.width).toBe(twip(170));
    expect(applicant!.layout).toBe('fixed');
    expect(staff!.grid).toEqual([12, 30, 20, 36, 36, 36].map((_, i, a) => twip(a.slice(0, i + 1).reduce((x, y) => x + y)) - twip(a.slice(0, i).reduce((x, y) => x + y, 0))));
    expect(opinion!.grid).toEqual([twip(32), twip(170) - twip(32)]);
    const name = applicant!.rows[1]!.cells[1]!;
    expect(name).toMatchObject({ gridStart: 1, span: 5, width: twip(170) - twip(32), text: '河南测试装备制造有限公司' });
    for (const side of ['top', 'left', 'bottom', 'right']) expect(name.borders[side]).toEqual({ val: 'single', sz: '6' });
  });

  it('header rows repeat (w:tblHeader on the leading header rows only); every row cantSplit; row heights atLeast', async () => {
    const { document } = await render(doc);
    const [applicant, staff] = tables(document);
    expect(applicant!.rows.map((r) => r.header)).toEqual([true, false, false, false, false, false]);
    expect(staff!.rows.map((r) => r.header)).toEqual([true, true, false, false, false]);
    expect(staff!.rows[1]!.cells.map((c) => c.text)).toEqual(['序号', '姓名', '性别', '职称', '工种', '等级']);
    expect(staff!.rows.every((r) => r.cantSplit)).toBe(true);
    expect(applicant!.rows[1]!.height).toEqual({ val: twip(8), rule: 'atLeast' });
  });

  it('row spans: vMerge restart where the cell starts, a continue cell at the same grid column in the covered row; its minimum height goes to the last row', async () => {
    const { document } = await render(doc);
    const [applicant] = tables(document);
    const r2 = applicant!.rows[2]!.cells;
    const r3 = applicant!.rows[3]!.cells;
    expect(r2.at(-1)).toMatchObject({ gridStart: 5, span: 1, vMerge: 'restart', text: '照片' });
    expect(r3.map((c) => [c.gridStart, c.span, c.vMerge ?? ''])).toEqual([[0, 1, ''], [1, 2, ''], [3, 1, ''], [4, 1, ''], [5, 1, 'continue']]);
    expect(r3.at(-1)!.text).toBe('');
    // 照片 needs 20 mm over two 8 mm rows: the second row takes the other 4 mm
    expect(applicant!.rows[2]!.height!.val + applicant!.rows[3]!.height!.val).toBe(twip(8) + twip(12));
  });

  it('checkboxes and Latin runs: ☑ for the chosen option; digits in a 仿宋 cell are a Times New Roman run', async () => {
    const { document } = await render(doc);
    const [applicant] = tables(document);
    expect(applicant!.rows[4]!.cells[1]!.text).toBe('□国有  ☑民营  □外资');
    const phone = applicant!.rows[3]!.cells[1]!.paragraphs[0]!;
    expect(attrs(phone, 'w:rFonts')).toMatchObject({ 'w:ascii': 'Times New Roman', 'w:eastAsia': '宋体' });
  });

  it('a joined table with header rows of its own, or joining one that has them, follows a 1-twip paragraph and draws the shared rule', async () => {
    const { document } = await render(doc);
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!;
    const between = body.split('</w:tbl>').slice(1, 3).map((s) => s.split('<w:tbl>')[0]!);
    // applicant → staff: staff has header rows of its own
    expect(attrs(between[0]!, 'w:spacing')).toMatchObject({ 'w:line': '1', 'w:lineRule': 'exact' });
    // staff → opinion: merged, Word would repeat staff's column heads above the opinion on a new page
    expect(attrs(between[1]!, 'w:spacing')).toMatchObject({ 'w:line': '1', 'w:lineRule': 'exact' });
    const [applicant, staff, opinion] = tables(document);
    // the rule is the joined table's top; the table above draws no bottom
    expect(applicant!.rows.at(-1)!.cells.every((c) => c.borders.bottom!.val === 'none')).toBe(true);
    expect(applicant!.rows.at(-2)!.cells.every((c) => c.borders.bottom!.val === 'single')).toBe(true);
    expect(staff!.rows[0]!.cells.every((c) => c.borders.top!.val === 'single')).toBe(true);
    expect(staff!.rows.at(-1)!.cells.every((c) => c.borders.bottom!.val === 'none')).toBe(true);
    expect(opinion!.rows[0]!.cells.every((c) => c.borders.top!.val === 'single')).toBe(true);
  });

  it('a joined table without header rows under one without them follows directly (Word shows one table)', async () => {
    const plain = { ...doc, blocks: doc.blocks.map((b) => (b.type === 'table' ? { ...b, rows: b.rows.map((r) => ({ ...r, header: false })) } : b)) };
    const { document } = await render(plain);
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!;
    const between = body.split('</w:tbl>').slice(1, 3).map((s) => s.split('<w:tbl>')[0]!);
    expect(between).toEqual(['', '']);
    const [, staff, opinion] = tables(document);
    expect(staff!.rows.at(-1)!.cells.every((c) => c.borders.bottom!.val === 'single')).toBe(true);
    expect(opinion!.rows[0]!.cells.every((c) => c.borders.top!.val === 'none')).toBe(true);
  });

  it('seal space: an exact 40 mm blank paragraph directly above the cell’s last paragraph (the date)', async () => {
    const { document } = await render(doc);
    const [, , opinion] = tables(document);
    const ps = opinion!.rows[0]!.cells[1]!.paragraphs;
    expect(ps.length).toBe(4);
    expect(attrs(ps[2]!, 'w:spacing')).toMatchObject({ 'w:line': String(twip(40)), 'w:lineRule': 'exact' });
    expect(ps[3]).toContain('年');
    expect(opinion!.rows[0]!.height).toEqual({ val: twip(60), rule: 'atLeast' });
  });

  it('page numbers: PAGE field in the format’s text, centred, in the page-number style', async () => {
    const { parts } = await render(doc);
    const footer = [...parts.entries()].find(([k]) => /^word\/footer\d*\.xml$/.test(k))![1];
    expect(attrs(footer, 'w:pStyle')).toEqual({ 'w:val': 's-page-number' });
    expect(attrs(footer, 'w:jc')).toEqual({ 'w:val': 'center' });
    expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/s);
  });

  it('is deterministic: the same bytes every time, the given creation date in core.xml', async () => {
    const when = new Date(Date.UTC(2024, 4, 6, 8, 30));
    const a = await render(doc, when);
    const b = await render(doc, when);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.parts.get('docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T08:30:00Z</dcterms:created>');
  });
});

describe('landscape roster', () => {
  const doc = resolve('t-roster', rosterLayout, rosterData(200));

  it('the landscape trap: A4 landscape is w:w=16838 w:h=11906 w:orient=landscape', async () => {
    const { document } = await render(doc);
    expect(attrs(document, 'w:pgSz')).toEqual({ 'w:w': '16838', 'w:h': '11906', 'w:orient': 'landscape' });
    const m = attrs(document, 'w:pgMar')!;
    expect([m['w:top'], m['w:right'], m['w:bottom'], m['w:left']].map(Number)).toEqual([twip(20), twip(15), twip(20), twip(15)]);
  });

  it('21 grid columns in DXA summing to the rounded 267 mm; one repeated header row, 200 body rows', async () => {
    const { document } = await render(doc);
    const [roster] = tables(document);
    expect(roster!.grid.length).toBe(21);
    let cum = 0;
    roster!.grid.forEach((w, i) => {
      const before = twip(cum);
      cum += ROSTER_COLUMNS_MM[i]!;
      expect(w).toBe(twip(cum) - before);
    });
    expect(roster!.width).toBe(twip(267));
    expect(roster!.rows.length).toBe(201);
    expect(roster!.rows.filter((r) => r.header).length).toBe(1);
    expect(roster!.rows[0]!.header).toBe(true);
    expect(roster!.rows[200]!.cells[1]!.text).toBe('人员200');
    expect(roster!.rows[200]!.height).toEqual({ val: twip(7), rule: 'atLeast' });
  });

  it('page numbers: 第 PAGE 页 共 NUMPAGES 页', async () => {
    const { parts } = await render(doc);
    const footer = [...parts.entries()].find(([k]) => /^word\/footer\d*\.xml$/.test(k))![1];
    const seq = [...footer.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>|<w:instrText xml:space="preserve">([^<]*)<\/w:instrText>/g)].map((m) => m[1] ?? `{${m[2]}}`);
    expect(seq.join('')).toBe('第 {PAGE} 页 共 {NUMPAGES} 页');
  });
});

describe('cover', () => {
  const doc = resolve('t-cover', coverLayout, { name: '测试公司', date: '2024-05-06' });

  it('underline cells: a bottom rule only; label cells no rule at all', async () => {
    const { document } = await render(doc);
    const [lines] = tables(document);
    const [label, value] = lines!.rows[0]!.cells;
    for (const side of ['top', 'left', 'bottom', 'right']) expect(label!.borders[side]!.val).toBe('none');
    expect(value!.borders).toEqual({ top: { val: 'none', sz: '0' }, left: { val: 'none', sz: '0' }, bottom: { val: 'single', sz: '6' }, right: { val: 'none', sz: '0' } });
    expect(lines!.rows[1]!.cells[1]!.text).toBe('2024年5月6日');
  });

  it('spacers are exact blank paragraphs; a page break is the next paragraph’s pageBreakBefore', async () => {
    const { document } = await render(doc);
    const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!;
    const top = elements(body.split('<w:tbl>')[0]!, 'w:p');
    expect(attrs(top[0]!, 'w:spacing')).toMatchObject({ 'w:line': String(twip(30)), 'w:lineRule': 'exact' });
    expect(attrs(top[2]!, 'w:spacing')).toMatchObject({ 'w:line': String(twip(60)), 'w:lineRule': 'exact' });
    const after = elements(body.split('</w:tbl>')[1]!, 'w:p');
    expect(after[0]).toContain('<w:pageBreakBefore/>');
    expect(after[0]).toContain('填表说明');
    expect(document).not.toContain('<w:br w:type="page"/>');
  });
});

describe('outline', () => {
  it('grey guidance where nothing was written, body text and a content table with a repeated header where it was', async () => {
    const { document } = await render(resolve('t-outline', outlineLayout, outlineData));
    const ps = elements(/<w:body>([\s\S]*)<\/w:body>/.exec(document)![1]!.split('<w:tbl>')[0]!, 'w:p');
    const guidance = ps.find((p) => p.includes('简述企业基本情况'))!;
    expect(attrs(guidance, 'w:pStyle')).toEqual({ 'w:val': 's-guidance' });
    expect(ps.some((p) => p.includes('列出认定的职业'))).toBe(false);
    const [t] = tables(document);
    expect(t!.rows[0]!.header).toBe(true);
    expect(t!.rows.map((r) => r.cells.map((c) => c.text).join('|'))).toEqual(['职业|工种|等级', '车工|数控车工|五级至三级', '电工|维修电工|五级至二级']);
  });
});
