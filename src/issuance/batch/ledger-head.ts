import type { IssuanceStore } from '../store/types.js';

/** Hash of the newest audit-log entry (R-NUM-3: the batch report prints the head hash); undefined for an empty or broken log. */
export async function ledgerHead(store: IssuanceStore): Promise<string | undefined> {
  const rep = await store.verifyLedger();
  if (!rep.ok || rep.entries === 0) return undefined;
  const [last] = await store.auditEntries(rep.entries, 1);
  return last?.hash;
}
