/**
 * What is specific to the four covers (§2.1–§2.4) and the Henan tables §3.4, §3.5, §3.7, read back
 * from the rendered PDFs: verbatim titles (two lines where the seed breaks them, 申 请 表
 * letter-spaced), the label lines with their seal suffixes, ☑/□ on the chosen option only, the
 * issuing-authority lines at the foot of a one-page cover, 填表说明/填写说明 on page 2, column heads
 * in seed order (the two-level 考评员证书情况 header), the seed's blank rows, seal spaces only where
 * the seed prints 盖章, §3.5's inferred blocks only when the data has them, and long lists
 * continuing with their column heads on every page. The generic flow conformance suite checks page
 * size, fonts and cell geometry; this file does not repeat it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

const PT = 25.4 / 72;
const A4_HEIGHT_MM = 297;

interface Doc { pages: number; items: TextItem[] }

const DOCS = {
  c21: ['henan-enterprise-filing-application-cover', 'full'],
  c22: ['shandong-enterprise-filing-application-cover', 'full'],
  c23full: ['henan-vocational-school-filing-application-cover', 'full'],
  c23min: ['henan-vocational-school-filing-application-cover', 'minimal'],
  c24: ['national-new-occupation-proposal-cover', 'full'],
  t34min: ['henan-vocational-school-filing-application', 'minimal'],
  t34full: ['henan-vocational-school-filing-application', 'full'],
  t35min: ['henan-special-ability-institution-application', 'minimal'],
  t35full: ['henan-special-ability-institution-application', 'full'],
  t37min: ['henan-special-ability-project-declaration', 'minimal'],
  t37stress: ['henan-special-ability-project-declaration', 'stress'],
} as const;
type Key = keyof typeof DOCS;

let engine: Engine;
const docs = {} as Record<Key, Doc>;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  for (const [key, [id, example]] of Object.entries(DOCS) as [Key, readonly [string, string]][]) {
    const input = JSON.parse(readFileSync(new URL(`../../schemas/forms/${id}/examples/${example}.json`, import.meta.url), 'utf8'));
    const r = await renderDocument(engine, { formId: id, input, format: 'pdf' });
    const read = await pdfTextItems(r.bytes);
    docs[key] = { pages: read.pages.length, items: read.items };
  }
});
afterAll(async () => engine?.close());

/** The page's text in reading order without spaces (runs split where Latin letters change font). */
function pageText(d: Doc, page: number): string {
  return lines(d, page).map((l) => l.text).join('\n');
}

/** Items grouped into lines by baseline (0.5 mm), left to right. */
function lines(d: Doc, page: number): { y: number; text: string; items: TextItem[] }[] {
  const out: { y: number; text: string; items: TextItem[] }[] = [];
  const items = d.items.filter((i) => i.page === page).sort((a, b) => a.yMm - b.yMm || a.xMm - b.xMm);
  for (const it of items) {
    const line = out.find((l) => Math.abs(l.y - it.yMm) < 0.5);
    if (line) line.items.push(it);
    else out.push({ y: it.yMm, text: '', items: [it] });
  }
  for (const l of out) {
    l.items.sort((a, b) => a.xMm - b.xMm);
    l.text = l.items.map((i) => i.str).join('').replace(/\s+/g, '');
  }
  return out;
}

/** The line (on a page) whose text contains `s`; fails the test when there is none. */
function lineWith(d: Doc, page: number, s: string) {
  const l = lines(d, page).find((x) => x.text.includes(s.replace(/\s+/g, '')));
  expect(l, `page ${page} has a line with ${s}`).toBeDefined();
  return l!;
}

/** The first item whose text is exactly `s` (on one page, optionally below a y). */
function item(d: Doc, page: number, s: string, belowMm = 0): TextItem {
  const it = d.items.find((i) => i.page === page && i.str.trim() === s && i.yMm > belowMm);
  expect(it, `page ${page} has the text ${s}`).toBeDefined();
  return it!;
}

/**
 * A header cell's whole text where it wraps (e.g. 是否本 / 单位职 / 工 in a 17 mm column): the first
 * item starting with `prefix`, then the items under it (centred lines) down to 12 mm below.
 */
function headText(d: Doc, page: number, prefix: string, belowMm = 0): { text: string; first: TextItem } {
  const first = d.items.find((i) => i.page === page && i.str.trim().startsWith(prefix) && i.yMm > belowMm);
  expect(first, `page ${page} has a header starting ${prefix}`).toBeDefined();
  const f = first!;
  const under = d.items
    .filter((i) => i.page === page && i.yMm > f.yMm + 0.5 && i.yMm < f.yMm + 12)
    .filter((i) => i.xMm + i.widthMm / 2 > f.xMm - 1 && i.xMm + i.widthMm / 2 < f.xMm + f.widthMm + 1)
    .sort((a, b) => a.yMm - b.yMm);
  return { text: [f, ...under].map((i) => i.str.trim()).join(''), first: f };
}

const allText = (d: Doc) => Array.from({ length: d.pages }, (_, p) => pageText(d, p + 1)).join('\n');

describe('covers (§2.1–§2.4)', () => {
  it('§2.1: one page; 附件 2, the two-line title, the label lines, (盖章) after the name, the authority line below the date', () => {
    const d = docs.c21;
    expect(d.pages).toBe(1);
    const t1 = lineWith(d, 1, '河南省企业职业技能等级认定机构');
    const t2 = lineWith(d, 1, '备案申请表');
    expect(t1.text).toBe('河南省企业职业技能等级认定机构');
    expect(t2.text).toBe('备案申请表');
    expect(t2.y).toBeGreaterThan(t1.y);
    expect(t1.items[0]!.sizePt).toBeCloseTo(26, 1);
    expect(lineWith(d, 1, '附件').y).toBeLessThan(t1.y);
    const name = lineWith(d, 1, '河南中原精工机械有限公司');
    expect(name.text.endsWith('(盖章)')).toBe(true);
    expect(lineWith(d, 1, '河南省郑州市中原区建设西路187号').y).toBeGreaterThan(name.y);
    expect(lineWith(d, 1, '马国强').text).toContain('0371-67880001、13903710001');
    expect(lineWith(d, 1, '王红').text).toContain('0371-67881234');
    const date = lineWith(d, 1, '2021年9月10日');
    const foot = lineWith(d, 1, '河南省人力资源和社会保障厅制');
    expect(foot.text).toBe('河南省人力资源和社会保障厅制');
    expect(foot.y).toBeGreaterThan(date.y + 10);
  });

  it('§2.2: 附件1, title 企业技能人才自主评价备案 / 申 请 表 letter-spaced, （盖章）, no authority line', () => {
    const d = docs.c22;
    expect(d.pages).toBe(1);
    const t1 = lineWith(d, 1, '企业技能人才自主评价备案');
    const t2 = lineWith(d, 1, '申请表');
    expect(t2.text).toBe('申请表');
    expect(t2.y).toBeGreaterThan(t1.y);
    // three 26 pt characters with one character's space after each: wider than 5 characters
    const extent = Math.max(...t2.items.map((i) => i.xMm + i.widthMm)) - Math.min(...t2.items.map((i) => i.xMm));
    expect(extent).toBeGreaterThan(5 * 26 * PT);
    expect(lineWith(d, 1, '泰安泰山重型机械股份有限公司').text).toMatch(/（盖章）$/);
    expect(lineWith(d, 1, '孙丽').text).toBe('填报人孙丽');
    expect(lineWith(d, 1, '0538-8226688').text).toContain('13953812345');
    expect(pageText(d, 1)).toContain('填报时间2020年3月20日');
    expect(pageText(d, 1)).not.toMatch(/制$/m);
  });

  it('§2.3: 申请类别 prints ☑ on the chosen category and □ on the other, for either choice', () => {
    const full = pageText(docs.c23full, 1);
    expect(full).toContain('□机构设置备案申请');
    expect(full).toContain('☑评价职业（工种）增量备案申请');
    expect(full).not.toContain('☑机构设置备案申请');
    const min = pageText(docs.c23min, 1);
    expect(min).toContain('☑机构设置备案申请');
    expect(min).toContain('□评价职业（工种）增量备案申请');
  });

  it('§2.3: cover on page 1 with the three foot lines in order; 填表说明 1–5 verbatim on page 2', () => {
    const d = docs.c23full;
    expect(d.pages).toBe(2);
    expect(lineWith(d, 1, '河南工业职业技术学院职业技能等级认定中心').text).toBe('备案机构河南工业职业技术学院职业技能等级认定中心');
    const hr = lineWith(d, 1, '河南省人力资源和社会保障厅');
    const edu = lineWith(d, 1, '河南省教育厅');
    const zhi = lines(d, 1).find((l) => l.text === '制');
    expect(zhi).toBeDefined();
    expect(hr.y).toBeGreaterThan(lineWith(d, 1, '2022年2月15日').y);
    expect(edu.y).toBeGreaterThan(hr.y);
    expect(zhi!.y).toBeGreaterThan(edu.y);
    const notes = pageText(d, 2);
    expect(lines(d, 2)[0]!.text).toBe('填表说明');
    for (const s of [
      '1.注册登记机构。填写学校注册登记单位法人时的机构。',
      '2.学校性质。填写“公办”或“民办”。',
      '填写现有院校类职业技能等级认定机构代码。',
      '是否有视频监控设备并长期保存相关信息。',
      '佐证材料按照表格内容呈现顺序排列，单独装订。',
    ])
      expect(notes.replace(/\n/g, '')).toContain(s);
  });

  it('§2.4: 建议人（盖章或签字） and 填写时间 on page 1; 填写说明 一–五 with the 2019 contacts on page 2', () => {
    const d = docs.c24;
    expect(d.pages).toBe(2);
    const title = lineWith(d, 1, '新职业信息建议书');
    expect(title.text).toBe('新职业信息建议书');
    expect(lineWith(d, 1, '中国物流与采购联合会').text).toBe('建议人（盖章或签字）：中国物流与采购联合会');
    expect(lineWith(d, 1, '2019年9月12日').text).toBe('填写时间：2019年9月12日');
    const notes = pageText(d, 2).replace(/\n/g, '');
    expect(lines(d, 2)[0]!.text).toBe('填写说明');
    for (const s of ['一、本表及所附资料均使用计算机录入。', '三、表格如填写不下，可自行增页或另附页。', '通信地址：北京市朝阳区育慧路3号', '邮政编码：100101',
      '联系人：朱纪銮、宋晶梅', '010-84661089、84661083、84661080（传真）', 'biaozhunchu@cettic.gov.cn', '五、新职业信息申报工作进展情况'])
      expect(notes).toContain(s);
    expect(notes.indexOf('四、')).toBeLessThan(notes.indexOf('通信地址'));
  });

  it('covers carry no page numbers', () => {
    for (const k of ['c21', 'c22', 'c23full', 'c24'] as const)
      expect(docs[k].items.filter((i) => i.yMm > A4_HEIGHT_MM - 35 && /^—/.test(i.str.trim()))).toEqual([]);
  });
});

/** x of each header (first item with exactly that text on the page) must increase in the given order. */
function expectXOrder(d: Doc, page: number, heads: string[], belowMm = 0) {
  const xs = heads.map((h) => item(d, page, h, belowMm).xMm);
  for (let k = 1; k < xs.length; k++) expect(xs[k]!, `${heads[k]} right of ${heads[k - 1]}`).toBeGreaterThan(xs[k - 1]!);
}

/** Page on which the text first occurs. */
function pageOf(d: Doc, s: string): number {
  for (let p = 1; p <= d.pages; p++) if (pageText(d, p).replace(/\n/g, '').includes(s)) return p;
  throw new Error(`${s} not found`);
}

/** 序号 cells: the digits printed in the first table column (left edge 20 mm + the 11–12 mm column). */
const serials = (d: Doc, n: string) => d.items.filter((i) => i.str.trim() === n && i.xMm < 32 && i.yMm < A4_HEIGHT_MM - 20).length;

describe('§3.4 henan-vocational-school-filing-application', () => {
  it('prints the title and the seed\'s blank rows: 3 per list, 2 occupation blocks of 2 equipment rows', () => {
    const d = docs.t34min;
    expect(lineWith(d, 1, '河南省院校类职业技能等级认定机构备案申请表').items[0]!.sizePt).toBeCloseTo(18, 1);
    // scope, regulations and the four staff lists print 1..3; the two equipment blocks 1..2 each
    expect(serials(d, '3')).toBe(6);
    expect(serials(d, '2')).toBe(8);
    const text = allText(d).replace(/\n/g, '');
    expect(text).toContain('认定职业1：设备所在地：');
    expect(text).toContain('认定职业2：设备所在地：');
  });

  it('uses this form\'s labels in seed order, with the two-level 考评员证书情况 header', () => {
    const d = docs.t34full;
    const p = pageOf(d, '考评人员队伍');
    const top = lineWith(d, p, '考评人员队伍').y;
    expectXOrder(d, p, ['序号', '姓名', '身份证号', '考评员证书情况'], top);
    const own = headText(d, p, '是否本', top);
    expect(own.text).toBe('是否本单位职工');
    expect(own.first.xMm).toBeGreaterThan(item(d, p, '证书编号', top).xMm);
    const group = item(d, p, '考评员证书情况', top);
    const occ = item(d, p, '考评职业', top);
    const cert = item(d, p, '证书编号', top);
    expect(occ.yMm).toBeGreaterThan(group.yMm + 3);
    expect(cert.yMm).toBeCloseTo(occ.yMm, 1);
    expect(cert.xMm).toBeGreaterThan(occ.xMm);
    expect(occ.xMm).toBeGreaterThan(group.xMm - 25);
    expect(cert.xMm).toBeLessThan(group.xMm + group.widthMm + 25);
    // 考评人员 has no 学历; 专家 and 内督 use 专业 and 是否本单位职工 / 主要职责
    const rowOfAssessorHeads = lines(d, p).filter((l) => l.y > top && l.y < occ.yMm + 1).map((l) => l.text).join('');
    expect(rowOfAssessorHeads).not.toContain('学历');
    const text = allText(d).replace(/\n/g, '');
    expect(text).not.toContain('身份证件号');
    expect(text).not.toContain('专业方向');
    const pe = pageOf(d, '专家队伍');
    expect(headText(d, pe, '是否本', lineWith(d, pe, '专家队伍').y).text).toBe('是否本单位职工');
    expect(text).toContain('权属');
    expect(text).toContain('KP4100201800123');
  });

  it('lists the venues of each 场地情况 row in its one value cell, next to one label', () => {
    const d = docs.t34full;
    const p = pageOf(d, '汽车实训中心');
    expect(d.items.filter((i) => i.str.trim().startsWith('操作技能'))).toHaveLength(1);
    const a = lineWith(d, p, '汽车实训中心');
    const b = lineWith(d, p, '机加工实训车间');
    expect(b.y).toBeGreaterThan(a.y);
    expect(b.items[0]!.xMm).toBeCloseTo(a.items[0]!.xMm, 0);
    expect(a.text).toContain('汽车维修工：汽车实训中心　地点：实训楼B区1楼；面积：1800平方米；数量：2'.replace(/\s+/g, ''));
  });

  it('prints the chosen 备案申请类别 as ☑ and the other as □', () => {
    const text = allText(docs.t34full);
    expect(text).toContain('□机构设置备案申请');
    expect(text).toContain('☑评价职业（工种）增量备案申请');
    expect(allText(docs.t34min)).toContain('☑机构设置备案申请');
  });

  it('keeps a 42 mm seal space above (盖章) 年 月 日 for 教育部门 and 人社部门, none for 专家组', () => {
    const d = docs.t34full;
    const gap = (text: string, date: string) => {
      const p = pageOf(d, text);
      return lineWith(d, p, date).y - lineWith(d, p, text).y;
    };
    expect(gap('同意推荐备案。', '2022年3月15日')).toBeGreaterThan(42);
    expect(gap('同意备案。', '2022年3月25日')).toBeGreaterThan(42);
    expect(gap('经评估，该校场地设施', '2022年3月10日')).toBeLessThan(20);
    const p = pageOf(d, '2022年3月25日');
    expect(lineWith(d, p, '2022年3月25日').text).toBe('(盖章)2022年3月25日');
    expect(lineWith(d, p, '2022年3月10日').text).toBe('2022年3月10日');
    expect(allText(d).replace(/\n/g, '')).toContain('学校法定代表人对本表以上所填写内容及所提供材料真实有效性的承诺：');
  });

  it('numbers its pages', () => {
    const d = docs.t34full;
    for (let p = 1; p <= d.pages; p++) {
      const foot = lines(d, p).filter((l) => l.y > A4_HEIGHT_MM - 20).map((l) => l.text);
      expect(foot).toContain(`—${p}—`);
    }
  });
});

describe('§3.5 henan-special-ability-institution-application', () => {
  it('prints the transcribed form with 3 blank rows per list, and the inferred end only when the data has it', () => {
    const min = allText(docs.t35min).replace(/\n/g, '');
    for (const s of ['河南省专项职业能力考核机构申请表', '申请开展专项职业能力考核项目', '文件、规章制度清单(具体材料另附)', '设施设备情况（按考核项目填报）', '工作人员情况', '专家队伍'])
      expect(min).toContain(s);
    for (const s of ['考评人员队伍', '内部质量监督人员队伍', '申请单位承诺', '鉴定中心意见']) expect(min).not.toContain(s);
    // projects (1 given + blanks), regulations, equipment, workers, experts: 1..3 each
    expect(serials(docs.t35min, '3')).toBe(5);
    const full = allText(docs.t35full).replace(/\n/g, '');
    for (const s of ['考评人员队伍', '内部质量监督人员队伍', '申请单位承诺', '鉴定中心意见', '考评项目']) expect(full).toContain(s);
  });

  it('has no 制定部门 column and uses this seed\'s labels', () => {
    const d = docs.t35full;
    const text = allText(d).replace(/\n/g, '');
    expect(text).not.toContain('制定部门');
    expectXOrder(d, 1, ['序号', '名称', '制定时间', '备注'], lineWith(d, 1, '文件、规章制度清单').y);
    expect(text).toContain('身份证件号');
    const p = pageOf(d, '专家队伍');
    expect(headText(d, p, '是否本', lineWith(d, p, '专家队伍').y).text).toBe('是否本单位人员');
  });

  it('prints 考核规范(是否为国家已公布) as the 规范 name with ☑/□ 是 否', () => {
    const text = allText(docs.t35full);
    expect(text).toContain('☑是□否');
    expect(text).toContain('□是☑否');
    expect(allText(docs.t35min)).toContain('☑是□否');
  });
});

describe('§3.7 henan-special-ability-project-declaration', () => {
  it('prints the header line and 10 blank-fillable rows under the five column heads', () => {
    const d = docs.t37min;
    expect(d.pages).toBe(1);
    expect(lineWith(d, 1, '鉴定中心（盖章）').text).toBe('鉴定中心（盖章）：洛阳市职业技能鉴定指导中心');
    expect(lineWith(d, 1, '联系人及电话').text).toBe('联系人及电话：年月日');
    expectXOrder(d, 1, ['序号', '项目名称', '考核规范主要编写人', '联系电话', '备注']);
    for (let n = 1; n <= 10; n++) expect(serials(d, String(n)), `row ${n}`).toBe(1);
    expect(serials(d, '11')).toBe(0);
  });

  it('continues 200 rows over pages with the column heads repeated on every page', () => {
    const d = docs.t37stress;
    expect(d.pages).toBeGreaterThan(1);
    for (let p = 1; p <= d.pages; p++) expect(lines(d, p).some((l) => l.text === '序号项目名称考核规范主要编写人联系电话备注'), `page ${p}`).toBe(true);
    for (const n of ['1', '100', '200']) expect(serials(d, n)).toBe(1);
  });
});
