/**
 * The catalog built off the event loop: a worker reads, validates and indexes it (`build-core`),
 * then the main thread turns the result into a core a slice at a time, letting pending events
 * (acknowledgements, cron ticks) run between slices.
 */
import type { BreachCore } from '../core/breach-core.js';
import type { CatalogProblem } from '../core/catalog.js';
import { openCompiledCatalog, type CompiledCatalog } from '../core/compiled-catalog.js';
import type { Logger } from '../ports/index.js';
import { runTask } from './run-task.js';

/** Lets every pending event run before going on. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads, validates and indexes `dataDir` in a worker; the compiled catalog comes back moved, not
 * copied. With `snapshot`, the worker also writes it there for the next start.
 */
export function compileInWorker(dataDir: string, log?: Logger, snapshot?: string): Promise<CompiledCatalog> {
  return runTask('build-core', { dataDir, ...(snapshot ? { snapshot } : {}) }, log);
}

/** A core from a compiled catalog, opened in slices on this thread. */
export function openOnLoop(compiled: CompiledCatalog): Promise<BreachCore> {
  return openCompiledCatalog(compiled, yieldToLoop);
}

/** The whole way: compiled in a worker, opened here in slices. */
export async function buildCoreOffLoop(dataDir: string, log?: Logger): Promise<{ core: BreachCore; problems: readonly CatalogProblem[]; ms: number }> {
  const t0 = performance.now();
  const compiled = await compileInWorker(dataDir, log);
  const core = await openOnLoop(compiled);
  return { core, problems: compiled.problems, ms: performance.now() - t0 };
}
