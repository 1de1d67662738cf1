/**
 * Supervisor cards issued by card-issuing bodies through the whole workflow (prepareRoster →
 * issueRoster → temp SQLite registry → imposed A4 PDF), R-SC-1..3: 外督 serials per HRSS authority
 * and year (河南 41 and 人社部 00 count independently), 内督 serials of an industry department, a
 * second batch continuing the series; and the CLI (institution add + issue --kind supervisor-card),
 * which refuses a certificate batch for such a body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/pipeline/engine.js';
import { openStore } from '../../../src/issuance/store/open-store.js';
import type { InstitutionRecord, IssuanceStore } from '../../../src/issuance/store/types.js';
import { issueRoster, type IssueOutcome, type IssueSuccess } from '../../../src/issuance/batch/issue-roster.js';
import type { BatchManifest } from '../../../src/issuance/batch/manifest.js';
import { loadInstitutionFile, toInstitutionRecord } from '../../../src/issuance/institution.js';
import { prepareRoster } from '../../../src/issuance/roster/prepare.js';
import { projectRoot } from '../../../src/paths.js';
import { pageBoxes } from '../../helpers/pdf-read.js';
import { citizenId, writePhotos } from '../roster/fixtures.js';
import { numbersInPdf, tempDir } from './fixtures.js';

const HENAN_FILE = join(projectRoot, 'schemas/issuance/examples/henan-hrss-external-supervisors.json');
const INDUSTRY_FILE = join(projectRoot, 'schemas/issuance/examples/industry-dept-supervisors.json');
const MINISTRY = { id: 'mohrss-osta', name: '人力资源社会保障部职业技能鉴定中心', category: 'R', institutionType: 'hrss', code: '00' };
const A4 = { w: (210 / 25.4) * 72, h: (297 / 25.4) * 72 };

let engine: Engine;
let store: IssuanceStore;
let root: string;
let seq = 101;

beforeAll(async () => {
  root = tempDir('card-issuers');
  engine = createEngine({ poolSize: 1 });
  store = await openStore(join(root, 'registry.sqlite'));
  await store.putInstitution(loadInstitutionFile(HENAN_FILE), 'test');
  await store.putInstitution(loadInstitutionFile(INDUSTRY_FILE), 'test');
  await store.putInstitution(toInstitutionRecord(MINISTRY), 'test');
});
afterAll(async () => {
  await store?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A JSON card roster of n new people (unique ID numbers across the file) with their photos. */
async function cardRoster(tag: string, n: number): Promise<{ file: string; photos: string }> {
  const dir = join(root, tag);
  const rows = Array.from({ length: n }, (_, i) => {
    seq += 2; // odd sequence → 男
    return { name: `赵${'一二三四五六'[i]}`, gender: '男', idNumber: citizenId(`1978-0${1 + i}-2${i}`, seq), workUnit: '郑州豫华电子商务有限公司' };
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cards.json'), JSON.stringify(rows));
  await writePhotos(dir, rows.map((r) => r.idNumber));
  return { file: join(dir, 'cards.json'), photos: dir };
}

async function issueCards(institutionId: string, tag: string, n: number, issueDate: string): Promise<IssueSuccess> {
  const institution = (await store.getInstitution(institutionId)) as InstitutionRecord;
  const roster = await cardRoster(tag, n);
  const prepared = await prepareRoster({ institution, file: roster.file, photos: roster.photos, issueDate, kind: 'supervisor-card' });
  expect(prepared.errors).toEqual([]);
  const r: IssueOutcome = await issueRoster({ store, engine, institution, prepared, outDir: join(root, tag, 'out'), actor: 'test' });
  if (!r.ok) throw new Error(`batch ${tag} failed: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('card-issuing bodies issue through issueRoster', () => {
  it('河南 (R, 41) issues 外督 cards R4121 0001…: registry, counter key, imposed A4 PDF', async () => {
    const r = await issueCards('henan-hrss', 'henan-1', 3, '2021-09-15');
    expect(r.manifest).toMatchObject({ documentKind: 'supervisor-card', formId: 'supervisor-id-card', renderMode: 'imposed', institution: { id: 'henan-hrss', name: '河南省职业技能鉴定指导中心', code: '41' } });
    expect(r.manifest.numbers).toMatchObject({ first: 'R41210001', last: 'R41210003' });
    const docs = await store.listBatch(r.batchId);
    expect(docs.map((d) => [d.number, d.counterKey, d.serial])).toEqual([
      ['R41210001', 'R:41:21', 1],
      ['R41210002', 'R:41:21', 2],
      ['R41210003', 'R:41:21', 3],
    ]);
    expect(docs[0]!.record).toMatchObject({ card: { kind: '外督', number: 'R41210001' }, issuer: { name: '河南省职业技能鉴定指导中心', code: '41' } });
    const pdf = join(root, 'henan-1', 'out', 'supervisor-cards-001.pdf');
    const boxes = pageBoxes(pdf);
    expect(boxes.length).toBe(2); // 3 cards fit one 2 × 2 sheet: front sheet + back sheet
    for (const b of boxes) {
      expect(b.media[2]! - b.media[0]!).toBeCloseTo(A4.w, 0);
      expect(b.media[3]! - b.media[1]!).toBeCloseTo(A4.h, 0);
    }
    expect(numbersInPdf(pdf, /R\d{8}/g).sort()).toEqual(['R41210001', 'R41210002', 'R41210003']);
  });

  it('人社部 (R, 00) counts independently of 河南 in the same year; 河南 continues its own series', async () => {
    const ministry = await issueCards('mohrss-osta', 'ministry-1', 2, '2021-11-02');
    expect((await store.listBatch(ministry.batchId)).map((d) => [d.number, d.counterKey])).toEqual([
      ['R00210001', 'R:00:21'],
      ['R00210002', 'R:00:21'],
    ]);
    const henan = await issueCards('henan-hrss', 'henan-2', 2, '2021-12-01');
    expect((await store.listBatch(henan.batchId)).map((d) => d.number)).toEqual(['R41210004', 'R41210005']);
    const nextYear = await issueCards('henan-hrss', 'henan-3', 1, '2022-01-10');
    expect(nextYear.manifest.numbers.first).toBe('R41220001');
  });

  it('an industry department (H, 100001) issues 内督 cards H100001 22 0001…', async () => {
    const r = await issueCards('yuhua-machinery-assoc', 'industry-1', 2, '2022-03-01');
    const docs = await store.listBatch(r.batchId);
    expect(docs.map((d) => [d.number, d.counterKey])).toEqual([
      ['H100001220001', 'H:100001:22'],
      ['H100001220002', 'H:100001:22'],
    ]);
    expect(docs[1]!.record).toMatchObject({ card: { kind: '内督' }, issuer: { name: '豫华机械行业协会', code: '100001' } });
    expect(numbersInPdf(join(root, 'industry-1', 'out', 'supervisor-cards-001.pdf'), /H\d{12}/g).sort()).toEqual(['H100001220001', 'H100001220002']);
  });
});

describe('CLI: institution add + issue --kind supervisor-card', () => {
  const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
  const cli = (args: string[]) => spawnSync(tsx, [join(projectRoot, 'src/cli/main.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 300_000 });

  it('registers the 河南 HRSS body, issues its cards, and refuses a certificate batch for it (exit 2, bilingual, no stack)', async () => {
    const db = join(root, 'cli.sqlite');
    const add = cli(['institution', 'add', HENAN_FILE, '--db', db]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain('henan-hrss');
    const roster = await cardRoster('cli', 2);
    const out = join(root, 'cli', 'out');
    const refused = cli(['issue', 'henan-hrss', roster.file, '--photos', roster.photos, '-o', join(root, 'cli', 'refused'), '--issue-date', '2021-09-15', '--db', db]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('ROSTER_CARD_ISSUER_ONLY');
    expect(refused.stderr).toContain('只颁发质量督导员证卡，不能颁发证书');
    expect(refused.stderr).toContain('issues supervisor cards only, not certificates');
    expect(refused.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(root, 'cli', 'refused'))).toBe(false); // refused before anything is written
    const ok = cli(['issue', 'henan-hrss', roster.file, '--photos', roster.photos, '-o', out, '--issue-date', '2021-09-15', '--kind', 'supervisor-card', '--db', db]);
    expect(ok.status, ok.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BatchManifest;
    expect(manifest.numbers).toMatchObject({ first: 'R41210001', last: 'R41210002' });
    expect(numbersInPdf(join(out, 'supervisor-cards-001.pdf'), /R\d{8}/g).sort()).toEqual(['R41210001', 'R41210002']);
  });
});
