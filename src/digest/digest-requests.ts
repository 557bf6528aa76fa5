/**
 * The requests the digest, watch and status commands parse to (`commands/breach-digest.ts`,
 * `commands/breach-watch.ts`, `commands/breach-status.ts`) and the digest handler answers. Plain
 * data, so Discord options, Slack text and the terminal all produce the same thing.
 */

export type DigestRequest =
  | {
      readonly command: 'digest';
      readonly action: 'subscribe';
      /** "HH:MM", 24-hour clock; unset = the configured default schedule (DIGEST_CRON). */
      readonly time?: string;
      /** IANA time zone; unset = the configured default (DIGEST_TZ). */
      readonly timeZone?: string;
      /** Filters in the search syntax ("data:passwords country:FR"), checked by the core's parser. */
      readonly filters?: string;
      /** Post a digest even when nothing is new ("empty:post"). */
      readonly postEmpty?: boolean;
    }
  | { readonly command: 'digest'; readonly action: 'unsubscribe' | 'status' | 'preview' };

export type WatchRequest =
  | { readonly command: 'watch'; readonly action: 'add' | 'remove'; readonly name: string }
  | { readonly command: 'watch'; readonly action: 'list' };

/** `/breach status`: the channel's digest and watchlist, read-only, for everyone. */
export type StatusRequest = { readonly command: 'status' };

export type FeatureRequest = DigestRequest | WatchRequest | StatusRequest;

/** Longest watchlist entry accepted (a name, not a query). */
export const MAX_WATCH_NAME_LENGTH = 80;
/** Entries a channel's watchlist may hold. */
export const MAX_WATCH_ENTRIES = 50;

/** Actions that change a channel's settings: admins only. */
export function changesSettings(request: FeatureRequest): boolean {
  if (request.command === 'status') return false;
  return request.command === 'digest' ? request.action === 'subscribe' || request.action === 'unsubscribe' : request.action !== 'list';
}

export function isFeatureRequest(value: unknown): value is FeatureRequest {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { command?: unknown; action?: unknown };
  if (r.command === 'digest') return r.action === 'subscribe' || r.action === 'unsubscribe' || r.action === 'status' || r.action === 'preview';
  if (r.command === 'watch') return r.action === 'add' || r.action === 'remove' || r.action === 'list';
  if (r.command === 'status') return true;
  return false;
}
