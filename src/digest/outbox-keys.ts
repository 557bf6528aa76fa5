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

/** A hash of a channel and a set of lines (in any order). */
function channelHash(channel: ChannelRef, lines: readonly string[], length: number): string {
  return createHash('sha256').update(`${channel.platform}/${channel.workspaceId}/${channel.channelId}\n${[...lines].sort().join('\n')}`).digest('hex').slice(0, length);
}

/** An alert: its channel, incidents and the time it was queued for posting. */
export function alertKey(channel: ChannelRef, incidentIds: readonly string[], at: Date): string {
  return `a:${at.getTime()}:${channelHash(channel, incidentIds, 16)}`;
}

/**
 * An "updated" note: its channel and the versions it tells of (`<incident>@<fingerprint>`), so
 * every process finding the same change writes the same item.
 */
export function updateKey(channel: ChannelRef, versions: readonly string[]): string {
  return `u:${channelHash(channel, versions, 24)}`;
}

/** What a key posts: a digest (`d:`), an alert (`a:`), an update note (`u:`), or something else (a post made without the outbox). */
export function outboxKeyKind(key: string | undefined): 'digest' | 'alert' | 'update' | 'other' {
  if (key?.startsWith('d:')) return 'digest';
  if (key?.startsWith('a:')) return 'alert';
  if (key?.startsWith('u:')) return 'update';
  return 'other';
}
