/**
 * A `BreachCore` as an image (`core-image.ts`) and back. The catalog's records stay outside the
 * image: the core's references to the catalog, its record list and each record are stored as
 * keys, and given back by whoever holds the records (the worker sends them on their own; the
 * compiled snapshot stores them as JSON text).
 */
import { BreachCore } from './breach-core.js';
import type { Catalog } from './catalog.js';
import { decodeImage, encodeImage, registerImageClass, type CoreImage } from './core-image.js';

/**
 * Every class a core is made of, found by walking a core built over no incidents: the index
 * modules can add or rename classes (module-private ones too) without this file knowing them.
 */
function registerCoreClasses(): void {
  const empty: Catalog = { incidents: [], byId: new Map(), fileOf: new Map(), problems: [] };
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    const proto = Object.getPrototypeOf(v) as { constructor?: abstract new (...args: never[]) => object } | null;
    if (proto && proto !== Object.prototype && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && proto.constructor) registerImageClass(proto.constructor);
    if (v instanceof Map) for (const [k, x] of v) (walk(k), walk(x));
    else if (v instanceof Set) for (const x of v) walk(x);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(new BreachCore(empty));
}
registerCoreClasses();

const CATALOG = 'catalog';
const INCIDENTS = 'incidents';
const BY_ID = 'byId';
const FILE_OF = 'fileOf';
const PROBLEMS = 'problems';

function externalsOf(catalog: Catalog): Map<object, string | number> {
  const externals = new Map<object, string | number>([
    [catalog, CATALOG],
    [catalog.incidents, INCIDENTS],
    [catalog.byId, BY_ID],
    [catalog.fileOf, FILE_OF],
    [catalog.problems, PROBLEMS],
  ]);
  catalog.incidents.forEach((incident, i) => externals.set(incident, i));
  return externals;
}

/** The core's indexes as an image; its catalog is named, not copied. */
export function coreToImage(core: BreachCore): CoreImage {
  return encodeImage(core, externalsOf(core.catalog));
}

/** The core an image was made from, over `catalog` (the same records, in the same order). */
export function coreFromImage(image: CoreImage, catalog: Catalog): BreachCore {
  const resolve = (key: string | number): unknown => {
    if (typeof key === 'number') {
      const incident = catalog.incidents[key];
      if (!incident) throw new Error(`compiled core: record ${key} is missing (${catalog.incidents.length} records given)`);
      return incident;
    }
    switch (key) {
      case CATALOG:
        return catalog;
      case INCIDENTS:
        return catalog.incidents;
      case BY_ID:
        return catalog.byId;
      case FILE_OF:
        return catalog.fileOf;
      case PROBLEMS:
        return catalog.problems;
      default:
        throw new Error(`compiled core: unknown reference ${key}`);
    }
  };
  const core = decodeImage(image, resolve);
  if (!(core instanceof BreachCore)) throw new Error('compiled core: the image does not hold a core');
  return core;
}
