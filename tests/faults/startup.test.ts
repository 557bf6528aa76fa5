/**
 * Start-up does not wait for the catch-up: with the platform failing, the digests are started
 * (and the adapters can listen) while the missed digest is still being retried in the background.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDigests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext, TO_FAKE, until } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';


let platform: FakePlatform;
let dir: string;
beforeAll(async () => {
  platform = await startFakePlatform();
  dir = mkdtempSync(join(tmpdir(), 'breachbot-startup-'));
});
afterAll(async () => {
  vi.useRealTimers();
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GIVEN a digest missed while the bot was down, and the platform failing', () => {
  it('THEN start-up returns at once and the catch-up keeps retrying in the background', async () => {
    vi.useFakeTimers({ toFake: TO_FAKE });
    const file = join(dir, 'state.sqlite');
    vi.setSystemTime(new Date('2027-01-10T07:00:00Z'));
    const first = await startDigests(testContext(OLD_INCIDENTS), [createHttpPoster(platform.url)], { store: new SqliteStateStore(file) });
    await first.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('UP'));
    await first.service.stop();

    vi.setSystemTime(new Date('2027-01-10T10:00:00Z'));
    platform.script('UP', Array.from({ length: 6 }, () => ({ status: 503 })));
    const fresh = incident('up-one', { addedAt: '2027-01-10T07:30:00Z' });
    const digests = await startDigests(testContext([...OLD_INCIDENTS, fresh]), [createHttpPoster(platform.url)], { store: new SqliteStateStore(file) });
    let caughtUp = false;
    void digests.caughtUp.then(() => (caughtUp = true));
    await until(() => platform.received.some((r) => r.channel === 'UP'), 'the first try of the catch-up');
    // Started, and the catch-up is still waiting to retry (2 s, 4 s, ... of fake time).
    expect(caughtUp).toBe(false);
    // Each retry is a real round trip: let it land before moving the fake clock on.
    for (let tries = 2; tries <= 6; tries++) {
      await vi.advanceTimersByTimeAsync(31_000);
      await until(() => platform.received.filter((r) => r.channel === 'UP').length === tries, `try ${tries}`);
    }
    await until(() => caughtUp, 'the catch-up to give up');
    expect(platform.received.filter((r) => r.channel === 'UP').map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 503]);
    await digests.service.stop();
  });
});
