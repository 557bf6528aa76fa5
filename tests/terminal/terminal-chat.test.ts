/**
 * The terminal chat routes `/breach digest ...` and `/breach watch ...` to the digest handler (the
 * terminal is one local channel whose user is admin) and prints what a digest would post.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { createTextPoster } from '../../src/terminal/text-poster.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { runTerminalChat } from '../../src/terminal/terminal-chat.js';
import { coreOf, incident, OLD_INCIDENTS, testContext } from '../digest/fixtures.js';

let digests: Digests | undefined;
afterEach(async () => {
  await digests?.service.stop();
  digests = undefined;
});

async function chat(lines: readonly string[], handlers: Digests['handler'][]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const ctx = testContext();
  const done = runTerminalChat({ holder: ctx.holder, input, output, language: 'en', interactive: false, handlers });
  input.end(lines.join('\n'));
  await done;
  return out;
}

describe('GIVEN the terminal chat with the digest handler', () => {
  it('THEN digest and watch commands are answered in order, beside ordinary searches', async () => {
    const ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(':memory:') });
    const out = await chat(
      ['/breach digest subscribe 08:30 Europe/Paris data:passwords country:FR', '/breach watch add Inbenta', '/breach orange', '/breach digest status', '/breach digest subscribe 25:00'],
      [digests.handler],
    );
    const answers = out.trim().split('\n\n');
    expect(answers[0]).toMatch(/^Subscribed: this channel will get a digest/);
    expect(out).toContain('Watching “Inbenta”');
    expect(out.indexOf('Watching “Inbenta”')).toBeLessThan(out.indexOf('[old-orange-2014]'));
    expect(out).toMatch(/This channel has been subscribed to the digest since .*\nWhen: every day at 08:30 \(Europe\/Paris\), in English\nFilters: data: passwords · France/);
    expect(out).toContain('Watchlist: Inbenta');
    expect(out.trim().endsWith('Usage: /breach digest subscribe [HH:MM] [timezone] [filters] | unsubscribe | status | preview\nnot a time of day: 25:00 (use HH:MM, e.g. 08:30)')).toBe(true);
    expect((await digests.store.subscription({ platform: 'terminal', workspaceId: 'local', channelId: 'terminal' }))).toMatchObject({ cron: '30 8 * * *', filters: 'data:passwords country:FR' });
  });

  it('THEN a command typed wrong in French is explained in French', async () => {
    const ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(':memory:') });
    const out = await chat(['/breach digest abonner 25:00 fuites de mots de passe', '/breach veille ajouter'], [digests.handler]);
    // The usage in the reader's words: French placeholders.
    expect(out).toContain('Utilisation\u202f: /breach digest subscribe [HH:MM] [fuseau] [filtres] | unsubscribe | status | preview\n');
    expect(out).toContain('Utilisation\u202f: /breach watch add <nom> | remove <nom> | list\n');
    expect(out).toContain('heure illisible\u202f: 25:00 (écrivez HH:MM, par ex. 08:30)');
    expect(out).toContain('ajouter\u202f: indiquez un prestataire ou une organisation');
  });

  it('THEN "/breach status" shows the channel\'s digest and watchlist, and the help lists it', async () => {
    const ctx = testContext();
    digests = await startDigests(ctx, [], { store: new SqliteStateStore(':memory:') });
    const before = await chat(['/breach status'], [digests.handler]);
    expect(before.trim()).toMatch(/^This channel has no digest subscription\.\nSubscribe with `\/breach digest subscribe/);
    expect(before).toContain("This channel's watchlist is empty. Add a vendor or organization with `/breach watch add <name>`.");
    const out = await chat(['/breach digest subscribe 07:00 UTC', '/breach watch add Inbenta', '/breach status', '/breach help'], [digests.handler]);
    const answers = out.trim().split('\n\n');
    expect(answers[2]).toMatch(/^This channel has been subscribed to the digest since .*\nWhen: every day at 07:00 \(UTC\), in English\n/);
    expect(answers[2]).toContain('\nIn the next digest so far: nothing new\n');
    expect(answers[2]!.endsWith('This channel is alerted when a new incident names:\n• Inbenta')).toBe(true);
    expect(answers[3]).toMatch(/\n {2}\/breach status +This channel's digest and watchlist \(anyone may look\)\n/);
  });

  it('THEN without handlers the commands say they are not available, as before', async () => {
    const out = await chat(['/breach digest status'], []);
    expect(out.trim()).toBe('Command not available here: digest.');
  });

  it('THEN the text poster prints the digest a terminal subscription would get', async () => {
    const ctx = testContext();
    const printed: string[] = [];
    digests = await startDigests(ctx, [createTextPoster((t) => printed.push(t))], { store: new SqliteStateStore(':memory:') });
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, { platform: 'terminal', workspaceId: 'local', channelId: 'terminal', userId: 'local', isAdmin: true, language: 'fr' });
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, incident('fresh-2027', { organization: { name: 'Fresh' }, addedAt: new Date(Date.now() + 1_000).toISOString() })]));
    const run = await digests.scheduler.runNow((await digests.store.subscriptions())[0]!.id);
    expect(run?.status).toBe('posted');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^\[posted\]\nRésumé des fuites\u202f: 1 nouvel incident \(1 fuite de données\) au catalogue depuis le/);
    expect(printed[0]).toContain('1. Fuite chez fresh-2027 [fresh-2027]');
    // The commands are code, kept as typed; the prose around them takes French typography.
    expect(printed[0]).toContain('Le détail de chacun\u202f: `/breach show <id>`, par ex. `/breach show fresh-2027`');
  });
});
