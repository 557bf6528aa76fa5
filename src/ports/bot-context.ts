/**
 * What start-up hands every platform adapter and feature: the configuration, the core serving
 * now, a logger; and what each of them hands back, a service start-up can stop.
 */
import type { Config } from '../config/env.js';
import type { CoreHolder } from '../core/core-holder.js';

/** Writes to the operator's log; implementations never print a secret (see app/logger.ts). */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface BotContext {
  readonly config: Config;
  readonly holder: CoreHolder;
  readonly log: Logger;
}

/** A started platform or job; `stop` lets in-flight work finish or abandons it cleanly. */
export interface RunningService {
  readonly name: string;
  stop(): Promise<void>;
}
