/**
 * The compiled catalog snapshot: a start reads it instead of validating and indexing again, but
 * only while it matches every file under the data folder; any change, or a damaged snapshot,
 * means a rebuild from the sources, with one log line, never a stale or broken catalog served.
 */
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadCore, snapshotPathFor } from '../../src/worker/catalog-cache.js';
import { openCatalogSnapshot, sourceKey } from '../../src/core/catalog-snapshot.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

function setup() {
  const dir = tempDataDir();
  const cache = join(dir, 'cache');
  writeFileSync(join(dir, 'incidents', 'orange.json'), JSON.stringify({ ...seedRecord('orange-2014-04'), related: [] }));
  writeFileSync(join(dir, 'incidents', 'ticketmaster.json'), JSON.stringify({ ...seedRecord('ticketmaster-inbenta-2018'), related: [] }));
  const lines: string[] = [];
  const log = createLogger([], (l) => lines.push(l));
  return { dir, cache, lines, load: () => loadCore(dir, cache, log), file: snapshotPathFor(cache, dir) };
}

describe('GIVEN a data folder and a cache folder', { timeout: 180_000 }, () => {
  it('THEN the first start builds from the sources and writes the snapshot; the next reads it and answers the same', async () => {
    const s = setup();
    const first = await s.load();
    expect(first.from).toBe('sources');
    expect(existsSync(s.file)).toBe(true);
    const second = await s.load();
    expect(second.from).toBe('snapshot');
    for (const query of ['orange', 'inbenta', 'ticket master']) expect(second.core.execute({ command: 'search', query })).toEqual(first.core.execute({ command: 'search', query }));
    expect(second.core.complete('tick')).toEqual(first.core.complete('tick'));
    expect(s.lines).toEqual([]);
  });

  it('THEN an edit that keeps the size and the modification time still rebuilds it, and the edit is served', async () => {
    const s = setup();
    await s.load();
    const path = join(s.dir, 'incidents', 'orange.json');
    const { mtime, atime } = statSync(path);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"Orange"', '"Orangf"'));
    utimesSync(path, atime, mtime);
    const after = await s.load();
    expect(after.from).toBe('sources');
    expect(after.core.incident('orange-2014-04')!.organization.name).toBe('Orangf');
    expect(s.lines).toEqual([expect.stringMatching(/catalog snapshot .* was built from other data files: rebuilding it from /)]);
    expect((await s.load()).from).toBe('snapshot');
  });

  it('THEN a change to aliases.json rebuilds it too, and the alias is searchable', async () => {
    const s = setup();
    await s.load();
    const alias = { organization: 'Orange', aliases: ['Agrume Telecom'], relation: 'brand', basis: 'A made-up brand, for this test only.', source: { publisher: 'Test', title: 'Test', url: 'https://example.com/' } };
    writeFileSync(join(s.dir, 'aliases.json'), JSON.stringify({ aliases: [alias] }));
    const after = await s.load();
    expect(after.from).toBe('sources');
    expect(after.problems).toEqual([]);
    const found = after.core.execute({ command: 'search', query: 'agrume telecom' });
    expect(found.kind === 'results' && found.matches[0]!.incident.id).toBe('orange-2014-04');
    expect((await s.load()).from).toBe('snapshot');
  });

  it('THEN a file added or removed rebuilds it', async () => {
    const s = setup();
    await s.load();
    writeFileSync(join(s.dir, 'imported', 'feed.json'), JSON.stringify([{ ...seedRecord('met-opera-2022'), related: [] }]));
    const added = await s.load();
    expect(added.from).toBe('sources');
    expect(added.core.size).toBe(3);
    rmSync(join(s.dir, 'incidents', 'ticketmaster.json'));
    const removed = await s.load();
    expect(removed.from).toBe('sources');
    expect(removed.core.size).toBe(2);
  });

  it('THEN a damaged or truncated snapshot is never served: one log line, rebuilt from the sources', async () => {
    const s = setup();
    await s.load();
    // A byte of a record (the records come last), then a byte of the indexes (just after the header).
    const bytes = readFileSync(s.file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(s.file, bytes);
    const damaged = await s.load();
    expect(damaged.from).toBe('sources');
    expect(damaged.core.size).toBe(2);
    expect(s.lines).toEqual([expect.stringMatching(/catalog snapshot .* fails its checksum: rebuilding it from /)]);
    const again = readFileSync(s.file);
    const afterHeader = again.indexOf(10, 'BREACHBOT-CATALOG\n'.length) + 20;
    again[afterHeader] = again[afterHeader]! ^ 0x01;
    writeFileSync(s.file, again);
    expect((await s.load()).from).toBe('sources');
    expect(s.lines).toHaveLength(2);
    expect(s.lines[1]).toMatch(/catalog snapshot .* (fails its checksum|cannot be opened)/);
    s.lines.splice(1, 1);
    writeFileSync(s.file, readFileSync(s.file).subarray(0, 5000));
    const truncated = await s.load();
    expect(truncated.from).toBe('sources');
    expect(s.lines[1]).toMatch(/catalog snapshot .* is \d+ bytes long where its header says \d+: rebuilding it from /);
    writeFileSync(s.file, 'not a snapshot at all');
    expect((await s.load()).from).toBe('sources');
    expect(s.lines[2]).toMatch(/is not a catalog snapshot: rebuilding it/);
    expect(s.lines).toHaveLength(3);
    expect((await s.load()).from).toBe('snapshot');
  });

  it('THEN the check a worker thread makes (for snapshots too large to hash before decoding) names the damaged section', async () => {
    const s = setup();
    await s.load();
    const opened = openCatalogSnapshot(s.file, sourceKey(s.dir));
    if (!opened.ok) throw new Error(opened.detail);
    opened.compiled.source.close();
    expect(await runTask('verify-snapshot', opened.check)).toEqual({});
    const bytes = readFileSync(s.file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(s.file, bytes);
    expect(await runTask('verify-snapshot', opened.check)).toEqual({ failed: 'records' });
  });

  it('THEN a snapshot written by a build whose indexes had other fields is stale: one log line, rebuilt', async () => {
    const s = setup();
    await s.load();
    const bytes = readFileSync(s.file);
    const text = bytes.toString('latin1');
    const at = text.indexOf('"shape":"') + '"shape":"'.length;
    bytes.write('0'.repeat(16), at, 'latin1');
    writeFileSync(s.file, bytes);
    expect((await s.load()).from).toBe('sources');
    expect(s.lines).toEqual([expect.stringMatching(/catalog snapshot .* was written by another version \(format \d+, image \d+, shape 0{16}\): rebuilding it from /)]);
    expect((await s.load()).from).toBe('snapshot');
  });
});
