/**
 * A core rebuilt from its compiled form (what a worker thread hands the main thread) answers
 * exactly as the core it was compiled from, shares no state with it, and reads a full record
 * only when an answer shows it.
 */
import { describe, expect, it } from 'vitest';
import { compileCatalog, openCompiledCatalog } from '../../src/core/compiled-catalog.js';
import { decodeImage, encodeImage } from '../../src/core/core-image.js';
import { BytesRecordSource, type RecordSource } from '../../src/core/incident-records.js';
import { realCore } from '../helpers/catalog-fixtures.js';

const QUERIES = [
  'linkedin',
  'orange',
  'ticketmaster inbenta',
  'sirius',
  'breaches in france 2024',
  'hospital email addresses',
  'fuites de mots de passe en 2023',
  'adobe passwords',
  'linkdin',
  'metropole grand paris',
  'biggest breaches',
  'qqxxzzvv',
];

describe('GIVEN the bundled catalog compiled and opened again', async () => {
  const original = realCore();
  const compiled = compileCatalog(original);
  // The records as the snapshot keeps them, each read counted.
  const bytes = new BytesRecordSource(compiled.records, compiled.offsets);
  let reads = 0;
  const counted: RecordSource = { size: bytes.size, read: (i) => (reads++, bytes.read(i)) };
  const copy = await openCompiledCatalog(compiled, undefined, counted);
  const readsAtOpen = reads;

  it('THEN every search, page, autocomplete, latest, stats and show answer is the same', () => {
    for (const query of QUERIES) {
      for (const page of [1, 2]) {
        expect(JSON.stringify(copy.execute({ command: 'search', query, page, pageSize: 10 })), query).toBe(JSON.stringify(original.execute({ command: 'search', query, page, pageSize: 10 })));
      }
    }
    for (const typed of ['l', 'li', 'link', 'orang', 'ticketm', 'métropole']) expect(copy.complete(typed)).toEqual(original.complete(typed));
    expect(copy.execute({ command: 'latest', pageSize: 20 })).toEqual(original.execute({ command: 'latest', pageSize: 20 }));
    expect(copy.execute({ command: 'stats' })).toEqual(original.execute({ command: 'stats' }));
    expect(copy.execute({ command: 'show', id: 'orange-2014-04' })).toEqual(original.execute({ command: 'show', id: 'orange-2014-04' }));
  });

  it('THEN opening it parses no record; an answer reads only the records it shows', () => {
    expect(readsAtOpen).toBe(0);
    const before = reads;
    const page = copy.execute({ command: 'latest', page: 7, pageSize: 5 });
    expect(page.kind === 'results' && page.matches).toHaveLength(5);
    expect(reads - before).toBe(5);
  });

  it('THEN it holds the same records, files and problems', () => {
    expect(copy.size).toBe(original.size);
    expect(copy.catalog.incidents.map((i) => i.id)).toEqual(original.catalog.incidents.map((i) => i.id));
    expect(copy.catalog.fileOf).toEqual(original.catalog.fileOf);
    expect(copy.catalog.problems).toEqual(original.catalog.problems);
  });

  it('THEN the two cores share no record and no index array', () => {
    // Compared by identity only (a deep comparison of two whole cores would take minutes).
    expect(copy.catalog.incidents[0] === original.catalog.incidents[0]).toBe(false);
    expect(copy.index === original.index).toBe(false);
    expect(copy.index.textIndex === original.index.textIndex).toBe(false);
    expect(copy.index.nameIndex === original.index.nameIndex).toBe(false);
    expect(copy.records === original.records).toBe(false);
  });
});

describe('GIVEN object graphs with shared parts', () => {
  it('THEN an object reached twice comes back as one object, with its class', () => {
    class Box {
      constructor(readonly items: number[]) {}
      sum() {
        return this.items.reduce((a, b) => a + b, 0);
      }
    }
    // Registered the way compiled-core.ts registers the core's classes.
    return import('../../src/core/core-image.js').then(({ registerImageClass }) => {
      registerImageClass(Box);
      const shared = [1, 2, 3];
      const box = new Box(shared);
      const rows = Array.from({ length: 10 }, (_, i) => ({ n: i, label: `row ${i}`, tags: [i, i + 1] }));
      const graph = { a: box, b: box, list: shared, rows, again: rows[3], map: new Map([['x', new Set([1, 2])]]), f: new Float32Array([0.5, 1.5]), odd: [Infinity, -1, 2.5, undefined, null] };
      const back = decodeImage(encodeImage(graph), () => undefined) as typeof graph;
      expect(back.a).toBeInstanceOf(Box);
      expect(back.a).toBe(back.b);
      expect(back.a.items).toBe(back.list);
      expect(back.a.sum()).toBe(6);
      expect(back.rows).toEqual(rows);
      expect(back.again).toBe(back.rows[3]);
      expect(back.map.get('x')).toEqual(new Set([1, 2]));
      expect(Array.from(back.f)).toEqual([0.5, 1.5]);
      expect(back.odd).toEqual([Infinity, -1, 2.5, undefined, null]);
    });
  });

  it('THEN a function or an unregistered class is refused by its path', () => {
    class Unknown {}
    expect(() => encodeImage({ x: { f: () => 1 } })).toThrow(/cannot carry a function at root\.x\.f/);
    expect(() => encodeImage({ y: [new Unknown()] })).toThrow(/class Unknown at root\.y\[0\] is not registered/);
  });

  it('THEN a typed array of zeros (scratch space) takes no bytes of the image and comes back zeroed, of its type and length, writable and unshared', () => {
    const scratch = new Float64Array(100_000);
    const counts = new Int32Array([3, 0, 7]);
    const image = encodeImage({ scratch, counts, again: scratch });
    expect(image.data.byteLength).toBeLessThan(64);
    const back = decodeImage(image, () => undefined) as { scratch: Float64Array; counts: Int32Array; again: Float64Array };
    expect(back.scratch).toBeInstanceOf(Float64Array);
    expect(back.scratch.length).toBe(100_000);
    expect(back.scratch.every((v) => v === 0)).toBe(true);
    expect(back.again).toBe(back.scratch);
    back.scratch[5] = 1;
    expect(scratch[5]).toBe(0);
    expect(Array.from(back.counts)).toEqual([3, 0, 7]);
  });
});
