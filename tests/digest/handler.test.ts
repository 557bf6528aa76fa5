/**
 * The digest and watch commands as people use them: admins change settings, everyone reads them,
 * filters are read by the search's parser, every reply is worded in English and French.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { renderText } from '../../src/render/text-renderer.js';
import { type CommandSpelling, TEXT_SPELLING } from '../../src/render/command-spelling.js';
import { SLACK_SPELLING } from '../../src/slack/slack-messages.js';
import { DISCORD_SPELLING } from '../../src/discord/command-spelling.js';
import { parseCommandText } from '../../commands/index.js';
import { ChannelUpdatesHandler } from '../../src/settings/channel-updates.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext, type TestContext } from './fixtures.js';

/** The reply as the terminal shows it, or as the platform whose spelling is given renders it (the handler's reply is the same for all). */
const text = (a: Answer, lang: 'en' | 'fr' = 'en', spell: CommandSpelling = TEXT_SPELLING) => renderText(a, lang, spell);
const SPELLING: Record<string, CommandSpelling> = { slack: SLACK_SPELLING, discord: DISCORD_SPELLING };
const onDiscord = (a: Answer, lang: 'en' | 'fr' = 'en') => text(a, lang, DISCORD_SPELLING);
const CATALOG = [
  ...OLD_INCIDENTS,
  incident('ticketmaster-inbenta', { organization: { name: 'Ticketmaster UK' }, vendors: [{ name: 'Inbenta Technologies', role: { en: 'chatbot provider' } }], addedAt: '2025-01-01T00:00:00Z' }),
];

let ctx: TestContext;
let digests: Digests;
let store: SqliteStateStore;
beforeEach(async () => {
  ctx = testContext(CATALOG);
  store = new SqliteStateStore(':memory:');
  digests = await startDigests(ctx, [], { store });
});
afterEach(async () => {
  await digests.service.stop();
});

const ask = (typed: string, who = conversation('C1')) => digests.handler.handle(parseCommandText(typed), who);

describe('GIVEN someone who is not a channel admin', () => {
  it.each([
    ['slack', /Only channel admins \(workspace admins and the users the bot is configured to trust\) can change this channel's digest\. Ask an admin of this workspace/],
    ['discord', /Only channel admins \(the Manage Server or Manage Channels permission\) can change this channel's digest\. Ask an admin of this server/],
  ])('THEN on %s their subscribe is refused, saying who can, and nothing is stored', async (platform, wording) => {
    const who = conversation('C1', { platform, isAdmin: false });
    const reply = await ask('digest subscribe 08:30 Europe/Paris', who);
    expect(reply).toMatchObject({ kind: 'message', tone: 'error' });
    expect(text(reply, 'en', SPELLING[platform])).toMatch(wording);
    expect(text(reply, 'fr', SPELLING[platform])).toMatch(/^Seuls les admins du canal/);
    expect((await store.subscriptions())).toEqual([]);
    expect(await ask('digest unsubscribe', who)).toMatchObject({ tone: 'error' });
    expect(text(await ask('watch add Inbenta', who))).toMatch(/can change this channel's watchlist/);
    expect((await store.watches({ platform, workspaceId: 'W1', channelId: 'C1' }))).toEqual([]);
  });

  it('THEN on Discord every reply names the commands as Discord spells them, in French for French readers', async () => {
    const who = conversation('C1', { platform: 'discord', isAdmin: false });
    const refused = await ask('watch add Inbenta', who);
    // /breach-watch and /breach-digest are admin-only commands on Discord: point to the one everyone has.
    expect(onDiscord(refused)).toContain('anyone can see it with `/breach-status`.');
    expect(onDiscord(refused, 'fr')).toContain('chacun peut la consulter avec `/fuite-statut`.');
    expect(onDiscord(await ask('digest subscribe', who))).toContain('anyone can see it with `/breach-status`.');
    expect(onDiscord(await ask('digest subscribe', who), 'fr')).toContain('chacun peut le consulter avec `/fuite-statut`.');
    const status = await ask('digest status', who);
    expect(onDiscord(status)).toContain('Subscribe with `/breach-digest subscribe time: timezone: filters:`');
    expect(onDiscord(status)).toContain('Watchlist: empty (`/breach-watch add name:<name>`)');
    expect(onDiscord(status)).not.toMatch(/\/breach (digest|watch)/);
    expect(onDiscord(await ask('watch list', who), 'fr')).toContain('`/fuite-veille ajouter nom:<nom>`');
    const added = await ask('watch add Inbenta', { ...who, isAdmin: true });
    expect(onDiscord(added)).toContain('1 incident in the catalog already names it (`/breach query:Inbenta`)');
  });

  it('THEN they can still read the status, the preview and the watchlist', async () => {
    await ask('digest subscribe 08:30 Europe/Paris data:passwords country:FR');
    await ask('watch add Inbenta');
    const reader = conversation('C1', { isAdmin: false });
    expect(text(await ask('digest status', reader))).toContain('When: every day at 08:30 (Europe/Paris), in English');
    expect(text(await ask('digest preview', reader))).toMatch(/^Preview: nothing new so far/);
    expect(text(await ask('watch list', reader))).toContain('• Inbenta');
  });

  it('THEN "/breach status" shows them the subscription, what the next digest holds so far, and the watchlist, in both languages', async () => {
    await ask('digest subscribe 08:30 Europe/Paris country:FR');
    await ask('watch add Inbenta');
    const later = new Date(Date.now() + 60_000).toISOString();
    ctx.holder.swap(coreOf([...CATALOG, incident('fresh-fr', { organization: { name: 'Fresh', country: 'FR' }, addedAt: later }), incident('fresh-us', { organization: { name: 'Other', country: 'US' }, addedAt: later })]));
    const reader = conversation('C1', { isAdmin: false });
    const reply = await ask('status', reader);
    expect(reply).toMatchObject({ kind: 'message', tone: 'info' });
    const en = text(reply);
    expect(en).toMatch(/^This channel has been subscribed to the digest since .*\nWhen: every day at 08:30 \(Europe\/Paris\), in English\nFilters: France\n/);
    expect(en).toMatch(/\nNext digest: .*08:30\nIn the next digest so far: 1 new incident \(1 breach\)\n/);
    // The watchlist as `watch list` words it, not the one-line summary of `digest status`.
    expect(en.endsWith('\nThis channel is alerted when a new incident names:\n• Inbenta')).toBe(true);
    expect(en).not.toContain('Watchlist: Inbenta');
    const fr = text(reply, 'fr');
    expect(fr).toContain('Dans le prochain résumé, pour l’instant\u202f: 1 nouvel incident (1 fuite de données)');
    expect(fr).toContain('Ce canal est alerté quand un nouvel incident cite\u202f:\n• Inbenta');
    // Nothing changed, nothing recorded.
    expect((await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'C1' })).size).toBe(0);
    expect((await store.subscriptions())).toHaveLength(1);
    // `digest status` says the same of the digest.
    expect(text(await ask('digest status', reader))).toContain('In the next digest so far: 1 new incident (1 breach)');
  });

  it('THEN after "/breach updates off" the status says the notes are off, and "next digest so far" counts a change to an incident the channel had', async () => {
    await ask('digest subscribe 08:30 Europe/Paris');
    const channel = { platform: 'fake', workspaceId: 'W1', channelId: 'C1' };
    await store.recordDeliveries(channel, ['old-acme-2020'], 'alert', new Date(Date.now() - 60_000), ['m1']);
    // First sight of the facts the channel received.
    expect(await digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    const reader = conversation('C1', { isAdmin: false });
    const before = text(await ask('status', reader));
    expect(before).toContain('\nIn the next digest so far: nothing new\n');
    expect(before).toContain('\n“Updated” notes: on (`/breach updates off` stops them)\n');

    const updates = new ChannelUpdatesHandler(store);
    expect(text(await updates.handle(parseCommandText('updates off'), conversation('C1')))).toMatch(/^Done: no more “updated” notes/);
    await new Promise((r) => setTimeout(r, 5));
    // The catalog now knows how many accounts Acme lost: a change the next digest lists under "Updated since …".
    ctx.holder.swap(coreOf([OLD_INCIDENTS[0]!, incident('old-acme-2020', { organization: { name: 'Acme' }, addedAt: '2025-07-01T00:00:00Z', records: { total: { count: 2500, qualifier: 'exact' }, breakdown: [] } }), ...CATALOG.slice(2)]));
    // Notes are off: the change is recorded, no note is written.
    expect(await digests.onCatalogReloaded()).toEqual({ changed: 1, notes: 0 });

    const reply = await ask('status', reader);
    const en = text(reply);
    expect(en).toContain('\nIn the next digest so far: 1 updated incident\n');
    expect(en).toContain('\n“Updated” notes: off, the digest still lists updated incidents (`/breach updates on` to get them)\n');
    const fr = text(reply, 'fr');
    expect(fr).toContain('Dans le prochain résumé, pour l’instant\u202f: 1 incident mis à jour\n');
    expect(fr).toContain('Notes «\u202fmis à jour\u202f»\u202f: désactivées, le résumé liste quand même les incidents mis à jour (`/breach mises-à-jour oui` pour les recevoir)');
    expect(onDiscord(reply)).toContain('(`/breach-updates state:on` to get them)');
    // `digest status` and the preview agree with it.
    expect(text(await ask('digest status', reader))).toContain('In the next digest so far: 1 updated incident');
    expect(text(await ask('digest preview', reader))).toContain('Acme (old-acme-2020) — count now known: 2,500');
  });

  it('THEN "/breach status" in a channel with nothing set up says so and how to start, per platform', async () => {
    const slack = text(await ask('status', conversation('EMPTY', { platform: 'slack', isAdmin: false })), 'en', SLACK_SPELLING);
    expect(slack).toMatch(/^This channel has no digest subscription\.\nSubscribe with `\/breach digest subscribe/);
    expect(slack).toContain("This channel's watchlist is empty. Add a vendor or organization with `/breach watch add <name>`.");
    const discord = onDiscord(await ask('status', conversation('EMPTY', { platform: 'discord', isAdmin: false })), 'fr');
    expect(discord).toContain('/fuite-resume abonner heure: fuseau: filtres:');
    expect(discord).toContain('/fuite-veille ajouter nom:<nom>');
    expect(discord).not.toContain('prochain résumé');
  });
});

describe('GIVEN a channel admin', () => {
  it('THEN "/breach digest subscribe 08:30 Europe/Paris data:passwords country:FR" subscribes with those settings and says when the first digest comes', async () => {
    const reply = await ask('digest subscribe 08:30 Europe/Paris data:passwords country:FR', conversation('C1', { language: 'fr' }));
    expect(reply).toMatchObject({ kind: 'message', tone: 'success' });
    const sub = (await store.subscription({ platform: 'fake', workspaceId: 'W1', channelId: 'C1' }));
    expect(sub).toMatchObject({ cron: '30 8 * * *', timeZone: 'Europe/Paris', filters: 'data:passwords country:FR', language: 'fr', postEmpty: false, active: true });
    const fr = text(reply, 'fr');
    expect(fr).toContain('Abonné\u202f: ce canal recevra un résumé');
    expect(fr).toContain('Quand\u202f: tous les jours à 08:30 (Europe/Paris), en français');
    expect(fr).toContain('Filtres\u202f: données\u202f: mots de passe · France');
    expect(fr).toMatch(/Prochain résumé\u202f: \w+\.? \d+ \S+ \d{4}, 08:30/);
    expect(digests.scheduler.nextRun(sub!.id)).toBeInstanceOf(Date);
  });

  it('THEN defaults come from DIGEST_CRON / DIGEST_TZ, and subscribing again updates rather than duplicates', async () => {
    await ask('digest subscribe');
    expect((await store.subscriptions())).toMatchObject([{ cron: '0 9 * * *', timeZone: 'Europe/Paris', filters: '' }]);
    const again = await ask('digest subscribe 07:15 UTC empty:post');
    expect(text(again)).toMatch(/^This channel's digest is updated\./);
    expect((await store.subscriptions())).toMatchObject([{ cron: '15 7 * * *', timeZone: 'UTC', postEmpty: true }]);
  });

  it('THEN unreadable filters are refused with the search\'s own explanation, and nothing is stored', async () => {
    const reply = await ask('digest subscribe data:unicorns');
    expect(reply).toMatchObject({ tone: 'error' });
    // The search's explanation of a data: filter lists the data types it knows.
    expect(text(reply)).toMatch(/^Not subscribed\. Cannot read the filter data:unicorns\. Data types \(in quotes when several words\): email addresses, .*\bpasswords\b.*\bsocial security numbers\b/);
    expect((await store.subscriptions())).toEqual([]);
  });

  it('THEN unsubscribe stops the schedule; status and preview say there is no digest', async () => {
    await ask('digest subscribe');
    const id = (await store.subscriptions())[0]!.id;
    expect(text(await ask('digest unsubscribe'))).toMatch(/^Unsubscribed/);
    expect(digests.scheduler.nextRun(id)).toBeUndefined();
    expect(text(await ask('digest unsubscribe'))).toBe('This channel has no digest subscription.');
    expect(text(await ask('digest status'))).toMatch(/^This channel has no digest subscription\.\nSubscribe with/);
    expect(text(await ask('digest preview'))).toMatch(/nothing to preview/);
  });

  it('THEN preview shows the digest as it would be posted now, without recording anything', async () => {
    await ask('digest subscribe country:FR');
    const later = new Date(Date.now() + 60_000).toISOString();
    ctx.holder.swap(coreOf([...CATALOG, incident('fresh-fr', { organization: { name: 'Fresh', country: 'FR' }, addedAt: later }), incident('fresh-us', { organization: { name: 'Other', country: 'US' }, addedAt: later })]));
    const reply = await ask('digest preview');
    expect(reply.kind === 'message' && reply.incidents.map((i) => i.id)).toEqual(['fresh-fr']);
    expect(text(reply)).toMatch(/^Preview of the digest due .*, as it would be posted now:\nBreach digest: 1 new incident \(1 breach\)/);
    expect((await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'C1' })).size).toBe(0);
  });

  it('THEN watch add / list / remove keep one entry per folded name and tell what the catalog already holds', async () => {
    const added = await ask('watch add Inbenta');
    expect(text(added)).toBe(
      'Watching “Inbenta”: this channel gets an alert as soon as a new incident names it as organization, alias, vendor or affected organization. 1 incident in the catalog already names it (`/breach Inbenta`).',
    );
    expect(text(await ask('watch add INBENTA'))).toBe('“INBENTA” is already on this channel\'s watchlist.');
    await ask('watch add Métropole du Grand Paris');
    expect(text(await ask('watch list'))).toBe('This channel is alerted when a new incident names:\n• Inbenta\n• Métropole du Grand Paris');
    expect(text(await ask('watch remove metropole du grand paris'))).toBe('“metropole du grand paris” is no longer watched in this channel.');
    expect(text(await ask('watch remove nobody'))).toMatch(/is not on this channel's watchlist/);
    expect((await store.watches({ platform: 'fake', workspaceId: 'W1', channelId: 'C1' })).map((w) => w.name)).toEqual(['Inbenta']);
    expect(text(await ask('watch list', conversation('OTHER')))).toMatch(/watchlist is empty/);
  });
});
