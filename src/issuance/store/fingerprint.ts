/**
 * The idempotency fingerprint of a batch request: SHA-256 over the canonical JSON of everything
 * that decides what gets issued. Left out: `numberFor` (a function; the numbers it builds follow
 * from the key and serial) and `actor` (who submits a retry does not change the batch).
 */
import type { IssueBatchRequest } from './types.js';
import { canonicalSha256 } from './canonical-json.js';

export const requestFingerprint = (req: IssueBatchRequest): string =>
  canonicalSha256({
    institutionId: req.institutionId,
    kind: req.kind,
    formId: req.formId,
    issueDate: req.issueDate,
    numberPointer: req.numberPointer,
    items: req.items.map((i) => ({ counterKey: i.counterKey, maxSerial: i.maxSerial, subject: i.subject, record: i.record })),
  });
