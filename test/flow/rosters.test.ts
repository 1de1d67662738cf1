/**
 * What is specific to the rosters and registers (catalogue §4.1–§4.5), read back from the rendered
 * PDFs: the 名册's 21 column heads (the importer's ROSTER_COLUMNS, in order, each broken into the
 * seed's lines) on every page of a 200-row roster, 序号 1…200 once each and in order, the seed's 8
 * rows, 第 N 页 共 M 页 with the right M, A4 landscape; the Liaoning registers' enterprise cells
 * printed once per group and spanning their occupation rows, the city header line and the verbatim
 * footnote; the Henan summary's 填报人 line and its verbatim heads; the Taian list's role lines,
 * names spread to three characters and its 版记. The generic flow conformance suite checks fonts,
 * sizes and cell geometry; this file does not repeat it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/pipeline/engine.js';
import { renderDocument } from '../../src/pipeline/render-document.js';
import { ROSTER_COLUMNS } from '../../src/issuance/roster/columns.js';
import { pdfTextItems, type TextItem } from '../helpers/pdf-read.js';

interface Doc { pages: { widthPt: number; heightPt: number }[]; items: TextItem[] }

const DOCS = {
  sdMin: ['shandong-certified-personnel-roster', 'minimal'],
  sdStress: ['shandong-certified-personnel-roster', 'stress'],
  lnRegMin: ['liaoning-city-filing-register', 'minimal'],
  lnRegFull: ['liaoning-city-filing-register', 'full'],
  lnDirFull: ['liaoning-certified-enterprise-directory', 'full'],
  hnFull: ['henan-vocational-school-institution-summary', 'full'],
  taFull: ['taian-leading-group-member-list', 'full'],
} as const;
type Key = keyof typeof DOCS;

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const example = (id: string, name: string) => json(`schemas/forms/${id}/examples/${name}.json`);
const PT_PER_MM = 72 / 25.4;
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

let engine: Engine;
const docs = {} as Record<Key, Doc>;

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  for (const [key, [id, name]] of Object.entries(DOCS) as [Key, readonly [string, string]][]) {
    const r = await renderDocument(engine, { formId: id, input: example(id, name), format: 'pdf' });
    docs[key] = await pdfTextItems(r.bytes);
  }
});
afterAll(async () => engine?.close());

/** Left edges and the right edge (mm) of a layout table's columns: the left margin plus the layout's widths. */
function columnEdges(id: string, table: string): number[] {
  const layout = json(`schemas/forms/${id}/layout.json`);
  const kind = json(`templates/kinds/${layout.kind}.defaults.json`);
  const left: number = layout.page?.marginsMm?.left ?? kind.page.marginsMm.left;
  const widths: number[] = layout.blocks.find((b: { id?: string }) => b.id === table).columnsMm;
  const edges = [left];
  for (const w of widths) edges.push(edges[edges.length - 1]! + w);
  return edges;
}

const centre = (i: TextItem) => i.xMm + i.widthMm / 2;
const inColumn = (edges: number[], c: number) => (i: TextItem) => centre(i) > edges[c]! && centre(i) < edges[c + 1]!;
const readingOrder = (a: TextItem, b: TextItem) => a.page - b.page || a.yMm - b.yMm || a.xMm - b.xMm;

/** The header band of a page: the baselines within `depth` mm below the first line of the 序号 head. */
function headerBand(d: Doc, page: number, depth: number): TextItem[] {
  const top = d.items.filter((i) => i.page === page && /^序(号)?$/.test(squeeze(i.str))).sort(readingOrder)[0];
  expect(top, `序号 head on page ${page}`).toBeDefined();
  return d.items.filter((i) => i.page === page && i.yMm > top!.yMm - 4 && i.yMm < top!.yMm + depth);
}

/** Each column's head text, its lines joined top to bottom. */
function headsOf(band: TextItem[], edges: number[]): string[] {
  return edges.slice(0, -1).map((_, c) => squeeze(band.filter(inColumn(edges, c)).sort(readingOrder).map((i) => i.str).join('')));
}

/** The items whose text (spaces removed) is exactly `s`. */
const exactly = (d: Doc, s: string, page?: number) => d.items.filter((i) => (page === undefined || i.page === page) && squeeze(i.str) === squeeze(s));
const textOf = (d: Doc, page?: number) => squeeze(d.items.filter((i) => page === undefined || i.page === page).sort(readingOrder).map((i) => i.str).join(''));

describe('§4.1 shandong-certified-personnel-roster', () => {
  const id = 'shandong-certified-personnel-roster';
  const edges = columnEdges(id, 'roster');
  const heads = ROSTER_COLUMNS.map((c) => c.header);

  it('prints the 21 heads of the importer (src/issuance/roster/columns.ts) in order, broken into the seed lines', () => {
    const d = docs.sdMin;
    expect(edges).toHaveLength(22);
    expect(edges[21]! - edges[0]!).toBeCloseTo(267, 6);
    const band = headerBand(d, 1, 8);
    expect(headsOf(band, edges)).toEqual(heads);
    // 评价/机构/编码: three lines, one under the other, in the seed's breaks
    const code = band.filter(inColumn(edges, 1)).sort(readingOrder).map((i) => squeeze(i.str));
    expect(code).toEqual(['评价', '机构', '编码']);
    const since = band.filter(inColumn(edges, 12)).sort(readingOrder).map((i) => squeeze(i.str));
    expect(since).toEqual(['从事本职业', '（工种）', '时间']);
  });

  it('prints the title, on A4 landscape, and the seed 8 rows for a one-person roster', () => {
    const d = docs.sdMin;
    expect(textOf(d, 1)).toContain('职业技能等级认定人员名册');
    expect(d.pages).toHaveLength(1);
    expect(d.pages[0]!.widthPt / PT_PER_MM).toBeCloseTo(297, 0);
    expect(d.pages[0]!.heightPt / PT_PER_MM).toBeCloseTo(210, 0);
    const seq = d.items.filter((i) => inColumn(edges, 0)(i) && /^\d+$/.test(i.str.trim())).sort(readingOrder).map((i) => Number(i.str));
    expect(seq).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(exactly(d, '张伟')).toHaveLength(1);
    // 职业技能等级 as on the certificate (R-LVL-2), in the level column of row 1
    const level = d.items.filter((i) => inColumn(edges, 18)(i) && i.yMm > headerBand(d, 1, 8).reduce((m, x) => Math.max(m, x.yMm), 0)).sort(readingOrder);
    expect(squeeze(level.map((i) => i.str).join(''))).toBe('三级/高级工');
    expect(textOf(d)).toContain('第1页共1页');
  });

  describe('200-row stress roster', () => {
    it('repeats the header row on every page and numbers the pages 第 N 页 共 M 页', () => {
      const d = docs.sdStress;
      const m = d.pages.length;
      expect(m).toBeGreaterThan(10);
      for (let p = 1; p <= m; p++) {
        expect(d.pages[p - 1]!.widthPt / PT_PER_MM, `page ${p} width`).toBeCloseTo(297, 0);
        expect(d.pages[p - 1]!.heightPt / PT_PER_MM, `page ${p} height`).toBeCloseTo(210, 0);
        expect(headsOf(headerBand(d, p, 8), edges), `heads on page ${p}`).toEqual(heads);
        expect(d.items.some((i) => i.page === p && squeeze(i.str) === `第${p}页共${m}页`), `footer on page ${p}`).toBe(true);
      }
      expect(exactly(d, '职业技能等级认定人员名册')).toHaveLength(1);
    });

    it('prints 序号 1…200 each exactly once, in order across the pages', () => {
      const d = docs.sdStress;
      const seq = d.items.filter((i) => inColumn(edges, 0)(i) && /^\d+$/.test(i.str.trim())).sort(readingOrder).map((i) => Number(i.str));
      expect(seq).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      const pages = new Set(d.items.filter((i) => inColumn(edges, 0)(i) && /^\d+$/.test(i.str.trim())).map((i) => i.page));
      expect(pages.size).toBe(d.pages.length);
    });
  });
});

describe('§4.2 liaoning-city-filing-register and §4.3 liaoning-certified-enterprise-directory', () => {
  const reg = 'liaoning-city-filing-register';
  const dir = 'liaoning-certified-enterprise-directory';
  const regEdges = columnEdges(reg, 'enterprises');
  const dirEdges = columnEdges(dir, 'enterprises');

  it('prints the title, the city header line, the heads in seed order and the verbatim footnote', () => {
    const d = docs.lnRegFull;
    const t = textOf(d, 1);
    expect(t).toContain('企业职业技能等级认定申请备案表');
    expect(t).toContain('沈阳市人力资源和社会保障局（加盖公章）');
    expect(headsOf(headerBand(d, 1, 3), regEdges)).toEqual(['序号', '企业名称', '详细地址', '联系人', '联系方式', '职业名称', '工种名称', '职业编码', '等级范围', '备注']);
    const note = exactly(d, '注：此表各市可根据实际进行调整。');
    const lastRow = d.items.filter(inColumn(regEdges, 0)).reduce((m, i) => Math.max(m, i.yMm), 0);
    expect(note).toHaveLength(1);
    expect(note[0]!.yMm).toBeGreaterThan(lastRow);
  });

  it('prints each enterprise once, spanning its occupation rows, which print on rows of their own', () => {
    const d = docs.lnRegFull;
    const name = exactly(d, '沈阳华瑞重型机械有限公司');
    expect(name).toHaveLength(1);
    const occ = ['车工', '钳工', '焊工'].map((o) => exactly(d, o).filter(inColumn(regEdges, 5)));
    for (const o of occ) expect(o).toHaveLength(1);
    const ys = occ.map((o) => o[0]!.yMm);
    expect(new Set(ys.map((y) => y.toFixed(1))).size).toBe(3);
    expect(name[0]!.yMm).toBeGreaterThan(Math.min(...ys));
    expect(name[0]!.yMm).toBeLessThan(Math.max(...ys));
    // 序号 1, 2, 3 (the third enterprise is a blank group), once each
    const seq = d.items.filter((i) => inColumn(regEdges, 0)(i) && /^\d+$/.test(i.str.trim())).sort(readingOrder).map((i) => Number(i.str));
    expect(seq).toEqual([1, 2, 3]);
    // the 联系方式 cell: the landline and the mobile on lines of their own
    const below = exactly(d, '联系方式')[0]!.yMm + 3;
    const phones = d.items.filter((i) => inColumn(regEdges, 4)(i) && i.yMm > below).sort(readingOrder).map((i) => squeeze(i.str));
    expect(phones.slice(0, 2)).toEqual(['024-25801234', '13904001234']);
  });

  it('spans at least 2 printed rows per enterprise and prints 3 enterprises when the data has one', () => {
    const d = docs.lnRegMin;
    const name = exactly(d, '沈阳华瑞重型机械有限公司')[0]!;
    const occ = exactly(d, '车工').filter(inColumn(regEdges, 5))[0]!;
    // one occupation, but the enterprise cell spans two rows: its centre lies below the first row's text
    expect(name.yMm - occ.yMm).toBeGreaterThan(2);
    const seq = d.items.filter((i) => inColumn(regEdges, 0)(i) && /^\d+$/.test(i.str.trim())).sort(readingOrder).map((i) => Number(i.str));
    expect(seq).toEqual([1, 2, 3]);
  });

  it('directory: 机构备案号 is a parent cell after 联系方式, printed once per enterprise', () => {
    const d = docs.lnDirFull;
    expect(textOf(d, 1)).toContain('职业技能等级认定企业目录');
    expect(textOf(d, 1)).not.toContain('加盖公章');
    expect(headsOf(headerBand(d, 1, 3), dirEdges)).toEqual(['序号', '企业名称', '详细地址', '联系人', '联系方式', '机构备案号', '职业名称', '工种名称', '职业编码', '等级范围']);
    const no = exactly(d, 'Y000021013045');
    expect(no).toHaveLength(1);
    expect(inColumn(dirEdges, 5)(no[0]!)).toBe(true);
    const ys = ['车工', '钳工'].map((o) => exactly(d, o).filter(inColumn(dirEdges, 6))[0]!.yMm);
    expect(no[0]!.yMm).toBeGreaterThan(Math.min(...ys));
    expect(no[0]!.yMm).toBeLessThan(Math.max(...ys));
    expect(exactly(d, '注：此表各市可根据实际进行调整。')).toHaveLength(1);
  });
});

describe('§4.4 henan-vocational-school-institution-summary', () => {
  const id = 'henan-vocational-school-institution-summary';
  const edges = columnEdges(id, 'institutions');

  it('prints the 填报人 line, the verbatim heads (企业名称, two 联系电话) and at least 5 rows', () => {
    const d = docs.hnFull;
    const t = textOf(d, 1);
    expect(t).toContain('河南省院校类职业技能等级认定机构汇总表');
    for (const s of ['填报人：陈晓燕', '联系电话：0371-69691234', '填表日期：2022年2月25日']) expect(t).toContain(s);
    expect(headsOf(headerBand(d, 1, 3), edges)).toEqual(['序号', '企业名称', '机构码(备案号)', '负责人', '联系电话', '联系人', '联系电话', '地址', '邮编', '备注']);
    const seq = d.items.filter((i) => inColumn(edges, 0)(i) && /^\d+$/.test(i.str.trim())).sort(readingOrder).map((i) => Number(i.str));
    expect(seq).toEqual([1, 2, 3, 4, 5]);
    // the first 联系电话 is the 负责人's, the second the 联系人's
    expect(exactly(d, '0371-62791234').filter(inColumn(edges, 4))).toHaveLength(1);
    expect(exactly(d, '13598761234').filter(inColumn(edges, 6))).toHaveLength(1);
  });
});

describe('§4.5 taian-leading-group-member-list', () => {
  it('prints the title, the role lines in order with names spread to three characters, and the 版记', () => {
    const d = docs.taFull;
    expect(d.pages[0]!.widthPt / PT_PER_MM).toBeCloseTo(210, 0);
    expect(d.pages[0]!.heightPt / PT_PER_MM).toBeCloseTo(297, 0);
    const t = textOf(d, 1);
    expect(t.startsWith('泰安市企业技能人才自主评价推进工作领导小组成员名单')).toBe(true);
    const order = ['组长：蒋永斌', '副组长：于赛英', '成员：李涛', '成员：王晓东', '成员：陈兴美', '成员：赵波', '成员：邱进进'];
    let at = 0;
    for (const s of order) {
      const k = t.indexOf(s, at);
      expect(k, s).toBeGreaterThanOrEqual(at);
      at = k + s.length;
    }
    // 李  涛 as in the seed: the two characters take the places of the first and last of 王晓东
    const wang = exactly(d, '王晓东')[0]!;
    const li = exactly(d, '李')[0]!;
    const tao = exactly(d, '涛')[0]!;
    expect(li.xMm).toBeCloseTo(wang.xMm, 0);
    expect(tao.xMm + tao.widthMm).toBeCloseTo(wang.xMm + wang.widthMm, 0);
    expect(t).toContain('泰安市人力资源和社会保障局办公室');
    expect(t).toContain('2020年2月26日印发');
    expect(t).toContain('校核人：王晓东');
    expect(t).toContain('—1—');
  });
});
