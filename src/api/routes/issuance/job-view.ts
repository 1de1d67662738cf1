/** A job as the API shows it: the record without its internals (upload paths, keys, fingerprint), plus links. */
import type { BatchJob } from '../../jobs/job-record.js';

export const jobPath = (id: string): string => `/batches/${id}`;
export const fileHref = (id: string, path: string): string => `${jobPath(id)}/files/${encodeURIComponent(path)}`;

/** A job can be reprinted once the registry holds its numbers (done, or failed after numbering). */
export const canReprint = (job: BatchJob): boolean => job.kind === 'issue' && job.registryBatchId !== undefined && (job.state === 'done' || job.state === 'failed');

export function jobView(job: BatchJob): Record<string, unknown> {
  const self = jobPath(job.id);
  const report = job.state === 'rejected' ? job.files : [];
  const xlsx = report.find((f) => f.role === 'error-report-xlsx');
  const json = report.find((f) => f.role === 'error-report-json');
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    institutionId: job.institutionId,
    documentKind: job.documentKind,
    ...(job.formId !== undefined ? { formId: job.formId } : {}),
    ...(job.issueDate !== undefined ? { issueDate: job.issueDate } : {}),
    chunkSize: job.chunkSize,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.registryBatchId !== undefined ? { registryBatchId: job.registryBatchId } : {}),
    ...(job.replayed !== undefined ? { replayed: job.replayed } : {}),
    ...(job.parentId !== undefined ? { parentId: job.parentId } : {}),
    counts: job.counts,
    progress: job.progress,
    ...(job.numbers ? { numbers: job.numbers } : {}),
    ...(xlsx && json ? { errorReport: { xlsx: fileHref(job.id, xlsx.path), json: fileHref(job.id, json.path) } } : {}),
    ...(job.error
      ? { error: { code: job.error.code, message: { zh: job.error.zh, en: job.error.en }, ...(job.error.numbersCommitted !== undefined ? { numbersCommitted: job.error.numbersCommitted } : {}) } }
      : {}),
    files: job.files.map((f) => ({ ...f, href: fileHref(job.id, f.path) })),
    links: {
      self,
      events: `${self}/events`,
      ...(canReprint(job) ? { reprint: `${self}/reprint` } : {}),
      ...(job.parentId !== undefined ? { parent: jobPath(job.parentId) } : {}),
    },
  };
}
