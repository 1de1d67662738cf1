/**
 * SQLite backend (better-sqlite3): one file, safe across processes.
 *  - journal_mode=WAL: readers never block the writer, and a crash leaves the last committed state;
 *  - synchronous=FULL: a commit survives power loss, not only a process crash (NORMAL may lose the
 *    last transactions; a lost certificate number is worse than a slower commit);
 *  - BEGIN IMMEDIATE: a writer takes the file's write lock before it reads a counter, so two
 *    processes can never read the same last serial; busy_timeout makes the others wait for it;
 *  - foreign_keys=ON.
 * better-sqlite3 is synchronous; the async driver methods run one at a time per connection (a
 * small queue), so an awaiting transaction never interleaves with another call on the same handle.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IssuanceStore } from './types.js';
import type { Row, SqlDriver, SqlTx } from './sql-driver.js';
import { SqlIssuanceStore } from './sql-store.js';
import { SQLITE_GUARD_TRIGGERS, SQLITE_MIGRATIONS } from './sql/sqlite-schema.js';
import { storeUnavailable, storeWriteFailed } from './store-errors.js';

/** How long a writer waits for another process's write lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 30_000;

const isSqliteError = (e: unknown): boolean => e instanceof Database.SqliteError;

class SqliteDriver implements SqlDriver {
  readonly backend = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tx: SqlTx;

  constructor(private readonly db: Database.Database) {
    const bind = (params: readonly unknown[] = []) => params.map((p) => (p === undefined ? null : p));
    this.tx = {
      all: async <T extends Row>(sql: string, params?: readonly unknown[]) => this.stmt(sql).all(...bind(params)) as T[],
      get: async <T extends Row>(sql: string, params?: readonly unknown[]) => this.stmt(sql).get(...bind(params)) as T | undefined,
      run: async (sql: string, params?: readonly unknown[]) => this.stmt(sql).run(...bind(params)).changes,
    };
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs calls on this connection one after another. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async inTransaction<T>(begin: string, fn: (tx: SqlTx) => Promise<T>, mapErrors: boolean): Promise<T> {
    return this.serial(async () => {
      this.db.exec(begin);
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw mapErrors && isSqliteError(e) ? storeWriteFailed(e) : e;
      }
    });
  }

  write<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN IMMEDIATE', fn, true);
  }

  read<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN DEFERRED', fn, false);
  }

  async backendProblems(): Promise<string[]> {
    return this.serial(async () => {
      const problems: string[] = [];
      const integrity = this.db.pragma('integrity_check') as { integrity_check: string }[];
      for (const r of integrity) if (r.integrity_check !== 'ok') problems.push(`integrity_check: ${r.integrity_check}`);
      const fks = this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      for (const r of fks) problems.push(`foreign key: ${r.table} row ${r.rowid} points to a missing ${r.parent} row`);
      const present = new Set(
        (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name),
      );
      for (const t of SQLITE_GUARD_TRIGGERS) if (!present.has(t)) problems.push(`guard trigger ${t} is missing`);
      return problems;
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      this.statements.clear();
      if (this.db.open) this.db.close();
    });
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  db.transaction(() => {
    const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    const known = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version;
    if (current > known) throw new Error(`the registry has schema version ${current}; this program knows up to ${known} (update the program)`);
    for (const m of SQLITE_MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, new Date().toISOString());
    }
  }).immediate();
}

/** Opens (creating when missing) the registry in a SQLite file. STORE_UNAVAILABLE when it cannot. */
export async function openSqliteStore(path: string): Promise<IssuanceStore> {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS }); // sets SQLite's busy_timeout
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:') throw new Error(`the database refused WAL mode (journal_mode=${String(mode)})`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (e) {
    if (db?.open) db.close();
    throw storeUnavailable('sqlite', path, e);
  }
  return new SqlIssuanceStore(new SqliteDriver(db));
}
