/**
 * The state store on PostgreSQL (`DATABASE_URL=postgres://…`), for several bot processes (two
 * replicas behind a load balancer) sharing one state: the same statements and semantics as on
 * SQLite, migrations under an advisory lock, leases by one conditional upsert.
 */
import { describePostgresUrl, PostgresDriver, type PostgresOptions } from './postgres-driver.js';
import { SqlStateStore } from './sql-state-store.js';

export interface PostgresStoreOptions extends PostgresOptions {
  /** The marker file remembering which database the last run used; none: not checked. */
  readonly markerFile?: string;
}

export class PostgresStateStore extends SqlStateStore {
  private constructor(
    driver: PostgresDriver,
    options: PostgresStoreOptions,
    readonly schemaVersion: number,
  ) {
    super(driver, describePostgresUrl(driver.url), options.markerFile ? { markerFile: options.markerFile } : {});
  }

  /** Connects, migrates and checks the database's identity; rejects when the server cannot be reached. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStateStore> {
    const driver = new PostgresDriver(url, options);
    try {
      const version = await driver.migrate();
      const store = new PostgresStateStore(driver, options, version);
      await store.establishIdentity();
      return store;
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw new Error(`breachbot state: cannot open PostgreSQL at ${describePostgresUrl(url)}: ${(err as Error).message}`, { cause: err });
    }
  }
}
