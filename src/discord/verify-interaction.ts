/**
 * Is this interaction from Discord? Discord signs `timestamp + body` with the application's
 * Ed25519 key (`X-Signature-Ed25519`, `X-Signature-Timestamp`); the public key is the 32-byte
 * hexadecimal "Public Key" of the Developer Portal's "General Information" page. Discord refuses
 * to save an endpoint URL that accepts a bad signature, and sends such probes itself.
 * The timestamp must also be within 5 minutes of our clock, either way (a replay stays a replay).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const MAX_INTERACTION_SKEW_SECONDS = 5 * 60;

/** The KeyObject of a raw 32-byte Ed25519 public key given in hexadecimal. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

export type InteractionVerification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function verifyDiscordSignature(
  request: { readonly rawBody: Buffer; readonly signature: string | string[] | undefined; readonly timestamp: string | string[] | undefined },
  key: KeyObject,
  nowMs: number = Date.now(),
): InteractionVerification {
  const { signature, timestamp } = request;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed x-signature-timestamp' };
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, reason: 'missing or malformed x-signature-ed25519' };
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) > MAX_INTERACTION_SKEW_SECONDS) return { ok: false, reason: `timestamp ${Math.abs(skew)} s ${skew < 0 ? 'old' : 'ahead of our clock'} (over ${MAX_INTERACTION_SKEW_SECONDS} s)` };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.rawBody]);
  const ok = verify(null, signed, key, Buffer.from(signature, 'hex'));
  return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
