export * from './state-store.js';
export { SqliteStateStore } from './sqlite-state-store.js';
export { PostgresStateStore } from './postgres-state-store.js';
export { openStateStore, type StoreConfig } from './open-store.js';
export { MIGRATIONS, type Migration } from './migrations.js';
