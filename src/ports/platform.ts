/**
 * The ports between the platform adapters and the features beside the query core (digests,
 * watchlists). Adapters know these interfaces, not the features; features know these
 * interfaces, not discord.js or Bolt.
 */
import type { Answer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { ChannelRef } from './channel.js';

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

/**
 * One message of a post that the platform accepted, and the incidents it shows. A post split
 * into several messages (platform limits) has one per accepted message, in order.
 */
export interface AcceptedPart {
  readonly messageId: string;
  /** Ids of the incidents this message carries; none for a message that lists no incident. */
  readonly incidentIds: readonly string[];
}

/**
 * What became of a post. `accepted`: the messages the platform accepted and the incidents they
 * carry — every part when `ok`, the parts before the failure when not (a split post can fail
 * half-way; those incidents reached the channel all the same). `retryable`: a 5xx, 429 or
 * network error (try again later, after `retryAfterMs` if the platform said); `gone`: the
 * channel no longer exists or the bot was removed (stop posting there).
 */
export type PostResult =
  | {
      readonly ok: true;
      readonly messageIds: readonly string[];
      readonly accepted: readonly AcceptedPart[];
      /**
       * Messages this call sent; fewer than `messageIds` when an earlier try's were found in the
       * channel (reconciled) instead. Absent when the poster cannot tell (counted as all sent).
       */
      readonly sent?: number;
    }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly gone: boolean;
      readonly reason: string;
      readonly retryAfterMs?: number;
      /** Parts accepted before the failure; absent or empty when none was. */
      readonly accepted?: readonly AcceptedPart[];
    };

export interface PostOptions {
  /**
   * Called as soon as the platform accepts a part, before the next one is sent, so the caller
   * can record its incidents as delivered at once (the poster waits for it): a crash or a shutdown later in the post, or
   * between retries, then does not make the next run repeat them. Parts skipped because an
   * earlier call already posted them are reported in the result only.
   */
  readonly onAccepted?: (part: AcceptedPart) => void | Promise<void>;
  /**
   * The post's idempotency key (the outbox's). Each message of the post carries `${key}.${i}`:
   * Slack as message metadata, Discord as the message `nonce` (with `enforce_nonce`), so a post
   * whose outcome is unknown can be found, or is deduplicated by the platform, instead of doubled.
   */
  readonly key?: string;
  /**
   * An earlier try of this post may have reached the platform (a lost response, a crash between
   * post and record): look for each message before sending it. When the lookup cannot be done,
   * nothing is sent (the post fails, retryable).
   */
  readonly reconcile?: boolean;
  /** How far back an earlier try can be (the outbox item's creation): bounds the lookup. */
  readonly since?: Date;
}

/** Posts an answer (a digest, an alert) to a channel of one platform, split as its limits require. */
export interface ChannelPoster {
  readonly platform: string;
  post(channel: ChannelRef, answer: Answer, language: Lang, options?: PostOptions): Promise<PostResult>;
}
