/**
 * The issue's required case: a roster with more than ten kinds of faulty rows yields an issue naming
 * every faulty cell (exact row, column and code), no item is issuable, and the XLSX error report,
 * read back with exceljs, has exactly those cells filled red with a zh + en note, plus the 错误说明
 * column. Also: a branch roster goes to 样式二 with the branch's number prefix; supervisor-card
 * rosters (JSON) number 内督 cards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRoster, writeRosterErrorReport } from '../../../src/issuance/roster/prepare.js';
import { ERROR_FILL_ARGB, ERRORS_COLUMN_HEADER } from '../../../src/issuance/roster/error-report.js';
import type { PreparedRoster } from '../../../src/issuance/roster/types.js';
import { citizenId, HEADERS_21, institution, rowIn, tempDir, withBadCheck, writePhotos, writeXlsx, type Header, type SheetCell } from './fixtures.js';

const INST = 'Y000041030001';
const NAME = '河南豫华重工机械有限公司';
const base = (name: string, id: string | number, birth: string, gender: string, extra: Partial<Record<Header, SheetCell>> = {}): Partial<Record<Header, SheetCell>> => ({
  评价机构编码: INST,
  评价机构名称: NAME,
  姓名: name,
  证件类型: '居民身份证',
  证件号: id,
  性别: gender,
  出生日期: birth,
  是否本企业职工: '是',
  '从事本职业（工种）时间': '5年',
  入职时间: '2015-07-01',
  职业编码: '6-20-01-01',
  职业名称: '钳工',
  职业技能等级: '四级/中级工',
  ...extra,
});

const ids = Array.from({ length: 20 }, (_, i) => citizenId(`19${70 + i}-0${(i % 9) + 1}-1${i % 10}`, 100 + i * 2 + 1)); // odd sequence: male
const female = citizenId('1988-08-08', 222);
const dup = ids[5]!;

/** [sheet row, values, expected issues (column, code)] — sheet row 1 is the title, row 2 the header. */
const CASES: [number, Partial<Record<Header, SheetCell>>, [string, string][]][] = [
  [3, base('合格甲', ids[0]!, birthOf(ids[0]!), '男'), []],
  [4, base('校验错', withBadCheck(ids[1]!), birthOf(ids[1]!), '男'), [['idNumber', 'ID_CHECKSUM']]],
  [5, base('生日错', ids[2]!, '1999-01-01', '男'), [['birthDate', 'ID_BIRTHDATE_MISMATCH']]],
  [6, base('超等级', ids[3]!, birthOf(ids[3]!), '男', { 职业技能等级: '一级/高级技师' }), [['level', 'ROSTER_LEVEL_OUT_OF_SCOPE']]],
  [7, base('重复甲', dup, birthOf(dup), '男'), [['idNumber', 'ROSTER_DUPLICATE_ID']]],
  [8, base('重复乙', dup, birthOf(dup), '男'), [['idNumber', 'ROSTER_DUPLICATE_ID']]],
  [9, base('缺照片', ids[6]!, birthOf(ids[6]!), '男'), [['photo', 'ROSTER_PHOTO_MISSING']]],
  [10, base('未知职业', ids[7]!, birthOf(ids[7]!), '男', { 职业编码: '4-10-01-06', 职业名称: '家政服务员' }), [['occupationCode', 'ROSTER_OCCUPATION_UNKNOWN']]],
  [11, base('缺工种', ids[8]!, birthOf(ids[8]!), '男', { 职业编码: '6-18-01-01', 职业名称: '车工' }), [['job', 'ROSTER_JOB_REQUIRED']]],
  [12, base('等级乱写', ids[9]!, birthOf(ids[9]!), '男', { 职业技能等级: '特级技师' }), [['level', 'ROSTER_LEVEL_FORMAT']]],
  [13, base('日期错', ids[10]!, birthOf(ids[10]!), '男', { 入职时间: '2021-13-01' }), [['hireDate', 'ROSTER_DATE_FORMAT']]],
  [14, base('机构码错', ids[11]!, birthOf(ids[11]!), '男', { 评价机构编码: 'Y000041030005' }), [['institutionCode', 'ROSTER_INSTITUTION_CODE_MISMATCH']]],
  [15, base('性别错', female, '1988-08-08', '男'), [['gender', 'ID_SEX_MISMATCH']]],
  [16, base('工种外', ids[12]!, birthOf(ids[12]!), '男', { 职业编码: '6-18-01-01', 职业名称: '车工', 工种名称: '立式车床' }), [['job', 'ROSTER_JOB_OUT_OF_SCOPE']]],
  [17, base('已有编号', ids[13]!, birthOf(ids[13]!), '男', { 证书编号: 'Y000041030001214000001' }), [['certificateNumber', 'ROSTER_NUMBER_PREFILLED']]],
  [18, base('外单位', ids[14]!, birthOf(ids[14]!), '男', { 是否本企业职工: '否' }), [['employer', 'ROSTER_EMPLOYER_REQUIRED']]],
  [19, base('数字证件号', 410305199001011234, '1990-01-01', '男'), [['idNumber', 'ROSTER_ID_PRECISION_LOST']]],
  [20, base('名称错', ids[15]!, birthOf(ids[15]!), '男', { 评价机构名称: '豫华重工' }), [['institutionName', 'ROSTER_INSTITUTION_NAME_MISMATCH']]],
  [21, base('名称不符', ids[16]!, birthOf(ids[16]!), '男', { 职业名称: '装配钳工' }), [['occupationName', 'ROSTER_OCCUPATION_NAME_MISMATCH']]],
  [22, base('无姓名', ids[17]!, birthOf(ids[17]!), '男', { 姓名: null, 性别: '未知' }), [['name', 'ROSTER_CELL_REQUIRED'], ['gender', 'ENUM']]],
  [23, base('发证日期错', ids[18]!, birthOf(ids[18]!), '男', { 发证日期: '2021年7月1日' }), [['issueDate', 'ROSTER_ISSUE_DATE_MISMATCH']]],
];

function birthOf(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

let dir: string;
let file: string;
let prepared: PreparedRoster;

beforeAll(async () => {
  dir = tempDir();
  file = join(dir, '名册.xlsx');
  const rows: SheetCell[][] = [['职业技能等级认定人员名册'], [...HEADERS_21]];
  for (const [sheetRow, values] of CASES) {
    rows[sheetRow - 1] = rowIn(HEADERS_21, { 序号: sheetRow - 2, ...values });
  }
  await writeXlsx(file, rows);
  // Photos for every ID as typed, except the 缺照片 row's.
  const photoIds = CASES.map(([, v]) => v.证件号).filter((v): v is string => typeof v === 'string' && v !== ids[6]);
  await writePhotos(dir, [...new Set(photoIds)]);
  prepared = await prepareRoster({ institution: institution(), file, photos: dir, issueDate: '2021-06-30' });
});

describe('a roster with many kinds of faulty rows', () => {
  it('names every faulty cell with its exact row, column and code, and issues nothing', () => {
    const expected = CASES.flatMap(([row, , issues]) => issues.map(([column, code]) => ({ row, column, code })));
    expect(new Set(expected.map((e) => e.code)).size).toBeGreaterThanOrEqual(10);
    expect(prepared.errors.map((e) => ({ row: e.row, column: e.column, code: e.code }))).toEqual(expected);
    expect(prepared.items).toEqual([]);
    expect(prepared.rows).toBe(CASES.length);
  });

  it('every issue carries the Chinese header as found, a pointer into the rows, both languages and the cell value', () => {
    for (const e of prepared.errors) {
      expect(e.pointer).toBe(`/${e.row - 3}/${e.column}`);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.en).toMatch(/[A-Za-z]{3}/);
    }
    const byCode = (c: string) => prepared.errors.find((e) => e.code === c)!;
    expect(byCode('ID_CHECKSUM')).toMatchObject({ header: '证件号', value: withBadCheck(ids[1]!) });
    expect(byCode('ROSTER_PHOTO_MISSING')).toMatchObject({ header: '照片', zh: expect.stringContaining(ids[6]!) });
    expect(byCode('ROSTER_LEVEL_OUT_OF_SCOPE').zh).toContain('5、4、3、2');
    expect(byCode('ROSTER_JOB_REQUIRED').zh).toContain('数控车床、普通车床');
    expect(byCode('ROSTER_INSTITUTION_CODE_MISMATCH')).toMatchObject({ header: '评价机构编码', value: 'Y000041030005' });
    expect(byCode('ROSTER_DATE_FORMAT')).toMatchObject({ header: '入职时间', value: '2021-13-01' });
    expect(byCode('ROSTER_DUPLICATE_ID').zh).toContain('7、8');
  });

  it('the XLSX error report marks exactly the faulty cells red with a zh + en note and lists every problem per row', async () => {
    const out = join(dir, 'report');
    const paths = await writeRosterErrorReport(prepared, file, out);
    expect(paths).toEqual({ xlsx: join(out, '名册.errors.xlsx'), json: join(out, '名册.errors.json') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(paths.xlsx);
    const ws = wb.worksheets[0]!;
    const col = (h: string) => HEADERS_21.indexOf(h as Header) + 1;
    const COL: Record<string, number> = {
      idNumber: col('证件号'), photo: col('证件号'), birthDate: col('出生日期'), level: col('职业技能等级'), occupationCode: col('职业编码'),
      job: col('工种名称'), hireDate: col('入职时间'), institutionCode: col('评价机构编码'), gender: col('性别'), certificateNumber: col('证书编号'),
      employer: col('所在单位'), institutionName: col('评价机构名称'), occupationName: col('职业名称'), name: col('姓名'), issueDate: col('发证日期'),
    };
    const errorsCol = HEADERS_21.length + 1;
    expect(ws.getRow(2).getCell(errorsCol).value).toBe(ERRORS_COLUMN_HEADER);
    const marked = new Set<string>();
    for (const e of prepared.errors) {
      const cell = ws.getRow(e.row).getCell(COL[e.column!]!);
      marked.add(`${e.row}:${COL[e.column!]}`);
      expect(cell.fill, `${e.row} ${e.column}`).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: ERROR_FILL_ARGB } });
      const note = cell.note as unknown as { texts: { text: string }[] } | string;
      const noteText = typeof note === 'string' ? note : note.texts.map((t) => t.text).join('');
      expect(noteText).toContain(e.zh);
      expect(noteText).toContain(e.en);
      expect(String(ws.getRow(e.row).getCell(errorsCol).value)).toContain(e.zh);
    }
    // Nothing else is marked: the good row and every other cell of the data rows are untouched.
    for (let r = 3; r <= 23; r++) {
      for (let c = 1; c <= HEADERS_21.length; c++) {
        const fill = ws.getRow(r).getCell(c).fill as { fgColor?: { argb?: string } } | undefined;
        if (!marked.has(`${r}:${c}`)) expect(fill?.fgColor?.argb, `${r}:${c}`).not.toBe(ERROR_FILL_ARGB);
      }
    }
    expect(ws.getRow(3).getCell(errorsCol).value ?? null).toBeNull();
    expect(ws.getRow(1).getCell(1).value).toBe('职业技能等级认定人员名册');
    const json = JSON.parse(readFileSync(paths.json, 'utf8')) as { errorCount: number; errors: unknown[]; source: { sha256: string } };
    expect(json.errorCount).toBe(prepared.errors.length);
    expect(json.errors).toEqual(JSON.parse(JSON.stringify(prepared.errors)));
    expect(json.source.sha256).toBe(prepared.source.sha256);
  });

  it('the same roster without the faulty rows prepares every row', async () => {
    const good = join(dir, 'good.xlsx');
    const okIds = [ids[0]!, ids[19]!];
    await writePhotos(dir, okIds);
    await writeXlsx(good, [[...HEADERS_21], rowIn(HEADERS_21, base('合格甲', okIds[0]!, birthOf(okIds[0]!), '男')), rowIn(HEADERS_21, base('合格乙', okIds[1]!, birthOf(okIds[1]!), '男', { 职业技能等级: 2 }))]);
    const p = await prepareRoster({ institution: institution(), file: good, photos: dir, issueDate: '2021-06-30' });
    expect(p.errors).toEqual([]);
    expect(p.items.map((i) => [i.row, i.subject, i.counterKey, i.level])).toEqual([
      [2, okIds[0], 'Y000041030001214', 4],
      [3, okIds[1], 'Y000041030001212', 2],
    ]);
  });
});

describe('branches and supervisor cards', () => {
  it('a branch roster renders 样式二 with the branch seal and numbers with the branch code', async () => {
    const d = tempDir();
    const id = citizenId('1990-03-15', 123);
    const f = join(d, 'r.json');
    writeFileSync(f, JSON.stringify([{ institutionCode: 'Y000041030018', name: '王建军', idNumber: id, occupationCode: '6-18-01-01', occupationName: '车工', job: '数控车床', level: '三级' }]));
    await writePhotos(d, [id]);
    const p = await prepareRoster({ institution: institution('henan-enterprise-branch'), file: f, photos: d, issueDate: '2021-06-30', branch: '河南豫华重工有限公司洛阳分公司' });
    expect(p.errors).toEqual([]);
    expect(p.formId).toBe('national-skill-certificate-2021-style-2');
    expect(p.items[0]!.counterKey).toBe('Y000041030018213');
    expect(p.items[0]!.record).toMatchObject({ institution: { name: '河南豫华重工有限公司', code: 'Y000041030002' }, branch: { name: '河南豫华重工有限公司洛阳分公司', code: 'Y000041030018', seal: { mediaType: 'image/png' } } });
    expect(p.numberFor('Y000041030018213', 12)).toBe('Y000041030018213000012');
  });

  it('a supervisor-card roster (JSON) numbers 内督 cards per issuer and year', async () => {
    const d = tempDir();
    const id = citizenId('1985-07-08', 264);
    const f = join(d, 'cards.json');
    writeFileSync(f, JSON.stringify([{ name: '李娜', gender: '女', idNumber: id, workUnit: '河南豫华重工机械有限公司' }, { name: '赵六', gender: '男', idNumber: id, workUnit: '' }]));
    await writePhotos(d, [id]);
    const p = await prepareRoster({ institution: institution(), file: f, photos: d, issueDate: '2021-10-08', kind: 'supervisor-card' });
    expect(p.formId).toBe('supervisor-id-card');
    expect(p.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, 'idNumber', 'ROSTER_DUPLICATE_ID'],
      [2, 'gender', 'ID_SEX_MISMATCH'],
      [2, 'idNumber', 'ROSTER_DUPLICATE_ID'],
      [2, 'workUnit', 'ROSTER_CELL_REQUIRED'],
    ]);
    // JSON source: the report is a sheet with the canonical headers in row 1, item n at row n + 1.
    const report = await writeRosterErrorReport(p, f, join(d, 'out'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(5).value).toBe('证件号');
    expect(ws.getRow(3).getCell(5).value).toBe(id);
    expect(ws.getRow(3).getCell(5).fill).toMatchObject({ fgColor: { argb: ERROR_FILL_ARGB } });
    expect(ws.getRow(3).getCell(3).fill).toMatchObject({ fgColor: { argb: ERROR_FILL_ARGB } });
    expect(String(ws.getRow(3).getCell(9).value)).toContain('【工作单位】');
    writeFileSync(f, JSON.stringify([{ name: '李娜', gender: '女', idNumber: id, workUnit: '河南豫华重工机械有限公司' }]));
    const ok = await prepareRoster({ institution: institution(), file: f, photos: d, issueDate: '2021-10-08', kind: 'supervisor-card' });
    expect(ok.errors).toEqual([]);
    expect(ok.items[0]).toMatchObject({ counterKey: 'Y:Y000041030001:21', maxSerial: 9999, record: { card: { kind: '内督', issueDate: '2021-10-08' }, issuer: { code: 'Y000041030001' } } });
    expect(ok.numberPointer).toBe('/card/number');
    expect(ok.numberFor('Y:Y000041030001:21', 1)).toBe('Y030001210001');
  });
});
