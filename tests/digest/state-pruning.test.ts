/**
 * What the state database keeps of work done is tidied by every process, at start-up and every
 * hour, each pass logging how many rows went:
 * - lease rows are never deleted by a holder that crashed, and request claims (`once:…`, shared
 *   by replicas) are only ever left to expire: the rows expired for more than a day go, so the
 *   table holds what is live plus a day, not years;
 * - every digest, alert and "updated" note leaves an outbox row: the rows sent or abandoned more
 *   than 30 days ago go. A pending row (a post still in flight, its key guarding against a second
 *   post) stays however old it is.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { StoreSeenRequests } from '../../src/http/seen-requests.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { testContext, TO_FAKE, until } from './fixtures.js';

let running: Digests | undefined;
afterEach(async () => {
  await running?.service.stop();
  running = undefined;
  vi.useRealTimers();
});

const DAY = 24 * 60 * 60_000;
const logged = (lines: readonly string[], prefix: string) => lines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m.startsWith(prefix));
const pruneLines = (lines: readonly string[]) => logged(lines, 'leases: ');
const outboxLines = (lines: readonly string[]) => logged(lines, 'outbox: ');
const CHANNEL = { platform: 'fake', workspaceId: 'W1', channelId: 'C1' };

describe('GIVEN a state database holding a crashed process\'s channel lease and request claims', () => {
  it('THEN start-up deletes the rows expired for more than a day, and the hourly pass deletes the claims once they are a day past their hour', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const store = new SqliteStateStore(':memory:');
    const now = Date.now();
    await store.acquireLease('post:fake/W1/C1', 'crashed-process', 60_000, new Date(now - 3 * DAY));
    await store.acquireLease('once:yesterday', 'claim', 60 * 60_000, new Date(now - 2 * DAY));
    // Claims made today, as the Slack and Discord endpoints make them (an hour each).
    const seen = new StoreSeenRequests(store);
    expect(await seen.claim('event-1', 60 * 60_000)).toBe(true);
    expect(await seen.claim('event-2', 60 * 60_000)).toBe(true);

    const ctx = testContext();
    // The scheduler and the health check look rarely: only the pruning matters here.
    running = await startDigests(ctx, [], { store, tickMs: 60 * 60_000, healthCheckMs: 60 * 60_000 });
    await until(() => pruneLines(ctx.lines).length === 1, 'the start-up pass');
    expect(pruneLines(ctx.lines)).toEqual(['leases: 2 rows expired for more than a day deleted (channel leases, request claims)']);
    // Today's claims still hold: a retry of event-1 is refused (by another replica too).
    expect(await new StoreSeenRequests(store).claim('event-1', 60 * 60_000)).toBe(false);

    // A day and two hours later, the hourly pass has deleted today's claims too (expired a day ago), and nothing more.
    await vi.advanceTimersByTimeAsync(DAY + 2 * 60 * 60_000);
    await until(() => pruneLines(ctx.lines).length === 2, 'the hourly pass');
    expect(pruneLines(ctx.lines)[1]).toBe('leases: 2 rows expired for more than a day deleted (channel leases, request claims)');
    expect(await store.pruneLeases(new Date(Date.now()))).toBe(0);
  });
});

describe('GIVEN a state database holding posts sent and given up over the last months, and one still waiting to be posted', () => {
  it('THEN start-up deletes the rows closed more than 30 days ago and logs how many; the hourly pass deletes the next one once it is 30 days old; the waiting one stays', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const store = new SqliteStateStore(':memory:');
    const ago = (ms: number) => new Date(Date.now() - ms);
    await store.outboxAdd({ key: 'd:1:sent-in-november', channel: CHANNEL, kind: 'digest', incidentIds: ['old-acme-2020'] }, ago(45 * DAY));
    await store.outboxSent('d:1:sent-in-november', ['m1'], ago(45 * DAY));
    await store.outboxAdd({ key: 'a:given-up', channel: CHANNEL, kind: 'alert', incidentIds: ['old-orange-2014'] }, ago(40 * DAY));
    await store.outboxAbandon('a:given-up', 'channel_not_found', ago(31 * DAY));
    // Sent 29 days and 23 hours ago: kept today, deleted in the hour 30 days are up.
    await store.outboxAdd({ key: 'd:1:sent-a-month-ago', channel: CHANNEL, kind: 'digest', incidentIds: [] }, ago(30 * DAY - 60 * 60_000));
    await store.outboxSent('d:1:sent-a-month-ago', [], ago(30 * DAY - 60 * 60_000));
    // Waiting since 60 days (its platform refuses it): its key is what keeps it from being posted twice.
    await store.outboxAdd({ key: 'd:1:waiting', channel: CHANNEL, kind: 'digest', incidentIds: ['old-acme-2020'] }, ago(60 * DAY));

    const ctx = testContext();
    // The scheduler and the health check look rarely, and nothing may post: only the pruning matters here.
    running = await startDigests(ctx, [], { store, tickMs: 60 * 60_000, healthCheckMs: 60 * 60_000 });
    await until(() => outboxLines(ctx.lines).length === 1, 'the start-up pass');
    expect(outboxLines(ctx.lines)).toEqual(['outbox: 2 rows sent or abandoned more than 30 days ago deleted']);
    expect(await store.outboxItem('d:1:sent-in-november')).toBeUndefined();
    expect(await store.outboxItem('a:given-up')).toBeUndefined();
    expect(await store.outboxItem('d:1:sent-a-month-ago')).toMatchObject({ state: 'sent' });

    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    await until(() => outboxLines(ctx.lines).length === 2, 'the hourly pass');
    expect(outboxLines(ctx.lines)[1]).toBe('outbox: 1 row sent or abandoned more than 30 days ago deleted');
    expect(await store.outboxItem('d:1:sent-a-month-ago')).toBeUndefined();
    expect((await store.outboxPending()).map((i) => i.key)).toEqual(['d:1:waiting']);
    // The deliveries the deleted rows recorded stay: an incident is not posted to the channel twice.
    expect([...(await store.deliveredIds(CHANNEL))]).toEqual(['old-acme-2020']);
    // No pass logs when nothing is deleted.
    await vi.advanceTimersByTimeAsync(2 * 60 * 60_000);
    expect(outboxLines(ctx.lines)).toHaveLength(2);
  });
});
