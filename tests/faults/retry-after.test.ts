/**
 * Fault: the platform answers 429 with Retry-After: 45 (longer than the 30 s a run waits). The
 * digest is not retried within the 45 s — nor is anything else posted to that channel — and it
 * is posted once, by a later try.
 */
import { describe, expect, it, vi } from 'vitest';
import { startDigests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE, until } from '../digest/fixtures.js';
import { createHttpPoster } from '../digest/fake-platform.js';
import { useFakePlatform } from '../digest/fake-platform-hooks.js';


const fake = useFakePlatform();

describe('GIVEN a channel with a 09:00 digest and a watch, and the platform rate limiting it', () => {
  it('WHEN the 09:00 post gets 429 Retry-After: 45 THEN nothing reaches the channel for 45 s, an alert meanwhile waits too, and each incident is posted once afterwards', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const ctx = testContext(OLD_INCIDENTS);
    fake.running = await startDigests(ctx, [createHttpPoster(fake.platform.url)], { store: new SqliteStateStore(':memory:'), alertRetryMs: 60_000 });
    await fake.running.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('RA'));
    await fake.running.handler.handle({ command: 'watch', action: 'add', name: 'Zeta Corp' }, conversation('RA'));
    const fresh = incident('ra-one', { addedAt: '2027-01-10T07:30:00Z' });
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, fresh]));
    fake.platform.script('RA', [{ status: 429, retryAfterSeconds: 45 }]);

    await vi.advanceTimersByTimeAsync(Date.parse('2027-01-10T08:00:00Z') - Date.now());
    await until(() => fake.platform.received.filter((r) => r.channel === 'RA').length === 1, 'the first try');
    const refusedAt = fake.platform.received.find((r) => r.channel === 'RA')!.at;

    // 10 s later an alert for the channel comes up: it must wait for the same 45 s.
    await vi.advanceTimersByTimeAsync(10_000);
    const zeta = incident('ra-zeta', { organization: { name: 'Zeta Corp' }, addedAt: new Date().toISOString() });
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, fresh, zeta]));
    await fake.running.onCatalogAdded([zeta]);
    await vi.advanceTimersByTimeAsync(34_000);
    expect(fake.platform.received.filter((r) => r.channel === 'RA')).toHaveLength(1);

    // Later tries: each incident reaches the channel once, none before the 45 s were up.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await until(() => fake.platform.accepted('RA').length === 2, 'the digest and the alert');
    const accepted = fake.platform.accepted('RA');
    for (const post of accepted) expect(post.at).toBeGreaterThanOrEqual(refusedAt + 45_000);
    expect(accepted.flatMap((p) => p.incidentIds).sort()).toEqual(['ra-one', 'ra-zeta']);
    expect(fake.platform.received.filter((r) => r.channel === 'RA').map((r) => r.status)).toEqual([429, 200, 200]);
  });
});
