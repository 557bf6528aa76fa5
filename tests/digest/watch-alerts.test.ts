/**
 * Watchlist alerts: the search's folding (case, accents, stop words, words joined or split), typos
 * forgiven only in a watched word that names nothing in the catalog, never an alert for a
 * look-alike (watching "Orange" is not watching Oracle); one alert per new incident per channel,
 * never repeated by the digest, and kept queued through an outage or a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { matchWatches } from '../../src/digest/watch-alerts.js';
import { watchKey } from '../../src/digest/watch-matcher.js';
import { renderText } from '../../src/render/text-renderer.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import type { WatchEntry } from '../../src/store/state-store.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext, until } from './fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from './fake-platform.js';

const TICKETMASTER = incident('ticketmaster-2018', {
  organization: { name: 'Ticketmaster UK', aliases: ['Ticketmaster'], domains: ['ticketmaster.co.uk'] },
  vendors: [{ name: 'Inbenta Technologies', role: { en: 'chatbot provider' } }],
  affected: [{ name: 'Métropole du Grand Paris' }],
  addedAt: '2027-01-10T09:00:00Z',
});
const OTHER = incident('unrelated-2019', { organization: { name: 'Zephyr Bank' }, addedAt: '2027-01-10T09:00:00Z' });

const entry = (name: string, channelId = 'C1'): WatchEntry => ({ channel: { platform: 'fake', workspaceId: 'W1', channelId }, name, key: watchKey(name), language: 'en', addedAt: '2027-01-01T00:00:00Z', addedBy: 'U1' });
const matched = (name: string) => matchWatches([TICKETMASTER, OTHER], [entry(name)]).map((m) => m.incidentId);

describe('GIVEN a new incident naming Ticketmaster UK, its vendor Inbenta Technologies and the Métropole du Grand Paris', () => {
  it.each([
    ['Inbenta', 'a vendor, by its first word'],
    ['inbenta technologies', 'a vendor, case folded'],
    ['Inbneta', 'a vendor with two letters swapped'],
    ['Ticketmaster', 'an alias'],
    ['ticket master', 'an organization typed in two words'],
    ['metropole du grand paris', 'an affected organization, accents and stop words folded'],
    ['grandparis', 'an affected organization typed in one word'],
  ])('THEN the entry "%s" matches (%s)', (name) => {
    expect(matched(name)).toEqual(['ticketmaster-2018']);
  });

  it.each([
    ['Inbenta Bank', 'not every word is named'],
    ['Ticketmaster Ireland', 'another organization'],
    ['co', 'a domain part is no name'],
    ['SFR', 'a short name needs the exact word'],
  ])('THEN the entry "%s" does not match (%s)', (name) => {
    expect(matched(name)).toEqual([]);
  });
});

/** Names from the bundled catalog that look like others, each its own organization. */
const named = (id: string, name: string, extra: Parameters<typeof incident>[1] = {}) => incident(id, { organization: { name }, addedAt: '2027-01-10T09:00:00Z', ...extra });
const ORANGE = named('orange-2027', 'Orange', { organization: { name: 'Orange', aliases: ['Orange SA'], country: 'FR' } });
const LOOK_ALIKES = [
  named('oracle-2027', 'Oracle Cloud'),
  named('orangeburg-2027', 'Orangeburg Eye Center'),
  named('france-travail-2027', 'France Travail'),
  named('change-2027', 'Change Healthcare'),
  named('canvas-2027', 'Canvas Medical'),
  named('granger-2027', 'Granger Medical Clinic'),
  named('metropolitan-2027', 'Metropolitan Opera'),
  named('bell-2027', 'Bell'),
];
const CANVA = named('canva-2027', 'Canva');
const DELL = named('dell-2027', 'Dell', { vendors: [{ name: 'Inbenta Technologies', role: { en: 'chatbot provider' } }] });
const CATALOG = [ORANGE, CANVA, DELL, ...LOOK_ALIKES];
const ids = (name: string, incidents = CATALOG, catalog = CATALOG) => matchWatches(incidents, [entry(name)], undefined, catalog).map((m) => m.incidentId).sort();

describe('GIVEN new incidents at organizations whose names look like one another', () => {
  it.each([
    ['Orange', ['orange-2027']],
    ['ORANGE', ['orange-2027']],
    ['orange sa', ['orange-2027']],
    ['Oracle', ['oracle-2027']],
    ['Canva', ['canva-2027']],
    ['Dell', ['dell-2027']],
    ['Meta', []],
    ['Metropolitan', ['metropolitan-2027']],
  ])('THEN watching "%s" alerts for that organization only, never for a look-alike', (name, expected) => {
    expect(ids(name)).toEqual(expected);
  });

  it('THEN a misspelt entry that names nothing in the catalog still finds the organization, one edit away', () => {
    expect(ids('Oranje')).toEqual(['orange-2027']);
    expect(ids('Canav')).toEqual(['canva-2027']);
    // Two edits away from a 6-letter name is another name.
    expect(ids('Orenje')).toEqual([]);
  });

  it('THEN watching "Orange" before any Orange is in the catalog still does not alert on Oracle Cloud', () => {
    const withoutOrange = CATALOG.filter((i) => i !== ORANGE);
    expect(ids('Orange', LOOK_ALIKES, withoutOrange)).toEqual([]);
  });

  it('THEN the channel watching "Orange" is alerted about the Orange incident only, among look-alikes added at once', async () => {
    const ctx = testContext();
    const store = new SqliteStateStore(':memory:');
    const digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store });
    try {
      const reply = await digests.handler.handle({ command: 'watch', action: 'add', name: 'Orange' }, conversation('LA-1'));
      // The bundled-style catalog already holds one Orange incident: the reply counts it, and only it.
      expect(renderText(reply, 'en')).toMatch(/\b1 incident\b/);
      const later = new Date(Date.now() + 1_000).toISOString();
      const added = [...LOOK_ALIKES, ORANGE].map((i) => ({ ...i, addedAt: later }));
      ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...added]));
      await digests.onCatalogAdded(added);
      expect(platform.accepted('LA-1').map((r) => r.incidentIds)).toEqual([['orange-2027']]);
    } finally {
      await digests.service.stop();
    }
  });
});

let platform: FakePlatform;
let dir: string;
beforeAll(async () => {
  platform = await startFakePlatform();
  dir = mkdtempSync(join(tmpdir(), 'breachbot-watch-'));
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GIVEN channels watching names, with digests', () => {
  let digests: Digests | undefined;
  afterEach(async () => {
    await digests?.service.stop();
    digests = undefined;
  });

  it('THEN the channel watching a name the new incident carries is alerted once, and its digest does not repeat it', async () => {
    const ctx = testContext();
    const store = new SqliteStateStore(':memory:');
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store });
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation('W-A'));
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Zephyr' }, conversation('W-B'));
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Nobody Inc' }, conversation('W-C'));
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('W-A'));
    const later = new Date(Date.now() + 1_000).toISOString();
    const added = [{ ...TICKETMASTER, addedAt: later }, { ...OTHER, addedAt: later }];
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...added]));

    await digests.onCatalogAdded(added);
    expect(platform.accepted('W-A').map((r) => r.incidentIds)).toEqual([['ticketmaster-2018']]);
    expect(platform.accepted('W-A')[0]!.text).toMatch(/^Watchlist alert: a new incident names “Inbenta”, on this channel's watchlist\./);
    expect(platform.accepted('W-B').map((r) => r.incidentIds)).toEqual([['unrelated-2019']]);
    expect(platform.received.filter((r) => r.channel === 'W-C')).toEqual([]);

    // The same incidents handed over again (a second reload, a restart): no second alert.
    await digests.onCatalogAdded(added);
    expect(platform.accepted('W-A')).toHaveLength(1);

    // The digest of W-A holds the other new incident only.
    const id = (await store.subscriptions())[0]!.id;
    const run = await digests.scheduler.runNow(id);
    expect(run).toMatchObject({ status: 'posted', incidents: ['unrelated-2019'] });
    expect((await store.deliveries({ platform: 'fake', workspaceId: 'W1', channelId: 'W-A' })).map((d) => `${d.incidentId}:${d.kind}`).sort()).toEqual(['ticketmaster-2018:alert', 'unrelated-2019:digest']);
  });

  it('THEN an alert the platform refused stays queued and goes out at the next start-up, once; a gone channel drops it', async () => {
    const file = join(dir, 'queued.sqlite');
    const ctx = testContext();
    const fast = { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 };
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file), retry: fast });
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation('Q-1'));
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation('Q-2'));
    platform.script('Q-1', [{ status: 502 }, { status: 502 }]);
    platform.script('Q-2', [{ status: 404 }]);
    const added = [{ ...TICKETMASTER, addedAt: new Date(Date.now() + 1_000).toISOString() }];
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...added]));
    await digests.onCatalogAdded(added);
    expect(platform.received.filter((r) => r.channel === 'Q-1').map((r) => r.status)).toEqual([502, 502]);
    expect((await digests.store.pendingAlerts()).map((a) => `${a.channel.channelId}:${a.incidentId}`)).toEqual(['Q-1:ticketmaster-2018']);
    expect((await digests.store.isChannelGone({ platform: 'fake', workspaceId: 'W1', channelId: 'Q-2' }))).toBe(true);
    await digests.service.stop();

    // A new process on the same file: the queued alert is posted; the gone channel gets nothing.
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file), retry: fast });
    await until(async () => (await digests!.store.pendingAlerts()).length === 0, 'queued alert posted and recorded');
    expect(platform.accepted('Q-1').map((r) => r.incidentIds)).toEqual([['ticketmaster-2018']]);
    expect(platform.received.filter((r) => r.channel === 'Q-2')).toHaveLength(1);
  });

  it('THEN incidents added while the bot was down reach the channels watching them at start-up, once', async () => {
    const file = join(dir, 'down.sqlite');
    let ctx = testContext();
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file) });
    await digests.handler.handle({ command: 'watch', action: 'add', name: 'Ticketmaster' }, conversation('D-1'));
    await digests.service.stop();

    // While down, the catalog gained the incident (its file says when it was added).
    const added = { ...TICKETMASTER, addedAt: new Date(Date.now() + 1_000).toISOString() };
    ctx = testContext([...OLD_INCIDENTS, added]);
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file) });
    await until(async () => (await digests!.store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'D-1' })).size === 1, 'alert at start-up');
    await digests.service.stop();

    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file) });
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(platform.accepted('D-1')).toHaveLength(1);
  });
});
