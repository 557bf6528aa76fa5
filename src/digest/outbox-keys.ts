/**
 * Idempotency keys of outbox items. A key names one post everywhere it goes: the outbox row, each
 * Slack message's metadata (`<key>.<part>`), each Discord message's nonce (hashed).
 */
import { createHash } from 'node:crypto';
import type { ChannelRef } from '../ports/index.js';

/** A digest: the same subscription, slot and period give the same key in any process. */
export function digestKey(subscriptionId: number, slot: Date, since: string): string {
  return `d:${subscriptionId}:${slot.getTime()}:${Date.parse(since)}`;
}

/** The "since" a digest key carries (its heading), or undefined for another key. */
export function digestKeySince(key: string): string | undefined {
  const m = /^d:\d+:\d+:(-?\d+)$/.exec(key);
  return m ? new Date(Number(m[1])).toISOString() : undefined;
}

/** An alert: its channel, incidents and the time it was queued for posting. */
export function alertKey(channel: ChannelRef, incidentIds: readonly string[], at: Date): string {
  const digest = createHash('sha256').update(`${channel.platform}/${channel.workspaceId}/${channel.channelId}\n${[...incidentIds].sort().join('\n')}`).digest('hex').slice(0, 16);
  return `a:${at.getTime()}:${digest}`;
}
