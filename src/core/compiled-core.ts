/**
 * A `BreachCore` as an image (`core-image.ts`) and back. The full records stay outside the
 * image: the core holds their compact form (`incident-records.ts`), and its references to the
 * catalog and to where the full records are are stored as keys, given back by whoever opens it
 * (the compiled snapshot keeps each record as a byte range of JSON text).
 */
import { createHash } from 'node:crypto';
import { BreachCore } from './breach-core.js';
import type { Catalog } from './catalog.js';
import { decodeImage, encodeImage, registerImageClass, type CoreImage } from './core-image.js';
import type { RecordSource } from './incident-records.js';

/**
 * Every class a core is made of, found by walking a core built over no incidents: the index
 * modules can add or rename classes (module-private ones too) without this file knowing them.
 */
function registerCoreClasses(): string {
  const empty: Catalog = { incidents: [], byId: new Map(), fileOf: new Map(), problems: [] };
  const seen = new Set<object>();
  const shapes = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    const proto = Object.getPrototypeOf(v) as { constructor?: abstract new (...args: never[]) => object } | null;
    if (proto && proto !== Object.prototype && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && proto.constructor) {
      registerImageClass(proto.constructor);
      shapes.add(`${proto.constructor.name}(${Object.keys(v).join(',')})`);
    }
    if (v instanceof Map) for (const [k, x] of v) (walk(k), walk(x));
    else if (v instanceof Set) for (const x of v) walk(x);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(new BreachCore(empty));
  return createHash('sha256').update([...shapes].sort().join('\n')).digest('hex').slice(0, 16);
}

/**
 * A fingerprint of the core's classes and their fields: a snapshot written by a build whose
 * indexes had other fields is stale, even if nobody remembered to raise `CORE_IMAGE_VERSION`.
 */
export const CORE_SHAPE = registerCoreClasses();

const CATALOG = 'catalog';
const RECORDS = 'records';

/** The core's indexes and the records' compact form as an image; the catalog and where the full records are, named, not copied. */
export function coreToImage(core: BreachCore): CoreImage {
  return encodeImage(core, new Map<object, string>([
    [core.catalog, CATALOG],
    [core.records.source, RECORDS],
  ]));
}

/**
 * The core an image was made from, over `catalog` (what `core.catalog` gives: the validated
 * records when built from the files, or a catalog that parses them on demand) and `source`
 * (where the full records are: the same records, in the same order).
 */
export function coreFromImage(image: CoreImage, catalog: Catalog, source: RecordSource): BreachCore {
  const resolve = (key: string | number): unknown => {
    switch (key) {
      case CATALOG:
        return catalog;
      case RECORDS:
        return source;
      default:
        throw new Error(`compiled core: unknown reference ${key}`);
    }
  };
  const core = decodeImage(image, resolve);
  if (!(core instanceof BreachCore)) throw new Error('compiled core: the image does not hold a core');
  if (core.size !== source.size) throw new Error(`compiled core: ${source.size} records for an index of ${core.size}`);
  return core;
}
