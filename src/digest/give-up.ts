/**
 * Where delivery stops trying. Two loops had no end:
 * - a watch alert abandoned after its 8 runs stays queued, and the next flush (every 5 minutes)
 *   queues it again under a new key: a channel that refuses for good (a platform outage of days,
 *   a permission never granted) was tried every few minutes forever. An alert queued for more
 *   than `ALERT_GIVE_UP_MS` is given up when its outbox item is abandoned: one error line, and its
 *   incidents go into the channel's next digest instead (they were never delivered).
 * - a post the platform accepted but the state database could not record stays pending, and was
 *   looked up again on every scheduler tick (30 s) for as long as the database refused. Each
 *   process now waits 30 s, 1 min, 2 min … (at most 30 min) between looks at one item, and after
 *   `UNRECORDED_MAX_LOOKS` stops looking until it restarts, with one error line.
 * Both are counted (`onGivenUp`, the `breachbot_channel_posts_given_up_total` metric).
 */
import { channelKey } from '../ports/index.js';
import type { OutboxItem } from '../store/state-store.js';
import type { FeatureDeps } from './feature-deps.js';

/** A queued alert older than this is given up, not queued again, when its outbox item is abandoned. */
export const ALERT_GIVE_UP_MS = 24 * 60 * 60_000;

/**
 * An alert's outbox item was abandoned (8 runs). Its incidents' queued alerts younger than
 * `ALERT_GIVE_UP_MS` stay queued for the next flush; older ones are given up for good: one error
 * line, and their incidents go into the channel's next digest (never delivered, nor on their way
 * any more).
 */
export async function giveUpOldAlerts(deps: FeatureDeps, item: Pick<OutboxItem, 'channel' | 'incidentIds'>, reason: string): Promise<void> {
  const where = `${item.channel.platform}/${item.channel.workspaceId}/${item.channel.channelId}`;
  const now = deps.now().getTime();
  const key = channelKey(item.channel);
  const queued = (await deps.store.pendingAlerts()).filter((a) => channelKey(a.channel) === key && item.incidentIds.includes(a.incidentId));
  const old = queued.filter((a) => now - Date.parse(a.queuedAt) >= ALERT_GIVE_UP_MS).map((a) => a.incidentId);
  if (old.length === 0) {
    deps.log.warn(`watch alert to ${where} given up for now (${reason}); what it did not post stays queued`);
    return;
  }
  await deps.store.dropPendingAlerts(item.channel, old);
  deps.log.error(`watch alert to ${where} given up for good after ${Math.round(ALERT_GIVE_UP_MS / 3_600_000)} h of refusals (last: ${reason}): ${old.length} incident(s) go into the channel's next digest instead, if it has one`);
  deps.onGivenUp?.({ platform: item.channel.platform, kind: 'alert', reason });
}
