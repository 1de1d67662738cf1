/**
 * Generates a Shandong-layout 名册 (catalogue §4.1, 21 columns) as XLSX with a photo folder, for
 * the institution of schemas/issuance/examples/national-enterprise.json (filed scope: 车工/数控车床
 * 5、4、3; 车工/普通车床 5、4; 钳工 5、4、3、2). Photos are small JPEGs made with sharp, one per
 * person (each a different colour, so each certificate embeds its own image).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { certificateText } from '../../../src/codes/index.js';
import { projectRoot } from '../../../src/paths.js';
import { people } from '../batch/fixtures.js';
import { HEADERS_21 as HEADERS } from '../roster/fixtures.js';

export const INSTITUTION_FILE = join(projectRoot, 'schemas/issuance/examples/national-enterprise.json');
export const INSTITUTION_ID = 'yuhua-machinery';
export const INSTITUTION = { code: 'Y000041030001', name: '河南豫华重工机械有限公司' };

const SCOPE = [
  { occupation: { code: '6-18-01-01', name: '车工', job: '数控车床' }, levels: [5, 4, 3] },
  { occupation: { code: '6-18-01-01', name: '车工', job: '普通车床' }, levels: [5, 4] },
  { occupation: { code: '6-20-01-01', name: '钳工' }, levels: [5, 4, 3, 2] },
] as const;

export interface GeneratedRoster {
  readonly file: string;
  readonly photos: string;
  readonly ids: string[];
}

/** n rows; `mutate(row, i)` may change a row's cells (by header) to make a faulty roster. */
export async function generateRoster(dir: string, n: number, mutate?: (row: Record<string, string>, i: number) => void): Promise<GeneratedRoster> {
  const ps = people(n);
  const photos = join(dir, 'photos');
  mkdirSync(photos, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['职业技能等级认定人员名册']);
  ws.addRow(HEADERS);
  for (const [i, p] of ps.entries()) {
    const s = SCOPE[i % SCOPE.length]!;
    const level = s.levels[i % s.levels.length]!;
    const row: Record<string, string> = {
      序号: String(i + 1), 评价机构编码: INSTITUTION.code, 评价机构名称: INSTITUTION.name, 姓名: p.name, 证件类型: '居民身份证', 证件号: p.idNumber,
      性别: p.gender, 出生日期: p.birthDate, 联系电话: `138${String(10_000_000 + i).slice(-8)}`, 电子邮箱: '', 是否本企业职工: '是', 所在单位: '',
      '从事本职业（工种）时间': String(3 + (i % 10)), 所在岗位: s.occupation.name, 入职时间: '2015-07-01', 职业编码: s.occupation.code, 职业名称: s.occupation.name,
      工种名称: 'job' in s.occupation ? s.occupation.job : '', 职业技能等级: certificateText(level), 证书编号: '', 发证日期: '',
    };
    mutate?.(row, i);
    const r = ws.addRow(HEADERS.map((h) => row[h] ?? ''));
    r.eachCell((c) => (c.numFmt = '@'));
    const colour = { r: 40 + (i * 7) % 200, g: 60 + (i * 13) % 180, b: 80 + (i * 29) % 160 };
    writeFileSync(join(photos, `${p.idNumber}.jpg`), await sharp({ create: { width: 50, height: 70, channels: 3, background: colour } }).jpeg({ quality: 60 }).toBuffer());
  }
  const file = join(dir, 'roster.xlsx');
  await wb.xlsx.writeFile(file);
  return { file, photos, ids: ps.map((p) => p.idNumber) };
}
