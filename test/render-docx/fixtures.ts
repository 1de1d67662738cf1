/**
 * Small flow layouts written for the DOCX tests (not form folders): a portrait table form with
 * column and row spans, header rows, checkboxes, a joined repeating table and a seal space; a
 * landscape 21-column roster with page numbers; a cover with borderless underline cells; a plan
 * outline with grey guidance. Each resolves with resolveFlow exactly as a real form would.
 */
import { resolveFlow } from '../../src/layout/flow/resolve.js';
import type { FlowDocument, FlowLayoutSpec, StyleSpec } from '../../src/layout/flow/types.js';

const LATIN = { fangsong: 'times' } as const;

const styles: Record<string, StyleSpec> = {
  title: { font: 'hei', sizePt: 18, align: 'center', lineHeightPt: 27, spaceAfterPt: 12 },
  label: { font: 'fangsong', sizePt: 10.5, align: 'center' },
  header: { font: 'hei', sizePt: 10.5, align: 'center', bold: true },
  cell: { font: 'fangsong', sizePt: 10.5, align: 'left' },
  dist: { font: 'kai', sizePt: 12, align: 'distribute', letterSpacingPt: 1 },
  sign: { font: 'fangsong', sizePt: 10.5, align: 'right' },
  body: { font: 'song', sizePt: 12, align: 'justify', lineHeightPt: 22, firstLineIndentChars: 2 },
  guidance: { font: 'kai', sizePt: 12, align: 'justify', lineHeightPt: 22, color: 'grey', firstLineIndentChars: 2 },
  h1: { font: 'hei', sizePt: 16, align: 'left', lineHeightPt: 28, spaceBeforePt: 12, spaceAfterPt: 6 },
  'page-number': { font: 'times', sizePt: 10.5, align: 'center' },
};

/** Portrait A4 table form: margins 25/20/20/20, a 170 mm table (32+26+27+25+26+34). */
export const formLayout: FlowLayoutSpec = {
  leading: 1.3,
  kind: 'table-form',
  page: { widthMm: 210, heightMm: 297, orientation: 'portrait', marginsMm: { top: 25, right: 20, bottom: 20, left: 20 }, pageNumbers: { format: '— {page} —', style: 'page-number' } },
  styles,
  table: { borderPt: 0.75, cellPaddingMm: { x: 1.5, y: 1 }, rowMinHeightMm: 8, style: 'cell' },
  blocks: [
    { type: 'paragraph', style: 'title', text: '测试备案申请表' },
    {
      type: 'table', id: 'applicant', columnsMm: [32, 26, 27, 25, 26, 34],
      rows: [
        { header: true, cells: [{ text: '基本情况', style: 'header', span: 6 }] },
        { cells: [{ text: '单位名称', style: 'label' }, { bind: '/name', span: 5 }] },
        { cells: [{ text: '法定代表人', style: 'label' }, { bind: '/legal/name', span: 2 }, { text: '职务', style: 'label' }, { bind: '/legal/title' }, { text: '照片', style: 'label', rowSpan: 2, minHeightMm: 20 }] },
        { cells: [{ text: '联系电话', style: 'label' }, { bind: '/legal/phone', span: 2 }, { text: '邮编', style: 'label' }, { bind: '/postcode' }] },
        { cells: [{ text: '单位性质', style: 'label' }, { parts: [{ checkbox: { bind: '/nature', options: ['国有', '民营', '外资'] } }], span: 5 }] },
        { cells: [{ text: '联系人', style: 'dist' }, { bind: '/contact', span: 5 }] },
      ],
    },
    {
      type: 'table', id: 'staff', joinPrevious: true, columnsMm: [12, 30, 20, 36, 36, 36],
      rows: [
        { repeat: { bind: '/staff', minRows: 3 }, header: [[{ text: '评价人员', style: 'header', span: 6 }], [{ text: '序号', style: 'label' }, { text: '姓名', style: 'label' }, { text: '性别', style: 'label' }, { text: '职称', style: 'label' }, { text: '工种', style: 'label' }, { text: '等级', style: 'label' }]],
          cells: [{ parts: [{ index: true }], align: 'center' }, { bind: 'name' }, { bind: 'sex' }, { bind: 'title' }, { bind: 'job' }, { bind: 'level' }] },
      ],
    },
    {
      type: 'table', id: 'opinion', joinPrevious: true, columnsMm: [32, 138],
      rows: [
        { cells: [{ text: '主管部门意见', style: 'label' }, { minHeightMm: 60, sealSpaceMm: 40, vAlign: 'top', paragraphs: [{ text: '同意。' }, { style: 'sign', text: '（盖章）' }, { style: 'sign', text: '年    月    日' }] }] },
      ],
    },
  ],
};

export const formData = {
  name: '河南测试装备制造有限公司',
  legal: { name: '张三', title: '董事长', phone: '0371-12345678' },
  postcode: '450000',
  nature: '民营',
  contact: '李四',
  staff: [
    { name: '王五', sex: '男', title: '高级工程师', job: '数控车工', level: '二级' },
    { name: '赵六', sex: '女', title: '技师', job: '电工', level: '三级' },
  ],
};

/** 21 roster columns on landscape A4 with 15 mm side margins: 267 mm. */
export const ROSTER_COLUMNS_MM = [8, 14, 8, 12, 40, 10, 12, 14, 16, 10, 12, 14, 12, 12, 10, 12, 10, 10, 10, 10, 11];
export const ROSTER_HEADERS = ['序号', '姓名', '性别', '证件类型', '证件号码', '文化程度', '职业', '工种', '职业编码', '等级', '考核成绩', '证书编号', '发证日期', '评价机构', '理论', '实操', '综合', '考评员', '督导员', '备注', '签名'];

export const rosterLayout: FlowLayoutSpec = {
  leading: 1.3,
  kind: 'roster',
  page: { widthMm: 297, heightMm: 210, orientation: 'landscape', marginsMm: { top: 20, right: 15, bottom: 20, left: 15 }, pageNumbers: { format: '第 {page} 页 共 {pages} 页', style: 'page-number' } },
  styles: { ...styles, label: { font: 'fangsong', sizePt: 9, align: 'center', lineHeightPt: 11 }, cell: { font: 'fangsong', sizePt: 9, align: 'center', lineHeightPt: 11 } },
  table: { borderPt: 0.75, cellPaddingMm: { x: 0.5, y: 0.5 }, rowMinHeightMm: 7, style: 'cell' },
  blocks: [
    { type: 'paragraph', style: 'title', text: '职业技能等级认定人员名册' },
    {
      type: 'table', id: 'roster', columnsMm: ROSTER_COLUMNS_MM,
      rows: [{
        repeat: { bind: '/people', minRows: 10, overflow: { mode: 'continue' } },
        header: [ROSTER_HEADERS.map((text) => ({ text, style: 'label' }))],
        minHeightMm: 7,
        cells: [{ parts: [{ index: true }] }, { bind: 'name' }, { bind: 'sex' }, { text: '身份证' }, { bind: 'id' }, ...Array.from({ length: 16 }, () => ({ text: '' }))],
      }],
    },
  ],
};

export const rosterData = (n: number) => ({
  people: Array.from({ length: n }, (_, i) => ({ name: `人员${i + 1}`, sex: i % 2 ? '女' : '男', id: `41010219900101${String(1000 + i).slice(-4)}` })),
});

export const coverLayout: FlowLayoutSpec = {
  leading: 1.3,
  kind: 'cover',
  page: { widthMm: 210, heightMm: 297, orientation: 'portrait', marginsMm: { top: 37, right: 28, bottom: 35, left: 28 } },
  styles: { ...styles, 'cover-title': { font: 'hei', sizePt: 26, align: 'center', lineHeightPt: 40 }, 'cover-label': { font: 'kai', sizePt: 16, align: 'distribute', lineHeightPt: 24 }, 'cover-value': { font: 'fangsong', sizePt: 16, align: 'center', lineHeightPt: 24 } },
  table: { borderPt: 0, cellPaddingMm: { x: 1, y: 1 }, rowMinHeightMm: 12, style: 'cover-value' },
  blocks: [
    { type: 'spacer', heightMm: 30 },
    { type: 'paragraph', style: 'cover-title', text: '备案申请表' },
    { type: 'spacer', heightMm: 60 },
    {
      type: 'table', id: 'cover-lines', columnsMm: [40, 90], borderPt: 0,
      rows: [
        { cells: [{ text: '申报单位', style: 'cover-label', vAlign: 'bottom' }, { bind: '/name', vAlign: 'bottom', bordersPt: { bottom: 0.75 } }] },
        { cells: [{ text: '申报日期', style: 'cover-label', vAlign: 'bottom' }, { bind: '/date', format: 'date-cn', vAlign: 'bottom', bordersPt: { bottom: 0.75 } }] },
      ],
    },
    { type: 'page-break' },
    { type: 'paragraph', style: 'h1', text: '填表说明' },
  ],
};

export const outlineLayout: FlowLayoutSpec = {
  leading: 1.3,
  kind: 'outline',
  page: { widthMm: 210, heightMm: 297, orientation: 'portrait', marginsMm: { top: 37, right: 26, bottom: 35, left: 28 }, pageNumbers: { format: '— {page} —', style: 'page-number' } },
  styles,
  table: { borderPt: 0.75, cellPaddingMm: { x: 1.5, y: 1 }, rowMinHeightMm: 8, style: 'cell' },
  blocks: [
    { type: 'paragraph', style: 'title', text: '工作实施方案' },
    { type: 'paragraph', style: 'h1', text: '一、基本情况' },
    { type: 'content', bind: '/sections/basic', style: 'body', guidance: '（简述企业基本情况、技能人才队伍现状。）', guidanceStyle: 'guidance' },
    { type: 'paragraph', style: 'h1', text: '二、认定职业（工种）' },
    { type: 'content', bind: '/sections/scope', style: 'body', guidance: '（列出认定的职业、工种和等级。）', guidanceStyle: 'guidance' },
  ],
};

export const outlineData = {
  sections: {
    scope: [
      { type: 'paragraph', text: '本企业开展以下职业（工种）的技能等级认定：' },
      { type: 'table', columns: ['职业', '工种', '等级'], rows: [['车工', '数控车工', '五级至三级'], ['电工', '维修电工', '五级至二级']] },
    ],
  },
};

export function resolve(formId: string, layout: FlowLayoutSpec, data: unknown): FlowDocument {
  return resolveFlow({ formId, title: formId, layout, data, latinRoles: LATIN });
}
