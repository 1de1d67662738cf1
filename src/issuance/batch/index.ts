export { issueRoster, type IssueRosterOptions, type IssueOutcome, type IssueSuccess, type IssueFailure } from './issue-roster.js';
export { reprintBatch, reprintDocuments, type ReprintOptions, type ReprintResult } from './reprint.js';
export { defaultIdempotencyKey } from './idempotency.js';
export { DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE, batchRenderMode } from './render-chunks.js';
export { MANIFEST_FILE, type BatchManifest } from './manifest.js';
export { ROSTER_XLSX, ROSTER_PDF } from './write-outputs.js';
export type { ProgressEvent, ProgressListener, BatchStage } from './progress.js';
