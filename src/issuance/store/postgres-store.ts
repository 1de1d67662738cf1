/**
 * PostgreSQL backend (pg). Every write transaction first takes
 * `LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE`: every change appends to the one hash chain,
 * so writers are serialised anyway, and the lock makes that explicit (readers are not blocked).
 * Counters then move with `UPDATE … RETURNING` (a row lock) in READ COMMITTED, each statement seeing
 * everything committed before the lock was granted. Serialization failures and deadlocks (SQLSTATE
 * 40001/40P01) are retried a few times. Reads run in REPEATABLE READ READ ONLY snapshots.
 *
 * The URL is a libpq-style `postgres://user:password@host:port/database`; an extra `schema=NAME`
 * query parameter puts the registry in that schema (created on open; the tests use one per test).
 */
import pg from 'pg';
import type { IssuanceStore } from './types.js';
import type { Row, SqlDriver, SqlTx } from './sql-driver.js';
import { SqlIssuanceStore } from './sql-store.js';
import { POSTGRES_GUARD_TRIGGERS, POSTGRES_MIGRATIONS } from './sql/postgres-schema.js';
import { storeUnavailable, storeWriteFailed } from './store-errors.js';
import { SystemError } from '../../errors/user-error.js';

const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;
/** pg_advisory_xact_lock key taken while migrating (any constant; "sef-mig" in ASCII). */
const MIGRATION_LOCK = 0x7365662d6d6967;

/** `?` placeholders → `$1, $2, …` (the registry's SQL has no `?` inside literals). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** A failure of the database or the connection to it (not one already reported as a SystemError). */
const isDatabaseFailure = (e: unknown): boolean =>
  e instanceof pg.DatabaseError ||
  (e instanceof Error &&
    !(e instanceof SystemError) &&
    (/^E[A-Z]+$/.test(String((e as { code?: unknown }).code ?? '')) || /connection/i.test(e.message)));

/** The URL without its password, for messages. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
};

export interface PostgresTarget {
  readonly connectionString: string;
  readonly schema?: string;
}

/** Splits the `schema` parameter off a connection URL. */
export function parsePostgresUrl(url: string): PostgresTarget {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`schema must be a plain lower-case identifier (a-z, 0-9, _), got "${schema}"`);
  return { connectionString: u.toString(), ...(schema !== undefined ? { schema } : {}) };
}

const txOf = (client: pg.PoolClient): SqlTx => ({
  all: async <T extends Row>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rows as T[],
  get: async <T extends Row>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rows[0] as T | undefined,
  run: async (sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rowCount ?? 0,
});

class PostgresDriver implements SqlDriver {
  readonly backend = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async write<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transaction(['BEGIN ISOLATION LEVEL READ COMMITTED', 'LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE'], fn);
      } catch (e) {
        // A retry runs on a fresh connection (a connection whose ROLLBACK failed is discarded).
        if (e instanceof pg.DatabaseError && e.code && RETRYABLE.has(e.code) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
          continue;
        }
        throw isDatabaseFailure(e) ? storeWriteFailed(e) : e;
      }
    }
  }

  read<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.transaction(['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'], fn);
  }

  /** One transaction on a pooled connection: `begin`, fn, COMMIT; ROLLBACK and rethrow on any error. */
  private async transaction<T>(begin: readonly string[], fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      for (const statement of begin) await client.query(statement);
      const result = await fn(txOf(client));
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
      throw e;
    } finally {
      client.release(broken);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw storeWriteFailed(e);
    }
  }

  async backendProblems(): Promise<string[]> {
    return this.read(async (tx) => {
      const problems: string[] = [];
      const triggers = await tx.all(
        `SELECT c.relname AS table_name, t.tgname AS trigger_name, t.tgenabled AS enabled
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.oid IN ('audit_log'::regclass, 'documents'::regclass, 'counters'::regclass, 'blobs'::regclass) AND NOT t.tgisinternal`,
      );
      const found = new Map(triggers.map((r) => [`${String(r.table_name)}.${String(r.trigger_name)}`, String(r.enabled)]));
      for (const g of POSTGRES_GUARD_TRIGGERS) {
        const state = found.get(`${g.table}.${g.trigger}`);
        if (state === undefined) problems.push(`guard trigger ${g.trigger} on ${g.table} is missing`);
        else if (state === 'D') problems.push(`guard trigger ${g.trigger} on ${g.table} is disabled`);
      }
      const invalid = await tx.all(
        `SELECT conname FROM pg_constraint
         WHERE NOT convalidated AND conrelid IN ('documents'::regclass, 'counters'::regclass, 'batches'::regclass, 'audit_log'::regclass, 'blobs'::regclass)`,
      );
      for (const r of invalid) problems.push(`constraint ${String(r.conname)} is not validated`);
      const badIndexes = await tx.all(
        `SELECT i.indexrelid::regclass::text AS name FROM pg_index i
         WHERE NOT (i.indisvalid AND i.indisready) AND i.indrelid IN ('documents'::regclass, 'counters'::regclass, 'batches'::regclass, 'audit_log'::regclass, 'blobs'::regclass)`,
      );
      for (const r of badIndexes) problems.push(`index ${String(r.name)} is not valid`);
      return problems;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const current = Number((await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations')).rows[0].v);
    const known = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1]!.version;
    if (current > known) throw new Error(`the registry has schema version ${current}; this program knows up to ${known} (update the program)`);
    for (const m of POSTGRES_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, new Date().toISOString()]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Opens the registry in a PostgreSQL database, creating its tables when missing. STORE_UNAVAILABLE when it cannot. */
export async function openPostgresStore(url: string): Promise<IssuanceStore> {
  let pool: pg.Pool | undefined;
  try {
    const target = parsePostgresUrl(url);
    pool = new pg.Pool({
      connectionString: target.connectionString,
      max: 4,
      connectionTimeoutMillis: 10_000,
      application_name: 'skill-eval-forms',
      ...(target.schema !== undefined ? { options: `-c search_path=${target.schema}` } : {}),
    });
    // An idle connection the server drops must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    await migrate(pool, target.schema);
  } catch (e) {
    await pool?.end().catch(() => undefined);
    throw storeUnavailable('postgres', redactUrl(url), e);
  }
  return new SqlIssuanceStore(new PostgresDriver(pool));
}
