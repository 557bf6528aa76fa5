/** The `build-core` task: reads, validates and indexes the catalog, then compiles it to flat data. */
import { BreachCore } from '../core/breach-core.js';
import { DEFAULT_DATA_FILE_LIMITS, loadCatalog, type CatalogProblem, type DataFileLimits } from '../core/catalog.js';
import { compileCatalog, compiledTransferList, type CompiledCatalog } from '../core/compiled-catalog.js';
import { sourceKey, writeCatalogSnapshot } from '../core/catalog-snapshot.js';
import type { Logger } from '../ports/index.js';
import type { TaskResult } from './task-result.js';

/**
 * What the worker hands back: where it wrote the snapshot (the main thread opens that file the
 * way a start does, nothing large crosses between threads), or, when there is no snapshot file,
 * the compiled catalog itself, its buffers moved.
 */
export type BuiltCatalog = { readonly problems: readonly CatalogProblem[]; readonly ms: number } & ({ readonly snapshot: string; readonly key: string } | { readonly compiled: CompiledCatalog });

/**
 * With `snapshot`, writes the compiled catalog there, keyed on the data files as they were before
 * reading them (a file changed meanwhile makes it stale, never wrong).
 */
export function buildCoreTask(input: { dataDir: string; limits?: DataFileLimits; snapshot?: string }, log: Logger): TaskResult<BuiltCatalog> {
  const t0 = performance.now();
  const limits = input.limits ?? DEFAULT_DATA_FILE_LIMITS;
  const key = input.snapshot ? sourceKey(input.dataDir, limits) : '';
  const core = new BreachCore(loadCatalog(input.dataDir, limits));
  const compiled = compileCatalog(core);
  if (input.snapshot) {
    try {
      writeCatalogSnapshot(input.snapshot, key, compiled);
      return { result: { problems: compiled.problems, ms: performance.now() - t0, snapshot: input.snapshot, key } };
    } catch (err) {
      log.warn(`catalog snapshot not written to ${input.snapshot}: ${(err as Error).message}`);
    }
  }
  return { result: { problems: compiled.problems, ms: performance.now() - t0, compiled }, transfer: compiledTransferList(compiled) };
}
