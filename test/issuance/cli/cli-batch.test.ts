/**
 * The batch commands as a clerk meets them (spawned CLI, temp SQLite registry): a faulty roster
 * issues nothing and writes the error report; an identical re-issue replays the same numbers;
 * reprint allocates nothing; void → verify shows voided; verify of an unknown number exits 2;
 * verify-ledger names the first tampered entry (exit 1); the monthly summary equals the registry's
 * counts with 小计/合计 checked; usage errors are bilingual and pointed, exit 2, no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { projectRoot } from '../../../src/paths.js';
import { openStore } from '../../../src/issuance/store/open-store.js';
import type { BatchManifest } from '../../../src/issuance/batch/manifest.js';
import { LIAONING_INSTITUTION, numbersInPdf, people, preparedCertificates, putInstitution, tempDir } from '../batch/fixtures.js';
import { generateRoster, INSTITUTION_FILE, INSTITUTION_ID } from './roster-gen.js';

const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) => spawnSync(tsx, [join(projectRoot, 'src/cli/main.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 600_000 });
const root = tempDir('cli');
const db = join(root, 'registry.sqlite');
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BatchManifest;
const noStack = (s: string) => expect(s).not.toMatch(/\bat .*\.ts:\d+/);
const countDocs = async () => {
  const store = await openStore(db);
  try {
    return (await store.listDocuments({})).length;
  } finally {
    await store.close();
  }
};

beforeAll(() => {
  const r = cli(['institution', 'add', INSTITUTION_FILE, '--db', db]);
  expect(r.status, r.stderr).toBe(0);
  const list = cli(['institution', 'list', '--json', '--db', db]);
  expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: INSTITUTION_ID, code: 'Y000041030001', profile: 'national' })]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sef issue', () => {
  it('issues nothing from a faulty roster and writes the error report naming the cells', async () => {
    const dir = join(root, 'faulty');
    const roster = await generateRoster(dir, 5, (row, i) => {
      if (i === 1) row['证件号'] = row['证件号']!.slice(0, 17) + (row['证件号']!.endsWith('0') ? '1' : '0');
      if (i === 3) row['职业技能等级'] = '一级/高级技师';
    });
    const out = join(dir, 'out');
    const r = cli(['issue', INSTITUTION_ID, roster.file, '--photos', roster.photos, '-o', out, '--issue-date', '2024-06-28', '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('名册有误，未发放任何证书 / The roster has errors; nothing was issued');
    expect(r.stderr).toMatch(/\n4\s+证件号\s+ID_CHECKSUM/); // sheet row 4 = data row 2 (title + header above)
    expect(r.stderr).toMatch(/\n6\s+职业技能等级\s+\S+/);
    noStack(r.stderr);
    const files = readdirSync(out);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.pdf') || f === 'manifest.json')).toEqual([]);
    expect(await countDocs()).toBe(0);
  });

  let first: BatchManifest;
  const rosterDir = join(root, 'small');
  it('issues a small roster, and an identical re-issue returns the same numbers and allocates nothing', async () => {
    const roster = await generateRoster(rosterDir, 6);
    const args = ['issue', INSTITUTION_ID, roster.file, '--photos', roster.photos, '--issue-date', '2024-06-28', '--db', db, '--chunk-size', '4'];
    const r1 = cli([...args, '-o', join(rosterDir, 'out1')]);
    expect(r1.status, r1.stderr).toBe(0);
    first = manifest(join(rosterDir, 'out1'));
    expect(first.counts).toMatchObject({ documents: 6, chunks: 2 });
    const r2 = cli([...args, '-o', join(rosterDir, 'out2')]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stdout).toContain('Replayed');
    const again = manifest(join(rosterDir, 'out2'));
    expect(again.batchId).toBe(first.batchId);
    expect(again.numbers).toEqual(first.numbers);
    expect(await countDocs()).toBe(6);
    const printed = again.files.filter((f) => f.role === 'documents').flatMap((f) => numbersInPdf(join(rosterDir, 'out2', f.path)));
    expect(printed).toEqual(first.files.filter((f) => f.role === 'documents').flatMap((f) => numbersInPdf(join(rosterDir, 'out1', f.path))));
  });

  it('refuses bad options with pointed bilingual errors and exit 2', () => {
    const bad = (args: string[], code: string) => {
      const r = cli(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(code);
      noStack(r.stderr);
      return r;
    };
    const roster = join(rosterDir, 'roster.xlsx');
    bad(['issue', INSTITUTION_ID, roster, '--db', db], 'USAGE');
    bad(['issue', INSTITUTION_ID, roster, '-o', join(root, 'x'), '--chunk-size', '0', '--db', db], 'BATCH_CHUNK_SIZE');
    const r = bad(['issue', INSTITUTION_ID, roster, '-o', join(root, 'x'), '--issue-date', '2024-02-30', '--db', db], 'ISSUE_DATE_FORMAT');
    expect(r.stderr).toMatch(/\/issueDate\s+ISSUE_DATE_FORMAT\s+发证日期须为.*The issue date must be/);
    bad(['issue', 'no-such-institution', roster, '-o', join(root, 'x'), '--db', db], 'INSTITUTION_NOT_FOUND');
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('reprints by number without allocating', async () => {
    const n = first.numbers.first;
    const out = join(root, 'reprint');
    const r = cli(['reprint', n, '-o', out, '--reason', '卡纸 / paper jam', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('no number allocated');
    const m = manifest(out);
    expect(m.action).toBe('reprint');
    expect(numbersInPdf(join(out, 'reprint-certificates-001.pdf'))).toEqual([n]);
    expect(await countDocs()).toBe(6);
  });

  it('void then verify shows voided; an unknown number exits 2', () => {
    const n = first.numbers.last;
    const v1 = cli(['verify', n, '--db', db]);
    expect(v1.status).toBe(0);
    expect(v1.stdout).toContain('有效 issued');
    expect(v1.stdout).toMatch(/证件号码 ID number\s+410\*{11}\d{3}[\dX]/);
    expect(v1.stdout).toContain(`http://jndj.osta.org.cn/?zsbh=${n}`);
    expect(cli(['void', n, '--db', db]).status).toBe(2); // --reason is required
    const vd = cli(['void', n, '--reason', '信息有误 / wrong data', '--db', db]);
    expect(vd.status, vd.stderr).toBe(0);
    const v2 = cli(['verify', n, '--json', '--db', db]);
    expect(v2.status).toBe(0);
    expect(JSON.parse(v2.stdout)).toMatchObject({ number: n, status: 'voided' });
    const u = cli(['verify', 'Y000041030001249999999', '--db', db]);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/\/number\s+DOC_NOT_IN_REGISTRY\s+登记库中没有编号为.*No document numbered/);
    noStack(u.stderr);
  });
});

describe('sef summary', () => {
  it('counts the month by 发证日期 from the registry, with 小计 and 合计', async () => {
    const store = await openStore(db);
    const occ = [{ code: '6-18-01-01', name: '车工', job: '数控车床' }, { code: '6-20-01-01', name: '钳工' }];
    try {
      const inst = await putInstitution(store, LIAONING_INSTITUTION);
      const issue = async (n: number, date: string, levels: number[], tag: string) => {
        const p = preparedCertificates(people(n, { levels, occupations: occ }), { issueDate: date, institution: LIAONING_INSTITUTION, tag });
        return store.issueBatch({ idempotencyKey: tag, institutionId: inst.id, kind: 'certificate', formId: p.formId, issueDate: date,
          items: p.items, numberFor: p.numberFor, numberPointer: p.numberPointer, actor: 'test' });
      };
      await issue(9, '2024-06-03', [5, 4, 3], 'june-a');
      const b = await issue(4, '2024-06-30', [5, 2], 'june-b');
      await issue(3, '2024-07-01', [5], 'july'); // another month: not counted
      await store.voidDocument(b.items[0]!.number, 'test', 'test'); // voided: not counted
    } finally {
      await store.close();
    }
    const out = join(root, 'summary');
    const r = cli(['summary', '--month', '2024-06', '--institution', LIAONING_INSTITUTION.id, '-o', out, '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const data = JSON.parse(readFileSync(join(out, `结果汇总表-${LIAONING_INSTITUTION.id}-2024-06.json`), 'utf8')) as {
      reportingMonth: string; reportingUnit: { filingNo: string }; options: { countBy: string };
      rows: { occupation: { name: string; job?: string }; level5: number; level4: number; level3: number; level2: number; level1: number; subtotal: number }[];
      total: Record<string, number>;
    };
    // expected from the registry, independently of the summary code
    const check = await openStore(db);
    const docs = (await check.listDocuments({ institutionId: LIAONING_INSTITUTION.id, status: 'issued' })).filter((d) => d.issueDate.startsWith('2024-06'));
    await check.close();
    const count = (name: string, level: number) => docs.filter((d) => (d.record['occupation'] as { name: string }).name === name && d.record['level'] === level).length;
    expect(data.reportingMonth).toBe('2024-06');
    expect(data.reportingUnit.filingNo).toBe(LIAONING_INSTITUTION.code);
    expect(data.options.countBy).toBe('issue-date');
    expect(data.rows.map((x) => x.occupation.name).sort()).toEqual(['车工', '钳工']);
    for (const row of data.rows) {
      for (const l of [5, 4, 3, 2, 1]) expect(row[`level${l}` as 'level5'], `${row.occupation.name} level ${l}`).toBe(count(row.occupation.name, l));
      expect(row.subtotal).toBe(row.level5 + row.level4 + row.level3 + row.level2 + row.level1);
    }
    for (const l of ['level5', 'level4', 'level3', 'level2', 'level1', 'subtotal'] as const)
      expect(data.total[l]).toBe(data.rows.reduce((s, x) => s + x[l], 0));
    expect(data.total['subtotal']).toBe(docs.length);
    expect(docs.length).toBe(12); // 9 + 4 − 1 voided; July left out
    // the XLSX: 合  计 row with the same totals
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, `结果汇总表-${LIAONING_INSTITUTION.id}-2024-06.xlsx`));
    const ws = wb.worksheets[0]!;
    const totalRow = ws.getRow(5 + data.rows.length);
    expect(totalRow.getCell(1).value).toBe('合  计');
    const result = (c: number) => totalRow.getCell(c).value;
    expect([2, 3, 4, 5, 6, 7].map(result)).toEqual([data.total['level5'], data.total['level4'], data.total['level3'], data.total['level2'], data.total['level1'], data.total['subtotal']]);
    expect(ws.getRow(4).getCell(2).value).toBe('初级工（五级）');
  });

  it('refuses a malformed month', () => {
    const r = cli(['summary', '--month', '2024-13', '--institution', LIAONING_INSTITUTION.id, '-o', join(root, 's2'), '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/month\s+SUMMARY_MONTH_FORMAT/);
  });
});

describe('sef verify-ledger', () => {
  it('passes on an untouched registry and names the first tampered entry (exit 1)', () => {
    const ok = cli(['verify-ledger', '--db', db]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Ledger OK: \d+ entries/);
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run();
    raw.close();
    const bad = cli(['verify-ledger', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/LEDGER_BROKEN.*first bad entry seq 3/);
    noStack(bad.stderr);
  });
});
