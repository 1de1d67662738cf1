/**
 * The default idempotency key of a batch: the same roster file (by content), issued by the same
 * institution on the same 发证日期 with the same form, is the same batch. Submitting it again
 * returns the numbers issued the first time (the store replays; nothing is allocated).
 */
import { sha256Hex } from '../../io/atomic-write.js';

export interface IdempotencyParts {
  readonly institutionId: string;
  /** SHA-256 hex of the roster file's bytes. */
  readonly rosterSha256: string;
  readonly issueDate: string;
  readonly formId: string;
}

export function defaultIdempotencyKey(p: IdempotencyParts): string {
  // NUL-separated so that no two different tuples share a preimage.
  const text = [p.institutionId, p.rosterSha256, p.issueDate, p.formId].join('\u0000');
  return sha256Hex(new TextEncoder().encode(text));
}
