/**
 * Posts answers (digests, alerts) to Discord channels through REST, split as the embed limits
 * require, mentions disabled, and tells the caller what became of each post. The digest does its
 * own retries, so this REST client never waits: no retries on 5xx, rate limits raised at once
 * (`rejectOnRateLimit`) instead of being waited out, a 10-second timeout.
 *
 * Each part says which incidents it carries, and the result lists the parts Discord accepted —
 * on a failure half-way too — so the digest records exactly those incidents as delivered. The
 * parts accepted are also remembered (in memory, per channel and content) until the post
 * completes, so the digest's retry of the same answer posts only the rest instead of repeating
 * incidents the channel already has.
 */
import { createHash } from 'node:crypto';
import { Client, DefaultRestOptions, DiscordAPIError, HTTPError, RateLimitError, REST, Routes, type ResponseLike } from 'discord.js';
import type { Answer } from '../core/answer.js';
import type { AcceptedPart, ChannelPoster, ChannelRef, PostOptions, PostResult } from '../ports/index.js';
import type { Lang } from '../core/lang.js';
import { answerToDiscordParts } from './answer-to-message.js';

/** Discord's JSON error codes meaning "this channel is not ours to post in any more". */
const GONE_CODES = new Set([10003 /* Unknown Channel */, 50001 /* Missing Access */, 50013 /* Missing Permissions */]);

export interface PosterRestOptions {
  /** REST base without version, e.g. https://discord.com/api (the default). */
  readonly api?: string;
  readonly token: string;
  readonly timeoutMs?: number;
}

/**
 * Discord says how long to wait twice on a 429: the `Retry-After` header and `retry_after` in
 * the JSON body (seconds, with decimals). @discordjs/rest reads only the header, so a 429 whose
 * body asks for longer (or that lacks the header) would be retried too soon: the header is set
 * to the longer of the two before the REST client sees the response.
 */
export async function withBodyRetryAfter(makeRequest: (url: string, init: RequestInit) => Promise<ResponseLike>, url: string, init: RequestInit): Promise<ResponseLike> {
  const res = await makeRequest(url, init);
  if (res.status !== 429) return res;
  const text = await res.text();
  let fromBody = 0;
  try {
    const retry = (JSON.parse(text) as { retry_after?: unknown }).retry_after;
    if (typeof retry === 'number' && Number.isFinite(retry) && retry > 0) fromBody = retry;
  } catch {
    // Not JSON: the header alone.
  }
  const headers = new Headers();
  res.headers.forEach((value, key) => headers.set(key, value));
  const fromHeader = Number(headers.get('retry-after'));
  const wait = Math.max(Number.isFinite(fromHeader) ? fromHeader : 0, fromBody);
  if (wait > 0) headers.set('retry-after', String(wait));
  return new Response(text, { status: res.status, statusText: res.statusText, headers }) as unknown as ResponseLike;
}

/**
 * A REST client that fails fast, for posting: the caller decides when to try again. No retries
 * of its own (5xx or network), and a rate limit is raised at once with its full wait instead of
 * being slept through and retried behind the caller's back.
 */
export function createPosterRest(options: PosterRestOptions): REST {
  const makeRequest = DefaultRestOptions.makeRequest;
  return new REST({
    ...(options.api ? { api: options.api } : {}),
    retries: 0,
    timeout: options.timeoutMs ?? 10_000,
    rejectOnRateLimit: () => true,
    makeRequest: (url, init) => withBodyRetryAfter(makeRequest, url, init),
  }).setToken(options.token);
}

/** What became of a failed post. */
export function postFailure(err: unknown): Extract<PostResult, { ok: false }> {
  if (err instanceof RateLimitError) {
    // The longer of Retry-After and the bucket's reset: a try before either is refused again.
    return { ok: false, retryable: true, gone: false, reason: `rate limited on ${err.route}`, retryAfterMs: Math.max(0, Math.ceil(err.retryAfter), Math.ceil(err.timeToReset)) };
  }
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : undefined;
    const reason = `Discord ${err.status}${code !== undefined ? ` (code ${code})` : ''}: ${err.message.slice(0, 200)}`;
    if (err.status === 429) {
      const raw = err.rawError as { retry_after?: number };
      return { ok: false, retryable: true, gone: false, reason, ...(typeof raw.retry_after === 'number' ? { retryAfterMs: Math.ceil(raw.retry_after * 1000) } : {}) };
    }
    if ((code !== undefined && GONE_CODES.has(code)) || err.status === 404 || err.status === 403) return { ok: false, retryable: false, gone: true, reason };
    if (err.status >= 500) return { ok: false, retryable: true, gone: false, reason };
    return { ok: false, retryable: false, gone: false, reason };
  }
  if (err instanceof HTTPError) {
    return { ok: false, retryable: err.status >= 500 || err.status === 429, gone: false, reason: `Discord HTTP ${err.status}` };
  }
  // Network errors, timeouts (AbortError), DNS: worth another try later.
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { ok: false, retryable: true, gone: false, reason: `network: ${message.slice(0, 200)}` };
}

/**
 * A message's nonce from its idempotency key: Discord takes at most 25 characters, so the key is
 * hashed (25 hex digits, 100 bits). With `enforce_nonce`, Discord returns the message already
 * created with that nonce by the same author for a few minutes instead of creating another.
 */
export function messageNonce(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 25);
}

/**
 * A `ChannelPoster` for Discord. Given the logged-in `Client`, it makes its own fail-fast REST
 * client with the same base URL and token; given a `REST`, it uses it as is (make it with
 * `createPosterRest`).
 */
/** Unfinished posts remembered at most (the oldest forgotten first). */
const MEMO_LIMIT = 1000;

export function createDiscordPoster(source: Client | REST): ChannelPoster {
  const rest =
    source instanceof Client
      ? createPosterRest({ ...(source.options.rest?.api ? { api: source.options.rest.api } : {}), token: source.token ?? '' })
      : source;
  /** Parts of an unfinished post that Discord accepted: key → message id. */
  const accepted = new Map<string, string>();
  const remember = (key: string, id: string) => {
    if (accepted.size >= MEMO_LIMIT) accepted.delete(accepted.keys().next().value!);
    accepted.set(key, id);
  };
  return {
    platform: 'discord',
    async post(channel: ChannelRef, answer: Answer, language: Lang, options: PostOptions = {}): Promise<PostResult> {
      const parts = answerToDiscordParts(answer, language);
      const bodies = parts.map(({ message }) => ({
        ...(message.content ? { content: message.content } : {}),
        embeds: message.embeds,
        components: message.components,
        allowed_mentions: { parse: [] },
      }));
      // A part is the same part of the same post when its channel, place and content are.
      const keys = bodies.map((body, i) => `${channel.workspaceId}/${channel.channelId}/${i}/${bodies.length}/${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`);
      const done: AcceptedPart[] = [];
      for (const [i, body] of bodies.entries()) {
        const key = keys[i]!;
        const { incidentIds } = parts[i]!;
        const earlier = accepted.get(key);
        if (earlier) {
          done.push({ messageId: earlier, incidentIds });
          continue;
        }
        // With the post's key, each message carries a nonce Discord enforces: sending it again
        // (a lost response, a crash before recording) returns the message already created.
        const sent = options.key ? { ...body, nonce: messageNonce(`${options.key}.${i}`), enforce_nonce: true } : body;
        let id: string;
        try {
          id = ((await rest.post(Routes.channelMessages(channel.channelId), { body: sent })) as { id: string }).id;
        } catch (err) {
          const failure = postFailure(err);
          if (done.length === 0) return failure;
          // Parts already posted are named, and their incidents listed, so a caller can tell a partial post from none.
          const ids = done.map((p) => p.messageId);
          return { ...failure, reason: `${failure.reason} (after posting ${ids.length} part(s): ${ids.join(', ')})`, accepted: done };
        }
        remember(key, id);
        const part: AcceptedPart = { messageId: id, incidentIds };
        done.push(part);
        await options.onAccepted?.(part);
      }
      for (const key of keys) accepted.delete(key);
      return { ok: true, messageIds: done.map((p) => p.messageId), accepted: done };
    },
  };
}
