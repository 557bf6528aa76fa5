/** The `build-core` task: reads, validates and indexes the catalog, then compiles it to flat data. */
import { BreachCore } from '../core/breach-core.js';
import { DEFAULT_DATA_FILE_LIMITS, loadCatalog, type DataFileLimits } from '../core/catalog.js';
import { compileCatalog, compiledTransferList, type CompiledCatalog } from '../core/compiled-catalog.js';
import type { TaskResult } from './tasks.js';

export function buildCoreTask(input: { dataDir: string; limits?: DataFileLimits }): TaskResult<CompiledCatalog & { readonly ms: number }> {
  const t0 = performance.now();
  const core = new BreachCore(loadCatalog(input.dataDir, input.limits ?? DEFAULT_DATA_FILE_LIMITS));
  const compiled = compileCatalog(core);
  return { result: { ...compiled, ms: performance.now() - t0 }, transfer: compiledTransferList(compiled) };
}
