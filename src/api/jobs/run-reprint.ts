/**
 * The work of a reprint job: re-renders an issued batch from the registry (no number allocated,
 * voided documents left out; the audit log records the reprint) into the job's own out/ folder.
 */
import { reprintBatch } from '../../issuance/batch/reprint.js';
import { UserError } from '../../errors/user-error.js';
import type { BatchJob } from './job-record.js';
import type { JobContext } from './batch-runner.js';
import { jobOutDir } from './job-files.js';
import { manifestFiles } from './manifest-files.js';

export async function runReprintJob(job: BatchJob, ctx: JobContext): Promise<void> {
  const batchId = job.registryBatchId;
  if (batchId === undefined) throw new UserError({ pointer: '', code: 'BATCH_NOT_ISSUED', params: { id: job.parentId ?? job.id, state: job.state } });
  await ctx.update({ state: 'rendering' });
  const res = await reprintBatch(batchId, {
    store: await ctx.deps.store(),
    engine: ctx.deps.engine,
    outDir: jobOutDir(ctx.deps.dataDir, job.id),
    chunkSize: job.chunkSize,
    actor: job.actor,
    ...(job.reason !== undefined ? { reason: job.reason } : {}),
    onProgress: (e) => ctx.progress(e),
  });
  const { manifest: m, path } = res.manifests[0]!;
  await ctx.update({
    state: 'done',
    formId: m.formId,
    counts: { documents: m.counts.documents, pages: m.counts.pages, chunks: m.counts.chunks, ...(m.counts.skippedVoided ? { skippedVoided: m.counts.skippedVoided } : {}) },
    numbers: m.numbers,
    files: await manifestFiles(m, path),
  });
}
