/** Opens the state store the configuration names: SQLite at `STATE_DB` (the default). */
import type { StateStore } from './state-store.js';
import { SqliteStateStore } from './sqlite-state-store.js';

export interface StoreConfig {
  /** SQLite file (`STATE_DB`). */
  readonly stateDb: string;
}

export async function openStateStore(config: StoreConfig): Promise<StateStore> {
  return new SqliteStateStore(config.stateDb);
}
