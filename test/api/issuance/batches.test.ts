/**
 * A batch through the service, end to end (real Chromium, temp SQLite): 202 → the job runs →
 * done; every file downloadable as an attachment; the manifest's numbers are the registry's and
 * GET /verify shows each (QR payload = the service's public verify URL, the institution filing
 * none); SSE events in order, ending at done; idempotent replay, key reuse (422) and in-flight
 * (409); a faulty roster rejected with its error report and nothing issued; reprint allocates
 * nothing; void → verify says void; the HTML page shows the masked name only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/pipeline/engine.js';
import type { BatchManifest } from '../../../src/issuance/batch/manifest.js';
import { filenameFromDisposition } from '../../../src/api/http.js';
import { expectProblem } from '../helpers.js';
import { generateRoster, type GeneratedRoster } from '../../issuance/cli/roster-gen.js';
import { tempDir } from '../../issuance/batch/fixtures.js';
import { auth, institutionBody, issuanceApp, INSTITUTION_ID, photoParts, postBatch, PUBLIC_URL, settle, type IssuanceTestApp, type JobBody } from './setup.js';

let engine: Engine;
let t: IssuanceTestApp;
let roster: GeneratedRoster;
let faulty: GeneratedRoster;
const ISSUE_DATE = '2024-06-28';
const countDocs = async (): Promise<number> => (await (await t.app.sef.store()).listDocuments({})).length;
const fields = { institution: INSTITUTION_ID, issueDate: ISSUE_DATE, chunkSize: '2' };
const parts = (r: GeneratedRoster) => ({ fields, roster: { name: '名册.xlsx', bytes: readFileSync(r.file) }, photos: photoParts(r.photos) });

beforeAll(async () => {
  engine = createEngine({ poolSize: 1 });
  t = await issuanceApp({ engine });
  const r = await t.app.inject({ method: 'POST', url: '/institutions', headers: { ...auth(t.keys.admin), 'content-type': 'application/json' }, payload: JSON.stringify(institutionBody()) });
  expect(r.statusCode, r.body).toBe(201);
  const dir = tempDir('api-batch');
  roster = await generateRoster(join(dir, 'good'), 3);
  faulty = await generateRoster(join(dir, 'bad'), 4, (row, i) => {
    if (i === 1) row['证件号'] = row['证件号']!.slice(0, 17) + (row['证件号']!.endsWith('0') ? '1' : '0');
  });
}, 60_000);
afterAll(async () => {
  await t.app.close();
  await engine.close();
});

let done: JobBody;
let manifest: BatchManifest;

describe('POST /batches → done', () => {
  let accepted: JobBody;
  let rejectedId: string;

  it('202 with the job and its links; a second batch queued behind it is 409 for its key while queued', async () => {
    const r = await postBatch(t.app, t.keys.issuer, parts(roster), { 'idempotency-key': 'batch-good-1' });
    expect(r.statusCode, r.body).toBe(202);
    accepted = r.json() as JobBody;
    expect(accepted).toMatchObject({ kind: 'issue', state: 'queued', links: { self: `/batches/${accepted.id}`, events: `/batches/${accepted.id}/events` } });
    expect(r.headers['location']).toBe(`/batches/${accepted.id}`);
    const bad = await postBatch(t.app, t.keys.issuer, parts(faulty), { 'idempotency-key': 'batch-bad-1' });
    expect(bad.statusCode, bad.body).toBe(202);
    rejectedId = (bad.json() as JobBody).id;
    const again = await postBatch(t.app, t.keys.issuer, parts(faulty), { 'idempotency-key': 'batch-bad-1' });
    const p = expectProblem(again, 409, 'IDEMPOTENCY_IN_FLIGHT');
    expect(p.issues[0]!.pointer).toBe('/idempotency-key');
  });

  it('the SSE stream reports the stages in order and ends at done', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/batches/${accepted.id}/events`, headers: auth(t.keys.issuer) });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/event-stream/);
    const events = r.body.split('\n\n').filter((b) => b.startsWith('id:')).map((b) => {
      const event = /\nevent: (\w+)/.exec(b)![1]!;
      return { event, data: JSON.parse(/\ndata: (.*)/.exec(b)![1]!) as { state: string; stage?: string; done?: number } };
    });
    expect(events[0]!.event).toBe('state');
    const states = events.map((e) => e.data.state).filter((s, i, a) => s !== a[i - 1]);
    // The snapshot may already be past queued; after it the order is fixed.
    const order = ['queued', 'validating', 'issuing', 'rendering', 'done'];
    expect(states.map((s) => order.indexOf(s))).toEqual([...states.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    expect(states.at(-1)).toBe('done');
    const stages = events.map((e) => e.data.stage).filter((s): s is string => s !== undefined);
    const firstOf = (s: string) => stages.indexOf(s);
    expect(firstOf('number')).toBeGreaterThan(-1);
    expect(firstOf('render')).toBeGreaterThan(firstOf('number'));
    expect(firstOf('outputs')).toBeGreaterThan(firstOf('render'));
    const renders = events.filter((e) => e.data.stage === 'render').map((e) => e.data.done!);
    expect(renders).toEqual([...renders].sort((a, b) => a - b));
    expect(events.at(-1)!.event).toBe('state');
  }, 60_000);

  it('GET /batches/{id} shows the finished job: counts, numbers, files', async () => {
    done = await settle(t.app, t.keys.issuer, accepted.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.counts).toMatchObject({ rows: 3, errors: 0, documents: 3, chunks: 2 });
    expect(done.progress['render']).toMatchObject({ done: 3, total: 3 });
    expect(done.replayed).toBe(false);
    expect(done.links['reprint']).toBe(`/batches/${done.id}/reprint`);
    expect(done.files.map((f) => f.role).sort()).toEqual(['documents', 'documents', 'manifest', 'roster-pdf', 'roster-xlsx']);
  });

  it('every file downloads as an attachment; the manifest numbers are the registry\'s and verify shows each', async () => {
    for (const f of done.files) {
      const r = await t.app.inject({ method: 'GET', url: f.href, headers: auth(t.keys.issuer) });
      expect(r.statusCode, f.path).toBe(200);
      expect(r.rawPayload.length).toBe(f.bytes);
      expect(filenameFromDisposition(String(r.headers['content-disposition']))).toBe(f.path);
      expect(String(r.headers['content-disposition'])).toMatch(/^attachment;/);
      if (f.path.endsWith('.pdf')) expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (f.role === 'manifest') manifest = JSON.parse(r.body) as BatchManifest;
    }
    expect(manifest.numbers).toEqual(done.numbers);
    const registry = await (await t.app.sef.store()).listBatch(done.registryBatchId!);
    expect(registry.map((d) => d.number)).toHaveLength(3);
    expect(registry[0]!.number).toBe(manifest.numbers.first);
    expect(registry[2]!.number).toBe(manifest.numbers.last);
    for (const d of registry) {
      const v = await t.app.inject({ method: 'GET', url: `/verify/${d.number}` });
      expect(v.statusCode).toBe(200);
      const rec = v.json() as { number: string; status: string; qrPayload: string; holderName: string; idNumber: string };
      expect(rec).toMatchObject({ number: d.number, status: 'issued', qrPayload: `${PUBLIC_URL}/verify/${d.number}` });
      expect(rec.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    }
  });

  it('a faulty roster is rejected: error report downloadable, nothing issued', async () => {
    const before = await countDocs();
    const job = await settle(t.app, t.keys.issuer, rejectedId);
    expect(job.state).toBe('rejected');
    expect(job.counts.rows).toBe(4);
    expect(job.numbers).toBeUndefined();
    const report = await t.app.inject({ method: 'GET', url: job.errorReport!.json, headers: auth(t.keys.issuer) });
    expect(report.statusCode).toBe(200);
    const issues = (report.json() as { errors: { row: number; code: string; pointer: string }[] }).errors;
    expect(issues).toContainEqual(expect.objectContaining({ row: 4, code: 'ID_CHECKSUM', pointer: '/1/idNumber' }));
    expect(issues.every((i) => i.row === 4)).toBe(true);
    expect(job.counts.errors).toBe(issues.length);
    const xlsx = await t.app.inject({ method: 'GET', url: job.errorReport!.xlsx, headers: auth(t.keys.issuer) });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(filenameFromDisposition(String(xlsx.headers['content-disposition']))).toBe('名册.errors.xlsx');
    expect(await countDocs()).toBe(before);
  });
});

describe('idempotency', () => {
  it('same key + same content → the same job (200, replayed header); nothing allocated', async () => {
    const before = await countDocs();
    const r = await postBatch(t.app, t.keys.issuer, parts(roster), { 'idempotency-key': 'batch-good-1' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['idempotent-replayed']).toBe('true');
    expect((r.json() as JobBody).id).toBe(done.id);
    expect(r.json()).toEqual(JSON.parse(JSON.stringify({ ...(r.json() as object) })));
    expect(await countDocs()).toBe(before);
  });

  it('same key + other content → 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const other = { ...parts(roster), fields: { ...fields, chunkSize: '3' } };
    const p = expectProblem(await postBatch(t.app, t.keys.issuer, other, { 'idempotency-key': 'batch-good-1' }), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(p.issues[0]!.pointer).toBe('/idempotency-key');
  });

  it('a malformed key is 400; another institution is 403; a render-only key is 403', async () => {
    expectProblem(await postBatch(t.app, t.keys.issuer, parts(roster), { 'idempotency-key': 'has space' }), 400, 'IDEMPOTENCY_KEY_FORMAT');
    expectProblem(await postBatch(t.app, t.keys.other, parts(roster)), 403, 'AUTH_INSTITUTION_FORBIDDEN');
    expectProblem(await postBatch(t.app, t.keys.render, parts(roster)), 403, 'AUTH_FORBIDDEN');
    expectProblem(await t.app.inject({ method: 'GET', url: `/batches/${done.id}`, headers: auth(t.keys.other) }), 403, 'AUTH_INSTITUTION_FORBIDDEN');
    expectProblem(await t.app.inject({ method: 'GET', url: `/batches/${done.id}` }), 401, 'AUTH_REQUIRED');
    expectProblem(await t.app.inject({ method: 'GET', url: '/batches/00000000-0000-4000-8000-000000000000', headers: auth(t.keys.issuer) }), 404, 'BATCH_JOB_UNKNOWN');
  });
});

describe('files', () => {
  it('refuses traversal and names it; an unlisted name is 404', async () => {
    const trav = await t.app.inject({ method: 'GET', url: `/batches/${done.id}/files/..%2F..%2Fregistry.sqlite`, headers: auth(t.keys.issuer) });
    expectProblem(trav, 400, 'BATCH_FILE_PATH');
    const job = await t.app.inject({ method: 'GET', url: `/batches/${done.id}/files/job.json`, headers: auth(t.keys.issuer) });
    expectProblem(job, 404, 'BATCH_FILE_UNKNOWN');
  });
});

describe('reprint, void, verify', () => {
  it('reprint makes new files and allocates nothing', async () => {
    const before = await countDocs();
    const r = await t.app.inject({ method: 'POST', url: `/batches/${done.id}/reprint`, headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: JSON.stringify({ reason: '证书破损' }) });
    expect(r.statusCode, r.body).toBe(202);
    const job = await settle(t.app, t.keys.issuer, (r.json() as JobBody).id);
    expect(job.state, JSON.stringify(job.error)).toBe('done');
    expect(job.kind).toBe('reprint');
    expect(job.numbers).toEqual(done.numbers);
    expect(job.links['parent']).toBe(`/batches/${done.id}`);
    expect(job.files.some((f) => f.path.startsWith('reprint-certificates'))).toBe(true);
    expect(await countDocs()).toBe(before);
    const audit = await (await t.app.sef.store()).auditEntries();
    expect(audit.filter((e) => e.action === 'reprint').at(-1)).toMatchObject({ actor: 'api:issuer' });
  }, 60_000);

  it('void → verify shows void (JSON and page); voiding twice is 409; malformed 400; unknown 404', async () => {
    const number = done.numbers!.first;
    const bad = expectProblem(await t.app.inject({ method: 'POST', url: `/certificates/${number}/void`, headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: '{"reason":"  "}' }), 400, 'VOID_REASON_REQUIRED');
    expect(bad.issues[0]!.pointer).toBe('/reason');
    const r = await t.app.inject({ method: 'POST', url: `/certificates/${number}/void`, headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: JSON.stringify({ reason: '信息有误' }) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ number, status: 'voided', reason: '信息有误' });
    expectProblem(await t.app.inject({ method: 'POST', url: `/certificates/${number}/void`, headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: '{"reason":"x"}' }), 409, 'DOC_ALREADY_VOIDED');
    expectProblem(await t.app.inject({ method: 'POST', url: `/supervisor-cards/${number}/void`, headers: { ...auth(t.keys.issuer), 'content-type': 'application/json' }, payload: '{"reason":"x"}' }), 400, 'NUMBER_MALFORMED');
    expectProblem(await t.app.inject({ method: 'POST', url: `/certificates/${number}/void`, headers: { ...auth(t.keys.other), 'content-type': 'application/json' }, payload: '{"reason":"x"}' }), 403);
    const v = await t.app.inject({ method: 'GET', url: `/verify/${number}` });
    expect(v.json()).toMatchObject({ number, status: 'voided' });
    const page = await t.app.inject({ method: 'GET', url: `/verify/${number}`, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.body).toContain('已作废');
  });

  it('the HTML page shows the masked name, occupation, level, institution, date and status, and no full name or ID number', async () => {
    const store = await t.app.sef.store();
    const doc = await store.getDocument(done.numbers!.last);
    const holder = (doc!.record as { holder: { name: string; idNumber: string } }).holder;
    const r = await t.app.inject({ method: 'GET', url: `/verify/${doc!.number}`, headers: { accept: 'text/html' } });
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-type'])).toMatch(/^text\/html/);
    expect(String(r.headers['content-security-policy'])).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(r.body).not.toMatch(/<script/i);
    const masked = [...holder.name][0] + '*'.repeat([...holder.name].length - 2) + [...holder.name].at(-1);
    expect(r.body).toContain(masked);
    expect(r.body).not.toContain(holder.name);
    expect(r.body).not.toContain(holder.idNumber);
    expect(r.body).not.toContain(holder.idNumber.slice(-4) + '<'); // not even the masked ID number
    for (const text of ['有效', '河南豫华重工机械有限公司', ISSUE_DATE, doc!.number]) expect(r.body).toContain(text);
  });

  it('verify: 400 for a malformed number, 404 for an unknown one (problem+json or page)', async () => {
    const p = expectProblem(await t.app.inject({ method: 'GET', url: '/verify/not-a-number' }), 400, 'NUMBER_MALFORMED');
    expect(p.issues[0]!.pointer).toBe('/number');
    expectProblem(await t.app.inject({ method: 'GET', url: '/verify/Y000041030001243999999' }), 404, 'DOC_UNKNOWN');
    const page = await t.app.inject({ method: 'GET', url: '/verify/Y000041030001243999999', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    expect(page.body).toContain('Y000041030001243999999');
    const bad = await t.app.inject({ method: 'GET', url: '/verify/%3Cscript%3E', headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('<script>');
  });
});
