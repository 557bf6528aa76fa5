/**
 * The whole path a new breach takes, with the bot's own parts running: the scheduled HIBP refresh
 * fetches a copy of the feed with one breach added from a fake feed on 127.0.0.1, the catalog
 * reloader picks the rewritten snapshot up without a restart, the channel watching the breach's
 * name is alerted once, the next digest announces it once, and a second refresh adds nothing.
 * A feed answering 500, garbage or a truncated body changes nothing anywhere and the log says why.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../src/core/build-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { startCatalogReloader, type CatalogReloader } from '../../src/app/catalog-reloader.js';
import { loadConfig } from '../../src/config/env.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { startImportRefresh, type ImportRefreshService } from '../../src/import/refresh-schedule.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { DATA_DIR, tempDataDir } from '../helpers/catalog-fixtures.js';
import { hibpApi, hibpRecord } from '../import/datasets.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';
import { conversation, until } from '../digest/fixtures.js';

type Mode = 'ok' | '500' | 'garbage' | 'truncated';

const NEW_BREACH = {
  ...hibpRecord('LinkedIn'),
  Name: 'ExampleShop2026',
  Title: 'Example Shop',
  Domain: 'exampleshop.test',
  BreachDate: '2026-11-01',
  AddedDate: '2026-11-20T08:00:00Z',
  PwnCount: 123_456,
  Description: 'In November 2026, Example Shop disclosed a breach of names and email addresses.',
  DataClasses: ['Email addresses', 'Names'],
};
const NEW_ID = 'hibp-exampleshop2026';
const feed = Buffer.from(JSON.stringify([...hibpApi(), NEW_BREACH]));

let mode: Mode = 'ok';
let server: Server;
let platform: FakePlatform;
let dir: string;
let lines: string[];
let holder: CoreHolder;
let digests: Digests;
let reloader: CatalogReloader;
let refresh: ImportRefreshService;

beforeAll(async () => {
  server = createServer((_req, res) => {
    if (mode === '500') res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
    else if (mode === 'garbage') res.writeHead(200, { 'Content-Type': 'application/json' }).end('<!doctype html><title>Just a moment...</title>');
    else if (mode === 'truncated') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) });
      res.write(feed.subarray(0, feed.length >> 1), () => res.socket?.destroy());
    } else res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) }).end(feed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  platform = await startFakePlatform();

  // The curated incidents and the bundled HIBP snapshot, as a fresh clone has them.
  dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) copyFileSync(join(DATA_DIR, 'incidents', f), join(dir, 'incidents', f));
  copyFileSync(join(DATA_DIR, 'imported', 'hibp.json'), join(dir, 'imported', 'hibp.json'));
  const loaded = loadConfig({ DATA_DIR: dir, IMPORT_HIBP_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/breaches`, IMPORT_CRON: '0 6 * * *' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  lines = [];
  holder = new CoreHolder(buildCore(dir).core);
  const ctx = { config: loaded.config, holder, log: createLogger([], (l) => lines.push(l)) };
  digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:'), retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('DIGEST'));
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'Example Shop' }, conversation('WATCH'));
  reloader = startCatalogReloader(ctx, digests.onCatalogAdded, { debounceMs: 50, rescanMs: 0 });
  refresh = startImportRefresh(ctx, undefined, { minIntervalMs: 0 })!;
});

afterAll(async () => {
  await refresh?.stop();
  await reloader?.stop();
  await digests?.service.stop();
  await platform?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const digestId = async () => (await digests.store.subscriptions())[0]!.id;
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
};

describe('GIVEN the bot running on the bundled snapshot, a channel with a digest and one watching "Example Shop"', { timeout: 120_000 }, () => {
  it.each([
    ['500', /HIBP refresh: nothing changed: .* answered HTTP 500/],
    ['garbage', /HIBP refresh: nothing changed: the body is not JSON/],
    ['truncated', /HIBP refresh: nothing changed: the body could not be read in full/],
  ] as const)('THEN a feed answering %s changes nothing: same snapshot, same catalog, nothing posted, the log says why', async (m, why) => {
    mode = m;
    const bytes = readFileSync(join(dir, 'imported', 'hibp.json'));
    const core = holder.core;
    const logged = lines.length;
    expect(await refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'failed' }]);
    expect(lines.slice(logged).some((l) => why.test(l))).toBe(true);
    expect(readFileSync(join(dir, 'imported', 'hibp.json')).equals(bytes)).toBe(true);
    expect(await reloader.check()).toEqual({ kind: 'unchanged' });
    expect(holder.core).toBe(core);
    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'nothing-new' });
    expect(platform.received).toEqual([]);
  });

  it('THEN one refresh adds exactly the new breach: searchable without a restart, alerted once, in the next digest once', async () => {
    mode = 'ok';
    const before = holder.core;
    expect(await refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'updated', added: [NEW_ID], removed: [] }]);
    await until(() => holder.core !== before, 'the reloader swapped in the new catalog', 60_000);
    expect(holder.core.size).toBe(before.size + 1);
    const found = holder.core.execute({ command: 'search', query: 'example shop' });
    expect(found.kind === 'results' && found.matches[0]!.incident).toMatchObject({ id: NEW_ID, records: { total: { count: 123_456 } }, dataClasses: ['Email addresses', 'Names'] });

    await until(() => platform.accepted('WATCH').length === 1, 'the watch alert');
    expect(platform.accepted('WATCH')[0]!.incidentIds).toEqual([NEW_ID]);
    expect(platform.accepted('WATCH')[0]!.text).toMatch(/^Watchlist alert: a new incident names “Example Shop”/);

    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'posted', incidents: [NEW_ID] });
    expect(platform.accepted('DIGEST').map((r) => r.incidentIds)).toEqual([[NEW_ID]]);
    expect(platform.accepted('DIGEST')[0]!.text).toMatch(/^Breach digest: 1 new incident \(1 breach\)/);
  });

  it('THEN a second refresh adds nothing: no reload, no second alert, nothing in the next digest', async () => {
    const bytes = readFileSync(join(dir, 'imported', 'hibp.json'));
    const core = holder.core;
    expect(await refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'unchanged' }]);
    expect(readFileSync(join(dir, 'imported', 'hibp.json')).equals(bytes)).toBe(true);
    expect(await reloader.check()).toEqual({ kind: 'unchanged' });
    expect(holder.core).toBe(core);
    await digests.onCatalogAdded([core.incident(NEW_ID)!]);
    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'nothing-new' });
    await settle();
    expect(platform.accepted('WATCH')).toHaveLength(1);
    expect(platform.accepted('DIGEST')).toHaveLength(1);
    expect(platform.received).toHaveLength(2);
  });
});
