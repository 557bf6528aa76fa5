/**
 * Posts an answer (a digest, a watch alert) to a Slack channel with `chat.postMessage`, split
 * into as many messages as Slack's limits require, and says what became of it as a
 * `PostResult`: accepted (with each message's `ts`), retryable (5xx, 429, network), or gone (the
 * channel or the bot's access no longer exists: stop posting there).
 *
 * No hidden retries (the digest schedules its own, and Bolt's client would otherwise retry for
 * half an hour). A message counts as accepted only when Slack answered `ok` with its `ts`.
 * Each part says which incidents it carries, and the result lists the parts Slack accepted — on
 * a failure half-way too — so the digest records exactly those incidents as delivered. The
 * parts accepted are also remembered (in memory, per channel and content) until the post
 * completes, so the digest's retry of the same answer posts only the rest.
 */
import { createHash } from 'node:crypto';
import { webApi } from '@slack/bolt';
import type { Answer } from '../core/answer.js';
import type { AcceptedPart, ChannelPoster, ChannelRef, Logger, PostOptions, PostResult } from '../ports/index.js';
import type { Lang } from '../core/lang.js';
import type { SlackMessage } from './block-kit.js';
import { answerToParts } from './message-split.js';
import { postingClientOptions } from './web-client-options.js';
import { boltLogger, silentLogger } from './bolt-logger.js';

export type SlackPosterOptions = {
  readonly log?: Logger;
  /**
   * Pause between the messages of one post. Slack allows about one message per second per
   * channel; default 1,100 ms.
   */
  readonly minIntervalMs?: number;
} & (
  | { readonly token: string; readonly apiUrl?: string }
  /** A client built with `postingClientOptions()` (no retries, rate limits rejected). */
  | { readonly client: webApi.WebClient }
);

/** Errors after which posting to this channel will never work: stop. */
const GONE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'team_access_not_granted',
  'team_not_found',
  'ekm_access_denied',
  'restricted_action',
  'no_permission',
]);

/** Errors Slack documents as temporary. */
const TEMPORARY = new Set(['ratelimited', 'rate_limited', 'fatal_error', 'internal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** A failed call as a `PostResult`. */
export function classifyPostError(err: unknown): Extract<PostResult, { ok: false }> {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; headers?: Record<string, string>; message?: string };
  switch (e?.code) {
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown_error';
      return { ok: false, retryable: TEMPORARY.has(reason), gone: GONE.has(reason), reason };
    }
    case 'slack_webapi_rate_limited_error':
      return { ok: false, retryable: true, gone: false, reason: 'ratelimited', retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000) };
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      const retryAfter = Number(e.headers?.['retry-after']);
      return {
        ok: false,
        retryable: status >= 500 || status === 429 || status === 408,
        gone: false,
        reason: `http_${status}`,
        ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    case 'slack_webapi_request_error':
      return { ok: false, retryable: true, gone: false, reason: 'network_error' };
    default:
      return { ok: false, retryable: true, gone: false, reason: e?.message ? `error: ${e.message.slice(0, 200)}` : 'unknown_error' };
  }
}

const MEMO_LIMIT = 1000;

/** The metadata event type of every message the bot posts for a digest or an alert. */
export const POST_EVENT_TYPE = 'breachbot_post';

/** Messages of the channel's history looked through when reconciling (newest first, one page). */
const HISTORY_LIMIT = 200;

export function createSlackPoster(options: SlackPosterOptions): ChannelPoster {
  const logger = options.log ? boltLogger(options.log) : silentLogger();
  const client = 'client' in options ? options.client : new webApi.WebClient(options.token, { ...postingClientOptions(options.apiUrl), logger });
  const interval = options.minIntervalMs ?? 1100;
  /** Parts of an unfinished post that Slack accepted: key → message ts. */
  const accepted = new Map<string, string>();
  const remember = (key: string, ts: string) => {
    if (accepted.size >= MEMO_LIMIT) accepted.delete(accepted.keys().next().value!);
    accepted.set(key, ts);
  };

  async function postOne(channelId: string, message: SlackMessage, partKey: string | undefined): Promise<string> {
    const result = await client.chat.postMessage({
      channel: channelId,
      text: message.text,
      blocks: [...message.blocks],
      unfurl_links: false,
      unfurl_media: false,
      ...(partKey ? { metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: partKey } } } : {}),
    });
    if (!result.ok || typeof result.ts !== 'string') throw Object.assign(new Error('Slack did not confirm the message'), { code: 'slack_webapi_platform_error', data: { error: result.error ?? 'no_ts' } });
    return result.ts;
  }

  /**
   * The breachbot posts in the channel's recent history (since `since`), by part key → ts. Needs
   * `channels:history` (public channels) or `groups:history` (private ones); metadata is only
   * returned with `include_all_metadata`.
   */
  async function postedKeys(channelId: string, since: Date | undefined): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const result = await client.conversations.history({
      channel: channelId,
      include_all_metadata: true,
      limit: HISTORY_LIMIT,
      ...(since ? { oldest: String(Math.floor(since.getTime() / 1000) - 60) } : {}),
    });
    for (const m of result.messages ?? []) {
      const meta = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
      if (meta?.event_type === POST_EVENT_TYPE && typeof meta.event_payload?.key === 'string' && typeof m.ts === 'string') out.set(meta.event_payload.key, m.ts);
    }
    return out;
  }

  return {
    platform: 'slack',
    async post(channel: ChannelRef, answer: Answer, language: Lang, postOptions: PostOptions = {}): Promise<PostResult> {
      if (channel.platform !== 'slack') return { ok: false, retryable: false, gone: false, reason: `not a Slack channel (${channel.platform})` };
      const parts = answerToParts(answer, language);
      const keys = parts.map((p, i) => `${channel.workspaceId}/${channel.channelId}/${i}/${parts.length}/${createHash('sha256').update(JSON.stringify(p.message)).digest('hex')}`);
      const done: AcceptedPart[] = [];
      let sent = 0;
      const partKey = (i: number) => (postOptions.key ? `${postOptions.key}.${i}` : undefined);
      // An earlier try may have posted some parts (its response lost): find them before posting anything.
      let found = new Map<string, string>();
      if (postOptions.reconcile && postOptions.key) {
        try {
          found = await postedKeys(channel.channelId, postOptions.since);
        } catch (err) {
          const result = classifyPostError(err);
          const reason = `cannot check whether an earlier try was posted (${result.reason}${result.reason === 'missing_scope' ? ': the app needs channels:history and groups:history' : ''}); not posting again until it can`;
          options.log?.error(`slack: ${reason} (channel ${channel.channelId})`);
          return { ok: false, retryable: true, gone: result.gone, reason, ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}) };
        }
      }
      for (const [i, { message, incidentIds }] of parts.entries()) {
        const key = keys[i]!;
        const earlier = accepted.get(key) ?? found.get(partKey(i) ?? '');
        if (earlier) {
          done.push({ messageId: earlier, incidentIds });
          continue;
        }
        if (done.length > 0 && interval > 0) await new Promise((r) => setTimeout(r, interval));
        let ts: string;
        try {
          ts = await postOne(channel.channelId, message, partKey(i));
        } catch (err) {
          const result = classifyPostError(err);
          options.log?.warn(`slack: posting to ${channel.channelId} failed at message ${i + 1}/${parts.length}: ${result.reason}`);
          return done.length ? { ...result, accepted: done } : result;
        }
        remember(key, ts);
        sent++;
        const part: AcceptedPart = { messageId: ts, incidentIds };
        done.push(part);
        await postOptions.onAccepted?.(part);
      }
      for (const key of keys) accepted.delete(key);
      return { ok: true, messageIds: done.map((p) => p.messageId), accepted: done, sent };
    },
  };
}
