/**
 * One digest run for one subscription — the job body the scheduler calls, a plain function so
 * tests drive it directly. Selects what the channel has not received, posts it (with retries),
 * records each incident as delivered as soon as the message carrying it was accepted (a digest
 * split over several messages can be accepted in part), and the run as done once all were.
 */
import { type AcceptedPart, channelKey } from '../ports/index.js';
import type { Subscription } from '../store/state-store.js';
import { postWithRetry } from './delivery.js';
import { digestAnswer } from './digest-messages.js';
import { compileFilters, selectDigest } from './digest-selection.js';
import type { FeatureDeps } from './feature-deps.js';

export type DigestRunStatus =
  /** Posted; `incidents` are now recorded as delivered. */
  | 'posted'
  /** Nothing new and the channel did not ask for empty digests: nothing posted, run recorded. */
  | 'nothing-new'
  /**
   * Not posted (whole) after every retry: the incidents of the parts the platform accepted are
   * recorded (in `incidents`), the rest go into the next run (or the catch-up after a restart).
   */
  | 'failed'
  /** The channel is gone: the subscription is now inactive. */
  | 'gone'
  /** No such active subscription, or no poster for its platform. */
  | 'skipped';

export interface DigestRunResult {
  readonly status: DigestRunStatus;
  /** The incidents recorded as delivered by this run. */
  readonly incidents: readonly string[];
  readonly reason?: string;
  /** The platform asked for a wait: no new try before then. */
  readonly notBefore?: Date;
}

export interface DigestRunOptions {
  /** The next time the schedule fires, to record (a restart compares it with the clock). */
  readonly nextRunAt?: Date | null;
}

export async function runDigest(deps: FeatureDeps, subscriptionId: number, options: DigestRunOptions = {}): Promise<DigestRunResult> {
  const sub = await deps.store.subscriptionById(subscriptionId);
  if (!sub || !sub.active) return { status: 'skipped', incidents: [], reason: 'no active subscription' };
  return deps.queue.run(channelKey(sub.channel), () => runLocked(deps, sub.id, options));
}

async function runLocked(deps: FeatureDeps, id: number, options: DigestRunOptions): Promise<DigestRunResult> {
  const { store, log } = deps;
  if (store.closed) return { status: 'skipped', incidents: [], reason: 'store closed' };
  // Read again inside the channel's queue: an alert or an unsubscribe may have come first.
  const sub: Subscription | undefined = await store.subscriptionById(id);
  if (!sub || !sub.active) return { status: 'skipped', incidents: [], reason: 'no active subscription' };
  const where = `${sub.channel.platform}/${sub.channel.workspaceId}/${sub.channel.channelId}`;
  const poster = deps.posters.get(sub.channel.platform);
  if (!poster) {
    log.warn(`digest for ${where} skipped: no poster for platform "${sub.channel.platform}" is running`);
    return { status: 'skipped', incidents: [], reason: 'no poster' };
  }
  const core = deps.holder.core;
  const filters = compileFilters(core, sub.filters);
  if (!filters.ok) {
    const reason = `its filters “${sub.filters}” can no longer be read (${filters.error.code}${filters.error.detail ? `: ${filters.error.detail}` : ''})`;
    await store.recordRun(sub.id, { error: reason });
    log.error(`digest for ${where} not posted: ${reason}`);
    return { status: 'failed', incidents: [], reason };
  }
  const now = deps.now();
  const selected = selectDigest({ incidents: core.catalog.incidents, since: sub.createdAt, delivered: await store.deliveredIds(sub.channel), matches: filters.matches });
  const next = options.nextRunAt === undefined ? {} : { nextRunAt: options.nextRunAt };
  if (selected.length === 0 && !sub.postEmpty) {
    await store.recordRun(sub.id, { lastRunAt: now, ...next, error: null });
    return { status: 'nothing-new', incidents: [] };
  }
  const answer = digestAnswer(selected, sub, sub.lastRunAt ?? sub.createdAt, filters.query);
  // Each message the platform accepts is recorded at once, even if a later one fails or the bot stops.
  const recorded = new Set<string>();
  const record = async (part: AcceptedPart) => {
    if (store.closed || part.incidentIds.length === 0) return;
    await store.recordDeliveries(sub.channel, part.incidentIds, 'digest', deps.now(), [part.messageId]);
    for (const id of part.incidentIds) recorded.add(id);
  };
  const result = await postWithRetry(poster, sub.channel, answer, sub.language, deps.retry, deps.signal, record, deps.holds);
  if (store.closed) {
    const lost = result.accepted.filter((p) => p.incidentIds.some((id) => !recorded.has(id))).length;
    log.warn(
      `digest for ${where} ${result.ok ? 'posted' : 'abandoned'} at shutdown${recorded.size ? `; ${recorded.size} incident(s) recorded as delivered` : ''}` +
        (lost ? `; ${lost} message(s) accepted after the store closed are not recorded, so they may be posted again` : ''),
    );
    return { status: 'failed', incidents: [...recorded], reason: 'shutdown' };
  }
  // Whatever the poster reported only in its result (idempotent for what was recorded already).
  for (const part of result.accepted) await record(part);
  const ids = [...recorded];
  const missing = selected.filter((i) => !recorded.has(i.id)).length;
  if (result.ok) {
    await store.recordRun(sub.id, { lastRunAt: now, ...next, error: null });
    log.info(`digest posted to ${where}: ${ids.length} incident${ids.length === 1 ? '' : 's'}${result.attempts > 1 ? ` after ${result.attempts} tries` : ''}`);
    if (missing > 0) log.warn(`digest for ${where}: the ${sub.channel.platform} poster did not confirm ${missing} incident(s); the next run will include them`);
    return { status: 'posted', incidents: ids };
  }
  const partly = ids.length ? `; ${ids.length} incident(s) in the messages accepted are recorded as delivered` : '';
  if (result.gone) {
    await store.markChannelGone(sub.channel, result.reason, deps.now());
    log.warn(`channel ${where} is gone (${result.reason}): its digest is paused until someone subscribes again${partly}`);
    return { status: 'gone', incidents: ids, reason: result.reason };
  }
  // Keep next_run_at as it was: if the bot stops now, start-up sees a missed run and tries again.
  const later = result.notBefore !== undefined ? `; the platform asked to wait until ${new Date(result.notBefore).toISOString()}, the next try comes no sooner` : '';
  await store.recordRun(sub.id, { error: `${result.reason} (${result.attempts} tries)` });
  log.warn(
    (ids.length
      ? `digest for ${where} posted in part after ${result.attempts} tries (${result.reason})${partly}; the next run will include the other ${missing}`
      : `digest for ${where} not posted after ${result.attempts} tries (${result.reason}); the next run will include it`) + later,
  );
  return { status: 'failed', incidents: ids, reason: result.reason, ...(result.notBefore !== undefined ? { notBefore: new Date(result.notBefore) } : {}) };
}
