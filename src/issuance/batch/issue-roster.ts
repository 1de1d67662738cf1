/**
 * The issue workflow (catalogue §14.2 step 5, §14.3): a prepared roster → numbers → print files.
 *  1. A roster with any error issues NOTHING: the error report (XLSX with the faulty cells marked
 *     + JSON) is written and a failure summary returned (all or nothing per batch).
 *  2. store.issueBatch numbers every item and records it in ONE transaction (idempotent: the same
 *     key returns the numbers of the first run and allocates nothing).
 *  3. The stored records (numbers written in) render as a few large PDFs, one renderForm call per
 *     chunk, each written atomically; then the completed 名册 (XLSX + PDF); then manifest.json LAST.
 * A rendering failure after step 2 loses no number: the numbers are committed, and
 * `sef reprint <batch-id>` re-makes the files from the registry (the error says so).
 */
import type { Engine } from '../../pipeline/engine.js';
import { SystemError, UserError } from '../../errors/user-error.js';
import type { InstitutionRecord, IssuanceStore, IssueBatchResult } from '../store/types.js';
import type { PreparedRoster, RosterCellIssue, RosterErrorReportPaths } from '../roster/types.js';
import type { SourceCells } from '../outputs/roster-rows.js';
import { writeRosterErrorReport } from '../roster/error-report.js';
import { defaultIdempotencyKey } from './idempotency.js';
import { sourceCellsFor } from './source-cells.js';
import { checkChunkSize, DEFAULT_CHUNK_SIZE } from './render-chunks.js';
import type { BatchManifest } from './manifest.js';
import { ensureOutDir, writeBatchManifest, writeBatchOutputs } from './write-outputs.js';
import { noProgress, type ProgressListener } from './progress.js';

export interface IssueRosterOptions {
  readonly store: IssuanceStore;
  readonly engine: Engine;
  readonly institution: InstitutionRecord;
  readonly prepared: PreparedRoster;
  readonly outDir: string;
  /** Records per PDF (default 250). */
  readonly chunkSize?: number;
  /** Default: SHA-256 of institution id + roster sha256 + issueDate + formId. */
  readonly idempotencyKey?: string;
  readonly actor: string;
  /** Source-roster cells by subject (ID number) for the 名册 columns the certificate does not carry; default: the prepared items' cells. */
  readonly sourceCells?: ReadonlyMap<string, SourceCells>;
  readonly onProgress?: ProgressListener;
  /** Chunks rendered at the same time (default 2: the browser pool's size on a 2-core machine). */
  readonly renderConcurrency?: number;
}

export interface IssueFailure {
  readonly ok: false;
  readonly rows: number;
  readonly errors: readonly RosterCellIssue[];
  readonly warnings: readonly RosterCellIssue[];
  readonly report: RosterErrorReportPaths;
}

export interface IssueSuccess {
  readonly ok: true;
  readonly batchId: string;
  readonly replayed: boolean;
  readonly manifest: BatchManifest;
  readonly manifestPath: string;
  readonly warnings: readonly RosterCellIssue[];
}

export type IssueOutcome = IssueFailure | IssueSuccess;

export const stemFor = (kind: string): string => (kind === 'supervisor-card' ? 'supervisor-cards' : kind === 'certificate' ? 'certificates' : `${kind}s`);

export async function issueRoster(o: IssueRosterOptions): Promise<IssueOutcome> {
  const p = o.prepared;
  const progress = o.onProgress ?? noProgress;
  const chunkSize = checkChunkSize(o.chunkSize ?? DEFAULT_CHUNK_SIZE);
  await ensureOutDir(o.outDir);
  if (p.errors.length > 0) {
    const report = await writeRosterErrorReport(p, p.source.file, o.outDir);
    return { ok: false, rows: p.rows, errors: p.errors, warnings: p.warnings, report };
  }
  if (p.items.length === 0) throw new UserError({ pointer: '', code: 'BATCH_EMPTY' });
  const idempotencyKey =
    o.idempotencyKey ?? defaultIdempotencyKey({ institutionId: o.institution.id, rosterSha256: p.source.sha256, issueDate: p.issueDate, formId: p.formId });

  progress({ stage: 'number', done: 0, total: p.items.length });
  const issued: IssueBatchResult = await o.store.issueBatch({
    idempotencyKey,
    institutionId: o.institution.id,
    kind: p.kind,
    formId: p.formId,
    issueDate: p.issueDate,
    items: p.items.map((it) => ({ counterKey: it.counterKey, maxSerial: it.maxSerial, subject: it.subject, record: it.record })),
    numberFor: (k, s) => p.numberFor(k, s),
    numberPointer: p.numberPointer,
    actor: o.actor,
  });
  progress({ stage: 'number', done: issued.items.length, total: p.items.length, detail: issued.replayed ? 'replayed' : issued.batchId, batchId: issued.batchId, replayed: issued.replayed });

  const documents = await o.store.listBatch(issued.batchId);
  let written;
  try {
    written = await writeBatchOutputs({
      engine: o.engine,
      institution: o.institution,
      formId: p.formId,
      issueDate: p.issueDate,
      documents,
      outDir: o.outDir,
      chunkSize,
      fileStem: stemFor(p.kind),
      sourceCells: o.sourceCells ?? sourceCellsFor(p),
      onProgress: progress,
      ...(o.renderConcurrency ? { concurrency: o.renderConcurrency } : {}),
    });
  } catch (e) {
    throw renderFailed(issued, e);
  }
  // A replayed batch printed its (old) numbers again: that is a reprint, and the ledger says so.
  if (issued.replayed) await o.store.recordReprint(documents.map((d) => d.number), o.actor, 'issue replayed (same idempotency key)');
  const { path: manifestPath, manifest } = await writeBatchManifest(o.store, o.outDir, written, chunkSize, {
    action: 'issue',
    batchId: issued.batchId,
    replayed: issued.replayed,
    institution: { id: o.institution.id, name: o.institution.name, code: o.institution.code },
    formId: p.formId,
    documentKind: p.kind,
    issueDate: p.issueDate,
    idempotencyKey,
    source: { file: p.source.file.split(/[\\/]/).pop() ?? p.source.file, format: p.source.format, sha256: p.source.sha256 },
    counts: { rows: p.rows },
  });
  return { ok: true, batchId: issued.batchId, replayed: issued.replayed, manifest, manifestPath, warnings: p.warnings };
}

function renderFailed(issued: IssueBatchResult, cause: unknown): SystemError {
  const first = issued.items[0]?.number ?? '';
  const last = issued.items[issued.items.length - 1]?.number ?? '';
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SystemError(
    'BATCH_RENDER_FAILED',
    `批次 ${issued.batchId} 的 ${issued.items.length} 个编号（${first} … ${last}）已提交登记，未丢失；打印文件生成失败（${why}）。请执行 sef reprint ${issued.batchId} -o <目录> 重新生成。 / ` +
      `Batch ${issued.batchId}: its ${issued.items.length} numbers (${first} … ${last}) are committed and not lost; writing the print files failed (${why}). ` +
      `Re-make them with: sef reprint ${issued.batchId} -o <dir>`,
    { cause },
  );
}
