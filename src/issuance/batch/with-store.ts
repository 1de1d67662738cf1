import { userInfo } from 'node:os';
import { openStore } from '../store/open-store.js';
import type { IssuanceStore } from '../store/types.js';

/** Opens the registry (a URL, else SEF_DB, else the default file), runs fn, always closes it. */
export async function withStore<T>(url: string | undefined, fn: (store: IssuanceStore) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Who the audit log records for a CLI action: SEF_ACTOR, else `cli:<login name>`. */
export function cliActor(): string {
  if (process.env['SEF_ACTOR']) return process.env['SEF_ACTOR'];
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
