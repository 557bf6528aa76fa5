/**
 * Starts the bot: loads and indexes the catalog once, then whichever platforms are configured
 * (Slack, Discord) side by side, with the digest scheduler, the catalog hot reload and the feed
 * refresh beside them; the terminal chat when no platform is configured. SIGINT/SIGTERM stop
 * everything in order: no new work, in-flight posts finished or abandoned, database closed.
 */
import type { Config } from '../config/env.js';
import { summarizeProblems } from '../core/problem-summary.js';
import { CoreHolder } from '../core/core-holder.js';
import { loadCore } from '../worker/catalog-cache.js';
import type { BotContext, ChannelPoster, CommandHandler, Logger, RunningService } from '../ports/index.js';
import type { WorkspacePosterOptions } from '../slack/workspace-poster.js';
import { pauseWorkspace } from './pause-workspace.js';

type SlackAuthorize = WorkspacePosterOptions['authorize'];
import { createLogger } from './logger.js';
import { countedPoster } from './counted-poster.js';
import { HttpServer } from '../http/http-server.js';
import { BotMetrics } from '../http/metrics.js';
import { mountOpsRoutes } from '../http/ops-routes.js';
import { StoreSeenRequests, type SeenRequests } from '../http/seen-requests.js';
import { StateStoreInstallationRecords } from '../slack/installation-store.js';
import type { StateStore } from '../store/state-store.js';
import type { DigestOptions } from '../digest/index.js';

export function secretsOf(config: Config): string[] {
  return [config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.slack?.oauth?.clientSecret, config.slack?.oauth?.stateSecret, config.discord?.token, databasePassword(config.databaseUrl)].filter((s): s is string => !!s);
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
async function platformPosters(config: Config, log: Logger, slackAuthorize: () => SlackAuthorize | undefined = () => undefined): Promise<ChannelPoster[]> {
  const posters: ChannelPoster[] = [];
  if (config.slack?.botToken) {
    const { createSlackPoster } = await import('../slack/index.js');
    posters.push(createSlackPoster({ token: config.slack.botToken, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}), log }));
  } else if (config.slack?.oauth) {
    // Many workspaces: each post with its workspace's token, read from its installation once Slack started.
    const { createWorkspacePoster } = await import('../slack/workspace-poster.js');
    const authorize: SlackAuthorize = async (query) => {
      const current = slackAuthorize();
      if (!current) throw new Error('Slack is not started yet');
      return current(query);
    };
    posters.push(createWorkspacePoster({ authorize, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}), log }));
  }
  if (config.discord?.token) {
    const { createDiscordPoster, createPosterRest } = await import('../discord/index.js');
    posters.push(createDiscordPoster(createPosterRest({ token: config.discord.token, ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}) })));
  } else if (config.discord) {
    log.warn('discord: DISCORD_TOKEN is not set: interactions are answered, but digests and alerts cannot be posted to Discord');
  }
  return posters;
}

/** The digests, the hot reload and the feed refresh: what runs beside any front end. */
async function startFeatures(
  ctx: BotContext,
  posters: readonly ChannelPoster[],
  services: RunningService[],
  metrics?: BotMetrics,
  digestOptions: DigestTuning = {},
): Promise<{ handlers: CommandHandler[]; storeReachable: () => Promise<boolean>; outboxDepth: () => Promise<number | undefined>; store: StateStore }> {
  const { startDigests } = await import('../digest/index.js');
  const { startCatalogReloader } = await import('./catalog-reloader.js');
  const digests = await startDigests(ctx, posters, { ...digestOptions, ...(metrics ? { onGivenUp: ({ platform, kind }) => metrics.givenUp.inc({ platform, kind }) } : {}) });
  services.push(digests.service);
  const reloader = startCatalogReloader(ctx, digests.onCatalogAdded, {
    onReloaded: () => digests.onCatalogReloaded(),
    ...(metrics ? { onReload: (outcome: 'reloaded' | 'rejected', seconds: number) => metrics.reloadSeconds.observe({ outcome }, seconds) } : {}),
  });
  services.push(reloader);
  // New and changed breaches the refresh writes reach the alerts and "updated" notes through the
  // reloader, like any new file; a refresh that changed a snapshot asks it to look at once.
  const { startImportRefresh } = await import('../import/refresh-schedule.js');
  const refresh = startImportRefresh(ctx, () => void reloader.check(), metrics ? { onRefresh: (feed, outcome, seconds) => metrics.refreshSeconds.observe({ feed, outcome }, seconds) } : {});
  if (refresh) services.push(refresh);
  const storeReachable = async () => {
    if (digests.store.closed) return false;
    await digests.store.subscriptions({ activeOnly: true });
    return true;
  };
  // Posts intended and not yet sent (the store's outbox).
  const outboxDepth = async () => (digests.store.closed ? undefined : await digests.store.outboxDepth());
  const { ChannelLanguageHandler } = await import('../settings/channel-language.js');
  const { ChannelUpdatesHandler } = await import('../settings/channel-updates.js');
  return { handlers: [digests.handler, new ChannelLanguageHandler(digests.store, ctx.log), new ChannelUpdatesHandler(digests.store)], storeReachable, outboxDepth, store: digests.store };
}

/** The digest scheduler's timings and lease holder name, for tests that run replicas side by side (defaults otherwise). */
export type DigestTuning = Pick<DigestOptions, 'tickMs' | 'holder' | 'alertRetryMs' | 'graceMs'>;

export interface ServeOptions {
  /** Where the one HTTP server listens (default: every interface, `config.port`). */
  readonly listen?: { readonly port: number; readonly host?: string };
  /** Which platform requests were already acted on (default: the state store's leases, shared by every replica). */
  readonly seen?: SeenRequests;
  readonly digests?: DigestTuning;
}

/**
 * The platforms, the features beside them and the one HTTP server (Slack HTTP mode, Discord
 * interactions, /healthz, /readyz, /metrics), started in order; every service started is pushed
 * on `services` (so a failure half-way can stop what started). Resolves with the port bound, or
 * undefined when nothing needs one (`config.listens` false and no `listen` given).
 */
export async function startServing(ctx: BotContext, services: RunningService[], options: ServeOptions & Required<Pick<ServeOptions, 'listen'>>): Promise<{ port: number; metrics: BotMetrics }>;
export async function startServing(ctx: BotContext, services: RunningService[], options?: ServeOptions): Promise<{ port: number | undefined; metrics: BotMetrics }>;
export async function startServing(ctx: BotContext, services: RunningService[], options: ServeOptions = {}): Promise<{ port: number | undefined; metrics: BotMetrics }> {
  const { config, log, holder } = ctx;
  const metrics = new BotMetrics();
  metrics.setSources({ catalogSize: () => holder.core.size });
  const server = new HttpServer(log);
  let slackAuthorize: SlackAuthorize | undefined;
  const posters = (await platformPosters(config, log, () => slackAuthorize)).map((p) => countedPoster(p, metrics));
  const { handlers, storeReachable, outboxDepth, store } = await startFeatures(ctx, posters, services, metrics, options.digests);
  const seen = options.seen ?? new StoreSeenRequests(store);
  metrics.setSources({ outboxDepth });
  mountOpsRoutes(server, { metrics, checks: { catalog: () => holder.core.size > 0, store: storeReachable } });
  if (config.slack) {
    const { startSlack } = await import('../slack/index.js');
    const slack = await startSlack(ctx, handlers, {
      server,
      metrics,
      seen,
      ...(config.slack.oauth
        ? {
            installations: new StateStoreInstallationRecords(store),
            onWorkspaceRemoved: async (workspaceId: string, reason: string) => {
              await pauseWorkspace(store, 'slack', workspaceId, reason, log);
            },
          }
        : {}),
    });
    slackAuthorize = slack.authorize;
    services.push(slack);
  }
  if (config.discord?.publicKey) {
    const { startDiscordHttp } = await import('../discord/http-interactions.js');
    services.push(startDiscordHttp(ctx, handlers, { server, metrics, seen }));
  } else if (config.discord) {
    const { startDiscord } = await import('../discord/index.js');
    services.push(await startDiscord(ctx, handlers, { metrics }));
  }
  services.push({ name: 'http', stop: () => server.close() });
  if (!options.listen && !config.listens) {
    // Socket Mode and the gateway need no port; an operator who wants /healthz and /metrics sets PORT.
    log.info('http: not listening (Socket Mode / Discord gateway only): set PORT to serve /healthz, /readyz and /metrics');
    return { port: undefined, metrics };
  }
  const listen = options.listen ?? { port: config.port };
  let port: number;
  try {
    port = await server.listen(listen.port, listen.host);
  } catch (err) {
    throw new Error(`Could not listen on PORT ${listen.port}: ${(err as Error).message}`, { cause: err });
  }
  log.info(`http: listening on port ${port} (${[config.slack?.mode === 'http' ? 'POST /slack/events' : '', config.discord?.publicKey ? 'POST /discord/interactions' : '', 'GET /healthz, /readyz, /metrics'].filter(Boolean).join(', ')})`);
  return { port, metrics };
}

export async function startBot(config: Config, options: { forceTerminal?: boolean } = {}): Promise<number> {
  const log = createLogger(secretsOf(config));
  const { core, problems, ms, from } = await loadCore(config.dataDir, config.cacheDir, log);
  // One summary line, not every problem: `breachbot validate` lists them all.
  const summary = summarizeProblems(problems);
  if (summary) log.warn(summary);
  const holder = new CoreHolder(core);
  const ctx: BotContext = { config, holder, log };
  const banner = `breachbot: ${core.size} incidents ${from === 'snapshot' ? 'read from the compiled catalog snapshot' : 'loaded and indexed'} in ${Math.round(ms)} ms${problems.length ? ` (${problems.length} problems skipped; run npx breachbot validate)` : ''}.`;
  const services: RunningService[] = [];

  if (options.forceTerminal || (!config.slack && !config.discord)) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write(`${banner}\n`);
    const { runTerminalChat } = await import('../terminal/terminal-chat.js');
    const { createTextPoster } = await import('../terminal/text-poster.js');
    // In the terminal, digests and alerts are printed: what the bot would post.
    const { handlers } = await startFeatures(ctx, [createTextPoster((text) => process.stdout.write(text))], services);
    try {
      await runTerminalChat({ holder, input: process.stdin, output: process.stdout, language: config.language, interactive, handlers });
    } finally {
      await stopAll(services, log);
    }
    return 0;
  }

  log.info(banner);
  try {
    await startServing(ctx, services);
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
