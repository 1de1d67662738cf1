/**
 * Test fixtures for roster import, generated at test time: valid resident ID numbers (GB 11643 check
 * character computed), small JPEG photos made with sharp, XLSX/CSV rosters written with exceljs, and
 * the example institutions of schemas/issuance/examples.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { citizenIdCheckChar } from '../../../src/codes/index.js';
import { loadInstitutionFile } from '../../../src/issuance/institution.js';
import { projectRoot } from '../../../src/paths.js';
import type { InstitutionRecord } from '../../../src/issuance/store/types.js';

export const tempDir = (prefix = 'sef-roster-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A valid 18-character resident ID: region 410305 (洛阳市涧西区), birth date, sequence (odd = male). */
export const citizenId = (birth: string, seq: number, region = '410305'): string => {
  const body = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + citizenIdCheckChar(body);
};

/** The same ID with a wrong check character. */
export const withBadCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

let jpeg: Buffer | undefined;
/** A small white 1寸-ratio JPEG (generated once per process). */
export const photoJpeg = async (): Promise<Buffer> =>
  (jpeg ??= await sharp({ create: { width: 50, height: 70, channels: 3, background: { r: 255, g: 255, b: 255 } } }).jpeg({ quality: 60 }).toBuffer());

export const writePhotos = async (dir: string, ids: readonly string[]): Promise<void> => {
  const bytes = await photoJpeg();
  for (const id of ids) writeFileSync(join(dir, `${id}.jpg`), bytes);
};

export const institution = (example: 'national-enterprise' | 'henan-enterprise-branch' = 'national-enterprise'): InstitutionRecord => ({
  ...loadInstitutionFile(join(projectRoot, 'schemas/issuance/examples', `${example}.json`)),
  updatedAt: '2021-06-30T00:00:00.000Z',
});

export type SheetCell = string | number | Date | null;

/** Writes an XLSX with the given rows (row 1 first); returns the path. */
export const writeXlsx = async (file: string, rows: readonly (readonly SheetCell[])[]): Promise<string> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, c) => {
      if (v !== null) row.getCell(c + 1).value = v;
    });
  });
  await wb.xlsx.writeFile(file);
  return file;
};

/** The 21 headers of catalogue §4.1 in the seed's order. */
export const HEADERS_21 = [
  '序号', '评价机构编码', '评价机构名称', '姓名', '证件类型', '证件号', '性别', '出生日期', '联系电话', '电子邮箱',
  '是否本企业职工', '所在单位', '从事本职业（工种）时间', '所在岗位', '入职时间', '职业编码', '职业名称', '工种名称',
  '职业技能等级', '证书编号', '发证日期',
] as const;
export type Header = (typeof HEADERS_21)[number];

/** A row as header → value, laid out in the given header order. */
export const rowIn = (headers: readonly string[], values: Partial<Record<Header, SheetCell>>): SheetCell[] =>
  headers.map((h) => (values as Record<string, SheetCell>)[h.replace(/[\s\u3000]/g, '')] ?? null);

/**
 * A minimal ZIP writer (stored entries, no compression) so tests can build archives with any entry
 * name — including hostile ones no archiver would write, such as `../evil.jpg`.
 */
export const zipStored = (entries: readonly { name: string; data: Buffer }[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlibCrc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, e.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.name.endsWith('/') ? 0x10 : 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
};
const zlibCrc32 = (b: Buffer): number => crc32(b) >>> 0;
