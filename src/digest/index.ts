/**
 * Daily digests and watchlist alerts, started beside the platform adapters:
 *
 *   const digests = await startDigests(ctx, [slackPoster, discordPoster]);
 *   // pass digests.handler to every adapter (it answers /breach digest ... and /breach watch ...)
 *   const reloader = startCatalogReloader(ctx, digests.onCatalogAdded);
 *   // on SIGTERM: await reloader.stop(); await digests.service.stop();
 */
import type { BotContext, ChannelPoster, CommandHandler, RunningService } from '../ports/index.js';
import type { BreachCore } from '../core/breach-core.js';
import type { Incident } from '../core/incident-schema.js';
import { watchStoreHealth } from '../store/health-watch.js';
import { openStateStore } from '../store/open-store.js';
import type { StateStore } from '../store/state-store.js';
import { ChannelHolds, DEFAULT_RETRY, KeyedQueue, type RetryPolicy } from './delivery.js';
import { DigestCommandHandler } from './digest-handler.js';
import { DigestScheduler } from './digest-scheduler.js';
import { holderId, LEASE_PRUNE_EVERY_MS, Leases, pruneExpiredLeases } from './leases.js';
import { UnrecordedLooks, type GivenUpListener } from './unrecorded-looks.js';
import { pruneClosedOutbox } from './outbox-retention.js';
import type { FeatureDeps } from './feature-deps.js';
import type { DigestRunResult } from './digest-runner.js';
import { flushAlerts, queueAlertsFor, queueMissedAlerts } from './watch-alerts.js';
import { findUpdates, type UpdateScan } from './incident-updates.js';
import { sweepOutbox } from './outbox-sweep.js';

export interface DigestOptions {
  /** A store already open (tests: one on ":memory:" or a temp file); default: `config.stateDb`. */
  readonly store?: StateStore;
  readonly retry?: RetryPolicy;
  /** How long `stop()` lets in-flight posts finish before abandoning them (default 5 s). */
  readonly graceMs?: number;
  /** How often alerts still queued (a platform was down) are tried again (default 5 min). */
  readonly alertRetryMs?: number;
  /** How often the state database is checked for having been deleted or replaced (default 1 min). */
  readonly healthCheckMs?: number;
  readonly now?: () => Date;
  /** Longest wait between two looks at the clock for due digests (default 30 s). */
  readonly tickMs?: number;
  /** This process's name as a lease holder (default host:pid:random). */
  readonly holder?: string;
  /** How long a channel's lease lasts unless renewed (default 60 s): a crashed holder's work waits that long. */
  readonly leaseTtlMs?: number;
  /** How often lease rows expired for more than a day, and outbox rows sent or abandoned more than 30 days ago, are deleted (default hourly; the first time at start-up). */
  readonly leasePruneMs?: number;
  /** Told of each digest or alert given up for good (see give-up.ts), e.g. to count it. */
  readonly onGivenUp?: GivenUpListener;
}

export interface Digests {
  readonly service: RunningService;
  /** Answers `digest` and `watch` requests; give it to every adapter. */
  readonly handler: CommandHandler;
  /**
   * Give to `startCatalogReloader`: alerts the channels watching a name the new incidents carry.
   * `core` is the catalog they arrived in (default: the one serving now).
   */
  readonly onCatalogAdded: (added: readonly Incident[], core?: BreachCore) => Promise<void>;
  /**
   * Give to `startCatalogReloader` as `onReloaded`: after any reload, incidents channels received
   * that changed get their "updated" notes (written, then posted now).
   */
  readonly onCatalogReloaded: () => Promise<UpdateScan>;
  readonly scheduler: DigestScheduler;
  readonly store: StateStore;
  /** Resolves with the runs the start-up catch-up made (it runs in the background). */
  readonly caughtUp: Promise<readonly DigestRunResult[]>;
}

export async function startDigests(ctx: BotContext, posters: readonly ChannelPoster[], options: DigestOptions = {}): Promise<Digests> {
  const store = options.store ?? (await openStateStore(ctx.config));
  // State lost or swapped since the last run, or while this one runs, is logged as an error (and shown by /breach status).
  const healthWatch = await watchStoreHealth(store, ctx.log, options.healthCheckMs);
  const abort = new AbortController();
  const deps: FeatureDeps = {
    store,
    holder: ctx.holder,
    posters: new Map(posters.map((p) => [p.platform, p])),
    queue: new KeyedQueue(),
    retry: options.retry ?? DEFAULT_RETRY,
    log: ctx.log,
    now: options.now ?? (() => new Date()),
    signal: abort.signal,
    holds: new ChannelHolds(options.now),
    leases: new Leases(store, options.holder ?? holderId(), options.now ?? (() => new Date()), options.leaseTtlMs),
    unrecorded: new UnrecordedLooks(),
    ...(options.onGivenUp ? { onGivenUp: options.onGivenUp } : {}),
  };
  const scheduler = new DigestScheduler(deps, options.tickMs !== undefined ? { tickMs: options.tickMs } : {});
  const handler = new DigestCommandHandler(deps, ctx.config.digest, scheduler);
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };
  let stopping = false;
  const flush = async () => {
    if (stopping) return;
    await track(flushAlerts(deps)).catch((err: unknown) => ctx.log.error('watch alerts failed', err));
  };

  // Incidents that arrived while the bot was down, and alerts a previous run could not post.
  await queueMissedAlerts(store, ctx.holder.core.records, deps.now());
  // Incidents channels received that changed while the bot was down: their notes join the outbox the catch-up sweeps.
  await findUpdates(deps).catch((err: unknown) => ctx.log.error('updated notes: the start-up check failed', err));
  // The catch-up runs in the background: the platforms' listeners come up without waiting for
  // it (or for its retries while a platform is down).
  const caughtUp = scheduler.start().catch((err: unknown) => {
    ctx.log.error('digest catch-up failed', err);
    return [];
  });
  void flush();
  const retryTimer = setInterval(() => void flush(), options.alertRetryMs ?? 5 * 60_000);
  retryTimer.unref();
  // Lease rows (channel leases, request claims) are never deleted by their holders when they crash or expire, nor
  // outbox rows once sent or abandoned: tidy them (pending outbox rows stay, see outbox-retention.ts).
  const prune = async () => {
    if (stopping || store.closed) return;
    await track(pruneExpiredLeases(store, deps.now(), ctx.log));
    if (!stopping && !store.closed) await track(pruneClosedOutbox(store, deps.now(), ctx.log));
  };
  void prune();
  const pruneTimer = setInterval(() => void prune(), options.leasePruneMs ?? LEASE_PRUNE_EVERY_MS);
  pruneTimer.unref();
  ctx.log.info(`digests: ${(await store.subscriptions({ activeOnly: true })).length} subscriptions scheduled, ${(await store.allWatches()).length} watchlist entries`);

  const onCatalogAdded = async (added: readonly Incident[], core: BreachCore = ctx.holder.core) => {
    if (stopping || added.length === 0) return;
    const queued = await queueAlertsFor(store, added, deps.now(), core.records);
    if (queued > 0) ctx.log.info(`watch alerts: ${queued} queued for ${added.length} new incident${added.length === 1 ? '' : 's'}`);
    await flush();
  };

  const onCatalogReloaded = async (): Promise<UpdateScan> => {
    if (stopping) return { changed: 0, notes: 0 };
    const scan = await track(findUpdates(deps));
    if (scan.notes > 0 && !stopping) await track(sweepOutbox(deps));
    return scan;
  };

  const service: RunningService = {
    name: 'digests',
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(retryTimer);
      clearInterval(pruneTimer);
      healthWatch.stop();
      // Posts waiting to retry give up now (nothing unposted is recorded); posts on the wire get the grace period.
      abort.abort();
      const grace = options.graceMs ?? 5_000;
      const runsDone = scheduler.stop(grace);
      let timer: NodeJS.Timeout | undefined;
      const alertsDone = Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (timer = setTimeout(r, grace)))]);
      await Promise.all([runsDone, alertsDone]);
      clearTimeout(timer);
      await store.close();
    },
  };
  return { service, handler, onCatalogAdded, onCatalogReloaded, scheduler, store, caughtUp };
}

export { DigestCommandHandler } from './digest-handler.js';
export { DigestScheduler } from './digest-scheduler.js';
export { runDigest, type DigestRunResult } from './digest-runner.js';
export { flushAlerts, matchWatches, queueAlertsFor, queueMissedAlerts } from './watch-alerts.js';
export { selectDigest, compileFilters } from './digest-selection.js';
export { postWithRetry, DEFAULT_RETRY, type RetryPolicy } from './delivery.js';
