/**
 * The whole path a new breach takes, with the bot's own parts running: the scheduled HIBP refresh
 * fetches a copy of the feed with one breach added from a fake feed on 127.0.0.1, the catalog
 * reloader picks the rewritten snapshot up without a restart, the channel watching the breach's
 * name is alerted once, the next digest announces it once, and a second refresh adds nothing.
 * A feed answering 500, garbage or a truncated body changes nothing anywhere and the log says why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleShopBreach, hibpApi } from '../import/datasets.js';
import { conversation, until } from '../digest/fixtures.js';
import { startRefreshingBot, type RefreshingBot } from './refreshing-bot.js';

type Mode = 'ok' | '500' | 'garbage' | 'truncated';

const NEW_BREACH = exampleShopBreach('In November 2026, Example Shop disclosed a breach of names and email addresses.');
const NEW_ID = 'hibp-exampleshop2026';
const feed = Buffer.from(JSON.stringify([...hibpApi(), NEW_BREACH]));

let mode: Mode = 'ok';
let lines: string[];
let bot: RefreshingBot;

beforeAll(async () => {
  lines = [];
  bot = await startRefreshingBot({
    feed: (_req, res) => {
      if (mode === '500') res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
      else if (mode === 'garbage') res.writeHead(200, { 'Content-Type': 'application/json' }).end('<!doctype html><title>Just a moment...</title>');
      else if (mode === 'truncated') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) });
        res.write(feed.subarray(0, feed.length >> 1), () => res.socket?.destroy());
      } else res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(feed.length) }).end(feed);
    },
    // The curated incidents and the bundled HIBP snapshot, as a fresh clone has them.
    snapshot: 'hibp.json',
    feedEnv: (origin) => ({ IMPORT_HIBP_URL: `${origin}/api/v3/breaches` }),
    log: (l) => lines.push(l),
    subscribe: async (digests) => {
      await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('DIGEST'));
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'Example Shop' }, conversation('WATCH'));
    },
  });
});

afterAll(async () => {
  await bot?.close();
});

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
    const bytes = readFileSync(join(bot.dir, 'imported', 'hibp.json'));
    const core = bot.holder.core;
    const logged = lines.length;
    expect(await bot.refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'failed' }]);
    expect(lines.slice(logged).some((l) => why.test(l))).toBe(true);
    expect(readFileSync(join(bot.dir, 'imported', 'hibp.json')).equals(bytes)).toBe(true);
    expect(await bot.reloader.check()).toEqual({ kind: 'unchanged' });
    expect(bot.holder.core).toBe(core);
    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'nothing-new' });
    expect(bot.platform.received).toEqual([]);
  });

  it('THEN one refresh adds exactly the new breach: searchable without a restart, alerted once, in the next digest once', async () => {
    mode = 'ok';
    const before = bot.holder.core;
    expect(await bot.refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'updated', added: [NEW_ID], removed: [] }]);
    await until(() => bot.holder.core !== before, 'the reloader swapped in the new catalog', 60_000);
    expect(bot.holder.core.size).toBe(before.size + 1);
    const found = bot.holder.core.execute({ command: 'search', query: 'example shop' });
    expect(found.kind === 'results' && found.matches[0]!.incident).toMatchObject({ id: NEW_ID, records: { total: { count: 123_456 } }, dataClasses: ['Email addresses', 'Names'] });

    await until(() => bot.platform.accepted('WATCH').length === 1, 'the watch alert');
    expect(bot.platform.accepted('WATCH')[0]!.incidentIds).toEqual([NEW_ID]);
    expect(bot.platform.accepted('WATCH')[0]!.text).toMatch(/^Watchlist alert: a new incident names “Example Shop”/);

    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'posted', incidents: [NEW_ID] });
    expect(bot.platform.accepted('DIGEST').map((r) => r.incidentIds)).toEqual([[NEW_ID]]);
    expect(bot.platform.accepted('DIGEST')[0]!.text).toMatch(/^Breach digest: 1 new incident \(1 breach\)/);
  });

  it('THEN a second refresh adds nothing: no reload, no second alert, nothing in the next digest', async () => {
    const bytes = readFileSync(join(bot.dir, 'imported', 'hibp.json'));
    const core = bot.holder.core;
    expect(await bot.refresh.runNow()).toMatchObject([{ feed: 'hibp', kind: 'unchanged' }]);
    expect(readFileSync(join(bot.dir, 'imported', 'hibp.json')).equals(bytes)).toBe(true);
    expect(await bot.reloader.check()).toEqual({ kind: 'unchanged' });
    expect(bot.holder.core).toBe(core);
    await bot.digests.onCatalogAdded([core.incident(NEW_ID)!]);
    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'nothing-new' });
    await settle();
    expect(bot.platform.accepted('WATCH')).toHaveLength(1);
    expect(bot.platform.accepted('DIGEST')).toHaveLength(1);
    expect(bot.platform.received).toHaveLength(2);
  });
});
