/**
 * Opens the issuance registry. Where it lives, in order:
 *  1. the `url` argument: `postgres://…` or `postgresql://…` → PostgreSQL; `sqlite:<path>` or a
 *     plain file path → SQLite;
 *  2. the SEF_DB environment variable, read the same way;
 *  3. `${XDG_DATA_HOME:-$HOME/.local/share}/skill-eval-forms/registry.sqlite` (user data, not in
 *     output/, which people clean).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IssuanceStore } from './types.js';
import { openSqliteStore } from './sqlite-store.js';
import { openPostgresStore } from './postgres-store.js';

export type StoreLocation = { readonly backend: 'postgres'; readonly url: string } | { readonly backend: 'sqlite'; readonly path: string };

export function defaultRegistryPath(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.length > 0 ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return join(dataHome, 'skill-eval-forms', 'registry.sqlite');
}

/** Where openStore(url) would open the registry (pure apart from reading the environment). */
export function resolveStoreLocation(url?: string, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const spec = url ?? (env.SEF_DB && env.SEF_DB.length > 0 ? env.SEF_DB : undefined);
  if (spec === undefined) return { backend: 'sqlite', path: defaultRegistryPath(env) };
  if (/^postgres(ql)?:\/\//i.test(spec)) return { backend: 'postgres', url: spec };
  const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : spec;
  return { backend: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

export async function openStore(url?: string): Promise<IssuanceStore> {
  const loc = resolveStoreLocation(url);
  return loc.backend === 'postgres' ? openPostgresStore(loc.url) : openSqliteStore(loc.path);
}
