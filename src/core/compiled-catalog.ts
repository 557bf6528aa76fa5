/**
 * A loaded, validated and indexed catalog as flat data: the core's image (`compiled-core.ts`),
 * the records as UTF-8 JSON, one per line, the file each came from, and the problems found.
 * A worker builds it and moves it to the main thread; the main thread turns it back into a core
 * without tokenizing, validating or indexing anything, parsing the records a slice at a time so
 * that no single step holds the event loop for long.
 */
import type { BreachCore } from './breach-core.js';
import type { Catalog, CatalogProblem } from './catalog.js';
import type { CoreImage } from './core-image.js';
import { coreFromImage, coreToImage } from './compiled-core.js';
import type { Incident } from './incident-schema.js';

export interface CompiledCatalog {
  readonly image: CoreImage;
  /** Every record as JSON, one per line (JSON text never holds a raw newline), in catalog order. */
  readonly records: Uint8Array;
  /** The data files, and for each record the index of the file it came from. */
  readonly files: readonly string[];
  readonly fileIndex: Int32Array;
  readonly problems: readonly CatalogProblem[];
}

/** The buffers to move (not copy) when handing a compiled catalog to another thread. */
export function compiledTransferList(c: CompiledCatalog): ArrayBuffer[] {
  return [c.image.data, c.records.buffer as ArrayBuffer, c.fileIndex.buffer as ArrayBuffer];
}

export function compileCatalog(core: BreachCore): CompiledCatalog {
  const { catalog } = core;
  const files: string[] = [];
  const fileId = new Map<string, number>();
  const fileIndex = new Int32Array(catalog.incidents.length);
  catalog.incidents.forEach((incident, i) => {
    const file = catalog.fileOf.get(incident.id) ?? '';
    let id = fileId.get(file);
    if (id === undefined) {
      id = files.length;
      files.push(file);
      fileId.set(file, id);
    }
    fileIndex[i] = id;
  });
  const records = new TextEncoder().encode(catalog.incidents.map((incident) => JSON.stringify(incident)).join('\n'));
  return { image: coreToImage(core), records, files, fileIndex, problems: catalog.problems };
}

/** Bytes of record JSON parsed between two yields (about 10–20 ms of JSON.parse here). */
const SLICE_BYTES = 2 * 1024 * 1024;

/**
 * The core a compiled catalog holds. `pause` is awaited between slices of records (e.g. a
 * `setImmediate`), so pending events run; without it everything runs in one go.
 */
export async function openCompiledCatalog(c: CompiledCatalog, pause?: () => Promise<void>): Promise<BreachCore> {
  const incidents: Incident[] = [];
  const decoder = new TextDecoder();
  const bytes = c.records;
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(10, Math.min(bytes.length, at + SLICE_BYTES));
    if (end < 0) end = bytes.length;
    const text = decoder.decode(bytes.subarray(at, end));
    for (const line of text.split('\n')) if (line) incidents.push(JSON.parse(line) as Incident);
    at = end + 1;
    if (pause && at < bytes.length) await pause();
  }
  if (incidents.length !== c.fileIndex.length) throw new Error(`compiled catalog: ${incidents.length} records for ${c.fileIndex.length} file entries`);
  const byId = new Map<string, Incident>();
  const fileOf = new Map<string, string>();
  incidents.forEach((incident, i) => {
    byId.set(incident.id, incident);
    fileOf.set(incident.id, c.files[c.fileIndex[i]!] ?? '');
  });
  const catalog: Catalog = { incidents, byId, fileOf, problems: c.problems };
  if (pause) await pause();
  return coreFromImage(c.image, catalog);
}
