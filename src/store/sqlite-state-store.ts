/**
 * The state store on SQLite (better-sqlite3), the default that needs no set-up: one file
 * (STATE_DB, default var/breachbot.sqlite, its folder created), migrations applied on open, WAL
 * journal so a crash never leaves a torn write, `:memory:` for tests. Several processes may
 * share the file: writes take the lock in turn and leases decide who does a job.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { migrateSqlite, SqliteDriver, type SqliteOptions } from './sqlite-driver.js';
import { IDENTITY_KEY, SqlStateStore } from './sql-state-store.js';
import type { StoreProblem } from './state-store.js';

export interface SqliteStoreOptions extends SqliteOptions {
  /** The marker remembering which database the last run used (default: `<file>.identity`; none for ":memory:"). */
  readonly markerFile?: string;
}

export class SqliteStateStore extends SqlStateStore {
  readonly schemaVersion: number;
  private readonly sqlite: SqliteDriver;
  /** The file's inode at open: another one at that path later means the file was replaced. */
  private readonly inode: number | undefined;

  /** Opens (creating if needed) the database at `file`, or an in-memory one for ":memory:", and migrates it. */
  constructor(file: string, options: SqliteStoreOptions = {}) {
    const driver = new SqliteDriver(file, options);
    const inMemory = file === ':memory:';
    super(driver, file, inMemory ? {} : { markerFile: options.markerFile ?? `${file}.identity` });
    this.sqlite = driver;
    this.inode = inMemory ? undefined : statSync(file).ino;
    // Start-up only: a second process migrating at the same moment is waited for, not failed.
    driver.db.pragma('busy_timeout = 5000');
    try {
      this.schemaVersion = migrateSqlite(driver.db);
    } catch (err) {
      driver.db.close();
      throw err;
    } finally {
      if (driver.db.open) driver.db.pragma('busy_timeout = 0');
    }
    const fresh = randomUUID();
    driver.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(IDENTITY_KEY, fresh);
    const id = driver.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(IDENTITY_KEY) as string;
    this.noteIdentity(id, id === fresh);
  }

  /** A file deleted or swapped under an open handle goes unnoticed by SQLite itself: compare the path with what was opened. */
  protected override async liveProblem(): Promise<StoreProblem | undefined> {
    if (this.inode !== undefined) {
      const since = new Date().toISOString();
      if (!existsSync(this.location)) return { kind: 'deleted', since, detail: `the state database ${this.location} was deleted while the bot ran: what it records from now on is lost at the next restart` };
      if (statSync(this.location).ino !== this.inode) return { kind: 'replaced', since, detail: `the state database ${this.location} was replaced by another file while the bot ran` };
    }
    return super.liveProblem();
  }

  /** The SQLite journal mode in effect ("wal" for a file, "memory" for ":memory:"). */
  get journalMode(): string {
    return String(this.sqlite.db.pragma('journal_mode', { simple: true }));
  }
}
