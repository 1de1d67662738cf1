/**
 * The batch part of `demo`: the main job on embedded sample data. Registers the example institution
 * and the example 外督 card issuer in a demo registry, writes a 12-person roster (JSON, the 名册
 * columns) and a 4-person card roster with photos named by ID number, and issues both through the
 * same code path as `sef issue` — numbered in one transaction, chunked PDFs, the completed 名册
 * (XLSX + PDF) and manifest.json. Everything lives under <out>/batch-demo/, registry included (a
 * demo registry; real registries never live in output/). Each run starts from an empty demo folder,
 * so the numbers are the same every time.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { citizenIdCheckChar } from '../../codes/index.js';
import { schemasDir, formsDir } from '../../paths.js';
import type { Engine } from '../../pipeline/engine.js';
import { loadInstitutionFile } from '../../issuance/institution.js';
import { openStore } from '../../issuance/store/open-store.js';
import { prepareRoster } from '../../issuance/roster/prepare.js';
import { issueRoster } from '../../issuance/batch/issue-roster.js';
import { SystemError } from '../../errors/user-error.js';

const ISSUE_DATE = '2024-06-28';
const PHOTOS = ['photo-1.jpg', 'photo-2.jpg'].map((f) => join(formsDir, 'national-skill-certificate-2021-style-1', 'examples', 'assets', f));

/** A valid GB 11643 number for a 410305 (洛阳市西工区) resident born on `birth` (YYYYMMDD), sequence `seq`. */
const idNumber = (birth: string, seq: number, male: boolean): string => {
  const s = String(seq * 2 + (male ? 1 : 0)).padStart(3, '0');
  const body = `410305${birth}${s}`;
  return body + citizenIdCheckChar(body);
};

const PEOPLE: readonly { name: string; male: boolean; birth: string; occupation: [string, string, string]; level: string }[] = [
  { name: '王建军', male: true, birth: '19900315', occupation: ['6-18-01-01', '车工', '数控车床'], level: '三级/高级工' },
  { name: '李秀英', male: false, birth: '19920704', occupation: ['6-18-01-01', '车工', '数控车床'], level: '四级/中级工' },
  { name: '张伟', male: true, birth: '19881122', occupation: ['6-18-01-01', '车工', '普通车床'], level: '五级/初级工' },
  { name: '刘洋', male: true, birth: '19950218', occupation: ['6-18-01-01', '车工', '普通车床'], level: '四级/中级工' },
  { name: '陈静', male: false, birth: '19930509', occupation: ['6-20-01-01', '钳工', ''], level: '二级/技师' },
  { name: '杨帆', male: true, birth: '19910830', occupation: ['6-20-01-01', '钳工', ''], level: '三级/高级工' },
  { name: '赵敏', male: false, birth: '19970112', occupation: ['6-20-01-01', '钳工', ''], level: '五级/初级工' },
  { name: '黄磊', male: true, birth: '19860627', occupation: ['6-18-01-01', '车工', '数控车床'], level: '三级/高级工' },
  { name: '周婷', male: false, birth: '19960903', occupation: ['6-20-01-01', '钳工', ''], level: '四级/中级工' },
  { name: '吴强', male: true, birth: '19890416', occupation: ['6-18-01-01', '车工', '数控车床'], level: '五级/初级工' },
  { name: '欧阳明', male: true, birth: '19940721', occupation: ['6-20-01-01', '钳工', ''], level: '三级/高级工' },
  { name: '孙丽', male: false, birth: '19981230', occupation: ['6-18-01-01', '车工', '普通车床'], level: '五级/初级工' },
];

const SUPERVISORS: readonly { name: string; male: boolean; birth: string; workUnit: string }[] = [
  { name: '郭志刚', male: true, birth: '19750308', workUnit: '洛阳市职业技能鉴定中心' },
  { name: '马丽华', male: false, birth: '19800614', workUnit: '郑州市人力资源和社会保障局' },
  { name: '阿不都热合曼·买买提', male: true, birth: '19780925', workUnit: '河南省职业技能鉴定指导中心' },
  { name: '何静', male: false, birth: '19830117', workUnit: '开封市技工学校' },
];

export interface DemoBatchRow {
  readonly file: string;
  readonly pages: number;
  readonly records: number;
  readonly note: string;
}

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

export async function demoBatch(engine: Engine, outRoot: string): Promise<DemoBatchRow[]> {
  const root = join(outRoot, 'batch-demo');
  rmSync(root, { recursive: true, force: true });
  const photos = join(root, 'photos');
  mkdirSync(photos, { recursive: true });

  const certRows = PEOPLE.map((p, i) => {
    const id = idNumber(p.birth, 10 + i, p.male);
    copyFileSync(PHOTOS[i % PHOTOS.length]!, join(photos, `${id}.jpg`));
    return {
      seq: String(i + 1), name: p.name, idType: '居民身份证', idNumber: id, gender: p.male ? '男' : '女', birthDate: iso(p.birth),
      isEmployee: '是', occupationCode: p.occupation[0], occupationName: p.occupation[1], ...(p.occupation[2] ? { job: p.occupation[2] } : {}), level: p.level,
    };
  });
  const cardRows = SUPERVISORS.map((p, i) => {
    const id = idNumber(p.birth, 40 + i, p.male);
    copyFileSync(PHOTOS[i % PHOTOS.length]!, join(photos, `${id}.jpg`));
    return { name: p.name, gender: p.male ? '男' : '女', idType: '居民身份证', idNumber: id, birthDate: iso(p.birth), workUnit: p.workUnit };
  });
  const certRoster = join(root, 'roster.json');
  const cardRoster = join(root, 'supervisors.json');
  writeFileSync(certRoster, JSON.stringify(certRows, null, 2) + '\n');
  writeFileSync(cardRoster, JSON.stringify(cardRows, null, 2) + '\n');

  const store = await openStore(`sqlite:${join(root, 'registry.sqlite')}`);
  const rows: DemoBatchRow[] = [];
  try {
    const jobs = [
      { institution: 'national-enterprise.json', roster: certRoster, kind: 'certificate' as const, out: 'certificates' },
      { institution: 'henan-hrss-external-supervisors.json', roster: cardRoster, kind: 'supervisor-card' as const, out: 'supervisor-cards' },
    ];
    for (const job of jobs) {
      const institution = await store.putInstitution(loadInstitutionFile(join(schemasDir, 'issuance', 'examples', job.institution)), 'demo');
      const prepared = await prepareRoster({ institution, file: job.roster, photos, issueDate: ISSUE_DATE, kind: job.kind });
      const outcome = await issueRoster({ store, engine, institution, prepared, outDir: join(root, job.out), actor: 'demo' });
      if (!outcome.ok) throw new SystemError('DEMO_FAILED', `the demo ${job.kind} roster did not validate: ${outcome.errors.map((e) => `${e.pointer} ${e.code}`).join(', ')}`);
      const m = outcome.manifest;
      for (const f of m.files)
        rows.push({
          file: relative(process.cwd(), join(root, job.out, f.path)),
          pages: 'pages' in f ? f.pages : 0,
          records: 'numbers' in f ? m.counts.documents : 0,
          note: 'numbers' in f ? `${f.numbers.first} … ${f.numbers.last}` : f.role,
        });
    }
    const ledger = await store.verifyLedger();
    rows.push({ file: relative(process.cwd(), join(root, 'registry.sqlite')), pages: 0, records: 0, note: `demo registry; ledger ${ledger.ok ? 'OK' : 'BROKEN'} (${ledger.entries} entries)` });
  } finally {
    await store.close();
  }
  return rows;
}
