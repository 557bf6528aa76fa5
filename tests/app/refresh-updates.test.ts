/**
 * The French list, refreshed while the bot runs, with its parts wired as `npm start` wires them
 * (refresh → reloader → alerts and "updated" notes → outbox → a platform on 127.0.0.1): a new row
 * naming a subcontractor alerts each channel watching that vendor once and no other channel;
 * the same row with a revised count gives one "updated" note to each channel that had the
 * incident, none to a channel that turned notes off, and the next digest lists the update apart
 * from new incidents; a second, idle refresh posts nothing at all.
 */
import { createServer, type Server } from 'node:http';
import { renderText } from '../../src/render/text-renderer.js';
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
import { ChannelUpdatesHandler } from '../../src/settings/channel-updates.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { DATA_DIR, tempDataDir } from '../helpers/catalog-fixtures.js';
import { BLF_CSV } from '../import/datasets.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';
import { conversation, until } from '../digest/fixtures.js';

const BLF = readFileSync(BLF_CSV, 'utf8');
const row = (volume: string) =>
  `"2026-11-20";"confirmed";"Mutuelle Exemple";"Almerys";"private_company";"${volume}";"['Nom, prénom', 'numéro de sécurité sociale']";"True";"[{'text': 'Article', 'href': 'https://example.test/mutuelle-exemple'}]"\n`;

let body = BLF;
let server: Server;
let platform: FakePlatform;
let holder: CoreHolder;
let digests: Digests;
let reloader: CatalogReloader;
let refresh: ImportRefreshService;
let newId = '';

beforeAll(async () => {
  server = createServer((_req, res) => void res.writeHead(200, { 'Content-Type': 'text/csv' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  platform = await startFakePlatform();
  const dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) copyFileSync(join(DATA_DIR, 'incidents', f), join(dir, 'incidents', f));
  copyFileSync(join(DATA_DIR, 'imported', 'bonjourlafuite.json'), join(dir, 'imported', 'bonjourlafuite.json'));
  const loaded = loadConfig({ DATA_DIR: dir, IMPORT_BONJOURLAFUITE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bonjourlafuite.csv`, IMPORT_CRON: '0 6 * * *' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  holder = new CoreHolder(buildCore(dir).core);
  const ctx = { config: loaded.config, holder, log: createLogger([], () => undefined) };
  digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:'), retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  // Two channels watch the subcontractor (one reads French), one watches someone else, one takes the digest.
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'Almerys' }, conversation('VENDOR_FR', { language: 'fr' }));
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'almerys' }, conversation('VENDOR_QUIET'));
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'Ticketmaster' }, conversation('OTHER'));
  await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('DIGEST'));
  // Wired as start.ts wires them.
  reloader = startCatalogReloader(ctx, digests.onCatalogAdded, { debounceMs: 50, rescanMs: 0, onReloaded: () => digests.onCatalogReloaded() });
  refresh = startImportRefresh(ctx, () => void reloader.check(), { minIntervalMs: 0 })!;
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
const posted = () => platform.received.filter((r) => r.status === 200).length;
/** Lets pending reloads and posts run out. */
const settle = async () => {
  await reloader.check();
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
};

describe('GIVEN the bot on the bundled French list, two channels watching "Almerys", one watching another name, one with a digest', { timeout: 180_000 }, () => {
  it('WHEN the list gains a row naming Almerys as subcontractor THEN each watching channel is alerted once, naming the client, and no other channel', async () => {
    body = BLF + row('120 000 personnes');
    const before = holder.core;
    const [outcome] = await refresh.runNow();
    expect(outcome).toMatchObject({ feed: 'bonjourlafuite', kind: 'updated', revised: [] });
    newId = (outcome as unknown as { added: string[] }).added[0]!;
    expect((outcome as unknown as { added: string[] }).added).toEqual([newId]);
    await until(() => holder.core !== before, 'the reloader swapped in the refreshed list', 60_000);
    await until(() => platform.accepted('VENDOR_FR').length === 1 && platform.accepted('VENDOR_QUIET').length === 1, 'the two vendor alerts', 30_000);
    for (const channel of ['VENDOR_FR', 'VENDOR_QUIET']) expect(platform.accepted(channel).map((p) => p.incidentIds)).toEqual([[newId]]);
    expect(platform.accepted('VENDOR_FR')[0]!.text).toContain('Almerys est le prestataire à l\'origine de la fuite chez Mutuelle Exemple');
    expect(platform.accepted('VENDOR_QUIET')[0]!.text).toContain('Almerys is the vendor behind the leak at Mutuelle Exemple');
    expect(platform.accepted('OTHER')).toEqual([]);
    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'posted', incidents: [newId] });
  });

  it('WHEN the same refresh runs again THEN nothing is alerted twice', async () => {
    const count = posted();
    expect(await refresh.runNow()).toMatchObject([{ kind: 'unchanged' }]);
    await settle();
    expect(posted()).toBe(count);
  });

  it('WHEN a refresh revises the count THEN each channel that had the incident gets one "updated" note, except the one that turned them off; the next digest lists it apart', async () => {
    // The quiet channel turns notes off, as an admin types `/breach updates off`.
    const switchHandler = new ChannelUpdatesHandler(digests.store);
    const off = await switchHandler.handle({ command: 'updates', action: 'set', on: false }, conversation('VENDOR_QUIET'));
    expect(off).toMatchObject({ kind: 'message', tone: 'success' });
    const before = holder.core;
    body = BLF + row('150 000 personnes');
    expect(await refresh.runNow()).toMatchObject([{ feed: 'bonjourlafuite', kind: 'updated', added: [], revised: [newId] }]);
    await until(() => holder.core !== before, 'the reloader swapped in the revised list', 60_000);
    await until(() => platform.accepted('VENDOR_FR').length === 2 && platform.accepted('DIGEST').length === 2, 'the updated notes', 30_000);
    await settle();
    const [noteFr] = platform.accepted('VENDOR_FR').slice(1);
    expect(noteFr!.incidentIds).toEqual([]);
    expect(noteFr!.text).toContain(`Mise à jour\u202f: Mutuelle Exemple (${newId}) — nombre révisé de 120\u202f000 à 150\u202f000`);
    expect(platform.accepted('DIGEST')[1]!.text).toContain(`Updated: Mutuelle Exemple (${newId}) — count revised from 120,000 to 150,000`);
    expect(platform.accepted('VENDOR_QUIET')).toHaveLength(1);
    expect(platform.accepted('OTHER')).toEqual([]);

    // The preview shows what the digest will carry; then the digest: nothing new, and the update under its own heading.
    const preview = await digests.handler.handle({ command: 'digest', action: 'preview' }, conversation('DIGEST'));
    expect(renderText(preview, 'en')).toMatch(/^Preview of the digest due .*\n.*\n\nUpdated since .*:\n• Mutuelle Exemple \(.*\) — count revised from 120,000 to 150,000/);
    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'posted', incidents: [] });
    const digest = platform.accepted('DIGEST')[2]!;
    expect(digest.incidentIds).toEqual([]);
    expect(digest.text).toMatch(/^Breach digest: nothing new since .*\n\nUpdated since .*:\n• Mutuelle Exemple \(.*\) — count revised from 120,000 to 150,000/);
  });

  it('WHEN the revised list is fetched again THEN no note, no alert, nothing in the next digest', async () => {
    const count = posted();
    expect(await refresh.runNow()).toMatchObject([{ kind: 'unchanged' }]);
    await settle();
    expect(await digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    expect(await digests.scheduler.runNow(await digestId())).toMatchObject({ status: 'nothing-new' });
    expect(posted()).toBe(count);
  });
});
