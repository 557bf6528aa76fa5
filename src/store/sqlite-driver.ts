/**
 * SQLite through better-sqlite3, behind the asynchronous driver interface. better-sqlite3 is
 * synchronous: a statement takes microseconds, but one waiting on a lock held by another process
 * would block the whole event loop (acknowledgements included) for as long as SQLite's
 * `busy_timeout`. So the busy timeout is zero and the waiting happens here, asynchronously:
 * a statement or transaction that finds the database locked is tried again after a short sleep,
 * until `lockWaitMs` has passed, then rejects ("locked"). Operations run one at a time, in
 * order, so a transaction's statements never interleave with another caller's.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { MIGRATIONS, newerSchemaError, type Migration } from './migrations.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';

export interface SqliteOptions {
  /** How long an operation waits for another process's lock before it rejects (default 5 s). */
  readonly lockWaitMs?: number;
}

const BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED']);

function isBusy(err: unknown): boolean {
  return BUSY.has((err as { code?: string }).code ?? '');
}

/** Applies the missing migrations in order, each in its own write transaction; returns the version reached. */
export function migrateSqlite(db: Database.Database, migrations: readonly Pick<Migration, 'sqlite'>[] = MIGRATIONS): number {
  for (;;) {
    // Re-read inside the write lock: another process may have migrated in between.
    const step = db
      .transaction(() => {
        const current = db.pragma('user_version', { simple: true }) as number;
        if (current > migrations.length) throw newerSchemaError(current, migrations.length);
        if (current === migrations.length) return false;
        db.exec(migrations[current]!.sqlite);
        // PRAGMA takes no bound parameters; current is an integer read from the database.
        db.pragma(`user_version = ${current + 1}`);
        return true;
      })
      .immediate();
    if (!step) return migrations.length;
  }
}

export class SqliteDriver implements SqlDriver {
  readonly engine = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly lockWaitMs: number;
  private tail: Promise<unknown> = Promise.resolve();

  /** Opens (creating it and its folder if needed) the database at `file`, or an in-memory one for ":memory:". */
  constructor(readonly file: string, options: SqliteOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
    this.db = new Database(file, { timeout: 0 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
  }

  get closed(): boolean {
    return !this.db.open;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.serial(() => this.direct.all<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.serial(() => this.direct.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    await this.tail.catch(() => undefined);
    if (this.db.open) this.db.close();
  }

  /** Statements run as they come, for use inside `serial` (a transaction's body). */
  private readonly direct: SqlExecutor = {
    all: <T>(sql: string, params: readonly SqlValue[] = []) => Promise.resolve(this.db.prepare(sql).all(...params) as T[]),
    run: (sql: string, params: readonly SqlValue[] = []) => Promise.resolve(this.db.prepare(sql).run(...params).changes),
  };

  /** Runs `op` after every operation before it, retrying it while another process holds the lock. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (!this.db.open) throw new Error('breachbot state: the store is closed');
      const deadline = Date.now() + this.lockWaitMs;
      for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
        try {
          return await op();
        } catch (err) {
          if (!isBusy(err)) throw err;
          if (Date.now() + wait > deadline) throw new Error(`breachbot state: ${this.file} stayed locked by another process for ${this.lockWaitMs} ms`, { cause: err });
          await sleep(wait);
        }
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
