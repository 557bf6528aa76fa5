/** A core built on this thread, straight from the data files (the bot builds in a worker: `worker/off-loop.ts`). */
import { BreachCore } from './breach-core.js';
import { loadCatalog, type CatalogProblem } from './catalog.js';

/** Loads, validates and indexes the catalog under `dataDir`; problems are returned, not thrown. */
export function buildCore(dataDir: string): { core: BreachCore; problems: readonly CatalogProblem[]; ms: number } {
  const t0 = performance.now();
  const catalog = loadCatalog(dataDir);
  const core = new BreachCore(catalog);
  return { core, problems: catalog.problems, ms: performance.now() - t0 };
}
