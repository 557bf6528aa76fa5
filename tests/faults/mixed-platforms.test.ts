/**
 * Fault matrix: replicas of different platforms on one state database (Slack replicas and
 * Discord replicas of one deployment). A process with no poster for a channel's platform must
 * leave that channel alone: it does not run its digest, take its lease, post its alerts, or
 * count a try of its outbox items (which would push their retries back and give them up sooner).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE, until } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';

let platform: FakePlatform;
let dir: string;
let running: Digests[] = [];
beforeAll(async () => {
  platform = await startFakePlatform();
  dir = mkdtempSync(join(tmpdir(), 'breachbot-mixed-'));
});
afterEach(async () => {
  for (const d of running) await d.service.stop();
  running = [];
  vi.useRealTimers();
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GIVEN a "fake"-platform process and an "other"-platform process on one database', () => {
  it('THEN the other process never touches the fake channel: its digest retry keeps its schedule, one try counted per run, posted once', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const file = join(dir, 'state.sqlite');
    const fresh = incident('mx-one', { addedAt: '2027-01-10T07:30:00Z' });
    const own = testContext(OLD_INCIDENTS);
    const other = testContext(OLD_INCIDENTS);
    const poster = await startDigests(own, [createHttpPoster(platform.url)], { store: new SqliteStateStore(file), holder: 'fake-replica' });
    const bystander = await startDigests(other, [createHttpPoster(platform.url, 'other')], { store: new SqliteStateStore(file), holder: 'other-replica' });
    running.push(poster, bystander);
    await poster.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('MX'));
    await bystander.scheduler.sync();
    for (const c of [own, other]) c.holder.swap(coreOf([...OLD_INCIDENTS, fresh]));
    // The 09:00 post is refused once (503): it waits in the outbox for its retry.
    platform.script('MX', [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);

    await vi.advanceTimersByTimeAsync(Date.parse('2027-01-10T08:00:00Z') - Date.now());
    const step = async () => {
      await vi.advanceTimersByTimeAsync(5_000);
      await new Promise((r) => setImmediate(r));
    };
    // The run's quick retries (2 s, 4 s … apart) all refused: the digest waits in the outbox.
    for (let i = 0; i < 40 && platform.received.filter((r) => r.channel === 'MX').length < 6; i++) await step();
    await until(async () => (await poster.store.outboxPending())[0]?.attempts === 1, 'the failed run to be recorded');
    const key = (await poster.store.outboxPending())[0]!.key;
    // Then its next run posts it; the bystander ticked all along.
    for (let i = 0; i < 40 && platform.accepted('MX').length === 0; i++) await step();
    await until(async () => (await poster.store.outboxItem(key))?.state === 'sent', 'the retry to be recorded');
    expect(platform.accepted('MX').map((p) => p.incidentIds)).toEqual([['mx-one']]);
    // Six refused tries and the one accepted: nothing else reached the platform.
    expect(platform.received.filter((r) => r.channel === 'MX')).toHaveLength(7);
    // One failed run, counted by the process that made it: the bystander's ticks added none.
    expect((await poster.store.outboxItem(key))?.attempts).toBe(1);
    expect(other.lines.filter((l) => l.includes('MX')).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([expect.stringContaining('left to another process')]);
  });
});
