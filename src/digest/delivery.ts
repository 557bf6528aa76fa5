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
  /** No wait is longer than this (a platform's retry-after included). */
  readonly maxDelayMs: number;
}

/** 6 tries over about a minute: 2 s, 4 s, 8 s, 16 s, 30 s. What is still undelivered waits for the next run. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/** The last try's result, with every part accepted over all tries (incidents of the answer only). */
export type DeliveryResult = PostResult & { readonly attempts: number; readonly accepted: readonly AcceptedPart[] };

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

/** The wait before try `attempt + 1` (attempt counts from 1). */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
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
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (signal?.aborted) return done({ ok: false, retryable: true, gone: false, reason: 'abandoned at shutdown' }, attempt - 1);
    try {
      last = await poster.post(channel, answer, lang, { onAccepted: note });
    } catch (err) {
      // A poster should return failures, not throw; treat a throw as a network error.
      last = { ok: false, retryable: true, gone: false, reason: `poster threw: ${(err as Error).message}` };
    }
    if (last.ok || last.gone || !last.retryable || attempt === policy.attempts) return done(last, attempt);
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
