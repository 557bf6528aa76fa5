/**
 * Holds the query core currently serving. Adapters read `holder.core` per request, so a reload
 * (a new catalog, a new index) swaps in atomically: a request in flight keeps the core it began
 * with, the next one gets the new one.
 */
import { loadCatalog, type CatalogProblem } from '../core/catalog.js';
import { BreachCore } from '../core/breach-core.js';

export class CoreHolder {
  private current: BreachCore;

  constructor(core: BreachCore) {
    this.current = core;
  }

  get core(): BreachCore {
    return this.current;
  }

  swap(core: BreachCore): BreachCore {
    const previous = this.current;
    this.current = core;
    return previous;
  }
}

/** Loads, validates and indexes the catalog under `dataDir`; problems are returned, not thrown. */
export function buildCore(dataDir: string): { core: BreachCore; problems: readonly CatalogProblem[]; ms: number } {
  const t0 = performance.now();
  const catalog = loadCatalog(dataDir);
  const core = new BreachCore(catalog);
  return { core, problems: catalog.problems, ms: performance.now() - t0 };
}
