/**
 * The catalog's records as the query core holds them: a compact form (typed arrays and string
 * tables) of what listing, ranking, filtering, statistics, digests and watchlists read — id,
 * title, dates as numbers, kind, source, data classes, the names a channel may watch and the
 * domains — and, behind it, the full records, parsed only when one is shown.
 *
 * Where the full records are depends on how the core was made: built from the data files, they
 * are the validated objects themselves; opened from the compiled catalog snapshot, each is a
 * byte range of UTF-8 JSON in the snapshot file (or in a buffer a worker handed over), parsed on
 * demand and kept in a small most-recently-used cache. So a start at 100,000 incidents reads
 * typed arrays and a few string tables, not 100,000 nested objects.
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import { incidentSortDate } from './incident-dates.js';
import type { Incident } from './incident-schema.js';

/** Where the full records are: `read(i)` gives record `i`, validated when it was compiled. */
export interface RecordSource {
  readonly size: number;
  read(i: number): Incident;
}

/** Records already in memory (a core built from the data files). */
export class ArrayRecordSource implements RecordSource {
  constructor(private readonly incidents: readonly Incident[]) {}

  get size(): number {
    return this.incidents.length;
  }

  read(i: number): Incident {
    const incident = this.incidents[i];
    if (!incident) throw new RangeError(`incident records: no record ${i} (${this.incidents.length} held)`);
    return incident;
  }
}

/** Byte ranges of one JSON record each: record `i` is `[offsets[i], offsets[i + 1])`. */
function rangeOf(offsets: Float64Array, i: number): [number, number] {
  if (!(i >= 0 && i + 1 < offsets.length)) throw new RangeError(`incident records: no record ${i} (${offsets.length - 1} held)`);
  return [offsets[i]!, offsets[i + 1]!];
}

const decoder = new TextDecoder();

/** Records as JSON in a buffer (what a worker hands over when no snapshot file is kept). */
export class BytesRecordSource implements RecordSource {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly offsets: Float64Array,
  ) {}

  get size(): number {
    return this.offsets.length - 1;
  }

  read(i: number): Incident {
    const [start, end] = rangeOf(this.offsets, i);
    return JSON.parse(decoder.decode(this.bytes.subarray(start, end))) as Incident;
  }
}

// An open snapshot file is closed once no core reads it any more (a reload swapped it out and
// the last request that held it is done): its descriptor keeps the file it was opened on, even
// after a newer snapshot is renamed over its path.
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Records as JSON in the snapshot file: each read with one positioned read, through a descriptor kept open. */
export class FileRecordSource implements RecordSource {
  constructor(
    private readonly fd: number,
    /** Where the records section starts in the file. */
    private readonly base: number,
    private readonly offsets: Float64Array,
  ) {
    openFiles.register(this, fd, this);
  }

  /** Closes the file now (a snapshot found damaged after opening): no record can be read after. */
  close(): void {
    openFiles.unregister(this);
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  read(i: number): Incident {
    const [start, end] = rangeOf(this.offsets, i);
    const buf = Buffer.allocUnsafe(end - start);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(this.fd, buf, at, buf.length - at, this.base + start + at);
      if (n === 0) throw new Error(`incident records: the snapshot file ends inside record ${i} (${fstatSync(this.fd).size} bytes)`);
      at += n;
    }
    return JSON.parse(buf.toString('utf8')) as Incident;
  }
}

/** Kinds of named group an incident carries, in the order a watch match reports them. */
export const GROUP_ORGANIZATION = 0;
export const GROUP_AFFECTED = 1;
export const GROUP_VENDOR = 2;

/** Full records kept parsed (the pages being read, the digests being posted). */
const CACHE_SIZE = 256;

/** A small table of repeated values (kinds, sources, data classes) and each record's code. */
function codes(values: readonly string[], table: string[], index: Map<string, number>): number[] {
  return values.map((v) => {
    let code = index.get(v);
    if (code === undefined) {
      code = table.length;
      table.push(v);
      index.set(v, code);
    }
    return code;
  });
}

const CACHE = Symbol('parsed records');
const POSITIONS = Symbol('positions by id');

export class IncidentRecords {
  readonly size: number;
  readonly ids: readonly string[];
  /** English titles (what "did you mean" lists). */
  readonly titles: readonly string[];
  /** The date each incident sorts by (`incidentSortDate`), and when it entered the catalog (ms). */
  readonly sortDates: readonly string[];
  readonly addedAt: Float64Array;
  readonly curated: Uint8Array;
  /** Kind and source (`provenance.source`) as codes into their tables. */
  readonly kindCode: Uint8Array;
  readonly kinds: readonly string[];
  readonly sourceCode: Uint16Array;
  readonly sources: readonly string[];
  /** Data classes per incident (CSR: `classStart[i]..classStart[i+1]` into `classCode`), codes into `classes`. */
  readonly classStart: Int32Array;
  readonly classCode: Uint16Array;
  readonly classes: readonly string[];
  /**
   * The named groups a channel may watch (CSR per incident): the organization, each affected
   * organization, each vendor; each group's names (CSR into `groupNames`): its name, then aliases.
   */
  readonly groupStart: Int32Array;
  readonly groupKind: Uint8Array;
  readonly groupNameStart: Int32Array;
  readonly groupNames: readonly string[];
  /** Domains of the organization and of the affected organizations (CSR per incident). */
  readonly domainStart: Int32Array;
  readonly domains: readonly string[];
  /** Where the full records are (left out of the core's image, given back by whoever opens it). */
  readonly source: RecordSource;

  private [CACHE]?: Map<number, Incident>;
  private [POSITIONS]?: Map<string, number>;

  constructor(incidents: readonly Incident[], source: RecordSource = new ArrayRecordSource(incidents)) {
    const n = incidents.length;
    this.size = n;
    this.source = source;
    this.ids = incidents.map((i) => i.id);
    this.titles = incidents.map((i) => i.title.en);
    this.sortDates = incidents.map(incidentSortDate);
    this.addedAt = Float64Array.from(incidents, (i) => Date.parse(i.addedAt));
    this.curated = Uint8Array.from(incidents, (i) => (i.provenance.source === 'curated' ? 1 : 0));
    const kinds: string[] = [];
    this.kindCode = Uint8Array.from(codes(incidents.map((i) => i.kind), kinds, new Map()));
    this.kinds = kinds;
    const sources: string[] = [];
    this.sourceCode = Uint16Array.from(codes(incidents.map((i) => i.provenance.source), sources, new Map()));
    this.sources = sources;
    const classes: string[] = [];
    const classIndex = new Map<string, number>();
    this.classStart = new Int32Array(n + 1);
    const classCodes: number[] = [];
    const groupStart = new Int32Array(n + 1);
    const groupKind: number[] = [];
    const groupNameStart: number[] = [0];
    const groupNames: string[] = [];
    const domainStart = new Int32Array(n + 1);
    const domains: string[] = [];
    const group = (kind: number, name: string, aliases: readonly string[]) => {
      groupKind.push(kind);
      groupNames.push(name, ...aliases);
      groupNameStart.push(groupNames.length);
    };
    incidents.forEach((inc, i) => {
      classCodes.push(...codes(inc.dataClasses, classes, classIndex));
      this.classStart[i + 1] = classCodes.length;
      group(GROUP_ORGANIZATION, inc.organization.name, inc.organization.aliases);
      for (const a of inc.affected) group(GROUP_AFFECTED, a.name, a.aliases);
      for (const v of inc.vendors) group(GROUP_VENDOR, v.name, v.aliases);
      groupStart[i + 1] = groupKind.length;
      domains.push(...inc.organization.domains, ...inc.affected.flatMap((a) => a.domains ?? []));
      domainStart[i + 1] = domains.length;
    });
    this.classCode = Uint16Array.from(classCodes);
    this.classes = classes;
    this.groupStart = groupStart;
    this.groupKind = Uint8Array.from(groupKind);
    this.groupNameStart = Int32Array.from(groupNameStart);
    this.groupNames = groupNames;
    this.domainStart = domainStart;
    this.domains = domains;
  }

  /** The full record at position `i`: parsed on demand when the core was opened from a snapshot. */
  get(i: number): Incident {
    const cache = (this[CACHE] ??= new Map());
    let incident = cache.get(i);
    if (incident) {
      // Most recently used last.
      cache.delete(i);
      cache.set(i, incident);
      return incident;
    }
    incident = this.source.read(i);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(i, incident);
    return incident;
  }

  /** The position of the incident with this id (built on first use). */
  position(id: string): number | undefined {
    const positions = (this[POSITIONS] ??= new Map(this.ids.map((x, i) => [x, i])));
    return positions.get(id);
  }

  /** Every full record, in catalog order (parses them all: for tools and tests, not for serving). */
  all(): Incident[] {
    return Array.from({ length: this.size }, (_, i) => this.source.read(i));
  }

  kind(i: number): string {
    return this.kinds[this.kindCode[i]!]!;
  }

  sourceName(i: number): string {
    return this.sources[this.sourceCode[i]!]!;
  }

  dataClassesOf(i: number): string[] {
    const out: string[] = [];
    for (let k = this.classStart[i]!; k < this.classStart[i + 1]!; k++) out.push(this.classes[this.classCode[k]!]!);
    return out;
  }

  /** Incident `i`'s named groups: kind and names (its name first, then its aliases). */
  groupsOf(i: number): { kind: number; names: readonly string[] }[] {
    const out: { kind: number; names: readonly string[] }[] = [];
    for (let g = this.groupStart[i]!; g < this.groupStart[i + 1]!; g++) out.push({ kind: this.groupKind[g]!, names: this.groupNames.slice(this.groupNameStart[g]!, this.groupNameStart[g + 1]!) });
    return out;
  }

  /** The organization's name and aliases. */
  organizationNames(i: number): readonly string[] {
    const g = this.groupStart[i]!;
    return this.groupNames.slice(this.groupNameStart[g]!, this.groupNameStart[g + 1]!);
  }

  organizationName(i: number): string {
    return this.groupNames[this.groupNameStart[this.groupStart[i]!]!]!;
  }

  domainsOf(i: number): readonly string[] {
    return this.domains.slice(this.domainStart[i]!, this.domainStart[i + 1]!);
  }
}
