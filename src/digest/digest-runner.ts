/**
 * One digest run for one subscription — the job body the scheduler calls, a plain function so
 * tests drive it directly. Under the channel's lease (one process at a time, see `leases.ts`):
 * selects what the channel has not received and is not already on its way, writes it to the
 * outbox (nothing is posted that could not be written), marks the slot as run, then posts it
 * (see `outbox.ts`): recorded as delivered once the platform accepted it, retried from the
 * outbox when it could not be posted now.
 */
import { channelKey } from '../ports/index.js';
import type { Subscription } from '../store/state-store.js';
import { digestAnswer } from './digest-messages.js';
import { compileFilters, newestFirst, selectDigestFromRecords } from './digest-selection.js';
import type { FeatureDeps } from './feature-deps.js';
import { channelLease } from './leases.js';
import { deliverItem } from './outbox.js';
import type { OutboxItem } from '../store/state-store.js';
import { onTheirWay } from './outbox-sweep.js';
import { digestKey } from './outbox-keys.js';
import { updatesForDigest } from './incident-updates.js';
import { withUpdates } from './update-notes.js';
import { storedRunFailure } from './run-failure.js';

export type DigestRunStatus =
  /** Posted; `incidents` are now recorded as delivered. */
  | 'posted'
  /** Nothing new and the channel did not ask for empty digests: nothing posted, run recorded. */
  | 'nothing-new'
  /**
   * Not posted (whole): what the platform accepted is recorded (in `incidents`); the rest stays in
   * the outbox and is tried again (no sooner than `notBefore`), or, when the state database could
   * not record the intent, nothing was posted and the slot is tried again.
   */
  | 'failed'
  /** The channel is gone: the subscription is now inactive. */
  | 'gone'
  /** No such active subscription, no poster for its platform, or another process has the channel / ran the slot. */
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
  /** The next slot of the schedule, to record (the slot after now). */
  readonly nextRunAt?: Date | null;
  /** The slot this run is for (the subscription's `nextRunAt` that came); a run finding it moved on skips. */
  readonly slot?: Date;
}

export async function runDigest(deps: FeatureDeps, subscriptionId: number, options: DigestRunOptions = {}): Promise<DigestRunResult> {
  const sub = await deps.store.subscriptionById(subscriptionId);
  if (!sub || !sub.active) return { status: 'skipped', incidents: [], reason: 'no active subscription' };
  return deps.queue.run(channelKey(sub.channel), async () => {
    if (!deps.leases) return runLocked(deps, sub.id, options);
    const claimed = await deps.leases.with(channelLease(sub.channel), (lost) => runLocked(deps, sub.id, options, lost));
    if (claimed.claimed) return claimed.value;
    if (claimed.error === undefined) return { status: 'skipped', incidents: [], reason: 'another process is posting to this channel' };
    const reason = `the state database cannot record it (${claimed.error}); nothing posted`;
    deps.log.error(`digest for ${sub.channel.platform}/${sub.channel.workspaceId}/${sub.channel.channelId} not posted: ${reason}`);
    return { status: 'failed', incidents: [], reason };
  });
}

async function runLocked(deps: FeatureDeps, id: number, options: DigestRunOptions, lost?: AbortSignal): Promise<DigestRunResult> {
  const { log } = deps;
  const { store } = deps;
  if (store.closed) return { status: 'skipped', incidents: [], reason: 'store closed' };
  // Read again under the lease: an alert, an unsubscribe or another process may have come first.
  const sub: Subscription | undefined = await store.subscriptionById(id);
  if (!sub || !sub.active) return { status: 'skipped', incidents: [], reason: 'no active subscription' };
  if (options.slot && sub.nextRunAt !== undefined && Date.parse(sub.nextRunAt) > options.slot.getTime()) {
    return { status: 'skipped', incidents: [], reason: 'this slot was run already' };
  }
  const where = `${sub.channel.platform}/${sub.channel.workspaceId}/${sub.channel.channelId}`;
  if (!deps.posters.get(sub.channel.platform)) {
    log.warn(`digest for ${where} skipped: no poster for platform "${sub.channel.platform}" is running`);
    return { status: 'skipped', incidents: [], reason: 'no poster' };
  }
  const core = deps.holder.core;
  const filters = compileFilters(core, sub.filters);
  if (!filters.ok) {
    const reason = `its filters “${sub.filters}” can no longer be read (${filters.error.code}${filters.error.detail ? `: ${filters.error.detail}` : ''})`;
    await store.recordRun(sub.id, { error: storedRunFailure({ kind: 'filters-unreadable', filters: sub.filters, detail: filters.error.code }) });
    log.error(`digest for ${where} not posted: ${reason}`);
    return { status: 'failed', incidents: [], reason };
  }
  const now = deps.now();
  // Not what the channel has, nor what is on its way to it (an earlier digest or alert still in the outbox).
  const excluded = new Set([...(await store.deliveredIds(sub.channel)), ...(await onTheirWay(store, sub.channel))]);
  const selected = selectDigestFromRecords({ records: core.records, since: sub.createdAt, delivered: excluded, matchesId: filters.matchesId });
  const next = options.nextRunAt === undefined ? {} : { nextRunAt: options.nextRunAt };
  const since = sub.lastRunAt ?? sub.createdAt;
  // Incidents the channel had that changed since the last digest (up to now, the next one's start): listed apart from the new ones.
  const updates = await updatesForDigest(store, sub.channel, since, now, (id) => core.incident(id), new Set(selected.map((i) => i.id)));
  if (selected.length === 0 && updates.length === 0 && !sub.postEmpty) {
    await store.recordRun(sub.id, { lastRunAt: now, ...next, error: null });
    return { status: 'nothing-new', incidents: [] };
  }
  // The intent first: a digest the store cannot record is not posted (the slot stays due).
  let item: OutboxItem;
  try {
    item = await store.outboxAdd({ key: digestKey(sub.id, options.slot ?? now, since), channel: sub.channel, kind: 'digest', incidentIds: selected.map((i) => i.id) }, now);
  } catch (err) {
    const reason = `the state database cannot record it (${(err as Error).message}); nothing posted`;
    log.error(`digest for ${where} not posted: ${reason}`);
    await Promise.resolve(store.recordRun(sub.id, { error: storedRunFailure({ kind: 'not-recordable', detail: (err as Error).message }) })).catch(() => undefined);
    return { status: 'failed', incidents: [], reason };
  }
  // The slot is run: from here the outbox owns the post (a failure is retried from it, once).
  await store.recordRun(sub.id, { lastRunAt: now, ...next, error: null });
  if (item.state !== 'pending') return { status: 'skipped', incidents: [], reason: `this digest was ${item.state} already` };
  const byId = new Map(selected.map((i) => [i.id, i]));
  const incidents = item.incidentIds.map((i) => byId.get(i) ?? core.incident(i)).filter((i) => i !== undefined).sort(newestFirst);
  const answer = withUpdates(digestAnswer(incidents, sub, since, filters.query), updates);
  // An item this run did not create (a crashed process's) may have been posted: reconcile.
  const fresh = item.attempts === 0 && item.createdAt === now.toISOString();
  const outcome = await deliverItem(deps, item, answer, sub.language, !fresh, lost);
  switch (outcome.kind) {
    case 'sent':
      log.info(`digest posted to ${where}: ${outcome.incidents.length} incident${outcome.incidents.length === 1 ? '' : 's'}${outcome.attempts > 1 ? ` after ${outcome.attempts} tries` : ''}`);
      return { status: 'posted', incidents: outcome.incidents };
    case 'unrecorded':
      return { status: 'failed', incidents: [], reason: outcome.reason };
    case 'later': {
      await store.recordRun(sub.id, { error: storedRunFailure({ kind: 'refused', detail: outcome.reason, tries: outcome.attempts }) });
      log.warn(
        `digest for ${where} not posted (${outcome.reason})${outcome.incidents.length ? `; ${outcome.incidents.length} incident(s) in the messages accepted are recorded as delivered` : ''}; tried again from ${outcome.notBefore.toISOString()}, no sooner`,
      );
      return { status: 'failed', incidents: outcome.incidents, reason: outcome.reason, notBefore: outcome.notBefore };
    }
    case 'abandoned':
      if (outcome.gone) {
        await store.markChannelGone(sub.channel, outcome.reason, deps.now());
        log.warn(`channel ${where} is gone (${outcome.reason}): its digest is paused until someone subscribes again`);
        return { status: 'gone', incidents: outcome.incidents, reason: outcome.reason };
      }
      await store.recordRun(sub.id, { error: storedRunFailure({ kind: 'given-up', detail: outcome.reason }) });
      log.warn(`digest for ${where} given up (${outcome.reason}); the next digest includes what it did not post`);
      return { status: 'failed', incidents: outcome.incidents, reason: outcome.reason };
  }
}
