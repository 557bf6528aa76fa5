/**
 * A built query core as flat data: what a worker thread hands the main thread (its buffers
 * moved, not copied), and what the compiled catalog snapshot stores on disk. Rebuilding a core
 * from its image costs no tokenizing, no sorting and no index building: typed arrays come back
 * as they were, arrays of numbers from one typed array each, arrays of strings from one string
 * and a table of lengths, arrays of same-shaped records column by column.
 *
 * The encoding is generic over the object graph (class instances, plain objects, arrays, Maps,
 * Sets, typed arrays), so the indexes can change without this file changing: a class only has to
 * be listed in `IMAGE_CLASSES`; the encoder refuses (by name and path) anything it cannot carry,
 * such as a function. Objects reached twice stay one object. The catalog's records are not in the
 * image: they travel on their own and are named here by reference (`externals`).
 *
 * `CORE_IMAGE_VERSION` goes up whenever the encoding changes; an image of another version is
 * never decoded.
 */
import SearchableMap from 'minisearch/SearchableMap';

export const CORE_IMAGE_VERSION = 4;

/**
 * The graph as JSON text (`shape`), with its bulk in one buffer (`data`: every typed array, each
 * at an 8-byte aligned offset, moved to another thread rather than copied) and `texts` (each an
 * array of strings joined, cut by a table of lengths in `data`).
 */
export interface CoreImage {
  readonly version: number;
  readonly shape: string;
  readonly texts: string[];
  readonly data: ArrayBuffer;
}

type Ctor = abstract new (...args: never[]) => object;

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

/** Classes whose instances an image may hold, by name (module-private ones included). */
const IMAGE_CLASSES = new Map<string, Ctor>([['SearchableMap', SearchableMap as unknown as Ctor]]);

/** Makes a class's instances encodable; each index module registers its own. */
export function registerImageClass(ctor: Ctor): void {
  const known = IMAGE_CLASSES.get(ctor.name);
  if (known && known !== ctor) throw new Error(`core image: two classes named ${ctor.name}`);
  IMAGE_CLASSES.set(ctor.name, ctor);
}

/** Objects left out of the image and named by a key (the catalog and its records). */
export type Externals = ReadonlyMap<object, string | number>;

/** Rows of at least this many same-shaped plain objects are stored column by column. */
const MIN_ROWS = 8;

function typedName(v: ArrayBufferView): TypedName | undefined {
  const name = v.constructor.name;
  return name in TYPED ? (name as TypedName) : undefined;
}

class Encoder {
  private readonly ids = new Map<object, number>();
  private next = 0;
  readonly texts: string[] = [];
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly externals: Externals) {}

  /** Queues a typed array's bytes; returns [offset, length in elements]. */
  private buffer(view: ArrayBufferView & { length: number }): [number, number] {
    const offset = this.bytes;
    this.chunks.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    this.bytes += Math.ceil(view.byteLength / 8) * 8;
    return [offset, view.length];
  }

  /** Every queued typed array, copied once into one buffer. */
  data(): ArrayBuffer {
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += Math.ceil(c.byteLength / 8) * 8;
    }
    return out.buffer;
  }

  private strings(list: readonly string[]): unknown {
    const lengths = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) lengths[i] = list[i]!.length;
    this.texts.push(list.join(''));
    return ['s', this.texts.length - 1, this.buffer(lengths)];
  }

  /**
   * Long arrays of only numbers, only strings, only same-shaped plain objects or only arrays get
   * compact forms; short ones are written inline.
   */
  private array(list: readonly unknown[], path: string, id: number): unknown {
    if (list.length >= MIN_ROWS) {
      const first = list[0];
      if (typeof first === 'number') {
        let ints = true;
        let all = true;
        for (const v of list) {
          if (typeof v !== 'number') {
            all = false;
            break;
          }
          if (ints && (v | 0) !== v) ints = false;
        }
        if (all) return ['N', id, ints ? 'Int32Array' : 'Float64Array', this.buffer(ints ? Int32Array.from(list as number[]) : Float64Array.from(list as number[]))];
      } else if (typeof first === 'string') {
        if (list.every((v) => typeof v === 'string')) return ['S', id, this.strings(list as string[])];
      } else if (Array.isArray(first)) {
        const nested = this.nested(list, path);
        if (nested) return ['G', id, ...nested];
      } else if (isPlain(first)) {
        const keys = Object.keys(first as object);
        const same = list.every((v) => isPlain(v) && !this.ids.has(v as object) && sameKeys(v as object, keys));
        if (same) {
          const firstRow = this.next;
          for (const row of list) this.ids.set(row as object, this.next++);
          const cols = keys.map((k) => this.column(list.map((row) => (row as Record<string, unknown>)[k]), `${path}[].${k}`));
          return ['R', id, firstRow, list.length, keys, cols];
        }
      }
    }
    return ['A', id, list.map((v, i) => this.value(v, `${path}[${i}]`))];
  }

  /**
   * A list of lists (each incident's names, each name's references) as one flat list, encoded
   * like any list, and a table of lengths: one node instead of one per list. Only lists seen
   * nowhere else.
   */
  private nested(list: readonly unknown[], path: string): unknown[] | undefined {
    const lengths = new Int32Array(list.length);
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      const inner = list[i];
      if (!Array.isArray(inner) || this.ids.has(inner)) return undefined;
      lengths[i] = inner.length;
      total += inner.length;
    }
    const flat = new Array<unknown>(total);
    let at = 0;
    for (const inner of list as unknown[][]) for (const v of inner) flat[at++] = v;
    const firstId = this.next;
    for (const inner of list) this.ids.set(inner as object, this.next++);
    return [firstId, this.buffer(lengths), this.array(flat, `${path}[][]`, -1)];
  }

  /** A column of a row table: never shared, so not tracked. */
  private column(values: unknown[], path: string): unknown {
    return this.array(values, path, -1);
  }

  value(v: unknown, path: string): unknown {
    switch (typeof v) {
      case 'undefined':
        return ['u'];
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? v : ['n', String(v)];
      case 'object':
        break;
      default:
        throw new Error(`core image: cannot carry a ${typeof v} at ${path}`);
    }
    if (v === null) return null;
    const external = this.externals.get(v);
    if (external !== undefined) return ['x', external];
    const seen = this.ids.get(v);
    if (seen !== undefined) return ['r', seen];
    const id = this.next++;
    this.ids.set(v, id);
    if (ArrayBuffer.isView(v)) {
      const name = typedName(v);
      if (!name) throw new Error(`core image: cannot carry a ${v.constructor.name} at ${path}`);
      // An array of zeros (a core's scratch space) is written as its length: no bytes in the file, and pages the
      // operating system gives on first touch rather than megabytes read and checked at every start.
      if (isAllZero(v)) return ['Z', id, name, (v as Typed).length];
      return ['T', id, name, this.buffer(v as Typed)];
    }
    if (Array.isArray(v)) return this.array(v, path, id);
    if (v instanceof Map) return ['M', id, this.array([...v.keys()], `${path}.keys`, -1), this.array([...v.values()], `${path}.values`, -1)];
    if (v instanceof Set) return ['E', id, this.array([...v], `${path}.values`, -1)];
    const proto = Object.getPrototypeOf(v) as object | null;
    let className: string | null = null;
    if (proto !== Object.prototype && proto !== null) {
      const ctor = (proto as { constructor?: Ctor }).constructor;
      if (!ctor || IMAGE_CLASSES.get(ctor.name) !== ctor) {
        throw new Error(`core image: class ${ctor?.name ?? '?'} at ${path} is not registered (registerImageClass)`);
      }
      className = ctor.name;
    }
    const keys = Object.keys(v);
    return ['O', id, className, keys, keys.map((k) => this.value((v as Record<string, unknown>)[k], `${path}.${k}`))];
  }
}

function isAllZero(v: ArrayBufferView): boolean {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

function isPlain(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function sameKeys(o: object, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (k !== keys[n]) return false;
    n++;
  }
  return n === keys.length;
}

/** Encodes `root` (e.g. a BreachCore); objects in `externals` are left out and named by their key. */
export function encodeImage(root: unknown, externals: Externals = new Map()): CoreImage {
  const enc = new Encoder(externals);
  const shape = JSON.stringify(enc.value(root, 'root'));
  return { version: CORE_IMAGE_VERSION, shape, texts: enc.texts, data: enc.data() };
}

type Node = unknown;

class Decoder {
  private readonly objects: unknown[] = [];

  constructor(
    private readonly image: CoreImage,
    private readonly resolve: (key: string | number) => unknown,
  ) {}

  /** A view on the image's buffer: no copy. */
  private typed(name: string, at: [number, number]): Typed {
    const ctor = TYPED[name as TypedName];
    if (!ctor) throw new Error(`core image: bad typed array ${name}`);
    return new ctor(this.image.data, at[0], at[1]) as Typed;
  }

  private strings(node: Node): string[] {
    const [, text, lengths] = node as [string, number, [number, number]];
    const all = this.image.texts[text] ?? '';
    const lens = this.typed('Int32Array', lengths) as Int32Array;
    const out = new Array<string>(lens.length);
    let at = 0;
    for (let i = 0; i < lens.length; i++) {
      const end = at + lens[i]!;
      out[i] = all.slice(at, end);
      at = end;
    }
    return out;
  }

  private keep<T>(id: number, v: T): T {
    if (id >= 0) this.objects[id] = v;
    return v;
  }

  value(node: Node): unknown {
    if (!Array.isArray(node)) return node;
    switch (node[0] as string) {
      case 'u':
        return undefined;
      case 'n':
        return Number(node[1]);
      case 'x':
        return this.resolve(node[1] as string | number);
      case 'r':
        return this.objects[node[1] as number];
      case 'T':
        // A view: each typed array has its own region of the buffer, so the core's scratch arrays can be written to.
        return this.keep(node[1] as number, this.typed(node[2] as string, node[3] as [number, number]));
      case 'Z': {
        const ctor = TYPED[node[2] as TypedName];
        if (!ctor) throw new Error(`core image: bad typed array ${String(node[2])}`);
        return this.keep(node[1] as number, new ctor(node[3] as number));
      }
      case 'N':
        return this.keep(node[1] as number, Array.from(this.typed(node[2] as string, node[3] as [number, number])));
      case 'G': {
        const [, id, firstId, lengthsAt, flatNode] = node as [string, number, number, [number, number], Node];
        const lengths = this.typed('Int32Array', lengthsAt) as Int32Array;
        const out: unknown[][] = this.keep(id, new Array(lengths.length));
        const flat = this.value(flatNode) as unknown[];
        let at = 0;
        for (let i = 0; i < lengths.length; i++) {
          const end = at + lengths[i]!;
          out[i] = this.keep(firstId + i, flat.slice(at, end));
          at = end;
        }
        return out;
      }
      case 'S':
        return this.keep(node[1] as number, this.strings(node[2]));
      case 'A': {
        const out: unknown[] = this.keep(node[1] as number, []);
        for (const item of node[2] as Node[]) out.push(this.value(item));
        return out;
      }
      case 'R': {
        const [, id, firstRow, count, keys, cols] = node as [string, number, number, number, string[], Node[]];
        const out: Record<string, unknown>[] = this.keep(id, new Array(count));
        for (let i = 0; i < count; i++) out[i] = this.keep(firstRow + i, {});
        keys.forEach((k, c) => {
          const col = this.value(cols[c]) as unknown[];
          for (let i = 0; i < count; i++) out[i]![k] = col[i];
        });
        return out;
      }
      case 'M': {
        const map = this.keep(node[1] as number, new Map<unknown, unknown>());
        const keys = this.value(node[2]) as unknown[];
        const values = this.value(node[3]) as unknown[];
        for (let i = 0; i < keys.length; i++) map.set(keys[i], values[i]);
        return map;
      }
      case 'E': {
        const set = this.keep(node[1] as number, new Set<unknown>());
        for (const v of this.value(node[2]) as unknown[]) set.add(v);
        return set;
      }
      case 'O': {
        const [, id, className, keys, values] = node as [string, number, string | null, string[], Node[]];
        let proto: object = Object.prototype;
        if (className !== null) {
          const ctor = IMAGE_CLASSES.get(className);
          if (!ctor) throw new Error(`core image: unknown class ${className}`);
          proto = ctor.prototype as object;
        }
        const out = this.keep(id, Object.create(proto) as Record<string, unknown>);
        keys.forEach((k, i) => {
          out[k] = this.value(values[i]);
        });
        return out;
      }
      default:
        // A plain JSON array can't occur: every array is tagged.
        throw new Error(`core image: unknown node ${String(node[0])}`);
    }
  }
}

/** Rebuilds what `encodeImage` encoded; `resolve` gives back each external by its key. */
export function decodeImage(image: CoreImage, resolve: (key: string | number) => unknown): unknown {
  if (image.version !== CORE_IMAGE_VERSION) throw new Error(`core image: version ${image.version}, expected ${CORE_IMAGE_VERSION}`);
  return new Decoder(image, resolve).value(JSON.parse(image.shape));
}
