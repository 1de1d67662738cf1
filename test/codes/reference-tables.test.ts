/**
 * The reference tables of catalogue §9.6, §9.7, §9.13 and §9.14: counts as the catalogue states them,
 * every §12 correction recorded (and applied to the data), and the lookups built on them.
 */
import { describe, expect, it } from 'vitest';
import {
  checkNotLicensedOccupation,
  evaluatorCategory,
  evaluatorCategoryCodes,
  evaluatorCategoryTable,
  filingRoute,
  filingRouteTable,
  findLicensedOccupation,
  findPendingLicensedOccupation,
  henanScopeExampleTable,
  qualificationCatalogueTable,
  type ReferenceTable,
} from '../../src/codes/reference.js';
import { parseLevelList } from '../../src/codes/index.js';

const tables: [string, ReferenceTable<unknown>][] = [
  ['national-qualification-catalogue-2021-skills', qualificationCatalogueTable],
  ['henan-scope-entry-examples', henanScopeExampleTable],
  ['evaluator-category-codes', evaluatorCategoryTable],
  ['institution-filing-route-codes', filingRouteTable],
];

describe('reference table envelopes (helper 3E tables)', () => {
  it.each(tables)('%s has $id, title, x-source with seed lines, corrections, frozen entries', (name, t) => {
    expect(t.$id).toBe(`https://schemas.skill-eval-forms.invalid/reference/${name}.json`);
    expect(t.title.length).toBeGreaterThan(0);
    for (const src of t['x-source']) expect(src).toMatch(/S00\d:\d+/);
    for (const c of t.corrections)
      expect(c).toEqual({ seed: expect.stringMatching(/^S00\d:\d+/), printed: expect.any(String), corrected: expect.any(String), catalogue: expect.stringMatching(/^§12 E\d+$/) });
    expect(Object.isFrozen(t.entries)).toBe(true);
    expect(Object.isFrozen(t.entries[0])).toBe(true);
  });
});

describe('国家职业资格目录（2021年版） 技能人员职业资格 (§9.13)', () => {
  const entries = qualificationCatalogueTable.entries;

  it('has the 13 items the heading counts (共计 13 项), numbered 1–13, from the 2021-11-23 公告', () => {
    expect(qualificationCatalogueTable.itemCount).toBe(13);
    expect([...new Set(entries.map((e) => e.no))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(qualificationCatalogueTable['x-source'][0]).toContain('人力资源社会保障部公告 2021-11-23');
    expect(qualificationCatalogueTable['x-source'][0]).toContain('S003:799-845');
  });

  it('has one entry per printed sub-qualification row (23), each with its seed line and 实施部门', () => {
    expect(entries).toHaveLength(23);
    for (const e of entries) {
      expect(e.seed).toMatch(/^S003:8[0-4]\d(-8[0-4]\d)?$/);
      expect(e.department.length).toBeGreaterThan(1);
      expect(['准入类', '水平评价类']).toContain(e.category);
    }
    // Sub-rows per item, as in the corrected reading.
    const perItem = (n: number) => entries.filter((e) => e.no === n).map((e) => e.name);
    expect(perItem(1)).toEqual(['民用核安全设备焊工、焊接操作工', '焊工']);
    expect(perItem(3)).toEqual(['消防员', '森林消防员', '应急救援员']);
    expect(perItem(6)).toEqual(['民航乘务员', '机场运行指挥员', null]);
    expect(perItem(8)).toHaveLength(3);
    expect(perItem(9)).toEqual(['经营性客运驾驶员', '经营性货运驾驶员', '出租汽车驾驶员']);
  });

  it('records every correction of the garbled rows (§12 E15) and of the OCR text (§12 E19)', () => {
    const c = qualificationCatalogueTable.corrections;
    const bySeed = (s: string) => c.filter((x) => x.seed === s);
    expect(bySeed('S003:818-820')[0]).toMatchObject({ catalogue: '§12 E15' });
    expect(bySeed('S003:818-820')[0]!.corrected).toContain('核安全设备焊接人员');
    expect(bySeed('S003:820-821')[0]).toMatchObject({ catalogue: '§12 E15' });
    expect(bySeed('S003:820-821')[0]!.corrected).toMatch(/^2 保安员 公安部门及相关机构/);
    expect(bySeed('S003:821')[0]!.corrected).toContain('第6项');
    expect(bySeed('S003:839')[0]!.printed).toContain('道路运输从业 业人员');
    expect(c.filter((x) => x.catalogue === '§12 E19').map((x) => x.seed)).toEqual(['S003:839', 'S003:840', 'S003:841', 'S003:842']);
  });

  it('applies the corrections: row 1 is 核安全设备焊接人员, row 2 is 保安员 of 公安部门, no traditional or doubled characters', () => {
    const first = entries.filter((e) => e.no === 1);
    expect(first.every((e) => e.groupName === '核安全设备焊接人员')).toBe(true);
    expect(entries.find((e) => e.no === 2)).toMatchObject({ name: '保安员', department: '公安部门及相关机构', category: '准入类', seed: 'S003:820' });
    const orphan = entries.find((e) => e.seed === 'S003:821')!;
    expect(orphan).toMatchObject({ no: 6, name: null, category: '水平评价类', pendingLicensed: true, department: '民航行业技能鉴定机构' });
    expect(orphan.inferred).toContain('inferred');
    const text = JSON.stringify(entries);
    for (const bad of ['部門', '相關', '从业 业', '技 能', '部 及', '鉴定 机构']) expect(text).not.toContain(bad);
    expect(entries.find((e) => e.no === 10)!.department).toBe('应急管理部门、矿山安全监管部门');
    expect(entries.find((e) => e.no === 11)!.department).toBe('住房和城乡建设主管部门及相关机构');
    expect(entries.find((e) => e.no === 12)!.department).toBe('市场监督管理部门');
  });

  it('finds 准入类 occupations by 职业名称 or 工种, and says which department administers them', () => {
    expect(findLicensedOccupation('保安员')?.department).toBe('公安部门及相关机构');
    expect(findLicensedOccupation({ name: '消防设施操作员', code: '4-07-05-04' })?.no).toBe(4);
    expect(findLicensedOccupation({ name: '焊工', job: '民用核安全设备焊工' })?.department).toBe('生态环境部');
    expect(findLicensedOccupation(' 出租汽车 驾驶员 ')?.no).toBe(9); // whitespace is not a way around the list
    expect(findLicensedOccupation('家畜繁殖员')?.department).toBe('农业行业技能鉴定机构');
    expect(qualificationCatalogueTable.entries.filter((e) => e.category === '准入类').flatMap((e) => e.occupations)).toEqual(expect.arrayContaining(['保安员', '消防设施操作员', '轨道交通司机', '特种作业人员', '家畜繁殖员']));
  });

  it('does not match general names that only resemble a 准入类 row', () => {
    expect(findLicensedOccupation('焊工')).toBeUndefined(); // only 核安全设备 welders are 准入类
    expect(findLicensedOccupation({ name: '焊工', job: '焊接操作工' })).toBeUndefined();
    expect(findLicensedOccupation('车工')).toBeUndefined();
    expect(findLicensedOccupation('健身和娱乐场所服务人员')).toBeUndefined(); // a 大典 group, not a qualification
    expect(findLicensedOccupation('')).toBeUndefined();
  });

  it('社会体育指导员 is 准入类 only for a high-risk sport', () => {
    expect(findLicensedOccupation({ name: '社会体育指导员', job: '潜水' })?.no).toBe(5);
    expect(findLicensedOccupation({ name: '社会体育指导员', job: '游泳社会体育指导员' })?.no).toBe(5);
    expect(findLicensedOccupation({ name: '社会体育指导员', job: '健身气功' })).toBeUndefined();
    expect(findLicensedOccupation('社会体育指导员')).toBeUndefined();
  });

  it('separates the 水平评价类 rows that are 拟调整为准入类 (Henan excludes them too)', () => {
    expect(findLicensedOccupation('消防员')).toBeUndefined();
    expect(findPendingLicensedOccupation('消防员')?.category).toBe('水平评价类');
    expect(findPendingLicensedOccupation('应急救援员')?.department).toBe('紧急救援行业技能鉴定机构');
    expect(findPendingLicensedOccupation('保安员')).toBeUndefined();
  });

  it('checkNotLicensedOccupation returns the catalogue failure', () => {
    expect(checkNotLicensedOccupation('保安员')).toEqual({ ok: false, code: 'OCCUPATION_LICENSED', params: { occupation: '保安员', department: '公安部门及相关机构' } });
    expect(checkNotLicensedOccupation({ name: '社会体育指导员', job: '攀岩' })).toMatchObject({ code: 'OCCUPATION_LICENSED', params: { occupation: '社会体育指导员 / 攀岩' } });
    expect(checkNotLicensedOccupation('消防员')).toBeUndefined();
    expect(checkNotLicensedOccupation('消防员', { includePending: true })).toMatchObject({ code: 'OCCUPATION_PENDING_LICENSED', params: { department: '消防行业技能鉴定机构' } });
    expect(checkNotLicensedOccupation({ code: '6-18-01-01', name: '车工', job: '数控车床' }, { includePending: true })).toBeUndefined();
  });
});

describe('评价范围填写示例 (§9.14)', () => {
  it('has the 15 rows of 豫职鉴〔2021〕1号 三(五), in order, with their seed lines', () => {
    expect(henanScopeExampleTable.entries).toHaveLength(15);
    expect(henanScopeExampleTable.entries.map((e) => e.row)).toEqual([...Array(15).keys()].map((i) => i + 1));
    expect(henanScopeExampleTable.entries[0]).toEqual({ row: 1, occupation: { code: '6-18-01-01', name: '车工' }, levels: '5', standardType: '国家职业技能标准', seed: 'S003:4578' });
    expect(henanScopeExampleTable.entries[14]!.seed).toBe('S003:4593');
  });
  it('every row is a valid scope entry: 大典 code, R-LVL-3 level list, not a 准入类 occupation', () => {
    for (const e of henanScopeExampleTable.entries) {
      expect(e.occupation.code).toMatch(/^[1-8]-\d{2}-\d{2}-\d{2}$/);
      expect(parseLevelList(e.levels).ok, e.levels).toBe(true);
      expect(checkNotLicensedOccupation(e.occupation, { includePending: true })).toBeUndefined();
    }
  });
  it('looks rows up by 职业编码: one occupation, several 工种 with different level subsets', () => {
    expect(henanScopeExampleTable.entries.filter((e) => e.occupation.code === '6-18-01-01').map((e) => [e.occupation.job ?? null, e.levels])).toEqual([
      [null, '5'], ['普通车床', '4、3、2、1'], ['数控车床', '4、3、2、1'],
    ]);
    expect(henanScopeExampleTable.entries.filter((e) => e.occupation.code === '4-12-01-01')).toHaveLength(7);
    expect(henanScopeExampleTable.entries.filter((e) => e.occupation.code === '4-10-01-06')).toHaveLength(4);
    expect(henanScopeExampleTable.entries.filter((e) => e.occupation.code === '6-20-01-01')).toHaveLength(1);
    expect(henanScopeExampleTable.entries).toHaveLength(15);
  });
});

describe('评价机构类别代码 / 证卡类别代码 (§9.6)', () => {
  it('certificate position 1 is Y or S, with the Liaoning wording', () => {
    expect(evaluatorCategoryCodes('certificate')).toEqual(['Y', 'S']);
    expect(evaluatorCategory('Y', 'certificate')?.label).toBe('用人单位');
    expect(evaluatorCategory('S', 'certificate', 'henan')?.label).toBe('社会培训评价组织');
    expect(evaluatorCategory('Y', 'certificate', 'liaoning')?.label).toBe('企业用人单位');
    expect(evaluatorCategory('S', 'certificate', 'liaoning')?.label).toBe('第三方评价机构');
    expect(evaluatorCategory('R', 'certificate')).toBeUndefined();
  });
  it('supervisor cards: R for 外督, H/Y/S for 内督', () => {
    expect(evaluatorCategoryCodes('supervisor-card-external')).toEqual(['R']);
    expect(evaluatorCategoryCodes('supervisor-card-internal')).toEqual(['H', 'Y', 'S']);
    expect(evaluatorCategory('H', 'supervisor-card-internal')?.name).toBe('行业部门');
    expect(evaluatorCategory('H', 'certificate')).toBeUndefined();
  });
  it('records the §12 E6 label correction', () => {
    expect(evaluatorCategoryTable.corrections).toEqual([{ seed: 'S003:1210', printed: '证卡类型 代 码', corrected: '证卡类别代码', catalogue: '§12 E6' }]);
  });
});

describe('评价机构代码 / 备案途径代码 (§9.7)', () => {
  it('0000 is the provincial route, 0001–9999 the ministry route', () => {
    expect(filingRoute('0000')?.route).toBe('provincial');
    expect(filingRoute('0001')?.authority).toBe('人力资源社会保障部');
    expect(filingRoute('9999')?.route).toBe('ministry');
    expect(filingRoute('0000', 'henan')?.authority).toBe('省、市级人力资源社会保障部门');
    expect(filingRoute('0011', 'liaoning')?.route).toBe('ministry-headquarters');
    expect(filingRoute('0000', 'liaoning')?.route).toBe('provincial');
  });
  it('rejects anything that is not 4 digits', () => {
    for (const bad of ['000', '00001', 'A001', '', '０００１']) expect(filingRoute(bad)).toBeUndefined();
  });
  it('keeps the Liaoning 附件8 codes as observed data, each a ministry-route code', () => {
    const codes = filingRouteTable.observedLiaoning.map((o) => o.code);
    expect(codes).toEqual(['0001', '0002', '0003', '0004', '0005', '0007', '0008', '0009', '0010', '0011', '0013', '0014', '0015']);
    for (const c of codes) expect(filingRoute(c, 'liaoning')?.route).toBe('ministry-headquarters');
  });
});
