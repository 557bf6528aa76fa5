/**
 * What the digest runner, the alert flusher and the command handler share: the store, the core
 * (read per use, a reload swaps it), one poster per platform, the per-channel queue, the retry
 * policy, a clock and a logger.
 */
import type { ChannelPoster, Logger } from '../ports/index.js';
import type { CoreHolder } from '../core/core-holder.js';
import type { StateStore } from '../store/state-store.js';
import type { ChannelHolds, KeyedQueue, RetryPolicy } from './delivery.js';
import type { GivenUpListener, UnrecordedLooks } from './unrecorded-looks.js';
import type { Leases } from './leases.js';

export interface FeatureDeps {
  readonly store: StateStore;
  readonly holder: CoreHolder;
  /** By platform ("slack", "discord", "terminal"). */
  readonly posters: ReadonlyMap<string, ChannelPoster>;
  readonly queue: KeyedQueue;
  readonly retry: RetryPolicy;
  readonly log: Logger;
  readonly now: () => Date;
  /** Aborted at shutdown: retries stop waiting. */
  readonly signal?: AbortSignal;
  /** Per channel, the platform's retry-after still running: every post to the channel honours it. */
  readonly holds?: ChannelHolds;
  /** The store's leases: one process posts to a channel at a time (absent: this process alone). */
  readonly leases?: Leases;
  /** Posts accepted but not recorded: when this process may look for each again (absent: every tick). */
  readonly unrecorded?: UnrecordedLooks;
  /** Told of each post given up for good (metrics). */
  readonly onGivenUp?: GivenUpListener;
}
