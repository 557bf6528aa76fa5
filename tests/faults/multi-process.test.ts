/**
 * Fault matrix: two and three bot processes on one state database. Each "process" is a separate
 * store connection, scheduler, lease holder and catalog, sharing nothing in memory but the
 * fake platform; each runs the 09:00 digest and sees the new incidents (as its own catalog
 * reloader would). The platform must end up holding each incident once per channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { PostgresStateStore } from '../../src/store/postgres-state-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { dropSchemas, freshSchema, POSTGRES_URL } from '../helpers/postgres.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE, until, type TestContext } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';


let platform: FakePlatform;
let dir: string;
let running: Digests[] = [];
beforeAll(async () => {
  platform = await startFakePlatform();
  dir = mkdtempSync(join(tmpdir(), 'breachbot-multi-'));
});
afterEach(async () => {
  for (const d of running) await d.service.stop();
  running = [];
  vi.useRealTimers();
});
const schemas: string[] = [];
afterAll(async () => {
  await dropSchemas(schemas);
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Proc {
  readonly ctx: TestContext;
  readonly digests: Digests;
}

type Engine = 'SQLite' | 'PostgreSQL';

/** `n` processes' stores on one database: a file, or one PostgreSQL schema. */
async function processes(n: number, engine: Engine, name: string): Promise<Proc[]> {
  const out: Proc[] = [];
  const schema = freshSchema('mp');
  if (engine === 'PostgreSQL') schemas.push(schema);
  const open = (): Promise<StateStore> | StateStore =>
    engine === 'SQLite' ? new SqliteStateStore(join(dir, `${name}.sqlite`)) : PostgresStateStore.open(POSTGRES_URL, { schema });
  for (let i = 0; i < n; i++) {
    const ctx = testContext(OLD_INCIDENTS);
    // PostgreSQL's client keeps real timers (pool, connections): there the clock alone is faked and the scheduler looks often.
    const digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: await open(), holder: `proc-${i}`, ...(engine === 'PostgreSQL' ? { tickMs: 50 } : {}) });
    running.push(digests);
    out.push({ ctx, digests });
  }
  return out;
}

const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
};

const CASES: [number, Engine][] = [[2, 'SQLite'], [3, 'SQLite'], [2, 'PostgreSQL'], [3, 'PostgreSQL']];
for (const [n, engine] of CASES) {
  describe.skipIf(engine === 'PostgreSQL' && !POSTGRES_URL)(`GIVEN ${n} processes on one ${engine} database`, () => {
    it(`THEN the 09:00 digest (5 incidents) and a watch alert (3 incidents) each reach the channel once`, async () => {
      vi.useFakeTimers({ toFake: engine === 'SQLite' ? TO_FAKE : ['Date'] });
      vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
      /** Moves the clock on: fake timers on SQLite; on PostgreSQL the date, then real time for the ticks. */
      const advance = async (ms: number) => {
        if (engine === 'SQLite') return vi.advanceTimersByTimeAsync(ms);
        vi.setSystemTime(new Date(Date.now() + ms));
        await new Promise((r) => globalThis.setTimeout(r, 300));
      };
      const ch = `MP${n}${engine[0]}`;
      const procs = await processes(n, engine, `state-${n}`);
      await procs[0]!.digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation(ch));
      await procs[1]!.digests.handler.handle({ command: 'watch', action: 'add', name: 'Zeta Corp' }, conversation(ch));
      // The other processes learn of the subscription from the database on their next look.
      const fresh = Array.from({ length: 5 }, (_, i) => incident(`${ch.toLowerCase()}-${i}`, { addedAt: `2027-01-10T07:1${i}:00Z` }));
      for (const p of procs) p.ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...fresh]));

      await advance(Date.parse('2027-01-10T08:00:00Z') - Date.now());
      await until(() => platform.accepted(ch).length >= 1, 'the digest');
      for (let i = 0; i < 4; i++) {
        await advance(30_000);
        await settle();
      }
      expect(platform.accepted(ch).map((p) => p.incidentIds)).toEqual([[4, 3, 2, 1, 0].map((i) => `${ch.toLowerCase()}-${i}`)]);

      // Three incidents naming the watched vendor arrive; every process's reloader hands them over.
      const zeta = Array.from({ length: 3 }, (_, i) => incident(`${ch.toLowerCase()}-zeta-${i}`, { organization: { name: 'Zeta Corp' }, addedAt: new Date(Date.now() + i).toISOString() }));
      for (const p of procs) p.ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...fresh, ...zeta]));
      await Promise.all(procs.map((p) => p.digests.onCatalogAdded(zeta)));
      await until(() => platform.accepted(ch).length >= 2, 'the alert');
      for (let i = 0; i < 4; i++) {
        await advance(30_000);
        await settle();
      }
      // And the next day's digest has nothing left to say.
      await advance(24 * 60 * 60_000);
      await settle();
      const held = platform.accepted(ch);
      expect(held).toHaveLength(2);
      expect(held[1]!.incidentIds.slice().sort()).toEqual([0, 1, 2].map((i) => `${ch.toLowerCase()}-zeta-${i}`));
      const all = held.flatMap((p) => p.incidentIds);
      expect(new Set(all).size).toBe(all.length);
    });
  });
}
