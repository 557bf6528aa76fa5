/**
 * The little the store needs from a SQL engine, so one store implementation (`SqlStateStore`)
 * serves SQLite and PostgreSQL with the same statements and the same semantics. Statements use
 * `?` placeholders (PostgreSQL's driver numbers them) and the SQL both engines share:
 * `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE`, `RETURNING`, ISO date-time text columns.
 */
export type SqlValue = string | number | null;

export interface SqlExecutor {
  /** Rows of a query. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves with how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction that takes the write lock first (SQLite `BEGIN IMMEDIATE`):
   * committed when it resolves, rolled back when it rejects. Inside, use only `tx`.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly closed: boolean;
}

/** `?` placeholders to PostgreSQL's `$1, $2…` (no statement of ours has a `?` inside a literal). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
