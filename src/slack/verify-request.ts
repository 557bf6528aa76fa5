/**
 * Is this request from Slack, and recent? `v0=` + HMAC-SHA256(signing secret, `v0:{ts}:{body}`),
 * compared in constant time, with the timestamp within 5 minutes of our clock in BOTH directions.
 * (Bolt's own check only refuses old timestamps: a request signed with a timestamp an hour or a
 * year ahead stays replayable until then.)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's documented window for `X-Slack-Request-Timestamp`. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type Verification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface SignedRequest {
  readonly rawBody: Buffer | string;
  readonly timestamp: string | string[] | undefined;
  readonly signature: string | string[] | undefined;
}

export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number = Date.now()): Verification {
  const { timestamp, signature } = request;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed x-slack-request-timestamp' };
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'missing or malformed x-slack-signature' };
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: `timestamp ${-skew} s old (over ${MAX_CLOCK_SKEW_SECONDS} s)` };
  if (skew > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: `timestamp ${skew} s ahead of our clock (over ${MAX_CLOCK_SKEW_SECONDS} s)` };
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(request.rawBody).digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
