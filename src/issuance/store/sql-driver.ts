/**
 * What the registry needs from a database: transactions of parameterised statements. SQL is
 * written once, with `?` placeholders, in the dialect both SQLite and PostgreSQL accept
 * (INSERT … ON CONFLICT, UPDATE … RETURNING); each backend adapts placeholders and locking.
 */
export type Row = Record<string, unknown>;

export interface SqlTx {
  all<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDriver {
  readonly backend: 'sqlite' | 'postgres';
  /**
   * Runs fn inside one write transaction and commits, or rolls back on any error and rethrows it
   * (database errors as STORE_WRITE_FAILED). Writers are serialised: every write appends to the one
   * audit chain. fn may run again after a transient conflict, so it must not have side effects
   * outside the transaction.
   */
  write<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** Runs fn on one consistent snapshot. */
  read<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /** The database's own consistency checks and the presence of the guard triggers. */
  backendProblems(): Promise<string[]>;
  close(): Promise<void>;
}

/** `?, ?, …` for n parameters. */
export const placeholders = (n: number): string => new Array<string>(n).fill('?').join(', ');

/** Keys per `IN (…)` list (well under SQLite's and PostgreSQL's parameter limits). */
const KEYS_PER_IN = 500;

/**
 * The rows of a statement with one `IN (…)` list over `keys`, run once per KEYS_PER_IN keys:
 * `sql` gets the placeholder list to put between the parentheses.
 */
export async function allIn<T extends Row = Row>(tx: SqlTx, keys: readonly unknown[], sql: (list: string) => string): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_IN) {
    const chunk = keys.slice(i, i + KEYS_PER_IN);
    rows.push(...(await tx.all<T>(sql(placeholders(chunk.length)), chunk)));
  }
  return rows;
}
