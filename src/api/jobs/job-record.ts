/**
 * A batch job of the service as kept in memory and in its state file (<dataDir>/batches/<id>/job.json):
 * an issue run (roster + photos → numbers → print files) or a reprint of an issued batch. The record
 * is what GET /batches/{id} shows (links added by the route), so it holds no personal data: counts,
 * stages, number ranges and output file names only.
 */
import type { BatchStage } from '../../issuance/batch/progress.js';
import type { SerialRange } from '../../issuance/batch/render-chunks.js';

export type JobState = 'queued' | 'validating' | 'rejected' | 'issuing' | 'rendering' | 'done' | 'failed';
export const JOB_STATES: readonly JobState[] = ['queued', 'validating', 'rejected', 'issuing', 'rendering', 'done', 'failed'];
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['rejected', 'done', 'failed']);
export const isTerminal = (s: JobState): boolean => TERMINAL_STATES.has(s);

export type JobKind = 'issue' | 'reprint';
export type BatchDocumentKind = 'certificate' | 'supervisor-card';

export interface StageProgress {
  readonly done: number;
  readonly total: number;
  readonly detail?: string;
}

/** A file the job wrote, servable under /batches/{id}/files/<path>. */
export interface JobFile {
  readonly path: string;
  readonly role: 'documents' | 'roster-xlsx' | 'roster-pdf' | 'verification' | 'manifest' | 'error-report-xlsx' | 'error-report-json';
  readonly bytes: number;
  readonly sha256?: string;
  readonly pages?: number;
  readonly numbers?: { readonly first: string; readonly last: string };
}

export interface JobError {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /**
   * True when the registry holds the batch's numbers (reprint re-makes the files), false when nothing
   * was issued; absent when a crash cut the numbering transaction (it committed all numbers or none).
   */
  readonly numbersCommitted?: boolean;
}

/** The upload as stored under the job's input/ folder (deleted when the job ends). */
export interface JobInput {
  /** Relative to the job folder. */
  readonly roster: string;
  readonly photos?: string;
}

export interface BatchJob {
  readonly format: 'sef-batch-job/1';
  readonly id: string;
  readonly kind: JobKind;
  state: JobState;
  readonly institutionId: string;
  readonly documentKind: BatchDocumentKind;
  formId?: string;
  readonly issueDate?: string;
  readonly chunkSize: number;
  readonly branch?: string;
  /** The caller's Idempotency-Key (issue jobs); absent when the content itself is the key. */
  readonly idempotencyKey?: string;
  /** Where the idempotency index finds this job: `key:<api key id>:<Idempotency-Key>` or `content:<fingerprint>`. */
  readonly indexKey?: string;
  /** SHA-256 over the submitted content: same key + other content is refused. */
  readonly fingerprint?: string;
  readonly actor: string;
  readonly createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Reprint jobs: the job (or registry batch) reprinted. */
  readonly parentId?: string;
  readonly reason?: string;
  /** The registry's batch id, once numbers are committed (issue) or the batch reprinted (reprint). */
  registryBatchId?: string;
  replayed?: boolean;
  counts: {
    rows?: number;
    errors?: number;
    warnings?: number;
    documents?: number;
    pages?: number;
    chunks?: number;
    skippedVoided?: number;
  };
  progress: Partial<Record<BatchStage, StageProgress>>;
  numbers?: { readonly first: string; readonly last: string; readonly ranges: readonly SerialRange[] };
  files: JobFile[];
  error?: JobError;
  input?: JobInput;
}
