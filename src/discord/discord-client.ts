/**
 * The Discord client: discord.js v14 with the one intent slash commands need (Guilds; no
 * privileged intents), REST and gateway from `DISCORD_API_URL` when set (the gateway URL is then
 * read from that server's `GET /gateway/bot`, so a proxy or a test double can stand in).
 * Commands are registered by `npm run discord:deploy`, never here.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { BotContext, ChannelPoster, CommandHandler, RunningService } from '../ports/index.js';
import { handleInteraction, type InteractionDeps } from './interaction-router.js';
import { interactionLabels } from './interaction-labels.js';
import type { BotMetrics } from '../http/metrics.js';
import { createDiscordPoster } from './channel-poster.js';

export interface DiscordService extends RunningService {
  readonly client: Client<true>;
  /** Posts digests and alerts through a REST client that fails fast instead of waiting out rate limits. */
  readonly poster: ChannelPoster;
}

export interface StartDiscordOptions {
  /** The commands answered, by Discord name (default: every definition in `commands/`). */
  readonly commands?: InteractionDeps['commands'];
  /** See `InteractionDeps.deferAfterMs`. */
  readonly deferAfterMs?: number;
  /** How long to wait for the gateway's READY before giving up (default 30 s). */
  readonly readyTimeoutMs?: number;
  /** Counts and times the answers for `/metrics`. */
  readonly metrics?: BotMetrics;
}

/** discord.js wants the REST base without the version (`https://discord.com/api`); accept it with one too. */
export function restBase(apiUrl: string | undefined): string | undefined {
  return apiUrl?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/**
 * Interaction replies must come within 3 s: a request that hangs is abandoned rather than retried
 * for long. Requests go through Node's own fetch: with the undici that @discordjs/rest bundles, a
 * multipart body (the stats chart) failed here with "action is not a function" once another undici
 * was loaded in the process (discordjs/discord.js#11525, nodejs/undici#5520); the HTTP-interactions
 * client sends through fetch too. fetch's "fetch failed" is unwrapped to its cause (ECONNREFUSED...).
 */
const INTERACTION_REST = {
  retries: 1,
  timeout: 10_000,
  makeRequest: (url: string, init: RequestInit) =>
    fetch(url, init).catch((err: unknown) => {
      throw (err as { cause?: unknown }).cause instanceof Error ? (err as { cause: Error }).cause : err;
    }),
} as const;

export async function startDiscord(ctx: BotContext, handlers: readonly CommandHandler[], options: StartDiscordOptions = {}): Promise<DiscordService> {
  const config = ctx.config.discord;
  if (!config) throw new Error('breachbot: DISCORD_TOKEN is not set, so Discord cannot start');
  if (!config.token) throw new Error('breachbot: DISCORD_TOKEN is not set, so the Discord gateway cannot be joined (set it, or DISCORD_PUBLIC_KEY for HTTP interactions)');
  const { log } = ctx;
  const api = restBase(config.apiUrl);
  // Sharding in this process: "auto" asks Discord (GET /gateway/bot) how many; a count opens shards 0..n-1.
  const sharding =
    config.shards === 'auto' ? { shards: 'auto' as const } : typeof config.shards === 'number' ? { shards: [...Array(config.shards).keys()], shardCount: config.shards } : {};
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // A default for anything sent through the client; every payload also sets it itself.
    allowedMentions: { parse: [] },
    rest: { ...INTERACTION_REST, ...(api ? { api } : {}) },
    ...sharding,
  });
  const deps: InteractionDeps = {
    holder: ctx.holder,
    handlers,
    log,
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  };
  client.on(Events.InteractionCreate, (interaction) => {
    const labels = interactionLabels(interaction.type, { name: 'commandName' in interaction ? interaction.commandName : undefined, customId: 'customId' in interaction ? interaction.customId : undefined });
    const answered = options.metrics?.startAnswer('discord', labels.via, labels.kind);
    // The router answers (or logs) every failure itself: a rejection here is a bug, counted as failed.
    void handleInteraction(interaction, deps).then(
      () => answered?.('ok'),
      () => answered?.('failed'),
    );
  });
  client.on(Events.Error, (err) => log.error('discord: client error', err));
  client.on(Events.Warn, (message) => log.warn(`discord: ${message}`));
  // discord.js resumes or reconnects by itself after a gateway drop; these only say so.
  client.on(Events.ShardDisconnect, (event, shard) => log.warn(`discord: gateway shard ${shard} disconnected (code ${event.code}); reconnecting`));
  client.on(Events.ShardResume, (shard) => log.info(`discord: gateway shard ${shard} resumed`));

  let readyTimer: NodeJS.Timeout | undefined;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    readyTimer = setTimeout(() => reject(Object.assign(new Error('the gateway did not become ready in time'), { code: 'GatewayTimeout' })), options.readyTimeoutMs ?? 30_000);
  });
  try {
    await client.login(config.token);
    const readyClient = await ready;
    log.info(`discord: connected as ${readyClient.user.tag} (${readyClient.guilds.cache.size} servers)`);
    return {
      name: 'discord',
      client: readyClient,
      poster: createDiscordPoster(readyClient),
      async stop() {
        await client.destroy();
      },
    };
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw new Error(describeStartError(err, config.apiUrl), { cause: err });
  } finally {
    clearTimeout(readyTimer);
  }
}

/** Why start-up failed, in words that name the variable to fix (never its value). */
export function describeStartError(err: unknown, apiUrl?: string): string {
  const e = err as { code?: unknown; status?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'TokenInvalid' || code === 'TokenMissing' || e?.status === 401) {
    return `Discord refused DISCORD_TOKEN (${message.replace(/\.$/, '')}): on the Developer Portal's "Bot" page, choose "Reset Token" and copy it into DISCORD_TOKEN.`;
  }
  if (code === 'DisallowedIntents') return 'Discord refused the gateway intents the bot asked for; breachbot needs no privileged intent, so check DISCORD_TOKEN belongs to this bot.';
  const where = apiUrl ? `DISCORD_API_URL (${apiUrl})` : 'discord.com';
  if (code === 'GatewayTimeout') return `The Discord gateway (from ${where}) did not become ready in time; check the network${apiUrl ? ' and DISCORD_API_URL' : ''}.`;
  return `Discord could not be reached at ${where} (${code ?? message}); check the network${apiUrl ? ' and DISCORD_API_URL' : ''}.`;
}
