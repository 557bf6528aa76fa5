/**
 * The bot's logger: one JSON object a line (pino) on stderr, so a log collector reads level,
 * time, process and message as fields: `{"level":"warn","time":"…","pid":…,"hostname":"…",
 * "msg":"…","detail":…}`. Nothing secret is written: the finished line is masked for anything
 * shaped like a Slack or Discord token, a bearer header, the configured secret values, the
 * credentials of a URL (`https://user:pass@host` → `https://[redacted]@host`) and the values of
 * query-string keys that carry secrets (`?key=`, `token=`, `api_key=`, `signature=`…).
 */
import { pino } from 'pino';
import type { Logger } from '../ports/index.js';

export type { Logger };

const SECRET_PATTERNS: readonly RegExp[] = [
  /xox[abposre]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /\b[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}\b/g, // Discord bot tokens
  /(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{10,}/gi,
];

/** `scheme://user:password@` or `scheme://token@`: everything between `//` and `@` in an authority. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/** Query or fragment keys whose value is a secret (matched on the whole key, any case, `-`/`_` optional). */
const SECRET_QUERY_KEY = /([?&#;](?:[\w.-]*[_-])?(?:key|apikey|token|secret|password|passwd|pwd|sig|signature|auth|authorization|credential|credentials|session|code|client_secret|access_token|refresh_token)=)[^\s&#"'<>]+/gi;

/** Masks every token-shaped substring, URL credentials, secret query values, plus the given secret values. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  for (const re of SECRET_PATTERNS) out = out.replace(re, '[redacted]');
  out = out.replace(URL_CREDENTIALS, '$1[redacted]@');
  out = out.replace(SECRET_QUERY_KEY, '$1[redacted]');
  return out;
}

/** A URL as it may be shown or logged: no credentials, secret query values masked. */
export function displayUrl(url: string): string {
  return redact(url);
}

function describe(detail: unknown): unknown {
  if (detail === undefined) return undefined;
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    return { error: detail.name, message: detail.message, ...(typeof code === 'string' ? { code } : {}), stack: detail.stack };
  }
  return detail;
}

/**
 * `write` receives each finished line (without its newline); by default stderr, synchronously
 * (a line logged just before a crash is not lost).
 */
export function createLogger(secrets: readonly string[] = [], write?: (line: string) => void): Logger {
  const sink = write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const destination = { write: (line: string) => sink(redact(line.replace(/\n$/, ''), secrets)) };
  const base = pino(
    {
      level: 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const emit = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => {
    const described = describe(detail);
    try {
      if (described === undefined) base[level](message);
      else base[level]({ detail: described }, message);
    } catch {
      // A detail pino cannot serialize: the message alone rather than nothing.
      base[level](message);
    }
  };
  return {
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}
