/**
 * The scheduled refresh of the live feeds: every feed with a URL (`IMPORT_HIBP_URL`,
 * `IMPORT_BONJOURLAFUITE_URL`, `IMPORT_HHS_OCR_URL`) on `IMPORT_CRON`, each run in a worker
 * thread (`refresh-feed`: `refreshFeed` in refresh.ts), one feed after the other, at most once an
 * hour per feed; the catalog reloader is told when a snapshot changed.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { BotContext, RunningService } from '../ports/index.js';
import { runTask } from '../worker/run-task.js';
import { redactUrl } from './feed-download.js';
import { FEED_LABEL, REFRESHABLE_FEEDS, type RefreshableFeed, type RefreshOutcome } from './refresh.js';

/** The feeds with a URL configured, each with its URL. */
export function configuredFeeds(urls: Readonly<Partial<Record<RefreshableFeed, string>>>): { feed: RefreshableFeed; url: string }[] {
  return REFRESHABLE_FEEDS.filter((f) => urls[f]).map((feed) => ({ feed, url: urls[feed]! }));
}

export type SkippedRefresh = { readonly kind: 'skipped'; readonly feed: RefreshableFeed; readonly reason: string };

export interface ImportRefreshService extends RunningService {
  /**
   * Refreshes every configured feed now, one after the other (what the schedule calls); a feed
   * refreshed less than `minIntervalMs` ago is skipped.
   */
  runNow(): Promise<(RefreshOutcome | SkippedRefresh)[]>;
}

/**
 * Schedules the refresh of every feed with a URL when `IMPORT_CRON` is set too (in the digest's
 * time zone); undefined otherwise. `onRefreshed` gets each outcome that changed a snapshot.
 */
export function startImportRefresh(
  ctx: BotContext,
  onRefreshed?: (outcome: Extract<RefreshOutcome, { kind: 'updated' }>) => void,
  options: { minIntervalMs?: number; onRefresh?: (feed: string, outcome: RefreshOutcome['kind'], seconds: number) => void } = {},
): ImportRefreshService | undefined {
  const { cron: expression } = ctx.config.import;
  const feeds = configuredFeeds(ctx.config.import.urls);
  if (feeds.length === 0 || !expression) return undefined;
  if (!cron.validate(expression)) {
    ctx.log.error(`feed refresh not started: IMPORT_CRON "${expression}" is not a valid cron expression`);
    return undefined;
  }
  const minIntervalMs = options.minIntervalMs ?? 60 * 60 * 1000;
  const lastRequest = new Map<RefreshableFeed, number>();
  let running: Promise<(RefreshOutcome | SkippedRefresh)[]> | undefined;

  const runAll = async (): Promise<(RefreshOutcome | SkippedRefresh)[]> => {
    const outcomes: (RefreshOutcome | SkippedRefresh)[] = [];
    for (const { feed, url } of feeds) {
      if (Date.now() - (lastRequest.get(feed) ?? -Infinity) < minIntervalMs) {
        outcomes.push({ kind: 'skipped', feed, reason: 'the previous request was less than the minimum interval ago' });
        continue;
      }
      lastRequest.set(feed, Date.now());
      const t0 = performance.now();
      // Parsing, mapping and validating a feed (a 59 MB one held the loop for 12 s) run in a worker thread.
      const outcome = await runTask('refresh-feed', { feed, url, dataDir: ctx.config.dataDir }, ctx.log).catch((err: unknown): RefreshOutcome => {
        ctx.log.warn(`${FEED_LABEL[feed]} refresh: nothing changed: ${(err as Error).message}`);
        return { kind: 'failed', feed, reason: (err as Error).message };
      });
      options.onRefresh?.(feed, outcome.kind, (performance.now() - t0) / 1000);
      outcomes.push(outcome);
      if (outcome.kind === 'updated') onRefreshed?.(outcome);
    }
    return outcomes;
  };
  const runNow = (): Promise<(RefreshOutcome | SkippedRefresh)[]> => {
    running ??= runAll().finally(() => {
      running = undefined;
    });
    return running;
  };

  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      await runNow();
    },
    { name: 'feed-refresh', noOverlap: true, timezone: ctx.config.digest.timeZone },
  );
  ctx.log.info(`feed refresh scheduled (${expression}, ${ctx.config.digest.timeZone}): ${feeds.map(({ feed, url }) => `${feed} from ${redactUrl(url)}`).join(', ')}`);
  return {
    name: 'feed-refresh',
    runNow,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
