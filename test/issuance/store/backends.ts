/**
 * The backends the store suite runs against, and a fresh, empty registry per test:
 *  - SQLite always (a file in a new temp directory);
 *  - PostgreSQL when SEF_TEST_PG_URL is set (a new schema per test, dropped afterwards). When it is
 *    not set, the PostgreSQL suite is skipped locally and FAILS in CI (env CI set), so CI cannot lose
 *    it silently. Start a throwaway server with: eval "$(bash scripts/start-test-postgres.sh)".
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { it } from 'vitest';
import { openStore } from '../../../src/issuance/store/open-store.js';
import type { IssuanceStore } from '../../../src/issuance/store/types.js';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['sqlite', 'postgres'];

export const PG_URL = process.env.SEF_TEST_PG_URL && process.env.SEF_TEST_PG_URL.length > 0 ? process.env.SEF_TEST_PG_URL : undefined;

/**
 * Call first in a describe.each(BACKENDS) body: returns false (and registers the failing or
 * skipped placeholder test) when the backend cannot run here.
 */
export function backendAvailable(backend: BackendName): boolean {
  if (backend === 'sqlite' || PG_URL) return true;
  if (process.env.CI) {
    it('PostgreSQL: SEF_TEST_PG_URL must be set in CI (.ci/run starts PostgreSQL with scripts/start-test-postgres.sh)', () => {
      throw new Error('SEF_TEST_PG_URL is not set: the PostgreSQL registry suite cannot run, and CI must not skip it');
    });
  } else {
    it.skip('PostgreSQL: skipped because SEF_TEST_PG_URL is not set (eval "$(bash scripts/start-test-postgres.sh)" to run it)', () => undefined);
  }
  return false;
}

/** Raw SQL on the registry's database, bypassing the store (for tamper tests). */
export interface RawSql {
  exec(sql: string): Promise<void>;
  /** The rows of one statement (PostgreSQL returns COUNT(*) and BIGINT as strings). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface Target {
  readonly backend: BackendName;
  /** What openStore takes. */
  readonly url: string;
  open(): Promise<IssuanceStore>;
  raw(): Promise<RawSql>;
  cleanup(): Promise<void>;
}

export async function freshTarget(backend: BackendName): Promise<Target> {
  if (backend === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'sef-store-'));
    const path = join(dir, 'registry.sqlite');
    return {
      backend,
      url: `sqlite:${path}`,
      open: () => openStore(`sqlite:${path}`),
      raw: async () => {
        const db = new Database(path);
        return {
          exec: async (sql) => void db.exec(sql),
          query: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
          close: async () => void db.close(),
        };
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_URL) throw new Error('SEF_TEST_PG_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  const url = u.toString();
  const client = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    return c;
  };
  return {
    backend,
    url,
    open: () => openStore(url),
    raw: async () => {
      const c = await client();
      return {
        exec: async (sql) => void (await c.query(sql)),
        query: async (sql) => (await c.query(sql)).rows as Record<string, unknown>[],
        close: () => c.end(),
      };
    },
    cleanup: async () => {
      const c = await client();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs fn with a fresh registry (opened) and removes it afterwards. */
export async function withStore<T>(backend: BackendName, fn: (store: IssuanceStore, target: Target) => Promise<T>): Promise<T> {
  const target = await freshTarget(backend);
  const store = await target.open();
  try {
    return await fn(store, target);
  } finally {
    await store.close();
    await target.cleanup();
  }
}

/** Runs fn with raw SQL on the target's database and closes that connection afterwards. */
export async function withRaw<T>(target: Target, fn: (raw: RawSql) => Promise<T>): Promise<T> {
  const raw = await target.raw();
  try {
    return await fn(raw);
  } finally {
    await raw.close();
  }
}
