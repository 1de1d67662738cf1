/**
 * The work of an issue job: the stored upload → prepareRoster (checks every row; the service's
 * verification URL goes on the QR code when the institution files none) → issueRoster (all or
 * nothing: a faulty roster writes the error report and issues nothing; otherwise one registry
 * transaction numbers the batch, then the print files, the completed 名册 and manifest.json).
 */
import { join } from 'node:path';
import { prepareRoster } from '../../issuance/roster/prepare.js';
import { issueRoster } from '../../issuance/batch/issue-roster.js';
import { MANIFEST_FILE } from '../../issuance/batch/manifest.js';
import { UserError } from '../../errors/user-error.js';
import type { BatchJob, JobFile } from './job-record.js';
import type { JobContext } from './batch-runner.js';
import { jobDir, jobOutDir } from './job-files.js';
import { manifestFiles } from './manifest-files.js';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** The registry's idempotency key of a batch sent with an Idempotency-Key (scoped to the institution). */
export const registryIdempotencyKey = (institutionId: string, key: string): string => `http:${institutionId}:${key}`;

export async function runIssueJob(job: BatchJob, ctx: JobContext): Promise<void> {
  const { engine, dataDir } = ctx.deps;
  const input = job.input;
  if (!input || !job.issueDate) throw new Error(`job ${job.id} has no stored upload`);
  const dir = jobDir(dataDir, job.id);
  const outDir = jobOutDir(dataDir, job.id);
  await ctx.update({ state: 'validating', progress: { validate: { done: 0, total: 0 } } });
  const store = await ctx.deps.store();
  const institution = await store.getInstitution(job.institutionId);
  if (!institution) throw new UserError({ pointer: '/institution', code: 'INSTITUTION_UNKNOWN', params: { id: job.institutionId } });
  const prepared = await prepareRoster({
    institution,
    file: join(dir, input.roster),
    ...(input.photos !== undefined ? { photos: join(dir, input.photos) } : {}),
    issueDate: job.issueDate,
    ...(job.formId !== undefined ? { formId: job.formId } : {}),
    kind: job.documentKind,
    ...(job.branch !== undefined ? { branch: job.branch } : {}),
    validator: engine.validator,
    defaultVerifyUrlBase: ctx.deps.verifyUrlBase,
  });
  ctx.progress({ stage: 'validate', done: prepared.rows, total: prepared.rows, detail: `${prepared.errors.length} error(s)` });
  await ctx.update({ formId: prepared.formId, counts: { rows: prepared.rows, errors: prepared.errors.length, warnings: prepared.warnings.length } });

  const outcome = await issueRoster({
    store,
    engine,
    institution,
    prepared,
    outDir,
    chunkSize: job.chunkSize,
    ...(job.idempotencyKey !== undefined ? { idempotencyKey: registryIdempotencyKey(job.institutionId, job.idempotencyKey) } : {}),
    actor: job.actor,
    onProgress: (e) => ctx.progress(e),
    // One chunk at a time: the service's browser pool also serves single renders.
    renderConcurrency: 1,
  });
  if (!outcome.ok) {
    const files: JobFile[] = [
      { path: basename(outcome.report.xlsx), role: 'error-report-xlsx', bytes: (await stat(outcome.report.xlsx)).size },
      { path: basename(outcome.report.json), role: 'error-report-json', bytes: (await stat(outcome.report.json)).size },
    ];
    await ctx.update({ state: 'rejected', files });
    return;
  }
  const m = outcome.manifest;
  await ctx.update({
    state: 'done',
    registryBatchId: outcome.batchId,
    replayed: outcome.replayed,
    counts: { ...job.counts, documents: m.counts.documents, pages: m.counts.pages, chunks: m.counts.chunks },
    numbers: m.numbers,
    files: await manifestFiles(m, join(outDir, MANIFEST_FILE)),
  });
}
