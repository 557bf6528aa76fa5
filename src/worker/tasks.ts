/**
 * The work that runs off the event loop, by name (`runTask(name, input)` starts a worker that
 * runs one of these). A task takes plain data (structured-cloneable) and returns its result and
 * the buffers to move with it. Adding a feed's refresh, or any other heavy job, is one more entry.
 */
import type { Logger } from '../ports/index.js';
import type { DataFileLimits } from '../core/catalog.js';
import type { RefreshableFeed } from '../import/refresh.js';
import type { SnapshotCheck } from '../core/catalog-snapshot.js';

export type { TaskResult } from './task-result.js';

// Each task loads its own modules when it runs, so a worker starts with only what its task needs.
export const TASKS = {
  /** Reads, validates and indexes the catalog under `dataDir`: the snapshot file written, or the compiled catalog. */
  'build-core': async (input: { dataDir: string; limits?: DataFileLimits; snapshot?: string }, log: Logger) => (await import('./build-core-task.js')).buildCoreTask(input, log),
  /** Fetches one feed (hibp, bonjourlafuite, hhs-ocr) and rewrites its snapshot: the refresh's outcome. */
  'refresh-feed': async (input: { feed: RefreshableFeed; url: string; dataDir: string }, log: Logger) => (await import('./refresh-task.js')).refreshFeedTask(input, log),
  /** Checks every section of a catalog snapshot against its digest: the first that differs, if any. */
  'verify-snapshot': async (input: SnapshotCheck) => (await import('./verify-snapshot-task.js')).verifySnapshotTask(input),
} as const;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>['result'];
