/**
 * The catalog built off the event loop: a worker reads, validates, indexes and compiles it
 * (`build-core`) and writes the snapshot file; the main thread then opens that file exactly as a
 * start does — the indexes and the records' compact form decoded, no record parsed, no index
 * rebuilt — and only swaps the ready core in.
 */
import type { BreachCore } from '../core/breach-core.js';
import type { CatalogProblem } from '../core/catalog.js';
import { readCatalogSnapshot } from '../core/catalog-snapshot.js';
import { openCompiledCatalog } from '../core/compiled-catalog.js';
import type { Logger } from '../ports/index.js';
import type { BuiltCatalog } from './build-core-task.js';
import { runTask } from './run-task.js';

export type { BuiltCatalog } from './build-core-task.js';

/** Lets every pending event run before going on. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads, validates and indexes `dataDir` in a worker. With `snapshot`, the worker writes the
 * compiled catalog there (for this open and for the next start); without, it moves it here.
 */
export function compileInWorker(dataDir: string, log?: Logger, snapshot?: string): Promise<BuiltCatalog> {
  return runTask('build-core', { dataDir, ...(snapshot ? { snapshot } : {}) }, log);
}

/** A core from what the worker built, opened on this thread without rebuilding anything. */
export async function openOnLoop(built: BuiltCatalog): Promise<BreachCore> {
  if ('compiled' in built) return openCompiledCatalog(built.compiled, yieldToLoop);
  await yieldToLoop();
  const read = await readCatalogSnapshot(built.snapshot, built.key, yieldToLoop);
  if (!read.ok) throw new Error(`the catalog snapshot ${built.snapshot} just written ${read.detail}`);
  return openCompiledCatalog(read.compiled, yieldToLoop, read.compiled.source);
}

/** The whole way: compiled in a worker, opened here. */
export async function buildCoreOffLoop(dataDir: string, log?: Logger, snapshot?: string): Promise<{ core: BreachCore; problems: readonly CatalogProblem[]; ms: number }> {
  const t0 = performance.now();
  const built = await compileInWorker(dataDir, log, snapshot);
  const core = await openOnLoop(built);
  return { core, problems: built.problems, ms: performance.now() - t0 };
}
