/**
 * The batch workflow against a real SQLite registry and real Chromium: chunked PDFs whose text
 * carries exactly the issued numbers, a manifest whose SHA-256 sums match the files, the
 * completed 名册, idempotent replay, reprint without allocation, void → verify, supervisor cards
 * on imposed A4 sheets, and numbers kept when rendering fails after numbering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { createEngine, type Engine } from '../../../src/pipeline/engine.js';
import { openStore } from '../../../src/issuance/store/open-store.js';
import type { IssuanceStore } from '../../../src/issuance/store/types.js';
import { issueRoster, type IssueSuccess } from '../../../src/issuance/batch/issue-roster.js';
import { reprintBatch, reprintDocuments } from '../../../src/issuance/batch/reprint.js';
import { ROSTER_PDF, ROSTER_XLSX } from '../../../src/issuance/batch/write-outputs.js';
import type { BatchManifest } from '../../../src/issuance/batch/manifest.js';
import { verificationRecord } from '../../../src/issuance/verification.js';
import { SystemError, UserError } from '../../../src/errors/user-error.js';
import { pageBoxes } from '../../helpers/pdf-read.js';
import { NATIONAL_INSTITUTION, numbersInPdf, people, preparedCards, preparedCertificates, putInstitution, tempDir } from './fixtures.js';

let engine: Engine;
let store: IssuanceStore;
let root: string;
const events: string[] = [];

beforeAll(async () => {
  root = tempDir('batch');
  engine = createEngine({ poolSize: 1 });
  store = await openStore(join(root, 'registry.sqlite'));
  await putInstitution(store, NATIONAL_INSTITUTION);
});
afterAll(async () => {
  await store?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

const institution = async () => (await store.getInstitution(NATIONAL_INSTITUTION.id))!;
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BatchManifest;

async function rosterXlsxColumn(file: string, header: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(2).values as unknown[]).map((v) => String(v ?? ''));
  const col = headers.indexOf(header);
  const out: string[] = [];
  for (let r = 3; r <= ws.rowCount; r++) out.push(String(ws.getRow(r).getCell(col).value ?? ''));
  return out;
}

describe('issueRoster', () => {
  const ps = people(12, { levels: [3, 4] });
  let first: IssueSuccess;
  const dir1 = () => join(root, 'issue-1');

  it('numbers every row once, prints them in chunks of chunkSize, one PDF per chunk', async () => {
    const r = await issueRoster({
      store, engine, institution: await institution(), prepared: preparedCertificates(ps, { issueDate: '2024-06-28' }),
      outDir: dir1(), chunkSize: 5, actor: 'test', onProgress: (e) => events.push(`${e.stage}:${e.done}/${e.total}`),
    });
    expect(r.ok).toBe(true);
    first = r as IssueSuccess;
    const m = first.manifest;
    expect(m.replayed).toBe(false);
    expect(m.counts).toMatchObject({ rows: 12, documents: 12, chunks: 3, pages: 12 });
    const chunks = m.files.filter((f) => f.role === 'documents');
    expect(chunks.map((f) => f.path)).toEqual(['certificates-001.pdf', 'certificates-002.pdf', 'certificates-003.pdf']);
    expect(chunks.map((f) => ('records' in f ? f.records : 0))).toEqual([5, 5, 2]);
    // numbers: serials 1..6 per counter key (level 3 and level 4), consecutive
    expect(m.numbers.ranges).toEqual([
      { counterKey: 'Y000041030001243', fromSerial: 1, toSerial: 6, count: 6 },
      { counterKey: 'Y000041030001244', fromSerial: 1, toSerial: 6, count: 6 },
    ]);
    const docs = await store.listBatch(m.batchId);
    const inPdfs = chunks.flatMap((f) => numbersInPdf(join(dir1(), f.path)));
    expect(inPdfs.sort()).toEqual(docs.map((d) => d.number).sort());
    expect(new Set(inPdfs).size).toBe(12);
    // each chunk's declared range is what it prints, in order
    for (const f of chunks) {
      const ns = numbersInPdf(join(dir1(), f.path));
      expect(ns[0]).toBe('numbers' in f ? f.numbers.first : '');
      expect(ns[ns.length - 1]).toBe('numbers' in f ? f.numbers.last : '');
    }
    expect(events).toContain('render:12/12');
    expect(events).toContain('number:12/12');
  });

  it('writes a manifest whose SHA-256 sums and sizes match every file, and leaves no temp file', () => {
    const m = manifestOf(dir1());
    expect(m.files.map((f) => f.path)).toEqual(expect.arrayContaining([ROSTER_XLSX, ROSTER_PDF]));
    for (const f of m.files) {
      expect(sha(join(dir1(), f.path)), f.path).toBe(f.sha256);
      expect(readFileSync(join(dir1(), f.path)).length).toBe(f.bytes);
    }
    expect(m.ledgerHead).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(dir1()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fills 证书编号 and 发证日期 in the completed 名册 (XLSX and PDF) with the issued numbers', async () => {
    const docs = await store.listBatch(first.batchId);
    const xlsxNumbers = await rosterXlsxColumn(join(dir1(), ROSTER_XLSX), '证书编号');
    expect(xlsxNumbers).toEqual(docs.map((d) => d.number));
    expect(await rosterXlsxColumn(join(dir1(), ROSTER_XLSX), '发证日期')).toEqual(docs.map(() => '2024-06-28'));
    expect(await rosterXlsxColumn(join(dir1(), ROSTER_XLSX), '证件号')).toEqual(ps.map((p) => p.idNumber));
    expect(numbersInPdf(join(dir1(), ROSTER_PDF))).toEqual(docs.map((d) => d.number));
    const box = pageBoxes(join(dir1(), ROSTER_PDF))[0]!.media;
    expect(box[2]! - box[0]!).toBeCloseTo((297 / 25.4) * 72, 0); // A4 landscape
  });

  it('replays an identical submission: same batch, same numbers, nothing allocated', async () => {
    const before = await store.listDocuments({ institutionId: NATIONAL_INSTITUTION.id });
    const dir = join(root, 'issue-1-again');
    const r = (await issueRoster({
      store, engine, institution: await institution(), prepared: preparedCertificates(ps, { issueDate: '2024-06-28' }), outDir: dir, chunkSize: 5, actor: 'test',
    })) as IssueSuccess;
    expect(r.ok).toBe(true);
    expect(r.replayed).toBe(true);
    expect(r.batchId).toBe(first.batchId);
    expect(r.manifest.numbers).toEqual(first.manifest.numbers);
    const after = await store.listDocuments({ institutionId: NATIONAL_INSTITUTION.id });
    expect(after.length).toBe(before.length);
    const printed = r.manifest.files.filter((f) => f.role === 'documents').flatMap((f) => numbersInPdf(join(dir, f.path)));
    expect(printed.sort()).toEqual(before.map((d) => d.number).sort());
  });

  it('reprints a batch from the registry without allocating: same numbers, counters unchanged, reprint in the ledger', async () => {
    const before = await store.listDocuments({});
    const auditBefore = (await store.verifyLedger()).entries;
    const dir = join(root, 'reprint');
    const res = await reprintBatch(first.batchId, { store, engine, outDir: dir, chunkSize: 250, actor: 'test', reason: 'printer jam' });
    const m = res.manifests[0]!.manifest;
    expect(m.action).toBe('reprint');
    expect(m.counts).toMatchObject({ documents: 12, chunks: 1 });
    expect(numbersInPdf(join(dir, 'reprint-certificates-001.pdf'))).toEqual((await store.listBatch(first.batchId)).map((d) => d.number));
    const after = await store.listDocuments({});
    expect(after.map((d) => [d.number, d.serial])).toEqual(before.map((d) => [d.number, d.serial]));
    expect((await store.integrityCheck()).ok).toBe(true);
    const entries = await store.auditEntries(auditBefore + 1, 100);
    expect(entries.some((e) => e.action === 'reprint')).toBe(true);
    expect(entries.some((e) => e.action === 'issue')).toBe(false);
  });

  it('voids a certificate: verify shows it voided, and reprinting it is refused by number', async () => {
    const [doc] = await store.listBatch(first.batchId);
    await store.voidDocument(doc!.number, 'issued in error', 'test');
    const v = verificationRecord((await store.getDocument(doc!.number))!, engine.form(doc!.formId).manifest.defaults ?? {});
    expect(v.status).toBe('voided');
    expect(v.qrPayload).toBe(`http://jndj.osta.org.cn/?zsbh=${doc!.number}`);
    expect(v.idNumber).toBe(`${doc!.subject.slice(0, 3)}***********${doc!.subject.slice(-4)}`);
    expect(v.holderName).toMatch(/^.\*.$/u);
    const err = await reprintDocuments([doc!.number, 'Y000041030001249999999'], { store, engine, outDir: join(root, 'nope'), actor: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/numbers/0', 'REPRINT_VOIDED'],
      ['/numbers/1', 'DOC_NOT_IN_REGISTRY'],
    ]);
    // a batch reprint leaves the voided one out and says so
    const res = await reprintBatch(first.batchId, { store, engine, outDir: join(root, 'reprint-2'), chunkSize: 250, actor: 'test' });
    expect(res.manifests[0]!.manifest.counts).toMatchObject({ documents: 11, skippedVoided: 1 });
    expect(numbersInPdf(join(root, 'reprint-2', 'reprint-certificates-001.pdf'))).not.toContain(doc!.number);
  });

  it('keeps the numbers when rendering fails after numbering, and says how to re-make the files', async () => {
    const bad = preparedCertificates(people(2, { levels: [5] }), { issueDate: '2024-06-28', tag: 'bad' });
    // A record the store accepts but the form refuses (证件类型 outside the form's enum).
    (bad.items[1]!.record as Record<string, unknown>)['holder'] = { ...(bad.items[1]!.record['holder'] as object), idType: 'unknown-type' };
    const err = await issueRoster({ store, engine, institution: await institution(), prepared: bad, outDir: join(root, 'fail'), actor: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SystemError);
    expect((err as SystemError).code).toBe('BATCH_RENDER_FAILED');
    expect((err as Error).message).toMatch(/sef reprint [0-9a-f-]+ -o/);
    const issued = await store.listDocuments({ issueDateFrom: '2024-06-28', issueDateTo: '2024-06-28' });
    expect(issued.filter((d) => d.counterKey === 'Y000041030001245').map((d) => d.serial)).toEqual([1, 2]);
    expect(readdirSync(join(root, 'fail')).filter((f) => f === 'manifest.json' || f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('supervisor cards', () => {
  it('print as imposed A4 sheets (2 × 2 cards, front sheet then back sheet)', async () => {
    const dir = join(root, 'cards');
    const r = (await issueRoster({ store, engine, institution: await institution(), prepared: preparedCards(6, '2024-03-01'), outDir: dir, actor: 'test' })) as IssueSuccess;
    expect(r.ok).toBe(true);
    expect(r.manifest.renderMode).toBe('imposed');
    expect(r.manifest.numbers).toMatchObject({ first: 'R41240001', last: 'R41240006' });
    const file = join(dir, 'supervisor-cards-001.pdf');
    const boxes = pageBoxes(file);
    expect(boxes.length).toBe(4); // 6 cards → 2 sheets × (front + back)
    for (const b of boxes) {
      expect(b.media[2]! - b.media[0]!).toBeCloseTo((210 / 25.4) * 72, 0);
      expect(b.media[3]! - b.media[1]!).toBeCloseTo((297 / 25.4) * 72, 0);
    }
    expect(numbersInPdf(file, /R4124\d{4}/g).sort()).toEqual(['R41240001', 'R41240002', 'R41240003', 'R41240004', 'R41240005', 'R41240006']);
    expect(r.manifest.files.map((f) => f.role)).toEqual(['documents']); // no 名册 for cards
  });
});
