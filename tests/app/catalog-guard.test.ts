/**
 * The catalog guard: a data folder emptied or moved away does not empty the catalog, and an old
 * incident that comes back is not announced to a channel that started watching after it was added.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { guardCatalogReload } from '../../src/app/catalog-guard.js';
import { startCatalogReloader, type CatalogReloader } from '../../src/app/catalog-reloader.js';
import { buildCore } from '../../src/core/build-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, incidentInput, testConfig } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';

describe('GIVEN the guard as a pure function', () => {
  it('THEN losing more than the allowed share is refused with the figures, and anything up to it passes', () => {
    expect(guardCatalogReload(8000, 0)).toEqual({ ok: true, removed: 0 });
    expect(guardCatalogReload(8000, 2000)).toEqual({ ok: true, removed: 2000 });
    const refused = guardCatalogReload(8000, 8000);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/would lose 8000 of 8000 incidents \(100%, more than the 25% allowed\)/);
    expect(guardCatalogReload(8000, 2001).ok).toBe(false);
    expect(guardCatalogReload(4, 2, 0.5).ok).toBe(true);
    expect(guardCatalogReload(4, 3, 0.5).ok).toBe(false);
    expect(guardCatalogReload(10, 10, 1).ok).toBe(true);
    // An empty catalog has nothing to lose.
    expect(guardCatalogReload(0, 0).ok).toBe(true);
  });
});

let platform: FakePlatform;
let root: string;
beforeAll(async () => {
  platform = await startFakePlatform();
  root = mkdtempSync(join(tmpdir(), 'breachbot-guard-'));
});
afterAll(async () => {
  await platform.close();
  rmSync(root, { recursive: true, force: true });
});

let dataDir: string;
let lines: string[];
let holder: CoreHolder;
let digests: Digests;
let reloader: CatalogReloader;
let n = 0;

const OLD = ['inbenta-2018', 'orange-2014', 'sirius-2024', 'met-2022'];

beforeEach(async () => {
  dataDir = join(root, `data-${++n}`);
  mkdirSync(join(dataDir, 'incidents'), { recursive: true });
  for (const id of OLD) {
    const vendor = id === 'inbenta-2018' ? { vendors: [{ name: 'Inbenta', role: { en: 'chatbot provider' } }] } : {};
    writeFileSync(join(dataDir, 'incidents', `${id}.json`), JSON.stringify(incidentInput(id, { addedAt: '2025-01-01T00:00:00Z', ...vendor })));
  }
  const config = testConfig({ DATA_DIR: dataDir });
  lines = [];
  holder = new CoreHolder(buildCore(config.dataDir).core);
  const ctx = { config, holder, log: createLogger([], (l) => lines.push(l)) };
  digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:') });
  // The channel starts watching Inbenta today: the 2018 incident is old news to it.
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation(`G-${n}`));
  // Checks are driven by the test (a long debounce keeps the file watcher out of the way).
  reloader = startCatalogReloader(ctx, digests.onCatalogAdded, { debounceMs: 60_000, rescanMs: 0 });
});
afterEach(async () => {
  await reloader.stop();
  await digests.service.stop();
});

describe('GIVEN the bot serving a catalog of 4 incidents', () => {
  it('WHEN the incidents folder is moved away and back THEN the reload is refused and logged, search keeps answering, and no alert is posted', async () => {
    const before = holder.core;
    renameSync(join(dataDir, 'incidents'), join(dataDir, 'incidents.moved'));
    const outcome = await reloader.check();
    expect(outcome.kind).toBe('rejected');
    expect(holder.core).toBe(before);
    expect(holder.core.size).toBe(4);
    expect(lines.some((l) => l.includes('catalog not reloaded: the new catalog would lose 4 of 4 incidents (100%'))).toBe(true);
    // Refused once, not logged again on every check.
    expect(await reloader.check()).toEqual({ kind: 'unchanged' });
    expect(lines.filter((l) => l.includes('would lose 4 of 4'))).toHaveLength(1);

    renameSync(join(dataDir, 'incidents.moved'), join(dataDir, 'incidents'));
    expect(await reloader.check()).toEqual({ kind: 'unchanged' });
    await new Promise((r) => setTimeout(r, 100));
    expect(platform.received.filter((p) => p.channel === `G-${n}`)).toEqual([]);
  });

  it('WHEN an old watched incident is removed, then restored THEN it is served again but the channel that watches it since today is not alerted', async () => {
    rmSync(join(dataDir, 'incidents', 'inbenta-2018.json'));
    expect(await reloader.check()).toMatchObject({ kind: 'reloaded', size: 3, removed: 1 });
    writeFileSync(join(dataDir, 'incidents', 'inbenta-2018.json'), JSON.stringify(incidentInput('inbenta-2018', { addedAt: '2025-01-01T00:00:00Z', vendors: [{ name: 'Inbenta', role: { en: 'chatbot provider' } }] })));
    const back = await reloader.check();
    expect(back.kind === 'reloaded' && back.added.map((i) => i.id)).toEqual(['inbenta-2018']);
    expect(await digests.store.pendingAlerts()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(platform.received.filter((p) => p.channel === `G-${n}`)).toEqual([]);
  });

  it('WHEN a folder swap loses 1 of 4 incidents (25%) THEN it is accepted: curators may delete a file', async () => {
    rmSync(join(dataDir, 'incidents', 'met-2022.json'));
    expect(await reloader.check()).toMatchObject({ kind: 'reloaded', size: 3, removed: 1 });
  });
});
