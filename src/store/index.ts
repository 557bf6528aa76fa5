export * from './state-store.js';
export { SqliteStateStore, openStateStore } from './sqlite-state-store.js';
export { MIGRATIONS, migrate } from './migrations.js';
