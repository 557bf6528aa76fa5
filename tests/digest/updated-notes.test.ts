/**
 * "Updated" notes through the digest features and a platform on 127.0.0.1: a change to an
 * incident a channel received is found after a restart (made while the bot was down), noted once
 * by two processes sharing one database, not noted for a reworded summary, and the switch
 * (`/breach updates`) parses the same from Slack text, the terminal and Discord options.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { breachUpdates, isUsageError, parseCommandText } from '../../commands/index.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { ChannelUpdatesHandler } from '../../src/settings/channel-updates.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from './fake-platform.js';
import { conversation, coreOf, incident, testContext, until } from './fixtures.js';
import { renderText } from '../../src/render/text-renderer.js';
import { phraseText } from '../../src/render/phrase.js';
import { usageProblemWords } from '../../src/render/usage-words.js';
import { DISCORD_SPELLING } from '../../src/discord/command-spelling.js';

const RETRY = { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 };
const FIRST = incident('acme-2026', { organization: { name: 'Acme' }, addedAt: '2026-11-01T00:00:00Z', records: { total: { count: 1000, qualifier: 'exact' }, breakdown: [] } });
const REVISED = incident('acme-2026', {
  organization: { name: 'Acme' },
  addedAt: '2026-11-01T00:00:00Z',
  records: { total: { count: 2500, qualifier: 'exact' }, breakdown: [] },
  sources: [{ title: 'Source for acme-2026', language: 'en' }, { publisher: 'Le Monde', title: 'Acme : la fuite est plus grave', language: 'fr', url: 'https://lemonde.example/acme' }],
  affected: [{ name: 'Acme Assurances', aliases: [] }],
});
const REWORDED = incident('acme-2026', { organization: { name: 'Acme' }, addedAt: '2026-11-01T00:00:00Z', records: { total: { count: 1000, qualifier: 'exact' }, breakdown: [] }, summary: { en: 'Reworded.', fr: 'Reformulé.' } });

let platform: FakePlatform;
const dir = mkdtempSync(join(tmpdir(), 'breachbot-updates-'));
const running: Digests[] = [];

beforeAll(async () => {
  platform = await startFakePlatform();
});
afterEach(async () => {
  for (const d of running.splice(0)) await d.service.stop();
  platform.received.length = 0;
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(file: string, incidents = [FIRST]) {
  const ctx = testContext(incidents);
  const digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file), retry: RETRY, now: () => new Date('2026-11-20T10:00:00Z') });
  running.push(digests);
  return { ctx, digests };
}

describe('GIVEN a channel that received Acme', () => {
  it('WHEN the count, a source and an affected organization change while the bot is down THEN the next start posts ONE note; a further restart posts none', async () => {
    const file = join(dir, 'restart.sqlite');
    const first = await start(file);
    await first.digests.store.recordDeliveries({ platform: 'fake', workspaceId: 'W1', channelId: 'C1' }, ['acme-2026'], 'alert', new Date('2026-11-19T00:00:00Z'), ['m0']);
    expect(await first.digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    await first.digests.service.stop();
    running.length = 0;

    const second = await start(file, [REVISED]);
    await second.digests.caughtUp;
    await until(() => platform.accepted('C1').length === 1, 'the note posted at start-up', 10_000);
    const note = platform.accepted('C1')[0]!;
    expect(note.text).toBe(
      'Updated: Acme (acme-2026) — count revised from 1,000 to 2,500; new source: “Le Monde”; newly named affected organization: “Acme Assurances”.\n\nDetails of any of them: `/breach show <id>`, e.g. `/breach show acme-2026`',
    );
    await second.digests.service.stop();
    running.length = 0;

    const third = await start(file, [REVISED]);
    await third.digests.caughtUp;
    expect(await third.digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    await new Promise((r) => setTimeout(r, 100));
    expect(platform.accepted('C1')).toHaveLength(1);
  });

  it('WHEN two processes on one database both find the change THEN the channel gets one note', async () => {
    const file = join(dir, 'replicas.sqlite');
    const a = await start(file);
    await a.digests.store.recordDeliveries({ platform: 'fake', workspaceId: 'W1', channelId: 'C2' }, ['acme-2026'], 'digest', new Date('2026-11-19T00:00:00Z'), ['m0']);
    expect(await a.digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    const b = await start(file);
    a.ctx.holder.swap(coreOf([REVISED]));
    b.ctx.holder.swap(coreOf([REVISED]));
    const scans = await Promise.all([a.digests.onCatalogReloaded(), b.digests.onCatalogReloaded()]);
    expect(scans.map((s) => s.notes).sort()).toEqual([0, 1]);
    await until(() => platform.accepted('C2').length === 1, 'the note', 10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(platform.accepted('C2')).toHaveLength(1);
  });

  it('WHEN only the summary is reworded THEN no note', async () => {
    const { ctx, digests } = await start(join(dir, 'reworded.sqlite'));
    await digests.store.recordDeliveries({ platform: 'fake', workspaceId: 'W1', channelId: 'C3' }, ['acme-2026'], 'digest', new Date('2026-11-19T00:00:00Z'), ['m0']);
    await digests.onCatalogReloaded();
    ctx.holder.swap(coreOf([REWORDED]));
    expect(await digests.onCatalogReloaded()).toEqual({ changed: 0, notes: 0 });
    expect(platform.received).toEqual([]);
  });
});

describe('GIVEN the updates switch', () => {
  it('THEN Slack text and the terminal read on/off and oui/non, a bare "updates" or "mises-à-jour" shows it, other words stay a search; French answers spell it /breach mises-à-jour oui|non', () => {
    expect(parseCommandText('updates off')).toEqual({ command: 'updates', action: 'set', on: false });
    expect(parseCommandText('updates')).toEqual({ command: 'updates', action: 'show' });
    expect(parseCommandText('mises-à-jour oui')).toEqual({ command: 'updates', action: 'set', on: true });
    expect(parseCommandText('mises-à-jour')).toEqual({ command: 'updates', action: 'show' });
    expect(parseCommandText('maj non')).toEqual({ command: 'updates', action: 'set', on: false });
    expect(parseCommandText('mises-à-jour du logiciel')).toMatchObject({ command: 'search' });
    expect(parseCommandText('maj')).toMatchObject({ command: 'search' });
    expect(parseCommandText('updates to the orange breach')).toMatchObject({ command: 'search' });
    expect(breachUpdates.fromOptions({ state: 'on' })).toEqual({ command: 'updates', action: 'set', on: true });
    const wrong = breachUpdates.parseText('sometimes');
    expect(isUsageError(wrong) && wrong.problem).toEqual({ kind: 'not-on-off', text: 'sometimes' });
    expect(isUsageError(wrong) && phraseText(usageProblemWords(wrong.problem!, 'en'))).toBe('“sometimes” is neither `on` nor `off`.');
    expect(isUsageError(wrong) && phraseText(usageProblemWords(wrong.problem!, 'fr'))).toBe('«\u202fsometimes\u202f» n’est ni `oui` ni `non`.');
  });

  it('THEN a member sees it, only an admin changes it, and the answer names the command of the platform', async () => {
    const { digests } = await start(join(dir, 'switch.sqlite'));
    const handler = new ChannelUpdatesHandler(digests.store);
    const member = conversation('C4', { isAdmin: false, platform: 'discord', language: 'fr' });
    const refused = await handler.handle({ command: 'updates', action: 'set', on: false }, member);
    expect(refused).toMatchObject({ tone: 'error' });
    // The reply is the same on every platform; Discord's renderer spells the command.
    expect(renderText(refused, 'fr', DISCORD_SPELLING)).toContain('`/fuite-mises-a-jour`');
    expect(await digests.store.channelUpdates({ platform: 'discord', workspaceId: 'W1', channelId: 'C4' })).toBe(true);
    await handler.handle({ command: 'updates', action: 'set', on: false }, { ...member, isAdmin: true });
    const shown = await handler.handle({ command: 'updates', action: 'show' }, member);
    expect({ en: renderText(shown, 'en', DISCORD_SPELLING), fr: renderText(shown, 'fr', DISCORD_SPELLING) }).toEqual({
      en: 'This channel gets no “updated” notes; its digest still lists updated incidents. To get them: `/breach-updates state:on`',
      fr: 'Ce canal ne reçoit pas de note «\u202fmis à jour\u202f»\u202f; son résumé liste quand même les incidents mis à jour. Pour les recevoir\u202f: `/fuite-mises-a-jour etat:on`',
    });
  });
});
