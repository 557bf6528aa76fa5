/**
 * Holds the query core currently serving. Adapters read `holder.core` per request, so a reload
 * (a new catalog, a new index) swaps in atomically: a request in flight keeps the core it began
 * with, the next one gets the new one.
 */
import type { BreachCore } from './breach-core.js';

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
