/**
 * Opens the state store the configuration names: PostgreSQL when `DATABASE_URL` is set, else
 * SQLite at `STATE_DB` (the default, nothing to set up).
 */
import { dirname, join } from 'node:path';
import { PostgresStateStore } from './postgres-state-store.js';
import type { StateStore } from './state-store.js';
import { SqliteStateStore } from './sqlite-state-store.js';

export interface StoreConfig {
  /** SQLite file (`STATE_DB`); its folder also keeps the PostgreSQL identity marker. */
  readonly stateDb: string;
  /** `DATABASE_URL`: postgres://user:password@host:5432/db */
  readonly databaseUrl?: string;
}

export async function openStateStore(config: StoreConfig): Promise<StateStore> {
  if (config.databaseUrl) return PostgresStateStore.open(config.databaseUrl, { markerFile: join(dirname(config.stateDb), 'postgres-state.identity') });
  return new SqliteStateStore(config.stateDb);
}
