/**
 * Roster readers: XLSX with title rows, reordered columns and header cells written with line breaks,
 * full-width spaces and half-width parentheses, Excel date cells; CSV (UTF-8 with BOM); JSON rows
 * keyed by column id; the column errors; cell normalisation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors/user-error.js';
import { formRegistry } from '../../../src/forms/registry.js';
import { parseDateCell, parseLevelCell, parseOccupationSince, parseIdNumber } from '../../../src/issuance/roster/cells.js';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS } from '../../../src/issuance/roster/columns.js';
import { prepareRoster } from '../../../src/issuance/roster/prepare.js';
import { readRoster } from '../../../src/issuance/roster/read.js';
import { citizenId, institution, tempDir, writePhotos, writeXlsx } from './fixtures.js';

const spec = { columns: ROSTER_COLUMNS, required: REQUIRED_ROSTER_COLUMNS };

const userErrorOf = async (p: Promise<unknown>): Promise<UserError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
};

describe('XLSX reader', () => {
  it('finds the header below title rows, in any order, with line breaks, full-width spaces and ASCII parentheses; reads Excel dates', async () => {
    const dir = tempDir();
    const a = citizenId('1990-03-15', 123);
    const b = citizenId('1985-07-08', 264);
    const file = await writeXlsx(join(dir, 'roster.xlsx'), [
      ['职业技能等级认定人员名册'],
      ['填报单位：河南豫华重工机械有限公司', null, null, '填报日期：2021年6月30日'],
      ['姓　名', '证件号', '职业技能\n等级', '评价\n机构\n编码', '职业名称', '工种名称', '职业编码', '出生日期', '从事本职业(工种)时间', ' 性 别 ', '发证日期'],
      ['王建军', a, '三级/高级工', 'Y000041030001', '车工', '数控车床', '6-18-01-01', new Date(Date.UTC(1990, 2, 15)), '6年', '男', null],
      [null, null, null, null, null, null, null, null, null, null, null],
      ['李娜', b, 5, ' Y000041030001 ', '钳工', null, '6-20-01-01', '1985年7月8日', new Date(Date.UTC(2012, 8, 1)), '女', '2021.06.30'],
      [],
      [],
    ]);
    const raw = await readRoster(file, spec);
    expect(raw.format).toBe('xlsx');
    expect(raw.layout.headerRow).toBe(3);
    expect(raw.layout.columns).toMatchObject({ name: 1, idNumber: 2, level: 3, institutionCode: 4, occupationName: 5, job: 6, occupationCode: 7, birthDate: 8, occupationSince: 9, gender: 10, issueDate: 11 });
    expect(raw.layout.headers.level).toBe('职业技能 等级');
    expect(raw.rows.map((r) => r.row)).toEqual([4, 6]);
    expect(raw.rows[0]!.cells.birthDate).toBeInstanceOf(Date);

    await writePhotos(dir, [a, b]);
    const prepared = await prepareRoster({ institution: institution(), file, photos: dir, issueDate: '2021-06-30' });
    expect(prepared.errors).toEqual([]);
    expect(prepared.items).toHaveLength(2);
    const [first, second] = prepared.items;
    expect(first!.row).toBe(4);
    expect(first!.counterKey).toBe('Y000041030001213');
    expect(first!.maxSerial).toBe(999_999);
    expect(first!.record).toMatchObject({
      certificate: { issueDate: '2021-06-30' },
      holder: { name: '王建军', idNumber: a, idType: '居民身份证', gender: '男', birthDate: '1990-03-15', photo: { mediaType: 'image/jpeg' } },
      occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' },
      level: 3,
      institution: { name: '河南豫华重工机械有限公司', code: 'Y000041030001', institutionType: 'enterprise' },
    });
    expect(first!.record).not.toHaveProperty('certificate.number');
    expect(first!.cells).toMatchObject({ occupationSince: '6年', level: '3', institutionCode: 'Y000041030001' });
    expect(second!.counterKey).toBe('Y000041030001215');
    expect(second!.record).toMatchObject({ holder: { birthDate: '1985-07-08' }, occupation: { name: '钳工' }, level: 5 });
    expect(second!.cells).toMatchObject({ occupationSince: '2012-09-01', issueDate: '2021-06-30' });
    expect(prepared.numberPointer).toBe('/certificate/number');
    expect(prepared.numberFor('Y000041030001213', 7)).toBe('Y000041030001213000007');
    expect(() => prepared.numberFor('Y000041030001213', 1_000_000)).toThrow(UserError);
    expect(() => prepared.numberFor('Y000041030001203', 1)).toThrow(RangeError);
  });

  it('names missing required columns and unknown columns', async () => {
    const dir = tempDir();
    const missing = await writeXlsx(join(dir, 'missing.xlsx'), [['姓名', '证件号', '职业名称', '工种名称'], ['张三', citizenId('1990-01-01', 11), '钳工', null]]);
    const e1 = await userErrorOf(readRoster(missing, spec));
    expect(e1.issues[0]).toMatchObject({ code: 'ROSTER_COLUMNS_MISSING', params: { columns: '职业技能等级' } });
    const unknown = await writeXlsx(join(dir, 'unknown.xlsx'), [['姓名', '证件号', '职业名称', '职业技能等级', '备注'], ['张三', citizenId('1990-01-01', 11), '钳工', '五级', 'x']]);
    const e2 = await userErrorOf(readRoster(unknown, spec));
    expect(e2.issues[0]).toMatchObject({ code: 'ROSTER_COLUMNS_UNKNOWN', params: { columns: '“备注”' } });
    const none = await writeXlsx(join(dir, 'none.xlsx'), [['a', 'b'], ['c', 'd']]);
    expect((await userErrorOf(readRoster(none, spec))).issues[0]!.code).toBe('ROSTER_HEADER_NOT_FOUND');
    writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
    expect((await userErrorOf(readRoster(join(dir, 'broken.xlsx'), spec))).issues[0]!.code).toBe('ROSTER_UNREADABLE');
    expect((await userErrorOf(readRoster(join(dir, 'roster.ods'), spec))).issues[0]!.code).toBe('ROSTER_FORMAT_UNSUPPORTED');
  });
});

describe('CSV reader', () => {
  it('reads UTF-8 with BOM, a title line, quoted multi-line header cells and reordered columns', async () => {
    const dir = tempDir();
    const a = citizenId('1990-03-15', 123);
    const csv = [
      '职业技能等级认定人员名册,,,,',
      `"职业技能\n等级",职业名称,工种名称,姓名,证件号码,出生日期`,
      `四级/中级工,车工,数控车床,王建军,${a.slice(0, 17)}${a[17]!.toLowerCase()},1990/3/15`,
      ',,,,,',
    ].join('\r\n');
    const file = join(dir, 'roster.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]));
    const raw = await readRoster(file, spec);
    expect(raw.format).toBe('csv');
    expect(raw.layout.headerRow).toBe(2);
    expect(raw.rows).toHaveLength(1);
    expect(raw.rows[0]).toMatchObject({ row: 3, index: 0, cells: { level: '四级/中级工', name: '王建军', birthDate: '1990/3/15' } });
    await writePhotos(dir, [a]);
    const prepared = await prepareRoster({ institution: institution(), file, photos: dir, issueDate: '2021-06-30' });
    expect(prepared.errors).toEqual([]);
    expect(prepared.items[0]!.record).toMatchObject({ holder: { idNumber: a, birthDate: '1990-03-15' }, level: 4 });
    expect(prepared.source.format).toBe('csv');
    expect(prepared.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('JSON reader', () => {
  it('reads rows keyed by column id (JSON row n = item n-1) and refuses unknown keys', async () => {
    const dir = tempDir();
    const a = citizenId('1990-03-15', 123);
    const file = join(dir, 'roster.json');
    writeFileSync(file, JSON.stringify([{ name: '王建军', idNumber: a, occupationCode: '6-20-01-01', occupationName: '钳工', level: '二级' }]));
    await writePhotos(dir, [a]);
    const prepared = await prepareRoster({ institution: institution(), file, photos: dir, issueDate: '2021-06-30' });
    expect(prepared.errors).toEqual([]);
    expect(prepared.items[0]).toMatchObject({ row: 1, counterKey: 'Y000041030001212', level: 2 });
    writeFileSync(file, JSON.stringify([{ name: '王建军', idNo: a }]));
    const e = await userErrorOf(readRoster(file, spec));
    expect(e.issues[0]).toMatchObject({ code: 'ROSTER_COLUMNS_UNKNOWN', params: { columns: '“idNo”' } });
    writeFileSync(file, JSON.stringify({ name: 'x' }));
    expect((await userErrorOf(readRoster(file, spec))).issues[0]!.code).toBe('ROSTER_JSON_SHAPE');
  });
});

describe('cell normalisation', () => {
  it('dates: Excel date cells and serials, YYYY-MM-DD, YYYY年M月D日, YYYY.MM.DD, YYYY/M/D, full-width digits', () => {
    const ok = (v: Parameters<typeof parseDateCell>[0]) => {
      const r = parseDateCell(v);
      return r.ok ? r.value : r.code;
    };
    expect(ok(new Date(Date.UTC(2021, 5, 30)))).toBe('2021-06-30');
    expect(ok(44377)).toBe('2021-06-30');
    expect(ok('2021-06-30')).toBe('2021-06-30');
    expect(ok('2021年6月30日')).toBe('2021-06-30');
    expect(ok('2021.06.30')).toBe('2021-06-30');
    expect(ok('2021/6/30')).toBe('2021-06-30');
    expect(ok('２０２１－０６－３０')).toBe('2021-06-30');
    expect(ok('2021-06-30 00:00:00')).toBe('2021-06-30');
    expect(ok('2021-02-30')).toBe('ROSTER_DATE_FORMAT');
    expect(ok('30/06/2021')).toBe('ROSTER_DATE_FORMAT');
    expect(ok('去年')).toBe('ROSTER_DATE_FORMAT');
  });

  it('levels: 1–5, 一级…五级, 高级技师…初级工, 五级/初级工, 初级工（五级）', () => {
    const lv = (v: string | number) => {
      const r = parseLevelCell(v);
      return r.ok ? r.value : r.code;
    };
    expect([lv(1), lv('5'), lv('一级'), lv('技师'), lv('高级工'), lv('四级/中级工'), lv('五级 / 初级工'), lv('初级工（五级）'), lv('五级(初级工)')]).toEqual([1, 5, 1, 2, 3, 4, 5, 5, 5]);
    expect(lv('六级')).toBe('ROSTER_LEVEL_FORMAT');
    expect(lv('特级技师')).toBe('ROSTER_LEVEL_FORMAT');
    expect(lv('初级工（四级）')).toBe('ROSTER_LEVEL_FORMAT');
    expect(lv(6)).toBe('ROSTER_LEVEL_FORMAT');
  });

  it('ID numbers: NFKC, spaces removed, x upper-cased; an 18-digit number cell has lost digits', () => {
    expect(parseIdNumber(' １１０１０５１９４９１２３１００２x ')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber(110105194912310020)).toMatchObject({ ok: false, code: 'ROSTER_ID_PRECISION_LOST' });
  });

  it('从事本职业（工种）时间: a date or a duration in years', () => {
    expect(parseOccupationSince('2015-09-01')).toEqual({ ok: true, value: '2015-09-01' });
    expect(parseOccupationSince('6年3个月')).toEqual({ ok: true, value: '6年3个月' });
    expect(parseOccupationSince(6.5)).toEqual({ ok: true, value: '6.5' });
    expect(parseOccupationSince('很久')).toMatchObject({ ok: false, code: 'ROSTER_OCCUPATION_SINCE_FORMAT' });
  });
});

describe('the 名册 columns', () => {
  it('roster import reads the columns of the shandong-certified-personnel-roster schema, in its order', () => {
    const form = formRegistry().get('shandong-certified-personnel-roster')!;
    const schema = JSON.parse(readFileSync(`${form.dir}/form.schema.json`, 'utf8')) as { properties: { rows: { items: { properties: Record<string, { title?: string }> } } } };
    const props = schema.properties.rows.items.properties;
    expect(Object.keys(props)).toEqual(ROSTER_COLUMNS.map((c) => c.id));
    for (const c of ROSTER_COLUMNS) if (props[c.id]!.title !== undefined) expect(props[c.id]!.title, c.id).toBe(c.header);
  });
});
