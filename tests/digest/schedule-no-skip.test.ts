/**
 * Scheduling that cannot silently skip: whatever the clock and the event loop do, each digest
 * slot that came runs once, and a time that does not exist on a DST day runs right after the
 * change. Fake clocks; the posts go over HTTP to a stand-in platform.
 */
import { describe, expect, it, vi } from 'vitest';
import { dueSlot, nextOccurrence, previousOccurrence, wallTimeToInstant } from '../../src/digest/cron-time.js';
import { startDigests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE, until } from './fixtures.js';
import { createHttpPoster } from './fake-platform.js';
import { useFakePlatform } from './fake-platform-hooks.js';

const PARIS = 'Europe/Paris';
const iso = (d: Date | undefined) => d?.toISOString();

describe('GIVEN cron schedules read in a time zone', () => {
  it('THEN 02:30 Paris on the spring-forward day falls at the change (03:00 local, 01:00Z), and on the fall-back day once, the first time', () => {
    expect(new Date(wallTimeToInstant(PARIS, 2027, 3, 28, 2, 30)).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(nextOccurrence('30 2 * * *', PARIS, new Date('2027-03-27T12:00:00Z')))).toBe('2027-03-28T01:00:00.000Z');
    expect(iso(nextOccurrence('30 2 * * *', PARIS, new Date('2027-03-28T01:00:00Z')))).toBe('2027-03-29T00:30:00.000Z');
    expect(iso(nextOccurrence('30 2 * * *', PARIS, new Date('2027-10-30T12:00:00Z')))).toBe('2027-10-31T00:30:00.000Z');
    expect(iso(nextOccurrence('30 2 * * *', PARIS, new Date('2027-10-31T00:30:00Z')))).toBe('2027-11-01T01:30:00.000Z');
  });

  it('THEN the slot owed after three days down is the last one, once; none is owed before the first slot', () => {
    expect(iso(dueSlot('0 9 * * *', PARIS, new Date('2027-01-13T10:00:00Z'), new Date('2027-01-10T08:00:00Z')))).toBe('2027-01-13T08:00:00.000Z');
    expect(dueSlot('0 9 * * *', PARIS, new Date('2027-01-13T07:59:59Z'), new Date('2027-01-12T08:00:00Z'))).toBeUndefined();
    expect(iso(previousOccurrence('0 9 * * mon-fri', 'America/New_York', new Date('2027-01-10T20:00:00Z')))).toBe('2027-01-08T14:00:00.000Z');
    expect(iso(nextOccurrence('0 9 L * *', 'UTC', new Date('2027-02-10T00:00:00Z')))).toBe('2027-02-28T09:00:00.000Z');
    expect(nextOccurrence('not a cron', PARIS, new Date())).toBeUndefined();
  });
});

const fake = useFakePlatform();

const RETRY = { attempts: 2, baseDelayMs: 1_000, maxDelayMs: 5_000 };

/** A subscribed channel at `start`; `fresh` arrives right after. */
async function subscribed(channel: string, start: string, time?: string) {
  vi.useFakeTimers({ toFake: TO_FAKE });
  vi.setSystemTime(new Date(start));
  const ctx = testContext(OLD_INCIDENTS);
  const store = new SqliteStateStore(':memory:');
  fake.running = await startDigests(ctx, [createHttpPoster(fake.platform.url)], { store, retry: RETRY });
  await fake.running.handler.handle({ command: 'digest', action: 'subscribe', ...(time ? { time } : {}) }, conversation(channel));
  const fresh = incident(`${channel.toLowerCase()}-new`, { addedAt: new Date(Date.parse(start) + 60_000).toISOString() });
  ctx.holder.swap(coreOf([...OLD_INCIDENTS, fresh]));
  return { ctx, store, digests: fake.running, fresh };
}

const posts = (channel: string) => fake.platform.accepted(channel);

describe('GIVEN a channel subscribed to a daily digest', () => {
  it('WHEN it is at 02:30 Paris and the clocks spring forward that night THEN the digest comes at 03:00 local, once', async () => {
    const { store } = await subscribed('DST', '2027-03-27T12:00:00Z', '02:30');
    await vi.advanceTimersByTimeAsync(Date.parse('2027-03-28T00:59:00Z') - Date.now());
    expect(posts('DST')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    await until(() => posts('DST').length === 1, 'the digest after the change');
    // At the change (01:00Z), within one look at the clock; never before it.
    expect(posts('DST')[0]!.at).toBeGreaterThanOrEqual(Date.parse('2027-03-28T01:00:00Z'));
    expect(posts('DST')[0]!.at).toBeLessThan(Date.parse('2027-03-28T01:00:30Z'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(posts('DST')).toHaveLength(1);
    expect((await store.subscription({ platform: 'fake', workspaceId: 'W1', channelId: 'DST' }))?.nextRunAt).toBe('2027-03-29T00:30:00.000Z');
  });

  it('WHEN the wall clock jumps from 07:00 to 09:40 (Paris 10:40) without a timer firing in between THEN the 09:00 digest runs at the next look at the clock, once', async () => {
    await subscribed('JUMP', '2027-01-10T07:00:00Z');
    vi.setSystemTime(new Date('2027-01-10T09:40:00Z'));
    await vi.advanceTimersByTimeAsync(30_000);
    await until(() => posts('JUMP').length === 1, 'the digest after the jump');
    expect(posts('JUMP')[0]!.at).toBeLessThanOrEqual(Date.parse('2027-01-10T09:40:30Z'));
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(posts('JUMP')).toHaveLength(1);
  });

  it('WHEN the event loop is blocked from 07:59:59 to 08:00:04 (09:00 Paris) THEN the late timer still finds the slot due and the digest runs once', async () => {
    await subscribed('BLOCK', '2027-01-10T07:00:00Z');
    await vi.advanceTimersByTimeAsync(Date.parse('2027-01-10T07:59:59Z') - Date.now());
    expect(posts('BLOCK')).toHaveLength(0);
    // Blocked: the wall clock moves on, no timer runs.
    vi.setSystemTime(new Date('2027-01-10T08:00:04Z'));
    await vi.advanceTimersByTimeAsync(1_000);
    await until(() => posts('BLOCK').length === 1, 'the digest after the block');
    expect(posts('BLOCK')[0]!.at).toBeGreaterThanOrEqual(Date.parse('2027-01-10T08:00:04Z'));
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    // The next day's digest has nothing new: nothing posted, nothing repeated.
    expect(posts('BLOCK')).toHaveLength(1);
  });

  it('WHEN the wall clock is set back an hour after the 09:00 run THEN 09:00 does not run a second time that day', async () => {
    await subscribed('BACK', '2027-01-10T07:00:00Z');
    await vi.advanceTimersByTimeAsync(Date.parse('2027-01-10T08:01:00Z') - Date.now());
    await until(() => posts('BACK').length === 1, 'the 09:00 digest');
    vi.setSystemTime(new Date('2027-01-10T07:30:00Z'));
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(posts('BACK')).toHaveLength(1);
  });
});
