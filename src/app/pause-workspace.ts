/**
 * A workspace removed the app (uninstalled it, revoked its token): every channel of it that has a
 * digest or a watchlist is marked gone, so its digests stop (the subscription goes inactive) and
 * its alerts are dropped instead of failing again and again. A channel subscribes again after a
 * reinstall with `/breach digest on`.
 */
import type { ChannelRef, Logger } from '../ports/index.js';

export interface PausableStore {
  subscriptions(options?: { readonly activeOnly?: boolean }): Promise<readonly { readonly channel: ChannelRef }[]>;
  allWatches(): Promise<readonly { readonly channel: ChannelRef }[]>;
  markChannelGone(channel: ChannelRef, reason: string, at: Date): Promise<void>;
}

/** Returns how many channels were paused. */
export async function pauseWorkspace(store: PausableStore, platform: string, workspaceId: string, reason: string, log?: Logger, now: Date = new Date()): Promise<number> {
  const channels = new Map<string, ChannelRef>();
  for (const { channel } of [...(await store.subscriptions({ activeOnly: true })), ...(await store.allWatches())]) {
    if (channel.platform === platform && channel.workspaceId === workspaceId) channels.set(channel.channelId, channel);
  }
  for (const channel of channels.values()) await store.markChannelGone(channel, reason, now);
  if (channels.size) log?.info(`${platform}: ${reason} in ${workspaceId}: digests and watchlists of ${channels.size} channel${channels.size === 1 ? '' : 's'} paused`);
  return channels.size;
}
