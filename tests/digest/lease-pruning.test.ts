/**
 * Lease rows are never deleted by a holder that crashed, and request claims (`once:…`, shared by
 * replicas) are only ever left to expire: each process deletes the rows expired for more than a
 * day, at start-up and every hour, so the table holds what is live plus a day, not years.
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
const pruneLines = (lines: readonly string[]) => lines.map((l) => (JSON.parse(l) as { msg: string }).msg).filter((m) => m.startsWith('leases: '));

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
