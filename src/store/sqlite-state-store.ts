/**
 * The state store on SQLite (better-sqlite3), the default that needs no set-up: one file
 * (STATE_DB, default var/breachbot.sqlite, its folder created), migrations applied on open, WAL
 * journal so a crash never leaves a torn write, `:memory:` for tests. Several processes may
 * share the file: writes take the lock in turn and leases decide who does a job.
 */
import { migrateSqlite, SqliteDriver, type SqliteOptions } from './sqlite-driver.js';
import { SqlStateStore } from './sql-state-store.js';

export class SqliteStateStore extends SqlStateStore {
  readonly schemaVersion: number;
  private readonly sqlite: SqliteDriver;

  /** Opens (creating if needed) the database at `file`, or an in-memory one for ":memory:", and migrates it. */
  constructor(file: string, options: SqliteOptions = {}) {
    const driver = new SqliteDriver(file, options);
    super(driver);
    this.sqlite = driver;
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
  }

  /** The SQLite journal mode in effect ("wal" for a file, "memory" for ":memory:"). */
  get journalMode(): string {
    return String(this.sqlite.db.pragma('journal_mode', { simple: true }));
  }
}
