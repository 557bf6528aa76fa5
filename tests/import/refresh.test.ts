/**
 * The scheduled HIBP refresh against a fake feed on 127.0.0.1: one new breach in the feed is
 * added once (and a digest announces it once); failed, garbage and truncated downloads leave the
 * snapshot byte-identical and log why.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { selectDigest } from '../../src/digest/digest-selection.js';
import { refreshHibpSnapshot, USER_AGENT, type RefreshOutcome } from '../../src/import/refresh.js';
import { startImportRefresh } from '../../src/import/refresh-schedule.js';
import { DATA_DIR, tempDataDir } from '../helpers/catalog-fixtures.js';
import { exampleShopBreach, hibpApi } from './datasets.js';

type Mode = 'ok' | '500' | 'garbage' | 'truncated' | 'bad-record';

const NEW_BREACH = exampleShopBreach('In November 2026, <a href="https://exampleshop.test/notice">Example Shop</a> disclosed a breach of names &amp; email addresses.');

let server: Server;
let url = '';
let mode: Mode = 'ok';
const requests: IncomingHttpHeaders[] = [];
const feed = Buffer.from(JSON.stringify([...hibpApi(), NEW_BREACH]));

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.headers);
    if (mode === '500') {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
    } else if (mode === 'garbage') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('<!doctype html><title>Just a moment...</title>');
    } else if (mode === 'bad-record') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([...hibpApi(), { Title: 'no name' }]));
    } else if (mode === 'truncated') {
      // Announces the whole list, sends half of it, then drops the connection.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) });
      res.write(feed.subarray(0, feed.length >> 1), () => res.socket?.destroy());
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) }).end(feed);
    }
  });
  // Between two refreshes a test loads the whole catalog, which takes over 5 s on a loaded machine:
  // past Node's default keep-alive timeout the server closes the idle socket just as fetch reuses
  // it (ECONNRESET, "fetch failed"). Keep idle sockets open longer than any test takes.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/breaches`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A data folder holding the curated incidents and a copy of the bundled HIBP snapshot. */
function dataDirWithBundle(): string {
  const dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) copyFileSync(join(DATA_DIR, 'incidents', f), join(dir, 'incidents', f));
  copyFileSync(join(DATA_DIR, 'imported', 'hibp.json'), join(dir, 'imported', 'hibp.json'));
  return dir;
}

function refresh(dir: string, now: Date, lines: string[] = []): Promise<RefreshOutcome> {
  return refreshHibpSnapshot({
    url,
    dataDir: dir,
    existing: () => loadCatalog(dir).incidents.filter((i) => i.provenance.source !== 'hibp'),
    log: createLogger([], (l) => lines.push(l)),
    now: () => now,
    timeoutMs: 10_000,
  });
}

describe('GIVEN the bundled snapshot and a feed with one breach added', () => {
  const dir = dataDirWithBundle();
  const snapshot = join(dir, 'imported', 'hibp.json');
  const subscribedAt = '2026-11-23T12:00:00Z';
  const first = new Date('2026-11-24T06:00:00Z');
  const delivered = new Set<string>();
  let before: Set<string>;

  beforeEach(() => {
    mode = 'ok';
  });

  it('THEN one refresh adds exactly that incident, first seen now, and a digest announces it', async () => {
    before = new Set(loadCatalog(dir).incidents.map((i) => i.id));
    const outcome = await refresh(dir, first);
    expect(outcome).toMatchObject({ kind: 'updated', added: ['hibp-exampleshop2026'], removed: [] });
    const catalog = loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents.map((i) => i.id).filter((id) => !before.has(id))).toEqual(['hibp-exampleshop2026']);
    expect(catalog.incidents.length).toBe(before.size + 1);
    const added = catalog.byId.get('hibp-exampleshop2026')!;
    expect(added).toMatchObject({ addedAt: '2026-11-24T06:00:00Z', organization: { name: 'Example Shop', domains: ['exampleshop.test'] }, dataClasses: ['Email addresses', 'Names'] });
    // Records already known keep the time they were first added.
    expect(catalog.byId.get('hibp-linkedin')!.addedAt).toBe('2016-05-21T21:35:40Z');

    const digest = selectDigest({ incidents: catalog.incidents, since: subscribedAt, delivered, matches: () => true });
    expect(digest.map((i) => i.id)).toEqual(['hibp-exampleshop2026']);
    for (const i of digest) delivered.add(i.id);
  });

  it('THEN the request named itself with a User-Agent and asked for JSON', () => {
    expect(requests.at(-1)).toMatchObject({ 'user-agent': USER_AGENT, accept: 'application/json' });
  });

  it('THEN a second refresh adds nothing, leaves the file as it was, and the digest has nothing new', async () => {
    const bytes = readFileSync(snapshot);
    expect(await refresh(dir, new Date('2026-11-25T06:00:00Z'))).toMatchObject({ kind: 'unchanged', feed: 'hibp' });
    expect(readFileSync(snapshot).equals(bytes)).toBe(true);
    const catalog = loadCatalog(dir);
    expect(catalog.byId.get('hibp-exampleshop2026')!.addedAt).toBe('2026-11-24T06:00:00Z');
    expect(selectDigest({ incidents: catalog.incidents, since: subscribedAt, delivered, matches: () => true })).toEqual([]);
  });

  it.each([
    ['500', /answered HTTP 500/],
    ['garbage', /the body is not JSON .*truncated or not the breach list/],
    ['truncated', /the body could not be read in full/],
    ['bad-record', /1 record\(s\) cannot be read, e\.g\. \[\d+\]: no Name/],
  ] as const)('THEN a feed answering %s leaves the snapshot byte-identical and logs why', async (m, reason) => {
    mode = m;
    const bytes = readFileSync(snapshot);
    const lines: string[] = [];
    const outcome = await refresh(dir, new Date('2026-11-26T06:00:00Z'), lines);
    expect(outcome.kind).toBe('failed');
    expect(readFileSync(snapshot).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'imported'))).toEqual(['hibp.json']);
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(logged.level).toBe('warn');
    expect(logged.msg).toMatch(/^HIBP refresh: nothing changed: /);
    expect(logged.msg).toMatch(reason);
  });
});

describe('GIVEN a channel that subscribed a moment before a refresh, in the same second', () => {
  it('THEN the new breach is stamped first seen no earlier than the refresh, so the digest still holds it', async () => {
    mode = 'ok';
    const dir = dataDirWithBundle();
    const outcome = await refresh(dir, new Date('2026-11-24T06:00:00.400Z'));
    expect(outcome).toMatchObject({ kind: 'updated', added: ['hibp-exampleshop2026'] });
    const catalog = loadCatalog(dir);
    expect(catalog.byId.get('hibp-exampleshop2026')!.addedAt).toBe('2026-11-24T06:00:01Z');
    const digest = selectDigest({ incidents: catalog.incidents, since: '2026-11-24T06:00:00.200Z', delivered: new Set(), matches: () => true });
    expect(digest.map((i) => i.id)).toEqual(['hibp-exampleshop2026']);
  });
});

describe('GIVEN the bot configuration', { timeout: 120_000 }, () => {
  it('THEN the refresh is off unless both the feed URL and the schedule are set', () => {
    const dir = tempDataDir();
    const holder = new CoreHolder(new BreachCore(loadCatalog(dir)));
    for (const env of [{}, { IMPORT_HIBP_URL: 'https://example.test/api/v3/breaches' }, { IMPORT_CRON: '0 6 * * *' }]) {
      const config = loadConfig({ DATA_DIR: dir, ...env });
      if (!config.ok) throw new Error(config.errors.join('; '));
      expect(startImportRefresh({ config: config.config, holder, log: createLogger([], () => undefined) })).toBeUndefined();
    }
  });

  it('THEN with both set it schedules, a run hands the new ids over, and a run right after is skipped', async () => {
    mode = 'ok';
    const dir = dataDirWithBundle();
    const config = loadConfig({ DATA_DIR: dir, IMPORT_HIBP_URL: url, IMPORT_CRON: '0 6 * * *' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    const holder = new CoreHolder(new BreachCore(loadCatalog(join(dir, 'no-such-folder'))));
    const announced: (readonly string[])[] = [];
    const service = startImportRefresh({ config: config.config, holder, log: createLogger([], () => undefined) }, (outcome) => announced.push(outcome.added));
    expect(service?.name).toBe('feed-refresh');
    try {
      expect(await service!.runNow()).toMatchObject([{ feed: 'hibp', kind: 'updated', added: ['hibp-exampleshop2026'] }]);
      expect(announced).toEqual([['hibp-exampleshop2026']]);
      expect(await service!.runNow()).toMatchObject([{ feed: 'hibp', kind: 'skipped' }]);
    } finally {
      await service!.stop();
    }
  });
});
