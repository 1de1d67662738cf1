/**
 * Progress of a batch, stage by stage, for whoever shows it (the CLI draws bars; tests and the
 * bench record the events). Counts are documents (validate: roster rows; render: certificates
 * written into chunk files; outputs: files written).
 */
export type BatchStage = 'validate' | 'number' | 'render' | 'outputs';

export interface ProgressEvent {
  readonly stage: BatchStage;
  readonly done: number;
  readonly total: number;
  /** A short note for the current step, e.g. the chunk file just written. */
  readonly detail?: string;
  /** Set once numbering has committed (stage `number`, done): the registry batch, and whether it was a replay. */
  readonly batchId?: string;
  readonly replayed?: boolean;
}

export type ProgressListener = (e: ProgressEvent) => void;

export const noProgress: ProgressListener = () => {};
