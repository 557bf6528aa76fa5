/**
 * Posting through a platform's `ChannelPoster` with retries: a 5xx, a 429 or a network error is
 * tried again with exponential backoff (never sooner than the platform's `retryAfterMs`); a gone
 * channel or a refusal is not. Posts to one channel run one at a time (so a digest and an alert
 * never both pick the same incident); channels never wait on one another.
 *
 * A post split into several messages can be accepted in part: every part the platform accepted,
 * on any try, is handed to `onAccepted` as soon as it is known (so its incidents are recorded
 * at once) and listed in the result, whatever became of the rest.
 */
import type { Answer } from '../core/answer.js';
import type { AcceptedPart, ChannelPoster, ChannelRef, PostResult } from '../ports/index.js';
import type { Lang } from '../core/lang.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try; doubled before each next one. */
  readonly baseDelayMs: number;
  /**
   * The longest wait within a run. A platform's retry-after is honoured in full: one longer than
   * this ends the run without another try, and the post waits for a later run (never sooner).
   */
  readonly maxDelayMs: number;
}

/** 6 tries over about a minute: 2 s, 4 s, 8 s, 16 s, 30 s. What is still undelivered waits for the next run. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/**
 * The last try's result, with every part accepted over all tries (incidents of the answer only).
 * `notBefore` (epoch ms): the platform asked for a wait too long for this run; no try may come
 * before it.
 */
export type DeliveryResult = PostResult & { readonly attempts: number; readonly accepted: readonly AcceptedPart[]; readonly notBefore?: number };

/**
 * Per channel, the time before which the platform said not to post again (its retry-after), so
 * that every post to that channel — a digest, an alert, a retry — honours it, not only the one
 * that was refused.
 */
export class ChannelHolds {
  private readonly until = new Map<string, number>();
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Milliseconds left before `channel` may be posted to (0 when it may now). */
  remaining(channel: ChannelRef): number {
    const key = holdKey(channel);
    const until = this.until.get(key);
    if (until === undefined) return 0;
    const left = until - this.now().getTime();
    if (left <= 0) this.until.delete(key);
    return Math.max(0, left);
  }

  /** No post to `channel` before `waitMs` from now (a longer hold already set stays). */
  hold(channel: ChannelRef, waitMs: number): void {
    const key = holdKey(channel);
    const until = this.now().getTime() + waitMs;
    if ((this.until.get(key) ?? 0) < until) this.until.set(key, until);
  }
}

const holdKey = (c: ChannelRef) => `${c.platform}\u0000${c.workspaceId}\u0000${c.channelId}`;

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The wait before try `attempt + 1` (attempt counts from 1): exponential, capped, never under the platform's retry-after. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/**
 * Posts, retrying what may succeed later; stops early when `signal` aborts (what was accepted
 * before stays accepted). `onAccepted` hears of each accepted part once, as soon as the poster
 * reports it; it must not throw (a throw is ignored: the part is still in the result).
 */
export async function postWithRetry(
  poster: ChannelPoster,
  channel: ChannelRef,
  answer: Answer,
  lang: Lang,
  policy: RetryPolicy = DEFAULT_RETRY,
  signal?: AbortSignal,
  onAccepted?: (part: AcceptedPart) => void | Promise<void>,
  holds: ChannelHolds = new ChannelHolds(),
  post: { readonly key?: string; readonly reconcile?: boolean; readonly since?: Date } = {},
): Promise<DeliveryResult> {
  // A poster can only have delivered incidents the answer holds: anything else is ignored.
  const carried = new Set(answer.kind === 'message' ? answer.incidents.map((i) => i.id) : []);
  const accepted = new Map<string, AcceptedPart>();
  const note = async (part: AcceptedPart) => {
    const kept: AcceptedPart = { messageId: part.messageId, incidentIds: part.incidentIds.filter((id) => carried.has(id)) };
    const key = `${kept.messageId}\u0000${kept.incidentIds.join('\u0000')}`;
    if (accepted.has(key)) return;
    accepted.set(key, kept);
    try {
      await onAccepted?.(kept);
    } catch {
      // Recorded from the result instead.
    }
  };
  const done = async (result: PostResult, attempts: number): Promise<DeliveryResult> => {
    for (const part of result.accepted ?? []) await note(part);
    return { ...result, attempts, accepted: [...accepted.values()] };
  };
  let last: PostResult = { ok: false, retryable: true, gone: false, reason: 'not tried' };
  const deferred = async (result: PostResult, attempts: number, waitMs: number): Promise<DeliveryResult> => ({
    ...(await done(result, attempts)),
    notBefore: Date.now() + waitMs,
  });
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (signal?.aborted) return done({ ok: false, retryable: true, gone: false, reason: 'abandoned at shutdown' }, attempt - 1);
    // The platform asked this channel to wait: wait here if it fits the run, else leave it to a later run.
    const held = holds.remaining(channel);
    if (held > policy.maxDelayMs) {
      return deferred(attempt === 1 ? { ok: false, retryable: true, gone: false, reason: `rate limited: retry after ${Math.ceil(held / 1000)} s`, retryAfterMs: held } : last, attempt - 1, held);
    }
    if (held > 0) {
      await sleep(held, signal);
      if (signal?.aborted) return done({ ok: false, retryable: true, gone: false, reason: 'abandoned at shutdown' }, attempt - 1);
    }
    try {
      // After a failed try, its outcome may be unknown (a lost response): reconcile before posting again.
      last = await poster.post(channel, answer, lang, {
        onAccepted: note,
        ...(post.key ? { key: post.key, reconcile: Boolean(post.reconcile) || attempt > 1 } : {}),
        ...(post.since ? { since: post.since } : {}),
      });
    } catch (err) {
      // A poster should return failures, not throw; treat a throw as a network error.
      last = { ok: false, retryable: true, gone: false, reason: `poster threw: ${(err as Error).message}` };
    }
    if (!last.ok && last.retryAfterMs !== undefined && last.retryAfterMs > 0) holds.hold(channel, last.retryAfterMs);
    if (last.ok || last.gone || !last.retryable) return done(last, attempt);
    if (last.retryAfterMs !== undefined && last.retryAfterMs > policy.maxDelayMs) return deferred(last, attempt, last.retryAfterMs);
    if (attempt === policy.attempts) return done(last, attempt);
    for (const part of last.accepted ?? []) await note(part);
    await sleep(backoffDelay(policy, attempt, last.retryAfterMs), signal);
  }
  return done(last, policy.attempts);
}

/** Runs tasks one after another per key (a channel), concurrently across keys. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
