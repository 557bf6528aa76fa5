/**
 * The ports between the platform adapters and the features beside the query core (digests,
 * watchlists). Adapters know these interfaces, not the features; features know these
 * interfaces, not discord.js or Bolt.
 */
import type { Answer } from '../core/answer.js';
import type { Lang } from '../render/format.js';

/** Who asked, where: enough for a feature to decide and to remember. */
export interface Conversation {
  /** "slack", "discord" or "terminal": a key for stored state, never a reason for the core to branch. */
  readonly platform: string;
  /** Slack team id, Discord guild id ("dm" outside a guild, "local" in the terminal). */
  readonly workspaceId: string;
  readonly channelId: string;
  readonly userId: string;
  /** Allowed to change channel settings (subscribe, watch): checked by the adapter at run time. */
  readonly isAdmin: boolean;
  readonly language: Lang;
}

/**
 * Answers the commands that are not the query core's (e.g. `digest`, `watch`). The app passes
 * the handlers to every adapter; an adapter that parsed a request the core does not know asks
 * them in turn.
 */
export interface CommandHandler {
  /** True when this handler owns the request (as returned by a command definition's parse). */
  handles(request: unknown): boolean;
  handle(request: unknown, conversation: Conversation): Promise<Answer>;
}

/** Where a post goes. */
export interface ChannelRef {
  readonly platform: string;
  readonly workspaceId: string;
  readonly channelId: string;
}

/**
 * What became of a post. `retryable`: a 5xx, 429 or network error (try again later, after
 * `retryAfterMs` if the platform said); `gone`: the channel no longer exists or the bot was
 * removed (stop posting there).
 */
export type PostResult =
  | { readonly ok: true; readonly messageIds: readonly string[] }
  | { readonly ok: false; readonly retryable: boolean; readonly gone: boolean; readonly reason: string; readonly retryAfterMs?: number };

/** Posts an answer (a digest, an alert) to a channel of one platform, split as its limits require. */
export interface ChannelPoster {
  readonly platform: string;
  post(channel: ChannelRef, answer: Answer, language: Lang): Promise<PostResult>;
}
