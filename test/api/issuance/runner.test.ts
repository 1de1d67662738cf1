/**
 * The batch job runner on its own (work functions that wait for a signal, no Chromium): one job at
 * a time, a bounded queue (503 BATCH_QUEUE_FULL), state files that survive a restart, jobs left
 * unfinished by a crash marked failed saying whether numbers were committed, close() failing queued
 * jobs with nothing issued and never cutting a numbering step short; a failed job frees its key.
 * Then through the app: GET /batches/{id} after a restart.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/errors/user-error.js';
import { BatchJobRunner, type JobWork, type RunnerDeps } from '../../../src/api/jobs/batch-runner.js';
import type { BatchJob } from '../../../src/api/jobs/job-record.js';
import { jobDir } from '../../../src/api/jobs/job-files.js';
import type { Engine } from '../../../src/pipeline/engine.js';
import type { IssuanceStore } from '../../../src/issuance/store/types.js';
import { auth, issuanceApp, INSTITUTION_ID, type IssuanceTestApp } from './setup.js';
import { randomUUID } from 'node:crypto';

const deps = (dataDir: string): RunnerDeps => ({
  dataDir,
  engine: {} as Engine,
  store: () => Promise.reject(new Error('no store in this test')) as Promise<IssuanceStore>,
  verifyUrlBase: 'http://x.test/verify/',
  maxQueued: 2,
});

const newJob = (over: Partial<BatchJob> = {}): BatchJob => {
  const now = new Date().toISOString();
  return {
    format: 'sef-batch-job/1', id: randomUUID(), kind: 'issue', state: 'queued', institutionId: INSTITUTION_ID, documentKind: 'certificate',
    issueDate: '2024-06-28', chunkSize: 250, actor: 'api:test', createdAt: now, updatedAt: now, counts: {}, progress: {}, files: [], ...over,
  };
};

/** Work that goes through the stages and waits for `release` before finishing. */
function gatedWork(): { work: JobWork; release: () => void; started: Promise<void> } {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const startedP = new Promise<void>((r) => (started = r));
  const work: JobWork = async (_job, ctx) => {
    ctx.progress({ stage: 'validate', done: 1, total: 1 });
    started();
    await gate;
    ctx.progress({ stage: 'number', done: 1, total: 1, batchId: 'reg-1', replayed: false });
    await ctx.update({ state: 'done' });
  };
  return { work, release, started: startedP };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'sef-runner-'));

describe('BatchJobRunner', () => {
  it('runs one job at a time and refuses a job beyond the queue bound with 503 BATCH_QUEUE_FULL', async () => {
    const dir = tmp();
    const r = await BatchJobRunner.open(deps(dir));
    const a = gatedWork();
    const b = gatedWork();
    const jobA = await r.submit(newJob(), a.work);
    await a.started;
    await r.submit(newJob(), b.work);
    await r.submit(newJob(), gatedWork().work);
    expect(r.activity).toMatchObject({ running: jobA.id });
    expect(r.activity.queued).toHaveLength(2);
    let err: unknown;
    try {
      await r.submit(newJob(), gatedWork().work);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues[0]!.code).toBe('BATCH_QUEUE_FULL');
    a.release();
    const settled = await r.settled(jobA.id);
    expect(settled?.state).toBe('done');
    expect(settled?.registryBatchId).toBe('reg-1');
    const saved = JSON.parse(readFileSync(join(jobDir(dir, jobA.id), 'job.json'), 'utf8')) as BatchJob;
    expect(saved).toMatchObject({ state: 'done', registryBatchId: 'reg-1', progress: { validate: { done: 1 }, number: { done: 1 } } });
    b.release();
    await r.close(0);
  });

  it('close(): queued jobs fail with nothing issued; the running job is abandoned after the grace period', async () => {
    const dir = tmp();
    const r = await BatchJobRunner.open(deps(dir));
    const a = gatedWork();
    const running = await r.submit(newJob(), a.work);
    await a.started;
    const queued = await r.submit(newJob({ indexKey: 'key:x:1' }), gatedWork().work, 'key:x:1');
    expect(r.byIndexKey('key:x:1')?.id).toBe(queued.id);
    await r.close(50);
    expect(r.get(queued.id)).toMatchObject({ state: 'failed', error: { code: 'BATCH_JOB_INTERRUPTED', numbersCommitted: false } });
    expect(r.get(running.id)).toMatchObject({ state: 'failed', error: { code: 'BATCH_JOB_INTERRUPTED', numbersCommitted: false } });
    expect(r.byIndexKey('key:x:1')).toBeUndefined(); // a failed job frees its key
    a.release();
    await new Promise((res) => setTimeout(res, 20));
    expect(r.get(running.id)?.state).toBe('failed'); // the abandoned work's later updates are ignored
    expect(() => r.assertAccepting()).toThrow(UserError);
  });

  it('close() waits for a numbering step whatever the grace period', async () => {
    const dir = tmp();
    const r = await BatchJobRunner.open(deps(dir));
    let finishNumbering!: () => void;
    const numbering = new Promise<void>((res) => (finishNumbering = res));
    let entered!: () => void;
    const inNumbering = new Promise<void>((res) => (entered = res));
    const job = await r.submit(newJob(), async (_j, ctx) => {
      ctx.progress({ stage: 'number', done: 0, total: 1 });
      entered();
      await numbering;
      ctx.progress({ stage: 'number', done: 1, total: 1, batchId: 'reg-2' });
      await ctx.update({ state: 'rendering' });
      await new Promise(() => {}); // rendering never ends
    });
    await inNumbering;
    const closing = r.close(10);
    await new Promise((res) => setTimeout(res, 150));
    expect(r.get(job.id)?.state).toBe('issuing');
    finishNumbering();
    await closing;
    expect(r.get(job.id)).toMatchObject({ state: 'failed', registryBatchId: 'reg-2', error: { code: 'BATCH_JOB_INTERRUPTED_NUMBERED', numbersCommitted: true } });
  });

  it('at start, unfinished jobs are marked failed, saying what the registry holds; finished ones are kept', async () => {
    const dir = tmp();
    const write = (j: BatchJob) => {
      mkdirSync(jobDir(dir, j.id), { recursive: true });
      writeFileSync(join(jobDir(dir, j.id), 'job.json'), JSON.stringify(j));
    };
    const rendering = newJob({ state: 'rendering', registryBatchId: 'reg-9' });
    const issuing = newJob({ state: 'issuing' });
    const validating = newJob({ state: 'validating', indexKey: 'key:k:2' });
    const done = newJob({ state: 'done', indexKey: 'key:k:1' });
    for (const j of [rendering, issuing, validating, done]) write(j);
    mkdirSync(join(dir, 'batches', randomUUID()), { recursive: true }); // an upload that never became a job
    const r = await BatchJobRunner.open(deps(dir));
    expect(r.get(rendering.id)).toMatchObject({ state: 'failed', error: { code: 'BATCH_JOB_INTERRUPTED_NUMBERED', numbersCommitted: true } });
    expect(r.get(issuing.id)?.error?.code).toBe('BATCH_JOB_INTERRUPTED_NUMBERING');
    expect(r.get(issuing.id)?.error?.numbersCommitted).toBeUndefined();
    expect(r.get(validating.id)).toMatchObject({ state: 'failed', error: { code: 'BATCH_JOB_INTERRUPTED', numbersCommitted: false } });
    expect(r.get(done.id)?.state).toBe('done');
    expect(r.byIndexKey('key:k:1')?.id).toBe(done.id);
    expect(r.byIndexKey('key:k:2')).toBeUndefined();
    await r.close(0);
    const again = await BatchJobRunner.open(deps(dir));
    expect(again.get(rendering.id)?.state).toBe('failed');
    await again.close(0);
  });
});

describe('after a restart, through the API', () => {
  let t: IssuanceTestApp | undefined;
  afterAll(async () => {
    await t?.app.close();
  });

  it('GET /batches/{id} answers for finished jobs and shows interrupted ones as failed with a reprint link', async () => {
    const first = await issuanceApp();
    await first.app.close();
    const dir = first.dataDir;
    const done = newJob({ state: 'done', files: [{ path: 'manifest.json', role: 'manifest', bytes: 2 }] });
    const cut = newJob({ state: 'rendering', registryBatchId: randomUUID() });
    for (const j of [done, cut]) {
      mkdirSync(join(jobDir(dir, j.id), 'out'), { recursive: true });
      writeFileSync(join(jobDir(dir, j.id), 'job.json'), JSON.stringify(j));
    }
    writeFileSync(join(jobDir(dir, done.id), 'out', 'manifest.json'), '{}');
    t = await issuanceApp({ dataDir: dir, keys: first.keys });
    const a = await t.app.inject({ method: 'GET', url: `/batches/${done.id}`, headers: auth(t.keys.issuer) });
    expect(a.json()).toMatchObject({ state: 'done', files: [{ path: 'manifest.json', href: `/batches/${done.id}/files/manifest.json` }] });
    const f = await t.app.inject({ method: 'GET', url: `/batches/${done.id}/files/manifest.json`, headers: auth(t.keys.issuer) });
    expect(f.body).toBe('{}');
    const b = await t.app.inject({ method: 'GET', url: `/batches/${cut.id}`, headers: auth(t.keys.issuer) });
    expect(b.json()).toMatchObject({
      state: 'failed',
      error: { code: 'BATCH_JOB_INTERRUPTED_NUMBERED', numbersCommitted: true },
      links: { reprint: `/batches/${cut.id}/reprint` },
    });
    expect((b.json() as { error: { message: { zh: string } } }).error.message.zh).toContain(`/batches/${cut.id}/reprint`);
    const sse = await t.app.inject({ method: 'GET', url: `/batches/${done.id}/events`, headers: auth(t.keys.issuer) });
    expect(sse.body.match(/^event: /gm)).toHaveLength(1); // the snapshot, then the stream ends
  });
});
