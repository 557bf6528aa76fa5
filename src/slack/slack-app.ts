/**
 * Builds and runs the Bolt app: Socket Mode by default (an app-level token, no public URL),
 * HTTP mode (Slack posts to `/slack/events`, requests checked against the signing secret) as
 * an option. Every Web API call, Bolt's start-up `auth.test` included, goes to SLACK_API_URL
 * when it is set.
 */
import { App } from '@slack/bolt';
import type { BotContext, CommandHandler, Logger, RunningService } from '../ports/index.js';
import type { CoreHolder } from '../core/core-holder.js';
import { HttpServer } from '../http/http-server.js';
import type { BotMetrics } from '../http/metrics.js';
import { slackAnswerLabels } from './request-body.js';
import { MemorySeenRequests, type SeenRequests } from '../http/seen-requests.js';
import { SlackHttpReceiver, type SlackRequestOutcome } from './http-receiver.js';
import { MemoryInstallationRecords, StoredInstallations, type InstallationRecords } from './installation-store.js';
import { registerInstallationEvents } from './listeners/installation-events.js';
import { createInstaller, mountInstallRoutes } from './oauth-install.js';
import type { WorkspacePosterOptions } from './workspace-poster.js';
import type { SlackConfig } from '../config/env.js';
import { UserLocales } from './user-locale.js';
import type { Lang } from '../core/lang.js';
import { boltLogger } from './bolt-logger.js';
import type { ListenerDeps } from './listener-deps.js';
import { platformError } from './listener-deps.js';
import { registerAppMention } from './listeners/app-mention.js';
import { registerBlockActions } from './listeners/block-actions.js';
import { registerSlashCommand } from './listeners/slash-command.js';
import { interactiveClientOptions } from './web-client-options.js';

export interface SlackAppOptions {
  readonly config: SlackConfig;
  readonly holder: CoreHolder;
  readonly log: Logger;
  readonly language: Lang;
  readonly handlers?: readonly CommandHandler[];
  /**
   * HTTP mode: answer Slack's request only after the listener finished (default false: ack
   * first, as Slack wants). Tests set it to observe side effects without polling.
   */
  readonly processBeforeResponse?: boolean;
  /**
   * HTTP mode: the server to mount `/slack/events` on (the bot's one server, shared with Discord
   * and the operations routes). Without it, `start()` listens on a server of its own.
   */
  readonly server?: HttpServer;
  /** HTTP mode: which requests were already acted on (default: this process's memory). */
  readonly seen?: SeenRequests;
  readonly onRequest?: (outcome: SlackRequestOutcome) => void;
  readonly metrics?: BotMetrics;
  /** Many workspaces: where installations are kept (default: this process's memory). */
  readonly installations?: InstallationRecords;
  /** Many workspaces: a workspace uninstalled the app or revoked its token (pause its digests). */
  readonly onWorkspaceRemoved?: (workspaceId: string, reason: string) => Promise<void>;
}

export interface SlackBot {
  readonly app: App;
  /** Many workspaces: a workspace's bot token (refreshed first when it rotates), from its installation. */
  readonly authorize?: WorkspacePosterOptions['authorize'];
  /** Listens (HTTP: on `listen`, default the configured port on every interface) or connects (Socket Mode). */
  start(listen?: { port?: number; host?: string }): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/**
 * Builds the app, registers the listeners and checks the bot token with `auth.test` (to
 * SLACK_API_URL when set). Rejects with a message naming the variable when Slack refuses it.
 */
export async function createSlackApp(options: SlackAppOptions): Promise<SlackBot> {
  const { config, log } = options;
  const clientOptions = interactiveClientOptions(config.apiUrl);
  const logger = boltLogger(log);
  const installationStore = config.oauth ? new StoredInstallations(options.installations ?? new MemoryInstallationRecords()) : undefined;
  const installer = config.oauth && installationStore ? createInstaller(config.oauth, installationStore, { logger, slackApiUrl: clientOptions.slackApiUrl ?? '' }) : undefined;
  const common = {
    // Many workspaces: no token here; Bolt authorizes each request through the receiver's installer.
    ...(config.botToken ? { token: config.botToken } : {}),
    logger,
    clientOptions,
    // Bolt gives the Socket Mode client (apps.connections.open) the installer's client
    // options, not the app's: without this, Socket Mode would reach slack.com whatever
    // SLACK_API_URL says. Only the URL: the Socket Mode client sets its own patient retry
    // policy for reconnecting when none is given, and reconnecting should stay patient.
    installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
    // auth.test runs in init() below, where its failure can be reported, not in the constructor.
    deferInitialization: true,
  };
  const receiver =
    config.mode === 'http'
      ? new SlackHttpReceiver({
          signingSecret: config.signingSecret ?? '',
          log,
          seen: options.seen ?? new MemorySeenRequests(),
          processBeforeResponse: options.processBeforeResponse ?? false,
          ...(options.onRequest ? { onRequest: options.onRequest } : {}),
          ...(options.metrics ? { metrics: options.metrics } : {}),
          ...(installer ? { installer } : {}),
        })
      : undefined;
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, appToken: config.appToken ?? '', socketMode: true });
  // Socket Mode answers counted for /metrics as the HTTP receiver counts its own: by what was asked.
  const metrics = options.metrics;
  if (!receiver && metrics) {
    app.use(async ({ body, next }) => {
      const labels = slackAnswerLabels(body as Record<string, unknown>);
      const answered = metrics.startAnswer('slack', labels.via, labels.asked);
      try {
        await next();
        answered('ok');
      } catch (err) {
        answered('failed');
        throw err;
      }
    });
  }
  // A server of its own when none is shared (a Slack-only bot, tests).
  const ownServer = receiver && !options.server ? new HttpServer(log) : undefined;
  if (receiver) receiver.mount(options.server ?? ownServer!);
  if (installer && config.oauth) mountInstallRoutes(options.server ?? ownServer!, installer, config.oauth, log);

  try {
    await app.init();
  } catch (err) {
    throw new Error(describeStartError(err), { cause: err });
  }

  const deps: ListenerDeps = {
    holder: options.holder,
    log,
    language: options.language,
    handlers: options.handlers ?? [],
    locales: new UserLocales(options.log),
    adminUserIds: config.adminUserIds,
  };
  registerSlashCommand(app, deps);
  registerBlockActions(app, deps);
  registerAppMention(app, deps);
  if (installationStore) registerInstallationEvents(app, { installationStore, log, ...(options.onWorkspaceRemoved ? { onWorkspaceRemoved: options.onWorkspaceRemoved } : {}) });
  // Listeners catch their own errors; this catches what escapes Bolt's middleware, so one bad
  // request is logged (tokens masked) and the app keeps serving.
  app.error(async (error) => {
    log.error('slack: unhandled error', error);
  });

  return {
    app,
    ...(installer ? { authorize: async (query: Parameters<WorkspacePosterOptions['authorize']>[0]) => installer.authorize(query) } : {}),
    async start(listen) {
      await app.start();
      if (ownServer) return { port: await ownServer.listen(listen?.port ?? config.port, listen?.host) };
      return options.server?.port !== undefined ? { port: options.server.port } : {};
    },
    async stop() {
      await app.stop();
      await ownServer?.close();
    },
  };
}

/** Why start-up failed, in words that name the variable to fix (never its value). */
export function describeStartError(err: unknown): string {
  const code = platformError(err);
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
    return `Slack refused SLACK_BOT_TOKEN (${code}): copy the "Bot User OAuth Token" (xoxb-...) from the app's "OAuth & Permissions" page.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `Slack could not be reached to check SLACK_BOT_TOKEN (${code ?? message}); check the network, and SLACK_API_URL if set.`;
}

/** Starts the Slack adapter from the app's context; `stop()` closes the connection or server. */
export async function startSlack(
  ctx: BotContext,
  handlers: readonly CommandHandler[],
  shared: {
    readonly server?: HttpServer;
    readonly metrics?: BotMetrics;
    readonly seen?: SeenRequests;
    readonly installations?: InstallationRecords;
    readonly onWorkspaceRemoved?: (workspaceId: string, reason: string) => Promise<void>;
  } = {},
): Promise<RunningService & { readonly authorize?: SlackBot['authorize'] }> {
  const config = ctx.config.slack;
  if (!config) throw new Error('Slack is not configured: set SLACK_BOT_TOKEN (and SLACK_APP_TOKEN, or SLACK_MODE=http with SLACK_SIGNING_SECRET).');
  const bot = await createSlackApp({
    config,
    holder: ctx.holder,
    log: ctx.log,
    language: ctx.config.language,
    handlers,
    ...(config.mode === 'http' && shared.server ? { server: shared.server } : {}),
    ...(shared.metrics ? { metrics: shared.metrics } : {}),
    ...(shared.seen ? { seen: shared.seen } : {}),
    ...(shared.installations ? { installations: shared.installations } : {}),
    ...(shared.onWorkspaceRemoved ? { onWorkspaceRemoved: shared.onWorkspaceRemoved } : {}),
  });
  let port: number | undefined;
  try {
    ({ port } = await bot.start());
  } catch (err) {
    const code = platformError(err);
    throw new Error(
      config.mode === 'socket'
        ? `Slack refused the Socket Mode connection (${code ?? (err as Error).message}): check SLACK_APP_TOKEN, an app-level token (xapp-...) with the connections:write scope, and that Socket Mode is on.`
        : `Could not listen on PORT ${config.port}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  ctx.log.info(config.mode === 'http' ? (shared.server ? 'slack: answering POST /slack/events on the shared HTTP server' : `slack: listening for Slack's requests on port ${port} (POST /slack/events)`) : 'slack: connected in Socket Mode');
  return { name: 'slack', stop: () => bot.stop(), ...(bot.authorize ? { authorize: bot.authorize } : {}) };
}
