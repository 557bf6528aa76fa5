/**
 * A loaded, validated and indexed catalog as flat data: the core's image (`compiled-core.ts`:
 * the indexes and the records' compact form), the full records as UTF-8 JSON with the byte range
 * of each, the file each came from, and the problems found. A worker builds it and writes it to
 * the snapshot file (or moves it to the main thread); the main thread turns it back into a core
 * without tokenizing, validating, indexing or parsing any record: a full record is parsed when
 * it is shown.
 */
import type { BreachCore } from './breach-core.js';
import type { Catalog, CatalogProblem } from './catalog.js';
import type { CoreImage } from './core-image.js';
import { coreFromImage, coreToImage } from './compiled-core.js';
import type { Incident } from './incident-schema.js';
import { BytesRecordSource, type RecordSource } from './incident-records.js';

export interface CompiledCatalog {
  readonly image: CoreImage;
  /** Every record as JSON, back to back, in catalog order: record `i` is bytes `offsets[i]` to `offsets[i + 1]`. */
  readonly records: Uint8Array;
  readonly offsets: Float64Array;
  /** The data files, and for each record the index of the file it came from. */
  readonly files: readonly string[];
  readonly fileIndex: Int32Array;
  readonly problems: readonly CatalogProblem[];
}

/** The buffers to move (not copy) when handing a compiled catalog to another thread. */
export function compiledTransferList(c: CompiledCatalog): ArrayBuffer[] {
  return [c.image.data, c.records.buffer as ArrayBuffer, c.offsets.buffer as ArrayBuffer, c.fileIndex.buffer as ArrayBuffer];
}

export function compileCatalog(core: BreachCore): CompiledCatalog {
  const { catalog } = core;
  const files: string[] = [];
  const fileId = new Map<string, number>();
  const fileIndex = new Int32Array(catalog.incidents.length);
  const offsets = new Float64Array(catalog.incidents.length + 1);
  const encoded: Buffer[] = [];
  catalog.incidents.forEach((incident, i) => {
    const file = catalog.fileOf.get(incident.id) ?? '';
    let id = fileId.get(file);
    if (id === undefined) {
      id = files.length;
      files.push(file);
      fileId.set(file, id);
    }
    fileIndex[i] = id;
    const bytes = Buffer.from(JSON.stringify(incident), 'utf8');
    encoded.push(bytes);
    offsets[i + 1] = offsets[i]! + bytes.byteLength;
  });
  const records = new Uint8Array(offsets[offsets.length - 1]!);
  encoded.forEach((bytes, i) => records.set(bytes, offsets[i]!));
  return { image: coreToImage(core), records, offsets, files, fileIndex, problems: catalog.problems };
}

/**
 * The catalog of a core opened from compiled data: its problems and files as they were
 * compiled; its records (and the maps by id and by file) read from `source` only when asked for,
 * all at once — what tools and tests use, never the serving paths, which read the compact form.
 */
export class DeferredCatalog implements Catalog {
  private list: Incident[] | undefined;
  private ids: Map<string, Incident> | undefined;
  private files: Map<string, string> | undefined;

  constructor(
    private readonly source: RecordSource,
    private readonly fileNames: readonly string[],
    private readonly fileIndex: Int32Array,
    readonly problems: readonly CatalogProblem[],
  ) {}

  get incidents(): readonly Incident[] {
    this.list ??= Array.from({ length: this.source.size }, (_, i) => this.source.read(i));
    return this.list;
  }

  get byId(): ReadonlyMap<string, Incident> {
    this.ids ??= new Map(this.incidents.map((incident) => [incident.id, incident]));
    return this.ids;
  }

  get fileOf(): ReadonlyMap<string, string> {
    this.files ??= new Map(this.incidents.map((incident, i) => [incident.id, this.fileNames[this.fileIndex[i]!] ?? '']));
    return this.files;
  }
}

/** The compiled catalog's parts a core is opened from (a snapshot file gives its own record source). */
export interface OpenableCatalog {
  readonly image: CoreImage;
  readonly files: readonly string[];
  readonly fileIndex: Int32Array;
  readonly problems: readonly CatalogProblem[];
}

/**
 * The core a compiled catalog holds: the image decoded, no record parsed. `source` says where
 * the full records are (default: the compiled catalog's own bytes). `pause` is awaited before
 * decoding (e.g. a `setImmediate`), so pending events run first.
 */
export async function openCompiledCatalog(c: OpenableCatalog & { readonly records?: Uint8Array; readonly offsets?: Float64Array }, pause?: () => Promise<void>, source?: RecordSource): Promise<BreachCore> {
  const records = source ?? (c.records && c.offsets ? new BytesRecordSource(c.records, c.offsets) : undefined);
  if (!records) throw new Error('compiled catalog: no records to open');
  if (records.size !== c.fileIndex.length) throw new Error(`compiled catalog: ${records.size} records for ${c.fileIndex.length} file entries`);
  if (pause) await pause();
  return coreFromImage(c.image, new DeferredCatalog(records, c.files, c.fileIndex, c.problems), records);
}
