/** Where a post goes: the one channel address every part shares (adapters, digests, the store). */
export interface ChannelRef {
  /** "slack", "discord" or "terminal": a key for stored state, never a reason for the core to branch. */
  readonly platform: string;
  /** Slack team id, Discord guild id ("dm" outside a guild, "local" in the terminal). */
  readonly workspaceId: string;
  readonly channelId: string;
}

/** A stable map key for a channel. */
export function channelKey(channel: ChannelRef): string {
  return `${channel.platform}\u0000${channel.workspaceId}\u0000${channel.channelId}`;
}
