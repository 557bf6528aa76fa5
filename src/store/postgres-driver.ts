/**
 * PostgreSQL through node-postgres (`pg`), behind the asynchronous driver interface: a pool of
 * connections; a transaction runs on one client from `BEGIN` to `COMMIT`. Statements are the
 * store's shared SQL with `?` numbered as `$n`. Timeouts are bounded (connection 5 s, statement
 * 10 s) so a database that stopped answering is an error the caller sees, not a hang.
 */
import pg from 'pg';
import { MIGRATIONS, newerSchemaError, type Migration } from './migrations.js';
import { numberPlaceholders, type SqlDriver, type SqlExecutor, type SqlValue } from './sql-driver.js';

export interface PostgresOptions {
  /** A schema of its own (created if missing) instead of the connection's default: tests give each file one. */
  readonly schema?: string;
  /** Connections in the pool (default 5). */
  readonly max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function executor(q: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await q.query(numberPlaceholders(sql), params as SqlValue[])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await q.query(numberPlaceholders(sql), params as SqlValue[])).rowCount ?? 0,
  };
}

/** The URL without its password, for logs and `/breach status`. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

export class PostgresDriver implements SqlDriver {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: SqlExecutor;
  private ended = false;

  constructor(
    readonly url: string,
    readonly options: PostgresOptions = {},
  ) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`breachbot state: "${options.schema}" is not a schema name this store accepts (lower-case letters, digits, _)`);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 5,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
      application_name: 'breachbot',
      // In the start-up packet, so every connection of the pool uses the schema from its first statement.
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client losing its connection (a server restart) must not crash the process: the pool replaces it.
    this.pool.on('error', () => undefined);
    this.direct = executor(this.pool);
  }

  get closed(): boolean {
    return this.ended;
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }

  /**
   * Applies the missing migrations in order, in one transaction holding an advisory lock, so
   * replicas starting together migrate once; returns the version reached.
   */
  async migrate(migrations: readonly Pick<Migration, 'name' | 'postgres'>[] = MIGRATIONS): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('breachbot:migrate'))");
      // Under the lock: CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent one.
      if (this.options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const current = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0);
      if (current > migrations.length) throw newerSchemaError(current, migrations.length);
      for (let v = current; v < migrations.length; v++) {
        // Several statements in one query: the simple protocol (no parameters).
        await client.query(migrations[v]!.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [v + 1, migrations[v]!.name, new Date().toISOString()]);
      }
      await client.query('COMMIT');
      return migrations.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
