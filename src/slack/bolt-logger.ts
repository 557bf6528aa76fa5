/**
 * Bolt and its Web API client log through this adapter into the app's logger, which masks
 * tokens. Debug chatter is dropped; Bolt's level calls are accepted and ignored.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../ports/index.js';

function line(parts: readonly unknown[]): string {
  return parts.map((p) => (p instanceof Error ? (p.stack ?? p.message) : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
}

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info(`slack: ${line(m)}`),
    warn: (...m: unknown[]) => log.warn(`slack: ${line(m)}`),
    error: (...m: unknown[]) => log.error(`slack: ${line(m)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** For a Web API client whose failures the caller reports itself (the poster returns them). */
export function silentLogger(): BoltLogger {
  return boltLogger({ info: () => {}, warn: () => {}, error: () => {} });
}
