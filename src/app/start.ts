/**
 * Starts the bot: loads and indexes the catalog once, then whichever platforms are configured
 * (Slack, Discord, and the digest scheduler beside them); the terminal chat when none is.
 */
import type { Config } from '../config/env.js';
import { formatProblem } from '../core/catalog.js';
import { buildCore, CoreHolder } from './core-holder.js';
import { createLogger, type Logger } from './logger.js';
import { runTerminalChat } from '../terminal/terminal-chat.js';

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

export function secretsOf(config: Config): string[] {
  return [config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token].filter((s): s is string => !!s);
}

export async function startBot(config: Config, options: { forceTerminal?: boolean } = {}): Promise<number> {
  const log = createLogger(secretsOf(config));
  const { core, problems, ms } = buildCore(config.dataDir);
  for (const p of problems) log.warn(`skipped invalid data: ${formatProblem(p)}`);
  const holder = new CoreHolder(core);
  const banner = `breachbot: ${core.size} incidents loaded and indexed in ${Math.round(ms)} ms${problems.length ? ` (${problems.length} problems skipped; run npx breachbot validate)` : ''}.`;

  if (options.forceTerminal || (!config.slack && !config.discord)) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write(`${banner}\n`);
    await runTerminalChat({ holder, input: process.stdin, output: process.stdout, language: config.language, interactive });
    return 0;
  }
  log.info(banner);
  const ctx: BotContext = { config, holder, log };
  const services: RunningService[] = [];
  // Platform adapters are added here as they land (Slack, Discord, digest).
  void ctx;
  if (services.length === 0) {
    log.error('no platform adapter could be started');
    return 1;
  }
  return 0;
}
