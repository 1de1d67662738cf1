/**
 * The service's batch job runner: issue and reprint jobs run in this process, ONE AT A TIME (a batch
 * keeps the browser pool busy on its own), from a bounded queue (full → 503 with Retry-After). Each
 * job's state is kept in memory and in its state file (job-files.ts), so finished jobs survive a restart.
 *
 * Idempotency: a job is found again by its index key (the caller's Idempotency-Key scoped to its API
 * key, or the content fingerprint when no key was sent). Rejected and done jobs keep their key; a
 * failed job releases it, so the same batch can be sent again — the registry's own idempotency key
 * (stable for the same key or content) then replays numbers already committed instead of issuing twice.
 *
 * Shutdown (close): no new jobs; queued jobs fail with nothing issued; the running job gets a grace
 * period, and is never abandoned while its numbering transaction is under way (the registry commits
 * all of the batch's numbers or none, so the job then says which). A job still running after that is
 * marked failed — with its numbers committed if numbering had finished (reprint re-makes the files).
 * At start, jobs left unfinished by a crash are marked failed the same way.
 */
import { EventEmitter } from 'node:events';
import { UserError } from '../../errors/user-error.js';
import { messageFor } from '../../errors/catalog.js';
import type { Engine } from '../../pipeline/engine.js';
import type { IssuanceStore } from '../../issuance/store/types.js';
import type { BatchStage, ProgressEvent } from '../../issuance/batch/progress.js';
import { isTerminal, type BatchJob, type JobError, type JobState } from './job-record.js';
import { loadJobs, removeJobInput, saveJob } from './job-files.js';

/** Jobs waiting behind the running one before POST /batches answers 503. */
export const DEFAULT_MAX_QUEUED = 8;
/** Seconds a client is told to wait when the queue is full. */
export const QUEUE_RETRY_AFTER_S = 30;
/** How long close() lets the running job finish before abandoning it. */
export const DEFAULT_CLOSE_GRACE_MS = 10_000;

export interface RunnerDeps {
  readonly dataDir: string;
  readonly engine: Engine;
  readonly store: () => Promise<IssuanceStore>;
  /** The service's public verification URL prefix, `${publicUrl}/verify/`. */
  readonly verifyUrlBase: string;
  readonly maxQueued?: number;
  /** Where failures the client does not see in full are logged (the service's logger). */
  readonly log?: (err: unknown, msg: string) => void;
}

/** What a job's work may do: report progress and change state (each change is saved and announced). */
export interface JobContext {
  readonly deps: RunnerDeps;
  update(patch: Partial<BatchJob>): Promise<void>;
  progress(e: ProgressEvent): void;
}

export type JobWork = (job: BatchJob, ctx: JobContext) => Promise<void>;

export interface JobEvent {
  readonly type: 'state' | 'progress';
  readonly job: BatchJob;
  readonly stage?: BatchStage;
}

const STAGE_STATE: Readonly<Record<BatchStage, JobState>> = { validate: 'validating', number: 'issuing', render: 'rendering', outputs: 'rendering' };

export const jobError = (code: string, params: Record<string, string | number>, numbersCommitted?: boolean): JobError => {
  const m = messageFor(code, params);
  return { code, zh: m.zh, en: m.en, ...(numbersCommitted !== undefined ? { numbersCommitted } : {}) } as JobError;
};

/** The failure of a job cut short by a shutdown or a crash, saying what the registry holds. */
export function interruptedError(job: BatchJob): JobError {
  if (job.registryBatchId !== undefined) return jobError('BATCH_JOB_INTERRUPTED_NUMBERED', { batchId: job.registryBatchId, id: job.id }, true);
  if (job.state === 'issuing') return jobError('BATCH_JOB_INTERRUPTED_NUMBERING', {});
  return jobError('BATCH_JOB_INTERRUPTED', {}, false);
}

export class BatchJobRunner {
  private readonly jobs = new Map<string, BatchJob>();
  private readonly byKey = new Map<string, string>();
  private readonly reserved = new Set<string>();
  private readonly queue: { id: string; work: JobWork }[] = [];
  private running: { id: string; promise: Promise<void> } | undefined;
  private readonly abandoned = new Set<string>();
  private readonly saving = new Map<string, Promise<void>>();
  private readonly events = new EventEmitter();
  private closing = false;

  private constructor(readonly deps: RunnerDeps) {
    this.events.setMaxListeners(0);
  }

  /** Loads the jobs of the data dir; any left unfinished is marked failed (interrupted). */
  static async open(deps: RunnerDeps): Promise<BatchJobRunner> {
    const r = new BatchJobRunner(deps);
    for (const job of await loadJobs(deps.dataDir)) {
      if (!isTerminal(job.state)) {
        const now = new Date().toISOString();
        Object.assign(job, { state: 'failed', error: interruptedError(job), updatedAt: now, finishedAt: now });
        delete job.input;
        await saveJob(deps.dataDir, job);
        await removeJobInput(deps.dataDir, job.id);
      }
      r.jobs.set(job.id, job);
      r.index(job);
    }
    return r;
  }

  get maxQueued(): number {
    return this.deps.maxQueued ?? DEFAULT_MAX_QUEUED;
  }

  get(id: string): BatchJob | undefined {
    return this.jobs.get(id);
  }

  /** The job of an idempotency index key, if one holds it. */
  byIndexKey(key: string): BatchJob | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.jobs.get(id);
  }

  /** Claims an index key for an upload in progress; false if another request holds it. */
  reserve(key: string): boolean {
    if (this.reserved.has(key)) return false;
    this.reserved.add(key);
    return true;
  }

  release(key: string): void {
    this.reserved.delete(key);
  }

  /** 503 when closing or when the queue is full (checked before an upload is read, and again at submit). */
  assertAccepting(): void {
    if (this.closing) throw new UserError({ pointer: '', code: 'BATCH_SERVICE_CLOSING' });
    if (this.queue.length >= this.maxQueued)
      throw new UserError({ pointer: '', code: 'BATCH_QUEUE_FULL', params: { limit: this.maxQueued, retryAfter: QUEUE_RETRY_AFTER_S } });
  }

  /** Records a new job (state file written) and queues its work. */
  async submit(job: BatchJob, work: JobWork, indexKey?: string): Promise<BatchJob> {
    this.assertAccepting();
    await saveJob(this.deps.dataDir, job);
    this.jobs.set(job.id, job);
    if (indexKey !== undefined) this.byKey.set(indexKey, job.id);
    this.queue.push({ id: job.id, work });
    this.pump();
    return job;
  }

  /** Listens to one job's events; returns the unsubscribe function. */
  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    this.events.on(id, fn);
    return () => this.events.off(id, fn);
  }

  /** The running job's id and the queued ones, in order. */
  get activity(): { running?: string; queued: string[] } {
    return { ...(this.running ? { running: this.running.id } : {}), queued: this.queue.map((q) => q.id) };
  }

  /** Resolves when the job reaches a final state (or at once if it has). */
  settled(id: string): Promise<BatchJob | undefined> {
    const job = this.jobs.get(id);
    if (!job || isTerminal(job.state)) return Promise.resolve(job);
    return new Promise((res) => {
      const off = this.subscribe(id, (e) => {
        if (isTerminal(e.job.state)) {
          off();
          res(e.job);
        }
      });
    });
  }

  async close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.closing = true;
    for (const q of this.queue.splice(0)) {
      const job = this.jobs.get(q.id);
      if (job) await this.finish(job, { state: 'failed', error: interruptedError(job) });
    }
    const deadline = Date.now() + graceMs;
    while (this.running) {
      const r = this.running;
      const job = this.jobs.get(r.id);
      // Never cut a numbering transaction short: wait for it whatever the grace period.
      if (Date.now() >= deadline && job?.state !== 'issuing') {
        if (job && !isTerminal(job.state)) await this.finish(job, { state: 'failed', error: interruptedError(job) });
        // From now on the work's own updates (it may still be running) are ignored.
        this.abandoned.add(r.id);
        this.running = undefined;
        break;
      }
      await Promise.race([r.promise, new Promise((res) => setTimeout(res, 100))]);
    }
    await Promise.all([...this.saving.values()].map((p) => p.catch(() => {})));
    this.events.removeAllListeners();
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────────

  private index(job: BatchJob): void {
    const key = job.indexKey;
    if (key !== undefined && job.state !== 'failed') this.byKey.set(key, job.id);
  }

  private pump(): void {
    if (this.running || this.closing) return;
    const next = this.queue.shift();
    if (!next) return;
    const promise = this.run(next.id, next.work).finally(() => {
      if (this.running?.id === next.id) this.running = undefined;
      this.pump();
    });
    this.running = { id: next.id, promise };
  }

  private async run(id: string, work: JobWork): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    const ctx: JobContext = {
      deps: this.deps,
      update: (patch) => this.update(job, patch),
      progress: (e) => this.progress(job, e),
    };
    try {
      await this.update(job, { startedAt: new Date().toISOString() });
      await work(job, ctx);
      if (!isTerminal(job.state)) throw new Error(`job ${id} ended in state ${job.state}`);
    } catch (e) {
      if (this.abandoned.has(id) || isTerminal(job.state)) return;
      await this.finish(job, { state: 'failed', error: failureOf(job, e, this.deps.log) });
    }
  }

  private async update(job: BatchJob, patch: Partial<BatchJob>, stage?: BatchStage): Promise<void> {
    if (this.abandoned.has(job.id)) return;
    const before = job.state;
    Object.assign(job, patch, { updatedAt: new Date().toISOString() });
    const terminal = isTerminal(job.state);
    if (terminal) {
      job.finishedAt ??= job.updatedAt;
      if (job.state === 'failed') this.unindex(job);
      delete job.input;
    }
    // The event carries the state as saved (the live record may have moved on by the time it is sent),
    // and is announced once saved: a state a client has seen survives a restart.
    const snapshot = JSON.parse(JSON.stringify(job)) as BatchJob;
    const event: JobEvent = { type: before === job.state ? 'progress' : 'state', job: snapshot, ...(stage ? { stage } : {}) };
    await this.save(snapshot);
    if (terminal) await removeJobInput(this.deps.dataDir, job.id);
    this.events.emit(job.id, event);
  }

  /** Saves one job's state file after its previous save (so an older snapshot never lands last). */
  private save(snapshot: BatchJob): Promise<void> {
    const next = (this.saving.get(snapshot.id) ?? Promise.resolve()).catch(() => {}).then(() => saveJob(this.deps.dataDir, snapshot));
    this.saving.set(snapshot.id, next);
    return next;
  }

  private finish(job: BatchJob, patch: Pick<BatchJob, 'state' | 'error'>): Promise<void> {
    return this.update(job, patch);
  }

  private unindex(job: BatchJob): void {
    for (const [k, v] of this.byKey) if (v === job.id) this.byKey.delete(k);
  }

  private progress(job: BatchJob, e: ProgressEvent): void {
    if (this.abandoned.has(job.id) || isTerminal(job.state)) return;
    const state = STAGE_STATE[e.stage];
    const progress = { ...job.progress, [e.stage]: { done: e.done, total: e.total, ...(e.detail !== undefined ? { detail: e.detail } : {}) } };
    const patch: Partial<BatchJob> = { progress, state };
    if (e.batchId !== undefined) Object.assign(patch, { registryBatchId: e.batchId, replayed: e.replayed ?? false });
    // Saved in order with the job's other updates; a failed save surfaces on the job's next update.
    void this.update(job, patch, e.stage).catch((err: unknown) => this.deps.log?.(err, `batch job ${job.id}: saving progress failed`));
  }
}

/**
 * A failure as the job shows it: a UserError's first issue (texts from the catalogue); anything else
 * by code only (the cause goes to the service log, never to the client: it may name paths).
 */
function failureOf(job: BatchJob, e: unknown, log?: RunnerDeps['log']): JobError {
  const committed = job.registryBatchId !== undefined;
  if (e instanceof UserError) {
    const first = e.issues[0]!;
    const m = first.zh !== undefined && first.en !== undefined ? { zh: first.zh, en: first.en } : messageFor(first.code, first.params);
    return { code: first.code, zh: m.zh, en: m.en, numbersCommitted: committed };
  }
  log?.(e, `batch job ${job.id} failed`);
  if (committed) return jobError('BATCH_JOB_RENDER_FAILED', { batchId: job.registryBatchId!, id: job.id }, true);
  return jobError('BATCH_JOB_FAILED', { id: job.id }, false);
}
