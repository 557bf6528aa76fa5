/**
 * A small logger to stderr that never prints a secret: anything shaped like a Slack or Discord
 * token, a signing secret or a bearer header is masked before it is written.
 */
import type { Logger } from '../ports/index.js';

const SECRET_PATTERNS: readonly RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /\b[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}\b/g, // Discord bot tokens
  /(Bot|Bearer)\s+[A-Za-z0-9._-]{10,}/gi,
];

/** Masks every token-shaped substring, plus the given secret values. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join('[redacted]');
  for (const re of SECRET_PATTERNS) out = out.replace(re, '[redacted]');
  return out;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`;
  try {
    return ` ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
  } catch {
    return ` ${String(detail)}`;
  }
}

export function createLogger(secrets: readonly string[] = [], write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const emit = (level: string, message: string, detail?: unknown) => write(redact(`${new Date().toISOString()} ${level} ${message}${describe(detail)}`, secrets));
  return {
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}
