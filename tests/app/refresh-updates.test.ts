/**
 * The French list, refreshed while the bot runs, with its parts wired as `npm start` wires them
 * (refresh → reloader → alerts and "updated" notes → outbox → a platform on 127.0.0.1): a new row
 * naming a subcontractor alerts each channel watching that vendor once and no other channel;
 * the same row with a revised count gives one "updated" note to each channel that had the
 * incident, none to a channel that turned notes off, and the next digest lists the update apart
 * from new incidents; a second, idle refresh posts nothing at all.
 */
import { renderText } from '../../src/render/text-renderer.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelUpdatesHandler } from '../../src/settings/channel-updates.js';
import { BLF_CSV } from '../import/datasets.js';
import { conversation, until } from '../digest/fixtures.js';
import { startRefreshingBot, type RefreshingBot } from './refreshing-bot.js';

const BLF = readFileSync(BLF_CSV, 'utf8');
const row = (volume: string) =>
  `"2026-11-20";"confirmed";"Mutuelle Exemple";"Almerys";"private_company";"${volume}";"['Nom, prénom', 'numéro de sécurité sociale']";"True";"[{'text': 'Article', 'href': 'https://example.test/mutuelle-exemple'}]"\n`;

let body = BLF;
let bot: RefreshingBot;
let newId = '';

beforeAll(async () => {
  bot = await startRefreshingBot({
    feed: (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/csv' }).end(body),
    snapshot: 'bonjourlafuite.json',
    feedEnv: (origin) => ({ IMPORT_BONJOURLAFUITE_URL: `${origin}/bonjourlafuite.csv` }),
    log: () => undefined,
    // Two channels watch the subcontractor (one reads French), one watches someone else, one takes the digest.
    subscribe: async (digests) => {
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'Almerys' }, conversation('VENDOR_FR', { language: 'fr' }));
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'almerys' }, conversation('VENDOR_QUIET'));
      await digests.handler.handle({ command: 'watch', action: 'add', name: 'Ticketmaster' }, conversation('OTHER'));
      await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('DIGEST'));
    },
    // Wired as start.ts wires them.
    wiredAsStart: true,
  });
});

afterAll(async () => {
  await bot?.close();
});

const posted = () => bot.platform.received.filter((r) => r.status === 200).length;
/** Lets pending reloads and posts run out. */
const settle = async () => {
  await bot.reloader.check();
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
};

describe('GIVEN the bot on the bundled French list, two channels watching "Almerys", one watching another name, one with a digest', { timeout: 180_000 }, () => {
  it('WHEN the list gains a row naming Almerys as subcontractor THEN each watching channel is alerted once, naming the client, and no other channel', async () => {
    body = BLF + row('120 000 personnes');
    const before = bot.holder.core;
    const [outcome] = await bot.refresh.runNow();
    expect(outcome).toMatchObject({ feed: 'bonjourlafuite', kind: 'updated', revised: [] });
    newId = (outcome as unknown as { added: string[] }).added[0]!;
    expect((outcome as unknown as { added: string[] }).added).toEqual([newId]);
    await until(() => bot.holder.core !== before, 'the reloader swapped in the refreshed list', 60_000);
    await until(() => bot.platform.accepted('VENDOR_FR').length === 1 && bot.platform.accepted('VENDOR_QUIET').length === 1, 'the two vendor alerts', 30_000);
    for (const channel of ['VENDOR_FR', 'VENDOR_QUIET']) expect(bot.platform.accepted(channel).map((p) => p.incidentIds)).toEqual([[newId]]);
    expect(bot.platform.accepted('VENDOR_FR')[0]!.text).toContain('Almerys est le prestataire à l\'origine de la fuite chez Mutuelle Exemple');
    expect(bot.platform.accepted('VENDOR_QUIET')[0]!.text).toContain('Almerys is the vendor behind the leak at Mutuelle Exemple');
    expect(bot.platform.accepted('OTHER')).toEqual([]);
    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'posted', incidents: [newId] });
  });

  it('WHEN the same refresh runs again THEN nothing is alerted twice', async () => {
    const count = posted();
    expect(await bot.refresh.runNow()).toMatchObject([{ kind: 'unchanged' }]);
    await settle();
    expect(posted()).toBe(count);
  });

  it('WHEN a refresh revises the count THEN each channel that had the incident gets one "updated" note, except the one that turned them off; the next digest lists it apart', async () => {
    // The quiet channel turns notes off, as an admin types `/breach updates off`.
    const switchHandler = new ChannelUpdatesHandler(bot.digests.store);
    const off = await switchHandler.handle({ command: 'updates', action: 'set', on: false }, conversation('VENDOR_QUIET'));
    expect(off).toMatchObject({ kind: 'message', tone: 'success' });
    const before = bot.holder.core;
    body = BLF + row('150 000 personnes');
    expect(await bot.refresh.runNow()).toMatchObject([{ feed: 'bonjourlafuite', kind: 'updated', added: [], revised: [newId] }]);
    await until(() => bot.holder.core !== before, 'the reloader swapped in the revised list', 60_000);
    await until(() => bot.platform.accepted('VENDOR_FR').length === 2 && bot.platform.accepted('DIGEST').length === 2, 'the updated notes', 30_000);
    await settle();
    const [noteFr] = bot.platform.accepted('VENDOR_FR').slice(1);
    expect(noteFr!.incidentIds).toEqual([]);
    expect(noteFr!.text).toContain(`Mise à jour\u202f: Mutuelle Exemple (${newId}) — nombre révisé de 120\u202f000 à 150\u202f000`);
    expect(bot.platform.accepted('DIGEST')[1]!.text).toContain(`Updated: Mutuelle Exemple (${newId}) — count revised from 120,000 to 150,000`);
    expect(bot.platform.accepted('VENDOR_QUIET')).toHaveLength(1);
    expect(bot.platform.accepted('OTHER')).toEqual([]);

    // The preview shows what the digest will carry; then the digest: nothing new, and the update under its own heading.
    const preview = await bot.digests.handler.handle({ command: 'digest', action: 'preview' }, conversation('DIGEST'));
    expect(renderText(preview, 'en')).toMatch(/^Preview of the digest due .*\n.*\n\nUpdated since .*:\n• Mutuelle Exemple \(.*\) — count revised from 120,000 to 150,000/);
    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'posted', incidents: [] });
    const digest = bot.platform.accepted('DIGEST')[2]!;
    expect(digest.incidentIds).toEqual([]);
    expect(digest.text).toMatch(/^Breach digest: nothing new since .*\n\nUpdated since .*:\n• Mutuelle Exemple \(.*\) — count revised from 120,000 to 150,000/);
  });

  it('WHEN the revised list is fetched again THEN no note, no alert, nothing in the next digest', async () => {
    const count = posted();
    expect(await bot.refresh.runNow()).toMatchObject([{ kind: 'unchanged' }]);
    await settle();
    expect(await bot.digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    expect(await bot.digests.scheduler.runNow(await bot.digestId())).toMatchObject({ status: 'nothing-new' });
    expect(posted()).toBe(count);
  });
});
