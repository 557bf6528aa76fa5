/**
 * The catalog guard: a data folder emptied or moved away does not empty the catalog, and an old
 * incident that comes back is not announced to a channel that started watching after it was added.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardCatalogReload } from '../../src/app/catalog-guard.js';
import { incidentInput } from '../digest/fixtures.js';
import { useReloadingBot } from './reloading-bot.js';

describe('GIVEN the guard as a pure function', () => {
  it('THEN losing more than the allowed share is refused with the figures, and anything up to it passes', () => {
    expect(guardCatalogReload(8000, 0)).toEqual({ ok: true, removed: 0 });
    expect(guardCatalogReload(8000, 2000)).toEqual({ ok: true, removed: 2000 });
    const refused = guardCatalogReload(8000, 8000);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/would lose 8000 of 8000 incidents \(100%, more than the 25% allowed\)/);
    expect(guardCatalogReload(8000, 2001).ok).toBe(false);
    expect(guardCatalogReload(4, 2, 0.5).ok).toBe(true);
    expect(guardCatalogReload(4, 3, 0.5).ok).toBe(false);
    expect(guardCatalogReload(10, 10, 1).ok).toBe(true);
    // An empty catalog has nothing to lose.
    expect(guardCatalogReload(0, 0).ok).toBe(true);
  });
});

const OLD = ['inbenta-2018', 'orange-2014', 'sirius-2024', 'met-2022'];

// The channel starts watching Inbenta today: the 2018 incident is old news to it.
// Checks are driven by the test (a long debounce keeps the file watcher out of the way).
const bot = useReloadingBot({
  tmpPrefix: 'breachbot-guard-',
  channelPrefix: 'G-',
  debounceMs: 60_000,
  seed: (dataDir) => {
    for (const id of OLD) {
      const vendor = id === 'inbenta-2018' ? { vendors: [{ name: 'Inbenta', role: { en: 'chatbot provider' } }] } : {};
      writeFileSync(join(dataDir, 'incidents', `${id}.json`), JSON.stringify(incidentInput(id, { addedAt: '2025-01-01T00:00:00Z', ...vendor })));
    }
  },
});

describe('GIVEN the bot serving a catalog of 4 incidents', () => {
  it('WHEN the incidents folder is moved away and back THEN the reload is refused and logged, search keeps answering, and no alert is posted', async () => {
    const before = bot.holder.core;
    renameSync(join(bot.dataDir, 'incidents'), join(bot.dataDir, 'incidents.moved'));
    const outcome = await bot.reloader.check();
    expect(outcome.kind).toBe('rejected');
    expect(bot.holder.core).toBe(before);
    expect(bot.holder.core.size).toBe(4);
    expect(bot.lines.some((l) => l.includes('catalog not reloaded: the new catalog would lose 4 of 4 incidents (100%'))).toBe(true);
    // Refused once, not logged again on every check.
    expect(await bot.reloader.check()).toEqual({ kind: 'unchanged' });
    expect(bot.lines.filter((l) => l.includes('would lose 4 of 4'))).toHaveLength(1);

    renameSync(join(bot.dataDir, 'incidents.moved'), join(bot.dataDir, 'incidents'));
    expect(await bot.reloader.check()).toEqual({ kind: 'unchanged' });
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.platform.received.filter((p) => p.channel === bot.channel)).toEqual([]);
  });

  it('WHEN an old watched incident is removed, then restored THEN it is served again but the channel that watches it since today is not alerted', async () => {
    rmSync(join(bot.dataDir, 'incidents', 'inbenta-2018.json'));
    expect(await bot.reloader.check()).toMatchObject({ kind: 'reloaded', size: 3, removed: 1 });
    writeFileSync(join(bot.dataDir, 'incidents', 'inbenta-2018.json'), JSON.stringify(incidentInput('inbenta-2018', { addedAt: '2025-01-01T00:00:00Z', vendors: [{ name: 'Inbenta', role: { en: 'chatbot provider' } }] })));
    const back = await bot.reloader.check();
    expect(back.kind === 'reloaded' && back.added.map((i) => i.id)).toEqual(['inbenta-2018']);
    expect(await bot.digests.store.pendingAlerts()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.platform.received.filter((p) => p.channel === bot.channel)).toEqual([]);
  });

  it('WHEN a folder swap loses 1 of 4 incidents (25%) THEN it is accepted: curators may delete a file', async () => {
    rmSync(join(bot.dataDir, 'incidents', 'met-2022.json'));
    expect(await bot.reloader.check()).toMatchObject({ kind: 'reloaded', size: 3, removed: 1 });
  });
});
