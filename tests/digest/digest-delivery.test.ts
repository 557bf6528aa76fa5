/**
 * The "must hold", with a fake clock and a stand-in platform on 127.0.0.1: two channels
 * subscribed, three incidents added, each posted exactly once to each channel at the scheduled
 * time; one channel's API failing twice (500, then 429 with Retry-After) still gets all three
 * once, and the other is not delayed; a gone channel is paused, not retried forever.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { renderText } from '../../src/render/text-renderer.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext, until, type TestContext } from './fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from './fake-platform.js';

const FAKE_TIMERS = { toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const };
const NEW = [
  incident('new-one', { organization: { name: 'Alpha' }, addedAt: '2027-01-10T07:10:00Z' }),
  incident('new-two', { organization: { name: 'Bravo' }, addedAt: '2027-01-10T07:20:00Z', kind: 'attack' }),
  incident('new-three', { organization: { name: 'Charlie' }, addedAt: '2027-01-10T07:30:00Z' }),
];
const RETRY = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };

let platform: FakePlatform;
beforeAll(async () => {
  platform = await startFakePlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('GIVEN two channels subscribed to the 09:00 Europe/Paris digest and three incidents added', () => {
  let ctx: TestContext;
  let digests: Digests;
  let store: SqliteStateStore;

  afterEach(async () => {
    await digests?.service.stop();
    vi.useRealTimers();
  });

  it('THEN each channel gets each incident exactly once; the failing one after its retries, the other without waiting', async () => {
    vi.useFakeTimers({ toFake: [...FAKE_TIMERS.toFake] });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    ctx = testContext();
    store = new SqliteStateStore(':memory:');
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store, retry: RETRY });
    for (const channel of ['A', 'B']) {
      const reply = await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation(channel));
      expect(reply).toMatchObject({ kind: 'message', tone: 'success' });
    }
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...NEW]));
    platform.script('A', [{ status: 500 }, { status: 429, retryAfterSeconds: 3 }]);

    // 09:00 in Paris is 08:00Z in January: nothing before it.
    await vi.advanceTimersByTimeAsync(59 * 60_000);
    expect(platform.received).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    const fireTime = Date.parse('2027-01-10T08:00:00Z');

    // B is posted and recorded while A waits for its first retry: the clock has not moved.
    await until(async () => (await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'B' })).size === 3, 'B recorded');
    await until(() => platform.received.filter((r) => r.channel === 'A').length === 1, 'A first try');
    expect(platform.accepted('B')).toHaveLength(1);
    expect(platform.accepted('B')[0]!.at - fireTime).toBeLessThan(1_000);
    expect(platform.accepted('B')[0]!.incidentIds).toEqual(['new-three', 'new-two', 'new-one']);
    expect((await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'A' })).size).toBe(0);

    // A: second try after the 1 s backoff gets 429 "retry after 3 s"; the third waits those 3 s, not 2.
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => platform.received.filter((r) => r.channel === 'A').length === 2, 'A second try');
    await vi.advanceTimersByTimeAsync(2_999);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(platform.received.filter((r) => r.channel === 'A')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await until(async () => (await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'A' })).size === 3, 'A recorded');

    const a = platform.received.filter((r) => r.channel === 'A');
    expect(a.map((r) => r.status)).toEqual([500, 429, 200]);
    expect(a[2]!.incidentIds).toEqual(['new-three', 'new-two', 'new-one']);
    expect(a[2]!.text).toContain('3 new incidents');
    expect(a[2]!.text).toContain('/breach show new-three');

    // The next day: nothing new, so nothing is posted (the channels did not ask for empty digests).
    const before = platform.received.length;
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(platform.received).toHaveLength(before);
    expect((await store.subscriptions()).every((s) => s.lastRunAt === '2027-01-11T08:00:00.000Z')).toBe(true);

    // Each incident exactly once per channel, in the database as on the platform.
    for (const channel of ['A', 'B']) {
      const ids = platform.accepted(channel).flatMap((r) => r.incidentIds);
      expect(ids.sort()).toEqual(['new-one', 'new-three', 'new-two']);
      expect((await store.deliveries({ platform: 'fake', workspaceId: 'W1', channelId: channel })).map((d) => d.kind)).toEqual(['digest', 'digest', 'digest']);
    }
  });

  it('THEN a channel that asked for empty digests gets one when nothing is new, saying so', async () => {
    vi.useFakeTimers({ toFake: [...FAKE_TIMERS.toFake] });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    ctx = testContext();
    store = new SqliteStateStore(':memory:');
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store, retry: RETRY });
    await digests.handler.handle({ command: 'digest', action: 'subscribe', time: '08:30', timeZone: 'UTC', postEmpty: true }, conversation('E'));
    await vi.advanceTimersByTimeAsync(90 * 60_000);
    await until(() => platform.accepted('E').length === 1, 'empty digest');
    expect(platform.accepted('E')[0]!.incidentIds).toEqual([]);
    expect(platform.accepted('E')[0]!.text).toMatch(/^Breach digest: nothing new since/);
  });

  it('THEN a channel that is gone (404) is marked inactive and skipped, not retried forever', async () => {
    vi.useFakeTimers({ toFake: [...FAKE_TIMERS.toFake] });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    ctx = testContext([...OLD_INCIDENTS, ...NEW]);
    store = new SqliteStateStore(':memory:');
    digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store, retry: RETRY });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('G'));
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('H'));
    // Incidents "added" after the subscriptions.
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...NEW.map((i) => ({ ...i, addedAt: '2027-01-10T07:45:00Z' }))]));
    platform.script('G', [{ status: 404 }]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await until(async () => (await store.subscription({ platform: 'fake', workspaceId: 'W1', channelId: 'G' }))?.active === false, 'G inactive');
    await until(() => platform.accepted('H').length === 1, 'H posted');
    expect(platform.received.filter((r) => r.channel === 'G')).toHaveLength(1);
    expect((await store.deliveredIds({ platform: 'fake', workspaceId: 'W1', channelId: 'G' })).size).toBe(0);
    expect(ctx.lines.some((l) => /channel fake\/W1\/G is gone \(HTTP 404\)/.test(l))).toBe(true);

    // Days later: G is skipped, H (nothing new) is quiet; status tells the admins why G stopped.
    await vi.advanceTimersByTimeAsync(3 * 24 * 60 * 60_000);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(platform.received.filter((r) => r.channel === 'G')).toHaveLength(1);
    const status = await digests.handler.handle({ command: 'digest', action: 'status' }, conversation('G', { isAdmin: false }));
    expect(renderText(status, 'en')).toContain("This channel's digest is paused: HTTP 404");
  });
});
