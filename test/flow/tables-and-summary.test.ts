/**
 * What is specific to the Shandong and Liaoning filing tables (§3.2, §3.3), the new-occupation
 * proposal (§3.6), the two scope lists (§3.8, §3.9) and the Liaoning monthly summary (§5.1), read
 * back from the rendered PDFs: verbatim titles, notes and footnotes, ☑ on the chosen option and □ on
 * the others, column heads in seed order, the seed's numbered rows and its ... rows, the 联系人 row
 * over 电话/手机, the 42 mm seal space above the date, headings repeated where lists and blocks
 * continue, and the 合  计 row equal to the column sums of the rows printed above it. The generic
 * flow conformance suite checks page size, fonts and cell geometry; this file does not repeat it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

interface Doc { pages: number; items: TextItem[] }
interface Line { page: number; y: number; text: string; items: TextItem[] }

const DOCS = {
  sd32full: ['shandong-enterprise-filing-application', 'full'],
  sd32min: ['shandong-enterprise-filing-application', 'minimal'],
  sd32stress: ['shandong-enterprise-filing-application', 'stress'],
  ln33min: ['liaoning-enterprise-filing-application', 'minimal'],
  ln33stress: ['liaoning-enterprise-filing-application', 'stress'],
  nat36full: ['national-new-occupation-proposal', 'full'],
  nat36min: ['national-new-occupation-proposal', 'minimal'],
  nat36stress: ['national-new-occupation-proposal', 'stress'],
  sd38full: ['shandong-occupation-standard-catalogue', 'full'],
  sd38stress: ['shandong-occupation-standard-catalogue', 'stress'],
  hn39min: ['henan-institution-scope-list', 'minimal'],
  ln51full: ['liaoning-monthly-result-summary', 'full'],
  ln51stress: ['liaoning-monthly-result-summary', 'stress'],
} as const;
type Key = keyof typeof DOCS;

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const example = (id: string, name: string) => json(`schemas/forms/${id}/examples/${name}.json`);

let engine: Engine;
const docs = {} as Record<Key, Doc>;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  for (const [key, [id, name]] of Object.entries(DOCS) as [Key, readonly [string, string]][]) {
    const r = await renderDocument(engine, { formId: id, input: example(id, name), format: 'pdf' });
    const read = await pdfTextItems(r.bytes);
    docs[key] = { pages: read.pages.length, items: read.items };
  }
});
afterAll(async () => engine?.close());

/** Items grouped into lines by baseline (0.5 mm), left to right, spaces removed from the joined text. */
function lines(d: Doc, page?: number): Line[] {
  const out: Line[] = [];
  const items = d.items.filter((i) => page === undefined || i.page === page).sort((a, b) => a.page - b.page || a.yMm - b.yMm || a.xMm - b.xMm);
  for (const it of items) {
    const line = out.find((l) => l.page === it.page && Math.abs(l.y - it.yMm) < 0.5);
    if (line) line.items.push(it);
    else out.push({ page: it.page, y: it.yMm, text: '', items: [it] });
  }
  for (const l of out) {
    l.items.sort((a, b) => a.xMm - b.xMm);
    l.text = l.items.map((i) => i.str).join('').replace(/\s+/g, '');
  }
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The first line (in page and reading order) containing `s`; fails the test when there is none. */
function lineWith(d: Doc, s: string, page?: number): Line {
  const l = lines(d, page).find((x) => x.text.includes(squeeze(s)));
  expect(l, `a line with ${s}`).toBeDefined();
  return l!;
}

const allText = (d: Doc) => lines(d).map((l) => l.text).join('\n');
const before = (a: Line, b: Line) => a.page < b.page || (a.page === b.page && a.y < b.y);

/** Left edges (mm) of a layout table's columns: the kind's left margin plus the layout's widths. */
function columnEdges(id: string, kind: string, table: string): number[] {
  const left = json(`templates/kinds/${kind}.defaults.json`).page.marginsMm.left as number;
  const t = (json(`schemas/forms/${id}/layout.json`).blocks as { id?: string; columnsMm?: number[] }[]).find((b) => b.id === table)!;
  const edges = [left];
  for (const w of t.columnsMm!) edges.push(edges[edges.length - 1]! + w);
  return edges;
}

/** The grid column (0-based) an item's centre falls in. */
const columnOf = (edges: number[], it: TextItem) => edges.findIndex((e, i) => i < edges.length - 1 && it.xMm + it.widthMm / 2 >= e && it.xMm + it.widthMm / 2 < edges[i + 1]!);

/**
 * Header labels in left-to-right order on one line: each must start right of the previous one. A
 * label with a slash is found by its part before the slash (Latin characters are separate runs).
 */
function expectInXOrder(l: Line, labels: readonly string[]) {
  const xs = labels.map((s) => {
    const it = l.items.find((i) => i.str.trim() === s.split('/')[0]);
    expect(it, `${s} on the line ${l.text}`).toBeDefined();
    return it!.xMm;
  });
  for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
}

describe('§3.2 shandong-enterprise-filing-application', () => {
  it('title, 企业性质 with ☑ on the chosen option only, （加盖单位公章） in the name cell', () => {
    const d = docs.sd32full;
    expect(lines(d, 1)[0]!.text).toBe('企业技能人才自主评价备案申请表');
    expect(lineWith(d, '企业性质').text).toBe('企业性质□国有□外企□民营☑混合制□其他');
    const name = lineWith(d, '泰安泰山重型机械股份有限公司');
    const seal = lineWith(d, '（加盖单位公章）');
    expect(seal.y).toBeGreaterThan(name.y);
    expect(seal.y - name.y).toBeLessThan(12);
  });

  it('联系人 row over two rows: 联系人, name and 职务 merged beside 电话 and 手机 (same x, one row apart)', () => {
    for (const d of [docs.sd32full, docs.sd32min]) {
      const tel = lines(d).find((l) => l.text.startsWith('电话') && l.y > lineWith(d, '企业电子邮箱').y)!;
      const mobile = lineWith(d, '手机');
      expect(mobile.text).toBe('手机13953812345');
      expect(mobile.items[0]!.xMm).toBeCloseTo(tel.items[0]!.xMm, 1);
      expect(mobile.y - tel.y).toBeGreaterThan(5);
      // the merged cells are centred over both rows: their line lies between the two
      const contact = lineWith(d, '联系人孙丽');
      expect(contact.text).toBe('联系人孙丽职务人力资源部主管');
      expect(contact.y).toBeGreaterThan(tel.y);
      expect(contact.y).toBeLessThan(mobile.y);
    }
    expect(lines(docs.sd32full).find((l) => l.text.startsWith('电话0538-8226688'))).toBeDefined();
    // the minimal example has no landline: the 电话 cell is blank, 手机 still printed
    expect(lines(docs.sd32min).some((l) => l.text === '电话')).toBe(true);
  });

  it('commitment verbatim, with at least 42 mm of seal space between 单位（公章） and the date', () => {
    for (const [d, date] of [[docs.sd32full, '2020年3月20日'], [docs.sd32min, '年月日']] as const) {
      expect(lineWith(d, '单位法人代表对所填写内容及所提供材料的真实性和有效性负责。').text).toBe('单位法人代表对所填写内容及所提供材料的真实性和有效性负责。');
      const seal = lineWith(d, '单位（公章）');
      const when = lines(d, seal.page).find((l) => l.text === date && l.y > seal.y);
      expect(when, `date line ${date} below 单位（公章）`).toBeDefined();
      expect(when!.y - seal.y).toBeGreaterThanOrEqual(42);
    }
    expect(lineWith(docs.sd32full, '法人代表签字：').text).toBe('法人代表签字：刘志远');
  });

  it('blocks 二–四 keep their heading: a block that continues repeats it on the next page', () => {
    const d = docs.sd32stress;
    const headings = ['三、场地设备情况', '四、专职人员和考评人员情况'];
    for (const h of headings) {
      const pages = new Set(lines(d).filter((l) => l.text === h).map((l) => l.page));
      expect(pages.size, `${h} on more than one page`).toBeGreaterThan(1);
    }
    const last = lineWith(d, '单位（公章）');
    expect(last.page).toBe(d.pages);
  });
});

describe('§3.3 liaoning-enterprise-filing-application', () => {
  const id = 'liaoning-enterprise-filing-application';

  it('column heads in seed order (名称 before 编码), rows 1–8 numbered, then the ... row', () => {
    const d = docs.ln33min;
    expect(d.pages).toBe(1);
    expectInXOrder(lineWith(d, '序号职业名称'), ['序号', '职业名称', '工种名称', '职业编码', '备注']);
    const edges = columnEdges(id, 'table-form', 'scope');
    const numbers = lines(d).flatMap((l) => l.items.filter((i) => columnOf(edges, i) === 0 && /^\d+$/.test(i.str.trim())).map((i) => Number(i.str)));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const dots = lineWith(d, '......');
    const eighth = lines(d).find((l) => l.items.some((i) => columnOf(edges, i) === 0 && i.str.trim() === '8'))!;
    expect(dots.y).toBeGreaterThan(eighth.y);
    expect(dots.y).toBeLessThan(lineWith(d, '三、具备的组织优势、专业优势、评价经验等情况').y);
  });

  it('the footnote verbatim and no signature, seal or date block', () => {
    const d = docs.ln33min;
    expect(lines(d, 1)[0]!.text).toBe('企业职业技能等级认定申请表');
    expect(lineWith(d, '注：').text).toBe('注：此表各市可根据实际进行调整。');
    expect(allText(d)).not.toMatch(/签字|公章|盖章|年月日/);
  });

  it('200 rows: both header rows on every page, no ... row, row 200 last', () => {
    const d = docs.ln33stress;
    expect(d.pages).toBeGreaterThan(2);
    for (let p = 1; p <= d.pages; p++) {
      expect(lines(d, p).some((l) => l.text === '二、申请开展等级认定的职业（工种）'), `section head on page ${p}`).toBe(true);
      expect(lines(d, p).some((l) => l.text === '序号职业名称工种名称职业编码备注'), `column heads on page ${p}`).toBe(true);
    }
    expect(allText(d)).not.toContain('...');
    const edges = columnEdges(id, 'table-form', 'scope');
    const numbers = lines(d).flatMap((l) => l.items.filter((i) => columnOf(edges, i) === 0 && /^\d+$/.test(i.str.trim())).map((i) => Number(i.str)));
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});

describe('§3.6 national-new-occupation-proposal', () => {
  const FOOTNOTES = [
    '¹请在选项前的括号内画“√”。全新职业是指在《中华人民共和国职业分类大典（2015年版）》（以下简称《大典》）中未收录的职业；更新职业是指《大典》中虽已收录但职业活动的内涵已发生明显变化的职业。',
    '²由最能说明该职业类别特性的组合名词构成，如：***工，**员，****师等。',
    '³用简练的语句表述职业的本质属性。',
    '⁴列出《大典》中与所填新职业相关或相近的职业名称及编码，并说明其区别。',
    '⁵参照《中华人民共和国国民经济行业分类》（GB/T4754—2017）中的行业名称填写。',
    '⁶相关用人单位人力资源部门提供的从业情况说明另附。',
    '⁷列出对新职业有特殊约束的相关法律法规名称及具体条款内容。',
  ];

  it('☑ on 全新职业 only; sections 一 to 十 in order; superscript markers on the marked labels', () => {
    const d = docs.nat36full;
    expect(lineWith(d, '全新职业').text).toBe('☑全新职业□更新职业');
    const heads = ['一、新职业类别¹', '二、新职业描述信息', '三、从业要求', '四、从业人员情况', '五、职业分析', '六、职业教育与培训情况', '七、有关法律法规情况⁷', '八、国外相关情况', '九、建议人情况', '十、其他需要说明的情况'];
    const found = heads.map((h) => lineWith(d, h));
    for (const [i, l] of found.entries()) expect(l.text, heads[i]).toBe(heads[i]);
    for (let i = 1; i < found.length; i++) expect(before(found[i - 1]!, found[i]!), `${heads[i - 1]} before ${heads[i]}`).toBe(true);
    for (const label of ['新职业名称²', '新职业定义³', '所属行业⁵']) expect(lineWith(d, label).text.startsWith(label)).toBe(true);
    // labels that wrap in their 36 mm column: read across lines
    const flowing = lines(d).map((l) => l.text).join('');
    expect(flowing).toContain('与相关职业的关系⁴');
    const labelColumn = columnEdges('national-new-occupation-proposal', 'table-form', 'major-employers');
    const labels = lines(d).flatMap((l) => l.items.filter((i) => columnOf(labelColumn, i) === 0).map((i) => i.str)).join('');
    expect(labels).toContain('吸纳从业人员较多的用人单位⁶');
  });

  it('the seven footnotes verbatim under the table, each after its marker', () => {
    const d = docs.nat36full;
    const text = lines(d).map((l) => l.text).join('');
    const tableEnd = lineWith(d, '十、其他需要说明的情况');
    let at = text.indexOf(squeeze(tableEnd.text));
    for (const note of FOOTNOTES) {
      const i = text.indexOf(squeeze(note), at);
      expect(i, `footnote ${note.slice(0, 12)}… after the previous one`).toBeGreaterThan(at);
      at = i;
    }
  });

  it('sub-tables: 主要工作任务 heads in seed order, 7 numbered rows and the ... row; the four 职业分析 headings', () => {
    const d = docs.nat36min;
    expectInXOrder(lineWith(d, '主要工作任务'), ['主要工作任务', '序号', '内容', '特有工具/设备', '专门技术']);
    const edges = columnEdges('national-new-occupation-proposal', 'table-form', 'tasks');
    const head = lineWith(d, '主要工作任务');
    const upTo = lineWith(d, '三、从业要求');
    const rows = lines(d).filter((l) => before(head, l) && before(l, upTo));
    expect(rows.flatMap((l) => l.items.filter((i) => columnOf(edges, i) === 1).map((i) => i.str.trim()))).toEqual(['1', '2', '3', '4', '5', '6', '7', '...']);
    for (const h of ['新职业产生背景（400字以内）', '新职业在经济社会发展中的作用（300字以内）', '与新职业直接相关的技术和从业方式的发展变化情况（400字以内）', '新职业的发展前景（200字以内）'])
      expect(lineWith(d, h).text).toBe(h);
    // 主要工作内容 prints its numbers 1.–8. for hand filling: the last numbered lines before 对从业人员要求
    const abroad = columnEdges('national-new-occupation-proposal', 'table-form', 'abroad');
    const next = lineWith(d, '对从业人员要求');
    const numbered = lines(d)
      .filter((l) => before(l, next))
      .flatMap((l) => l.items.filter((i) => columnOf(abroad, i) === 1 && /^\d+\.$/.test(i.str.trim())).map((i) => i.str.trim()));
    expect(numbered.slice(-8)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
  });

  it('full lists: 50 tasks continue with their heads, no ... row; 主要工作内容 numbered to 50', () => {
    const d = docs.nat36stress;
    const edges = columnEdges('national-new-occupation-proposal', 'table-form', 'tasks');
    const start = lineWith(d, '主要工作任务');
    const end = lineWith(d, '三、从业要求');
    const body = lines(d).filter((l) => before(start, l) && before(l, end));
    const seq = body.flatMap((l) => l.items.filter((i) => columnOf(edges, i) === 1 && /^[\d.]+$/.test(i.str.trim())).map((i) => i.str.trim()));
    expect(seq).toEqual(Array.from({ length: 50 }, (_, i) => String(i + 1)));
    const headPages = new Set(lines(d).filter((l) => l.text.startsWith('主要工作任务序号内容')).map((l) => l.page));
    expect(headPages.size).toBe(new Set(body.map((l) => l.page)).size);
    expect(lines(d).map((l) => l.text).join('')).toContain(squeeze(`50. ${example('national-new-occupation-proposal', 'stress').abroad.mainTasks[49]}`));
  });
});

describe('§3.8 shandong-occupation-standard-catalogue', () => {
  it('the printed example row between the column heads and the data; 备注 1–4 verbatim', () => {
    const d = docs.sd38full;
    expect(lines(d, 1)[0]!.text).toBe('职业技能等级认定职业（工种）和标准目录清单');
    const heads = lineWith(d, '职业名称职业编码');
    expectInXOrder(heads, ['职业名称', '职业编码', '工种名称', '级别', '标准']);
    const sample = lineWith(d, '车工（示例）');
    expect(sample.text).toBe('车工（示例）6-18-01-01数控车工5、4、3国家标准');
    const first = lines(d).find((l) => l.text === '车工6-18-01-01数控车工5、4、3国家标准');
    expect(first).toBeDefined();
    expect(before(heads, sample) && before(sample, first!)).toBe(true);
    const notes = squeeze(
      '备注：1.职业编码采用《中华人民共和国职业分类大典》（2015年版）中职业对应的编码；' +
        '2.职业下设工种的，原则上需填报工种，工种名称以《中华人民共和国职业分类大典》（2015年版）和最新颁布的国家职业技能标准中所列为准；' +
        '3.级别用阿拉伯数字表示，级别之间用“、”分隔，如“5、4、3”，以最新颁布的国家职业技能标准中设置的级别为准；' +
        '4.标准栏请填写正在使用的标准类型，如国家标准、行业标准、企业标准。',
    );
    expect(lines(d).map((l) => l.text).join('')).toContain(notes);
  });

  it('200 rows: column heads on every page, the example row printed once (first page only)', () => {
    const d = docs.sd38stress;
    expect(d.pages).toBeGreaterThan(2);
    for (let p = 1; p <= d.pages; p++) expect(lines(d, p).some((l) => l.text === '职业名称职业编码工种名称级别标准'), `heads on page ${p}`).toBe(true);
    const samples = lines(d).filter((l) => l.text.startsWith('车工（示例）'));
    expect(samples.map((l) => l.page)).toEqual([1]);
  });
});

describe('§3.9 henan-institution-scope-list', () => {
  it('机构类型 prints the preset 院校 without data; column heads in seed order; note 1 verbatim', () => {
    const d = docs.hn39min;
    expect(example('henan-institution-scope-list', 'minimal').institution.institutionType).toBeUndefined();
    expect(lineWith(d, '机构类型').text).toBe('机构类型院校');
    expectInXOrder(lineWith(d, '职业名称职业编号'), ['职业名称', '职业编号', '工种/职业方向', '级别']);
    expect(lineWith(d, '开展职业技能等级认定范围').text).toBe('开展职业技能等级认定范围');
    expect(lineWith(d, '注：').text).toBe('注：');
    expect(lineWith(d, '职业编码采用').text).toBe(squeeze('1. 职业编码采用《中华人民共和国职业分类大典》（2015 年版）中职业对应的编码。'));
  });
});

describe('§5.1 liaoning-monthly-result-summary', () => {
  const id = 'liaoning-monthly-result-summary';
  const edges = columnEdges(id, 'summary-table', 'results');

  /** Every row of counts read from the PDF (name column ignored): [line, the six numbers by column]. */
  function countRows(d: Doc): { line: Line; counts: (number | undefined)[] }[] {
    return lines(d)
      .map((line) => {
        const counts: (number | undefined)[] = new Array(6).fill(undefined);
        for (const it of line.items) {
          const c = columnOf(edges, it);
          if (c >= 1 && /^\d+$/.test(it.str.trim())) counts[c - 1] = Number(it.str);
        }
        return { line, counts };
      })
      .filter((r) => r.counts[5] !== undefined); // rows with a 小计 (never the title, period or page-number lines)
  }

  function check(d: Doc, rowsExpected: number) {
    const all = countRows(d);
    const totals = all.filter((r) => r.line.text.startsWith('合计'));
    expect(totals).toHaveLength(1);
    const body = all.filter((r) => !r.line.text.startsWith('合计'));
    expect(body).toHaveLength(rowsExpected);
    for (const r of body) {
      expect(r.counts.every((c) => c !== undefined), r.line.text).toBe(true);
      expect(r.counts[5], `小计 of ${r.line.text}`).toBe(r.counts.slice(0, 5).reduce((a, b) => a! + b!, 0));
    }
    const sums = [0, 1, 2, 3, 4, 5].map((c) => body.reduce((a, r) => a + r.counts[c]!, 0));
    expect(totals[0]!.counts).toEqual(sums);
    return sums;
  }

  it('full: 小计 is each row’s sum and 合  计 the column sums, read back from the PDF', () => {
    const d = docs.ln51full;
    expect(d.pages).toBe(1);
    const sums = check(d, example(id, 'full').rows.length);
    expect(sums).toEqual([27, 30, 18, 6, 1, 82]);
  });

  it('title, period line, 填报单位：（章） left and 单位：人 right, column heads in seed order', () => {
    const d = docs.ln51full;
    const [title, period] = lines(d, 1);
    expect(title!.text).toBe('企业职业技能等级认定结果汇总表');
    expect(period!.text).toBe('（2020年9月）');
    const head = lineWith(d, '填报单位：');
    expect(head.text).toBe('填报单位：沈阳华瑞重型机械有限公司（章）单位：人');
    expect(head.items[0]!.xMm).toBeLessThan(edges[0]! + 3);
    const unit = head.items[head.items.length - 1]!;
    expect(unit.str).toBe('单位：人');
    expect(unit.xMm + unit.widthMm).toBeGreaterThan(edges[edges.length - 1]! - 3);
    const tops = lines(d).filter((l) => l.page === 1 && l.y > head.y && l.y < head.y + 16);
    const words = tops.flatMap((l) => l.items.map((i) => ({ s: i.str.trim(), x: i.xMm, c: columnOf(edges, i) })));
    const byCol = (s: string) => words.find((w) => w.s === s)!.c;
    expect(['职业（工种）名称', '初级工', '中级工', '高级工', '技师', '高级技师', '小计'].map(byCol)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(['（五级）', '（四级）', '（三级）', '（二级）', '（一级）'].map(byCol)).toEqual([1, 2, 3, 4, 5]);
    expect(lineWith(d, '合计').items[0]!.str.trim()).toBe('合');
  });

  it('200 rows over several pages: column heads on every page, 合  计 on the last equals the sums of every page', () => {
    const d = docs.ln51stress;
    expect(d.pages).toBeGreaterThan(3);
    for (let p = 1; p <= d.pages; p++) expect(lines(d, p).some((l) => l.text.startsWith('职业（工种）名称')), `heads on page ${p}`).toBe(true);
    expect(lineWith(d, '合计').page).toBe(d.pages);
    check(d, 200);
  });
});
