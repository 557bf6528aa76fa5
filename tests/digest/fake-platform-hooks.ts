/**
 * The hooks of a test file whose tests start digests posting to the fake platform, on fake
 * timers: one fake platform for the file; after each test, the digests it started are stopped
 * and the real timers come back. (Kept apart from fake-platform.ts and fixtures.ts, which a
 * child process imports without vitest.)
 */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { Digests } from '../../src/digest/index.js';
import { startFakePlatform, type FakePlatform } from './fake-platform.js';

export interface FakePlatformRun {
  /** The platform the digests post to (started before the file's first test). */
  platform: FakePlatform;
  /** The digests the current test started: set it, and they are stopped after the test. */
  running: Digests | undefined;
}

export function useFakePlatform(): FakePlatformRun {
  const run: FakePlatformRun = { platform: undefined as unknown as FakePlatform, running: undefined };
  beforeAll(async () => {
    run.platform = await startFakePlatform();
  });
  afterEach(async () => {
    await run.running?.service.stop();
    run.running = undefined;
    vi.useRealTimers();
  });
  afterAll(async () => {
    await run.platform.close();
  });
  return run;
}
