/**
 * One careful download of a feed's file, shared by every feed's refresh:
 *
 * - one GET with a descriptive User-Agent (HIBP's API refuses requests without one), a timeout
 *   covering the whole exchange (headers and body), and `If-Modified-Since` when the last run
 *   recorded a `Last-Modified`;
 * - redirects followed by hand (`redirect: 'manual'`), at most a few, and only within the URL's
 *   own origin: a feed moved to another host is a change an operator decides on, and a redirect
 *   must never carry the URL's credentials elsewhere;
 * - credentials in the URL (`https://user:pass@host/...`) are sent as a Basic `Authorization`
 *   header (fetch refuses them in the URL) and never appear in a message: every URL in a message
 *   goes through `redactUrl`;
 * - the body is read by chunks and refused past `maxBytes`; a connection cut before the end makes
 *   the read fail; the text must be UTF-8.
 *
 * Throws `FeedDownloadError` with a message fit for the log; never logs itself.
 */

export const USER_AGENT = 'breachbot/0.1 (catalog refresh of the public breach list; https://github.com/breachbot)';

export class FeedDownloadError extends Error {}

export interface DownloadOptions {
  /** The Accept header (e.g. application/json, text/csv). */
  readonly accept: string;
  /** Whole-exchange timeout (default 30 s). */
  readonly timeoutMs?: number;
  /** Bodies larger than this are refused (default 64 MB). */
  readonly maxBytes?: number;
  /** Same-origin redirects followed at most (default 5). */
  readonly maxRedirects?: number;
  /** The `Last-Modified` the previous download got: a 304 answer means nothing changed. */
  readonly ifModifiedSince?: string;
}

export type Download =
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'body'; readonly text: string; readonly lastModified?: string; readonly bytes: number };

const SECRET_PARAMS = /^(?:.*key|.*token|.*secret|password|passwd|pwd|sig|signature|auth|access_token|code)$/i;

/**
 * A URL as it may be logged: user and password replaced by `***`, and the values of query
 * parameters that look like credentials (`key`, `api_key`, `token`, `secret`, `sig`...) too.
 * Something that is not a URL is reduced to `(invalid URL)`.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(invalid URL)';
  }
  if (u.username || u.password) {
    u.username = '***';
    u.password = u.password ? '***' : '';
  }
  for (const name of [...u.searchParams.keys()]) if (SECRET_PARAMS.test(name)) u.searchParams.set(name, '***');
  // URLSearchParams encodes "***" as "%2A%2A%2A": print it plainly.
  return u.toString().replace(/%2A%2A%2A/g, '***');
}

/** The URL without its credentials, and the Authorization header they become. */
function splitCredentials(url: URL): { url: URL; authorization?: string } {
  if (!url.username && !url.password) return { url };
  const bare = new URL(url.toString());
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  bare.username = '';
  bare.password = '';
  return { url: bare, authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

async function readBody(response: Response, maxBytes: number): Promise<{ text: string; bytes: number }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedDownloadError(`the body is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (!response.body) return { text: '', bytes: 0 };
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // By chunks, to stop early on an oversized body; a connection cut before Content-Length
    // bytes arrived makes the read throw ("terminated").
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new FeedDownloadError(`the body is over the ${maxBytes}-byte limit`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof FeedDownloadError) throw err;
    throw new FeedDownloadError(`the body could not be read in full (${(err as Error).message})`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)), bytes: size };
  } catch {
    throw new FeedDownloadError('the body is not UTF-8 text');
  }
}

function isStaleConnection(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'EPIPE';
}

/** Downloads `url` once (following same-origin redirects); see the module comment. */
export async function downloadFeed(url: string, options: DownloadOptions): Promise<Download> {
  const shown = redactUrl(url);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FeedDownloadError(`${shown} is not a URL`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FeedDownloadError(`${shown} is not an http(s) URL`);
  const { url: bare, authorization } = splitCredentials(target);
  const origin = bare.origin;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const maxRedirects = options.maxRedirects ?? 5;
  let current = bare;
  for (let hop = 0; ; hop++) {
    const request = () =>
      fetch(current, {
        headers: {
          'User-Agent': USER_AGENT,
          Accept: options.accept,
          ...(authorization ? { Authorization: authorization } : {}),
          ...(options.ifModifiedSince ? { 'If-Modified-Since': options.ifModifiedSince } : {}),
        },
        signal,
        redirect: 'manual',
      });
    let response: Response;
    try {
      try {
        response = await request();
      } catch (err) {
        // A kept-alive connection the server closed as we reused it: the GET never reached it; once more on a fresh one.
        if (!isStaleConnection(err) || signal.aborted) throw err;
        response = await request();
      }
    } catch (err) {
      const cause = (err as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs ?? 30_000} ms` : ((err as { cause?: Error }).cause?.message ?? (err as Error).message);
      throw new FeedDownloadError(`the request to ${redactUrl(current.toString())} failed (${cause})`);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location) throw new FeedDownloadError(`${shown} answered HTTP ${response.status} without a Location`);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new FeedDownloadError(`${shown} redirected to something that is not a URL`);
      }
      if (next.origin !== origin) {
        throw new FeedDownloadError(`${shown} redirected to another origin (${next.origin}); not followed: set the feed's URL to the new address if the move is genuine`);
      }
      if (hop >= maxRedirects) throw new FeedDownloadError(`${shown} redirected more than ${maxRedirects} times`);
      next.username = '';
      next.password = '';
      current = next;
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedDownloadError(`${shown} answered HTTP ${response.status}`);
    }
    const { text, bytes } = await readBody(response, options.maxBytes ?? 64 * 1024 * 1024);
    const lastModified = response.headers.get('last-modified') ?? undefined;
    return { kind: 'body', text, bytes, ...(lastModified ? { lastModified } : {}) };
  }
}
