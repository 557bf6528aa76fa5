/**
 * A restart on the same database file (a fresh store instance, as a new process would open):
 * nothing is re-posted, nothing is lost, and a schedule that passed while the bot was down is
 * caught up exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDigests } from '../../src/digest/index.js';
import { readRunFailure } from '../../src/digest/run-failure.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext, TO_FAKE, until } from './fixtures.js';
import { createHttpPoster } from './fake-platform.js';
import { useFakePlatform } from './fake-platform-hooks.js';

const RETRY = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 5_000 };
const CH = { platform: 'fake', workspaceId: 'W1', channelId: 'R' };
const FIRST = [incident('r-one', { addedAt: '2027-01-10T07:10:00Z' }), incident('r-two', { addedAt: '2027-01-10T07:20:00Z' }), incident('r-three', { addedAt: '2027-01-10T07:30:00Z' })];
const LATER = incident('r-four', { addedAt: '2027-01-10T12:00:00Z' });

const fake = useFakePlatform();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'breachbot-state-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts "a process": a new store on the file, a new scheduler, the given catalog. */
async function boot(file: string, incidents: Parameters<typeof coreOf>[0]) {
  const ctx = testContext(incidents);
  const store = new SqliteStateStore(file);
  fake.running = await startDigests(ctx, [createHttpPoster(fake.platform.url)], { store, retry: RETRY });
  return { ctx, store, digests: fake.running };
}

const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
};

describe('GIVEN a channel subscribed on a database file', () => {
  it('THEN after a restart nothing is re-posted, and a 09:00 missed while down is caught up exactly once', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    const file = join(dir, 'nested', 'state.sqlite');
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));

    // Day 1: subscribe, three incidents arrive, the 09:00 digest posts them.
    let p = await boot(file, OLD_INCIDENTS);
    expect(p.store.journalMode).toBe('wal');
    await p.digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('R'));
    p.ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FIRST]));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await until(async () => (await p.store.deliveredIds(CH)).size === 3, 'day 1 recorded');
    await p.digests.service.stop();
    expect(p.store.closed).toBe(true);

    // Restarted the same morning: nothing due, nothing re-posted.
    vi.setSystemTime(new Date('2027-01-10T10:00:00Z'));
    p = await boot(file, [...OLD_INCIDENTS, ...FIRST]);
    await settle();
    expect(fake.platform.received.filter((r) => r.channel === 'R')).toHaveLength(1);
    await p.digests.service.stop();

    // A fourth incident arrives; the bot is down over the next 09:00 and comes back at 11:00.
    vi.setSystemTime(new Date('2027-01-11T10:00:00Z'));
    p = await boot(file, [...OLD_INCIDENTS, ...FIRST, LATER]);
    await until(async () => (await p.store.deliveredIds(CH)).size === 4, 'catch-up recorded');
    const posts = fake.platform.accepted('R');
    expect(posts.map((r) => r.incidentIds)).toEqual([['r-three', 'r-two', 'r-one'], ['r-four']]);
    expect(posts[1]!.at).toBe(Date.parse('2027-01-11T10:00:00Z'));
    await p.digests.service.stop();

    // Another restart the same day: the missed run was caught up already; tomorrow's is the next.
    vi.setSystemTime(new Date('2027-01-11T10:05:00Z'));
    p = await boot(file, [...OLD_INCIDENTS, ...FIRST, LATER]);
    await settle();
    expect(fake.platform.accepted('R')).toHaveLength(2);
    // Not even run again (an empty-digest channel would otherwise get a second post).
    expect((await p.store.subscription(CH))?.lastRunAt).toBe('2027-01-11T10:00:00.000Z');
    expect((await p.store.subscription(CH))?.nextRunAt).toBe('2027-01-12T08:00:00.000Z');
  });

  it('THEN a digest the platform refused all day is not lost: the next start-up posts it', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    const file = join(dir, 'outage.sqlite');
    const ch = { ...CH, channelId: 'O' };
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    let p = await boot(file, OLD_INCIDENTS);
    await p.digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('O'));
    p.ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FIRST]));
    fake.platform.script('O', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await until(() => fake.platform.received.filter((r) => r.channel === 'O').length === 1, 'first try');
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => fake.platform.received.filter((r) => r.channel === 'O').length === 2, 'second try');
    await vi.advanceTimersByTimeAsync(2_000);
    await until(async () => (await p.store.subscription(ch))?.lastError !== undefined, 'failure recorded');
    expect((await p.store.deliveredIds(ch)).size).toBe(0);
    expect(readRunFailure((await p.store.subscription(ch))?.lastError)).toEqual({ kind: 'refused', detail: 'HTTP 503', tries: 3 });
    await p.digests.service.stop();

    vi.setSystemTime(new Date('2027-01-10T09:30:00Z'));
    p = await boot(file, [...OLD_INCIDENTS, ...FIRST]);
    await until(async () => (await p.store.deliveredIds(ch)).size === 3, 'caught up after the outage');
    expect(fake.platform.accepted('O').map((r) => r.incidentIds)).toEqual([['r-three', 'r-two', 'r-one']]);
  });

  it('THEN stop() abandons a post waiting to retry, records it as not delivered (still in the outbox), and closes the database', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    const file = join(dir, 'shutdown.sqlite');
    const ch = { ...CH, channelId: 'S' };
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const p = await boot(file, OLD_INCIDENTS);
    await p.digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('S'));
    p.ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FIRST]));
    fake.platform.script('S', [{ status: 500 }]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await until(() => fake.platform.received.some((r) => r.channel === 'S'), 'first try');
    await settle();
    // Now waiting 1 s (fake) before the retry; fake timers never reach it, so stop() returns only if it does not wait for it.
    await p.digests.service.stop();
    fake.running = undefined;
    expect(p.store.closed).toBe(true);
    const reopened = new SqliteStateStore(file);
    expect((await reopened.deliveredIds(ch)).size).toBe(0);
    // The 09:00 slot was run: its digest waits in the outbox, unsent, for the next process.
    expect((await reopened.subscription(ch))?.nextRunAt).toBe('2027-01-11T08:00:00.000Z');
    expect((await reopened.outboxPending()).map((i) => [i.kind, [...i.incidentIds].sort()])).toEqual([['digest', ['r-one', 'r-three', 'r-two']]]);
    await reopened.close();
  });
});
