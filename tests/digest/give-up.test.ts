/**
 * Delivery that ends: a watch alert a channel refuses for over a day is given up (once, with one
 * clear line and a count), not queued again every few minutes forever; a post the platform took
 * but the state database cannot record is looked for again less and less often, then no more.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { UNRECORDED_MAX_LOOKS } from '../../src/digest/unrecorded-looks.js';
import type { ChannelPoster } from '../../src/ports/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE } from './fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from './fake-platform.js';

let platform: FakePlatform | undefined;
let running: Digests | undefined;
afterEach(async () => {
  await running?.service.stop();
  running = undefined;
  await platform?.close();
  platform = undefined;
  vi.useRealTimers();
});

const HOUR = 60 * 60_000;
const messages = (lines: readonly string[]) => lines.map((l) => JSON.parse(l) as { level: string; msg: string });
/** Moves the fake clock on by `ms`, `step` at a time, letting the posts' real I/O finish in between. */
async function pass(ms: number, step = 60_000): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await vi.advanceTimersByTimeAsync(step);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}
/** A Zeta Corp incident arrives for a channel watching "Zeta Corp". */
async function zetaArrives(ctx: ReturnType<typeof testContext>, digests: Digests, channel: string): Promise<void> {
  await digests.handler.handle({ command: 'watch', action: 'add', name: 'Zeta Corp' }, conversation(channel));
  const zeta = incident(`${channel.toLowerCase()}-zeta`, { organization: { name: 'Zeta Corp' }, addedAt: new Date(Date.now() + 1_000).toISOString() });
  ctx.holder.swap(coreOf([...OLD_INCIDENTS, zeta]));
  await digests.onCatalogAdded([zeta]);
}

describe('GIVEN a channel that refuses every post (503) for days', () => {
  it('THEN its watch alert is tried for a day, then given up once with one error line and a count, and nothing more is posted there', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    platform = await startFakePlatform();
    platform.script('GU', Array.from({ length: 100_000 }, () => ({ status: 503 })));
    const ctx = testContext(OLD_INCIDENTS);
    const givenUp: unknown[] = [];
    // One try per run (no quick retries): runs come from the outbox, 2 s … 15 min apart, 8 per item.
    running = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:'), tickMs: 60_000, retry: { attempts: 1, baseDelayMs: 2_000, maxDelayMs: 30_000 }, onGivenUp: (g) => givenUp.push(g) });
    await zetaArrives(ctx, running, 'GU');

    await pass(23 * HOUR, 5 * 60_000);
    const triedForADay = platform.received.filter((r) => r.channel === 'GU').length;
    // Tried again and again (each abandoned item queued again by the next flush), not given up yet.
    expect(triedForADay).toBeGreaterThan(16);
    expect(givenUp).toEqual([]);
    expect(await running.store.pendingAlerts()).toHaveLength(1);

    await pass(3 * HOUR, 5 * 60_000);
    expect(givenUp).toEqual([{ platform: 'fake', kind: 'alert', reason: expect.stringContaining('503') }]);
    expect(messages(ctx.lines).filter((l) => l.msg.includes('given up for good'))).toMatchObject([
      { level: 'error', msg: expect.stringMatching(/^watch alert to fake\/W1\/GU given up for good after 24 h of refusals \(last: .*503.*\): 1 incident\(s\) go into the channel's next digest instead, if it has one$/) },
    ]);
    expect(await running.store.pendingAlerts()).toEqual([]);
    const atGiveUp = platform.received.filter((r) => r.channel === 'GU').length;
    await pass(6 * HOUR, 5 * 60_000);
    expect(platform.received.filter((r) => r.channel === 'GU')).toHaveLength(atGiveUp);
  }, 120_000);
});

/** A store whose outbox can never mark an item sent (full, read-only for that table). */
class CannotRecord extends SqliteStateStore {
  override async outboxSent(): Promise<void> {
    throw new Error('database or disk is full');
  }
}

describe('GIVEN a platform that takes the alert and a state database that cannot record it', () => {
  it('THEN the post is looked for 30 s, 1 min, 2 min … apart (not every tick), given up after the last look with one line, and never posted twice', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    platform = await startFakePlatform();
    const http = createHttpPoster(platform.url);
    const looks: number[] = [];
    const counting: ChannelPoster = {
      platform: http.platform,
      post: (channel, answer, language, options) => {
        if (options?.reconcile) looks.push(Date.now());
        return http.post(channel, answer, language, options);
      },
    };
    const ctx = testContext(OLD_INCIDENTS);
    const givenUp: unknown[] = [];
    running = await startDigests(ctx, [counting], { store: new CannotRecord(':memory:'), onGivenUp: (g) => givenUp.push(g) });
    await zetaArrives(ctx, running, 'UR');

    await pass(10 * 60_000);
    // In the first 10 minutes: a few looks (30 s, 1, 2, 4 min apart), where every 30-second tick used to look.
    expect(looks.length).toBeGreaterThanOrEqual(3);
    expect(looks.length).toBeLessThanOrEqual(5);
    await pass(6 * HOUR);
    // The first post failed to record, then each look: the last allowed one gives up.
    expect(looks).toHaveLength(UNRECORDED_MAX_LOOKS - 1);
    const gaps = looks.slice(1).map((t, i) => t - looks[i]!);
    expect(gaps.every((g, i) => i === 0 || g >= gaps[i - 1]!)).toBe(true);
    expect(givenUp).toEqual([{ platform: 'fake', kind: 'alert', reason: expect.stringContaining('database or disk is full') }]);
    expect(messages(ctx.lines).filter((l) => l.msg.includes('given up'))).toMatchObject([
      { level: 'error', msg: expect.stringMatching(/^alert for fake\/W1\/UR given up: posted but not recorded after 10 looks \(database or disk is full\); the channel has the message, this process will not look for it again until it restarts$/) },
    ]);
    await pass(2 * HOUR);
    expect(looks).toHaveLength(UNRECORDED_MAX_LOOKS - 1);
    expect(platform.accepted('UR')).toHaveLength(1);
  });
});
