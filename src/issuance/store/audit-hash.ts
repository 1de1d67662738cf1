/**
 * The audit chain (reliability-anchors.md §5.4, R-NUM-3): every entry stores the hash of the
 * previous one, and its own hash is SHA-256 over the canonical JSON of
 * {seq, at, action, actor, subject, payload, prevHash}. Changing, removing or reordering any entry
 * breaks its own hash or the next entry's link. Pure: the stores read rows and call verifyChain.
 */
import type { AuditAction, AuditEntry, LedgerReport } from './types.js';
import { canonicalSha256 } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

type UnhashedEntry = Omit<AuditEntry, 'hash'>;

const auditHash = (e: UnhashedEntry): string =>
  canonicalSha256({ seq: e.seq, at: e.at, action: e.action, actor: e.actor, subject: e.subject, payload: e.payload, prevHash: e.prevHash });

/** The entry that follows `prev` (or starts the chain when prev is undefined). */
export function chainEntry(
  prev: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  fields: { at: string; action: AuditAction; actor: string; subject: string; payload: Readonly<Record<string, unknown>> },
): AuditEntry {
  const base: UnhashedEntry = { seq: (prev?.seq ?? 0) + 1, prevHash: prev?.hash ?? GENESIS_HASH, ...fields };
  return { ...base, hash: auditHash(base) };
}

/**
 * Checks a run of entries in seq order. `prev` is the entry before the first one (undefined when
 * the run starts the chain). Reports the first entry whose seq, link or hash does not verify.
 */
export function verifyChain(entries: Iterable<AuditEntry>, prev?: Pick<AuditEntry, 'seq' | 'hash'>): LedgerReport {
  let expectedSeq = (prev?.seq ?? 0) + 1;
  let prevHash = prev?.hash ?? GENESIS_HASH;
  let count = 0;
  for (const e of entries) {
    count++;
    if (e.seq !== expectedSeq)
      return { ok: false, entries: count, firstBad: { seq: e.seq, problem: `sequence gap: expected entry ${expectedSeq}, found ${e.seq}` } };
    if (e.prevHash !== prevHash)
      return { ok: false, entries: count, firstBad: { seq: e.seq, problem: 'link broken: prevHash is not the previous entry\'s hash' } };
    if (auditHash(e) !== e.hash)
      return { ok: false, entries: count, firstBad: { seq: e.seq, problem: 'content changed: the stored hash does not match the entry' } };
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, entries: count };
}
