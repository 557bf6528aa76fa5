/**
 * The outbox: every digest and alert is written down (channel, incidents, an idempotency key)
 * before anything is posted, and nothing is posted that could not be written. Then:
 * - posted and recorded in one step (`outboxSent`: the item sent, its incidents delivered);
 * - refused for now (5xx, network, rate limit): tried again no sooner than `notBefore`
 *   (the platform's retry-after when it gave one), by whichever process holds the channel then;
 * - refused for good, or tried too often: abandoned (a digest's incidents go into the next one,
 *   an alert's stay queued).
 * A try whose outcome is unknown — a lost response, a crash between post and record, a record
 * that failed — leaves the item pending; the next try reconciles before posting (Slack: the
 * message found by its metadata key; Discord: the same nonce, which Discord deduplicates), so a
 * lost response still yields one message.
 */
import type { Answer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { AcceptedPart } from '../ports/index.js';
import type { OutboxItem } from '../store/state-store.js';
import { backoffDelay, postWithRetry } from './delivery.js';
import type { FeatureDeps } from './feature-deps.js';
import { noteDelivered } from './incident-updates.js';
import { UNRECORDED_MAX_LOOKS } from './unrecorded-looks.js';

/** Runs (each with its own quick retries) that may fail for one item before it is abandoned. */
export const OUTBOX_MAX_RUNS = 8;

export type ItemOutcome =
  /** Posted and recorded. */
  | { readonly kind: 'sent'; readonly incidents: readonly string[]; readonly attempts: number }
  /** Posted but the record failed: still pending; the next try finds the messages and records them. */
  | { readonly kind: 'unrecorded'; readonly reason: string }
  /** Not posted (in full) this time; tried again no sooner than `notBefore`. */
  | { readonly kind: 'later'; readonly reason: string; readonly notBefore: Date; readonly incidents: readonly string[]; readonly attempts: number }
  /** Refused for good or tried too often: abandoned. */
  | { readonly kind: 'abandoned'; readonly reason: string; readonly incidents: readonly string[]; readonly gone: boolean; readonly attempts: number };

const where = (item: Pick<OutboxItem, 'channel'>) => `${item.channel.platform}/${item.channel.workspaceId}/${item.channel.channelId}`;

/**
 * Posts one outbox item (the caller holds the channel's lease) and records what became of it.
 * `reconcile`: an earlier try may have reached the platform, look before posting.
 */
export async function deliverItem(deps: FeatureDeps, item: OutboxItem, answer: Answer, language: Lang, reconcile: boolean, lost?: AbortSignal): Promise<ItemOutcome> {
  const { log } = deps;
  const store = deps.store;
  const poster = deps.posters.get(item.channel.platform);
  const now = deps.now();
  if (!poster) {
    const notBefore = new Date(now.getTime() + deps.retry.maxDelayMs);
    log.warn(`${item.kind} for ${where(item)} waits: no poster for platform "${item.channel.platform}" is running`);
    await store.outboxRetryLater(item.key, notBefore, 'no poster running').catch(() => undefined);
    return { kind: 'later', reason: 'no poster', notBefore, incidents: [], attempts: 0 };
  }
  // Incidents of each message the platform accepts are recorded at once: a later failure or a
  // crash does not make the next run repeat them.
  const recorded = new Set<string>();
  const kind = item.kind;
  const record = (part: AcceptedPart) => {
    // An update note is about incidents the channel has: it delivers none.
    if (store.closed || part.incidentIds.length === 0 || kind === 'update') return;
    void Promise.resolve()
      .then(() => store.recordDeliveries(item.channel, part.incidentIds, kind, deps.now(), [part.messageId]))
      .then(() => part.incidentIds.forEach((id) => recorded.add(id)))
      .catch(() => undefined);
  };
  const signal = lost ? AbortSignal.any([lost, ...(deps.signal ? [deps.signal] : [])]) : deps.signal;
  const result = await postWithRetry(poster, item.channel, answer, language, deps.retry, signal, record, deps.holds, {
    key: item.key,
    reconcile,
    since: new Date(item.createdAt),
  });
  const carried = answer.kind === 'message' ? answer.incidents.map((i) => i.id) : [];
  const attempts = item.attempts + Math.max(1, result.attempts);
  if (result.ok) {
    try {
      await store.outboxSent(item.key, result.messageIds, deps.now());
    } catch (err) {
      // Looked for again later, less and less often (the database is what fails), then no more.
      if (deps.unrecorded?.failed(item.key, deps.now().getTime())) {
        const reason = `posted but not recorded after ${UNRECORDED_MAX_LOOKS} looks (${(err as Error).message})`;
        log.error(`${item.kind} for ${where(item)} given up: ${reason}; the channel has the message, this process will not look for it again until it restarts`);
        deps.onGivenUp?.({ platform: item.channel.platform, kind: item.kind, reason });
        return { kind: 'unrecorded', reason };
      }
      const reason = `posted but not recorded (${(err as Error).message}); the next try finds the message instead of posting it again`;
      log.error(`${item.kind} for ${where(item)}: ${reason}`);
      return { kind: 'unrecorded', reason };
    }
    // What the channel now has: later changes to it are measured from this (incident-updates.ts).
    if (kind !== 'update' && answer.kind === 'message') await noteDelivered(store, answer.incidents, deps.now()).catch((err: unknown) => log.warn(`${item.kind} for ${where(item)}: the versions sent could not be noted`, err));
    deps.unrecorded?.recorded(item.key);
    return { kind: 'sent', incidents: carried, attempts };
  }
  const accepted = result.accepted.flatMap((p) => p.incidentIds);
  const failedRuns = item.attempts + 1;
  if (result.gone || !result.retryable || failedRuns >= OUTBOX_MAX_RUNS) {
    const reason = result.gone || !result.retryable ? result.reason : `${result.reason} (${failedRuns} runs, ${attempts} tries)`;
    await store.outboxAbandon(item.key, reason, deps.now()).catch((err: unknown) => log.error(`${item.kind} for ${where(item)}: abandoning it could not be recorded`, err));
    return { kind: 'abandoned', reason, incidents: accepted, gone: result.gone, attempts };
  }
  // Never sooner than the platform said; otherwise the usual backoff, counted over every run.
  // Between runs: 2 s, 4 s, ... doubled per failed run, at most 15 minutes.
  const wait = Math.max(result.notBefore !== undefined ? result.notBefore - now.getTime() : 0, backoffDelay({ ...deps.retry, maxDelayMs: 15 * 60_000 }, failedRuns, result.retryAfterMs));
  const notBefore = new Date(deps.now().getTime() + wait);
  await store.outboxRetryLater(item.key, notBefore, result.reason).catch((err: unknown) => log.error(`${item.kind} for ${where(item)}: the retry time could not be recorded`, err));
  return { kind: 'later', reason: result.reason, notBefore, incidents: accepted, attempts };
}
