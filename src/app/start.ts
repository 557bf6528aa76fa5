/**
 * Starts the bot: loads and indexes the catalog once, then whichever platforms are configured
 * (Slack, Discord) side by side, with the digest scheduler, the catalog hot reload and the feed
 * refresh beside them; the terminal chat when no platform is configured. SIGINT/SIGTERM stop
 * everything in order: no new work, in-flight posts finished or abandoned, database closed.
 */
import type { Config } from '../config/env.js';
import { formatProblem } from '../core/catalog.js';
import { buildCore, CoreHolder } from '../core/core-holder.js';
import type { BotContext, ChannelPoster, CommandHandler, Logger, RunningService } from '../ports/index.js';
import { createLogger } from './logger.js';

export function secretsOf(config: Config): string[] {
  return [config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token, databasePassword(config.databaseUrl)].filter((s): s is string => !!s);
}

/** The password inside DATABASE_URL, so the logger masks it wherever it would appear. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Stops services in reverse order of start, each at most once, logging failures. */
async function stopAll(services: RunningService[], log: Logger): Promise<void> {
  for (const service of services.splice(0).reverse()) {
    try {
      await service.stop();
    } catch (err) {
      log.error(`${service.name}: error while stopping`, err);
    }
  }
}

/** Posters for the configured platforms: they need only tokens, so digests can start before the adapters. */
async function platformPosters(config: Config, log: Logger): Promise<ChannelPoster[]> {
  const posters: ChannelPoster[] = [];
  if (config.slack) {
    const { createSlackPoster } = await import('../slack/index.js');
    posters.push(createSlackPoster({ token: config.slack.botToken, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}), log }));
  }
  if (config.discord) {
    const { createDiscordPoster, createPosterRest } = await import('../discord/index.js');
    posters.push(createDiscordPoster(createPosterRest({ token: config.discord.token, ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}) })));
  }
  return posters;
}

/** The digests, the hot reload and the feed refresh: what runs beside any front end. */
async function startFeatures(ctx: BotContext, posters: readonly ChannelPoster[], services: RunningService[]): Promise<CommandHandler[]> {
  const { startDigests } = await import('../digest/index.js');
  const { startCatalogReloader } = await import('./catalog-reloader.js');
  const digests = await startDigests(ctx, posters);
  services.push(digests.service);
  services.push(startCatalogReloader(ctx, digests.onCatalogAdded));
  // New breaches the refresh writes reach the alerts through the reloader, like any new file.
  const { startImportRefresh } = await import('../import/refresh.js');
  const refresh = startImportRefresh(ctx);
  if (refresh) services.push(refresh);
  return [digests.handler];
}

export async function startBot(config: Config, options: { forceTerminal?: boolean } = {}): Promise<number> {
  const log = createLogger(secretsOf(config));
  const { core, problems, ms } = buildCore(config.dataDir);
  for (const p of problems) log.warn(`skipped invalid data: ${formatProblem(p)}`);
  const holder = new CoreHolder(core);
  const ctx: BotContext = { config, holder, log };
  const banner = `breachbot: ${core.size} incidents loaded and indexed in ${Math.round(ms)} ms${problems.length ? ` (${problems.length} problems skipped; run npx breachbot validate)` : ''}.`;
  const services: RunningService[] = [];

  if (options.forceTerminal || (!config.slack && !config.discord)) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write(`${banner}\n`);
    const { runTerminalChat } = await import('../terminal/terminal-chat.js');
    const { createTextPoster } = await import('../digest/index.js');
    // In the terminal, digests and alerts are printed: what the bot would post.
    const handlers = await startFeatures(ctx, [createTextPoster((text) => process.stdout.write(text))], services);
    try {
      await runTerminalChat({ holder, input: process.stdin, output: process.stdout, language: config.language, interactive, handlers });
    } finally {
      await stopAll(services, log);
    }
    return 0;
  }

  log.info(banner);
  const handlers: CommandHandler[] = [];
  try {
    handlers.push(...(await startFeatures(ctx, await platformPosters(config, log), services)));
    if (config.slack) {
      const { startSlack } = await import('../slack/index.js');
      services.push(await startSlack(ctx, handlers));
    }
    if (config.discord) {
      const { startDiscord } = await import('../discord/index.js');
      services.push(await startDiscord(ctx, handlers));
    }
  } catch (err) {
    // A refused token or a port in use: say which, stop what started, exit 1 (no stack trace for the user).
    log.error(`could not start: ${(err as Error).message}`);
    await stopAll(services, log);
    return 1;
  }

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info(`${signal} received: stopping`);
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await stopAll(services, log);
  return 0;
}
