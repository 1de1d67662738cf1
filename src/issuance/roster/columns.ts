/**
 * The columns of the 职业技能等级认定人员名册 (Shandong 附件3, catalogue §4.1, S001:236-302), in order,
 * with stable English ids, and the header matcher: a header cell matches a column after NFKC (full-width
 * parentheses and spaces become ASCII), removing every whitespace character (the seed breaks headers
 * across lines: `评价/机构/编码`) and a leading required-marker `*`.
 * Supervisor-card rosters (JSON only) have their own, smaller column set.
 */
import type { ColumnId } from './types.js';

export interface ColumnDef {
  readonly id: ColumnId;
  /** The header as printed in the 名册. */
  readonly header: string;
  readonly headerEn: string;
  /** Other spellings seen in rosters (matched after the same normalisation). */
  readonly aliases?: readonly string[];
}

/** The 21 columns of catalogue §4.1, in the seed's order. */
export const ROSTER_COLUMNS = [
  { id: 'seq', header: '序号', headerEn: 'No.' },
  { id: 'institutionCode', header: '评价机构编码', headerEn: 'Institution code', aliases: ['评价机构代码', '机构代码', '机构编码'] },
  { id: 'institutionName', header: '评价机构名称', headerEn: 'Institution name', aliases: ['机构名称'] },
  { id: 'name', header: '姓名', headerEn: 'Name' },
  { id: 'idType', header: '证件类型', headerEn: 'ID type' },
  { id: 'idNumber', header: '证件号', headerEn: 'ID number', aliases: ['证件号码', '身份证号', '身份证号码', '身份证件号'] },
  { id: 'gender', header: '性别', headerEn: 'Gender' },
  { id: 'birthDate', header: '出生日期', headerEn: 'Date of birth' },
  { id: 'phone', header: '联系电话', headerEn: 'Phone', aliases: ['电话', '手机', '手机号码'] },
  { id: 'email', header: '电子邮箱', headerEn: 'Email', aliases: ['邮箱'] },
  { id: 'isEmployee', header: '是否本企业职工', headerEn: 'Own employee', aliases: ['是否本单位职工', '是否本单位人员'] },
  { id: 'employer', header: '所在单位', headerEn: 'Employer', aliases: ['工作单位'] },
  {
    id: 'occupationSince',
    header: '从事本职业（工种）时间',
    headerEn: 'Time in the occupation',
    aliases: ['从事本职业时间', '从事本职业（工种）年限', '从事本职业年限'],
  },
  { id: 'post', header: '所在岗位', headerEn: 'Post', aliases: ['岗位'] },
  { id: 'hireDate', header: '入职时间', headerEn: 'Hire date', aliases: ['入职日期'] },
  { id: 'occupationCode', header: '职业编码', headerEn: 'Occupation code', aliases: ['职业编号', '职业代码'] },
  { id: 'occupationName', header: '职业名称', headerEn: 'Occupation', aliases: ['职业'] },
  { id: 'job', header: '工种名称', headerEn: 'Job', aliases: ['工种', '工种/职业方向', '职业方向'] },
  { id: 'level', header: '职业技能等级', headerEn: 'Skill level', aliases: ['技能等级', '等级', '认定等级', '申报等级'] },
  { id: 'certificateNumber', header: '证书编号', headerEn: 'Certificate number' },
  { id: 'issueDate', header: '发证日期', headerEn: 'Issue date' },
] as const satisfies readonly ColumnDef[];

/** The id of a 名册 column. */
export type RosterColumnId = (typeof ROSTER_COLUMNS)[number]['id'];

/** Columns that must be present in a certificate roster. */
export const REQUIRED_ROSTER_COLUMNS: readonly ColumnId[] = ['name', 'idNumber', 'occupationName', 'level'];

/** Supervisor-card roster (JSON rows keyed by these ids); catalogue §7.7. */
export const SUPERVISOR_COLUMNS: readonly ColumnDef[] = [
  { id: 'seq', header: '序号', headerEn: 'No.' },
  { id: 'name', header: '姓名', headerEn: 'Name' },
  { id: 'gender', header: '性别', headerEn: 'Gender' },
  { id: 'idType', header: '证件类型', headerEn: 'ID type' },
  { id: 'idNumber', header: '证件号', headerEn: 'ID number' },
  { id: 'birthDate', header: '出生日期', headerEn: 'Date of birth' },
  { id: 'workUnit', header: '工作单位', headerEn: 'Employer' },
  { id: 'validUntil', header: '有效期至', headerEn: 'Valid until' },
];
export const REQUIRED_SUPERVISOR_COLUMNS: readonly ColumnId[] = ['name', 'gender', 'idNumber', 'workUnit'];

/** The photo pseudo-column (photos come from the folder/ZIP, matched by ID number). */
export const PHOTO_COLUMN: ColumnDef = { id: 'photo', header: '照片', headerEn: 'Photo' };

/** Header normalisation: NFKC, no whitespace at all, no leading `*` required-marker. */
export const normalizeHeader = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').replace(/^[*※]+/, '');

/** A matcher from normalised header text to column id. */
export function headerMatcher(columns: readonly ColumnDef[]): (header: string) => ColumnId | undefined {
  const m = new Map<string, ColumnId>();
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? [])]) m.set(normalizeHeader(h), c.id);
  return (header) => m.get(normalizeHeader(header));
}

export const columnDef = (columns: readonly ColumnDef[], id: ColumnId): ColumnDef | undefined =>
  id === PHOTO_COLUMN.id ? PHOTO_COLUMN : columns.find((c) => c.id === id);
