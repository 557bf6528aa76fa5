/**
 * Keeps an eye on the state database while the bot runs: checks `health()` at start and every
 * `everyMs`, and logs each problem as an error once, when first seen (state lost or replaced is
 * never silent). The same problems are what `/breach status` shows.
 */
import type { Logger } from '../ports/bot-context.js';
import type { StateStore } from './state-store.js';

export interface HealthWatch {
  stop(): void;
}

export async function watchStoreHealth(store: StateStore, log: Logger, everyMs = 60_000): Promise<HealthWatch> {
  const seen = new Set<string>();
  const check = async () => {
    if (store.closed) return;
    try {
      const health = await store.health();
      for (const p of health.problems) {
        const key = `${p.kind}\u0000${p.detail}`;
        if (seen.has(key)) continue;
        seen.add(key);
        log.error(`state ${p.kind}: ${p.detail}`);
      }
      // An outage that ended can be reported again if it comes back.
      for (const key of seen) if (key.startsWith('unreachable\u0000') && !health.problems.some((p) => `${p.kind}\u0000${p.detail}` === key)) seen.delete(key);
    } catch (err) {
      log.error('state: the health check failed', err);
    }
  };
  await check();
  const timer = setInterval(() => void check(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
