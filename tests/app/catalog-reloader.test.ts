/**
 * The catalog reloads itself: a valid incident file dropped into the data folder while the bot
 * runs becomes searchable and is announced to the channels watching its names, without a
 * restart; an invalid one changes nothing and is logged with its file, field and reason.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentInput, until } from '../digest/fixtures.js';
import { useReloadingBot } from './reloading-bot.js';

/** Writes a file the way a careful curator (or an importer) does: a temp name, then a rename. */
function drop(name: string, content: unknown) {
  const dir = join(bot.dataDir, 'incidents');
  writeFileSync(join(dir, `.${name}.tmp`), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  renameSync(join(dir, `.${name}.tmp`), join(dir, name));
}

const bot = useReloadingBot({
  tmpPrefix: 'breachbot-data-',
  channelPrefix: 'R-',
  debounceMs: 50,
  seed: () => drop('orange-2014.json', incidentInput('orange-2014', { organization: { name: 'Orange', country: 'FR' }, addedAt: '2025-01-01T00:00:00Z' })),
});

const NEW_FILE = () =>
  incidentInput('acme-2027', {
    organization: { name: 'Acme Ticketing' },
    vendors: [{ name: 'Inbenta Technologies', role: { en: 'chatbot provider' } }],
    addedAt: new Date(Date.now() + 1_000).toISOString(),
  });

// Each reload runs in a worker thread started from the TypeScript sources: slow on a busy machine.
describe('GIVEN the bot running over a data folder', { timeout: 120_000 }, () => {
  it('THEN a new valid incident file becomes searchable and alerts the channel watching its vendor, without a restart', async () => {
    const before = bot.holder.core;
    expect(before.execute({ command: 'search', query: 'acme' }).kind).toBe('no-results');
    drop('acme-2027.json', NEW_FILE());
    // A reload starts a worker thread (from the TypeScript sources here, through tsx): give it time on a busy machine.
    await until(() => bot.holder.core !== before, 'the new catalog swapped in', 60_000);
    const found = bot.holder.core.execute({ command: 'search', query: 'acme ticketing' });
    expect(found.kind === 'results' && found.matches[0]!.incident.id).toBe('acme-2027');
    await until(() => bot.platform.accepted(bot.channel).length === 1, 'the watch alert');
    expect(bot.platform.accepted(bot.channel)[0]!.incidentIds).toEqual(['acme-2027']);
    expect(bot.lines.some((l) => /catalog reloaded in \d+ ms: 2 incidents \(1 added, 0 removed; 1 file changed\)/.test(l))).toBe(true);

    // Saving the same file again (an edit) announces nothing new.
    drop('acme-2027.json', { ...NEW_FILE(), title: { en: 'Acme, corrected' } });
    await until(() => bot.holder.core.incident('acme-2027')?.title.en === 'Acme, corrected', 'the edit', 60_000);
    expect(bot.platform.accepted(bot.channel)).toHaveLength(1);
  });

  it('THEN an invalid file changes nothing, is logged with its file, field and reason, and is not reported again until it changes', async () => {
    const before = bot.holder.core;
    drop('broken.json', { ...NEW_FILE(), id: 'broken-2027', addedAt: 'yesterday' });
    const outcome = await bot.reloader.check();
    expect(outcome).toEqual({ kind: 'rejected', problems: ['incidents/broken.json at addedAt: must be an ISO date-time such as 2026-11-23T09:00:00Z'] });
    expect(bot.holder.core).toBe(before);
    expect(bot.holder.core.incident('broken-2027')).toBeUndefined();
    expect(bot.lines.filter((l) => l.includes('catalog not reloaded: incidents/broken.json at addedAt: must be an ISO date-time'))).toHaveLength(1);
    expect(bot.lines.some((l) => /still serving the last good catalog \(1 incidents\)/.test(l))).toBe(true);
    expect(await bot.reloader.check()).toEqual({ kind: 'unchanged' });

    // A good file that turns bad keeps serving its last good version.
    drop('orange-2014.json', '{ "id": "orange-2014", ');
    expect(await bot.reloader.check()).toMatchObject({ kind: 'rejected' });
    expect(bot.lines.some((l) => /catalog not reloaded: incidents\/orange-2014\.json: is not valid JSON/.test(l))).toBe(true);
    expect(bot.holder.core.incident('orange-2014')?.organization.name).toBe('Orange');

    // Fixed, both load; nothing was alerted meanwhile.
    drop('orange-2014.json', incidentInput('orange-2014', { organization: { name: 'Orange', country: 'FR' }, addedAt: '2025-01-01T00:00:00Z' }));
    drop('broken.json', { ...NEW_FILE(), id: 'broken-2027' });
    await until(() => bot.holder.core.incident('broken-2027') !== undefined, 'the fixed catalog', 60_000);
    expect(bot.holder.core.size).toBe(2);
  });

  it('THEN a new file reusing an existing id is refused, whichever file sorts first', async () => {
    const before = bot.holder.core;
    drop('aaa-duplicate.json', { ...NEW_FILE(), id: 'orange-2014' });
    const outcome = await bot.reloader.check();
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.problems[0]).toMatch(/^incidents\/orange-2014\.json at id: duplicate id "orange-2014" \(already used in incidents\/aaa-duplicate\.json\)$/);
    expect(bot.holder.core).toBe(before);
  });
});
