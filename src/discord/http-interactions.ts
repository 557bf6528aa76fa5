/**
 * Discord interactions over HTTP (`POST /discord/interactions`), for replicas behind a load
 * balancer with no gateway connection: Discord POSTs each command, button and autocomplete here
 * and takes the HTTP response as the interaction's first answer.
 *
 * The request is verified (Ed25519, `verify-interaction.ts`; 401 otherwise), its body checked
 * (400 for anything that is not an interaction), PING answered with PONG, a replayed interaction
 * id ignored; then it goes through the same router as the gateway's interactions
 * (`interaction-router.ts`): the discord.js interaction is built from the payload, and its first
 * callback (`reply`, `deferReply`, `update`, `respond`) is caught on its way to Discord's REST API
 * and sent as this HTTP response instead. Follow-ups and edits after a deferral go through REST
 * (webhook routes, no bot token needed). Discord waits 3 seconds: a handler that has not answered
 * after `answerWithinMs` gets a deferral sent for it (a command's "thinking…", a button's silent
 * acknowledgement, an autocomplete's empty list) so the user never sees "interaction failed".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { Client, Events, InteractionResponseType, InteractionType, type Interaction } from 'discord.js';
import * as z from 'zod';
import type { BotContext, CommandHandler, Logger, RunningService } from '../ports/index.js';
import { BodyTooLarge, readBody, sendEmpty, sendJson, type HttpServer } from '../http/http-server.js';
import type { BotMetrics } from '../http/metrics.js';
import { requestKey, type SeenRequests } from '../http/seen-requests.js';
import { interactionLabels } from './interaction-labels.js';
import { handleInteraction, type InteractionDeps } from './interaction-router.js';
import { discordPublicKey, verifyDiscordSignature } from './verify-interaction.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';

const snowflake = z.string().regex(/^\d{1,22}$/);
const InteractionBody = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(500),
  data: z.looseObject({}).optional(),
});

/**
 * The first answer of one interaction, caught from discord.js's REST call; resolves once that
 * answer is written as the HTTP response, so an edit that follows it (the stats chart) cannot
 * reach Discord before the message it edits exists.
 */
type Pending = { resolve: (body: unknown) => Promise<void> };

export interface DiscordHttpOptions {
  readonly publicKey: KeyObject;
  readonly deps: InteractionDeps;
  readonly log: Logger;
  readonly seen: SeenRequests;
  /** REST base without version (DISCORD_API_URL), for follow-ups. */
  readonly api?: string;
  /** The bot token, when set: only REST posting uses it; interactions answer without it. */
  readonly token?: string;
  readonly metrics?: BotMetrics;
  /** After this long without an answer, a deferral is sent in its place (default 2,500 ms). */
  readonly answerWithinMs?: number;
  readonly now?: () => number;
}

/** What to send when the handler is late: the deferral that fits the interaction. */
function deferralFor(type: number): unknown {
  if (type === InteractionType.ApplicationCommandAutocomplete) return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  if (type === InteractionType.MessageComponent) return { type: InteractionResponseType.DeferredMessageUpdate };
  return { type: InteractionResponseType.DeferredChannelMessageWithSource };
}

export class DiscordHttpInteractions {
  readonly client: Client;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly options: DiscordHttpOptions) {
    const pending = this.pending;
    this.client = new Client({
      intents: [],
      allowedMentions: { parse: [] },
      rest: {
        retries: 1,
        timeout: 10_000,
        ...(options.api ? { api: options.api } : {}),
        // The first callback of an interaction that came over HTTP is this HTTP request's answer.
        makeRequest: async (url: string, init: RequestInit) => {
          const callback = /\/interactions\/(\d+)\/[^/]+\/callback(?:\?|$)/.exec(url);
          const waiting = callback ? pending.get(callback[1]!) : undefined;
          if (callback && waiting && typeof init.body === 'string') {
            pending.delete(callback[1]!);
            await waiting.resolve(JSON.parse(init.body));
            return new Response(null, { status: 204 });
          }
          return fetch(url, init);
        },
      } as never,
    });
    if (options.token) this.client.rest.setToken(options.token);
    this.client.on(Events.InteractionCreate, (interaction: Interaction) => {
      void handleInteraction(interaction, options.deps);
    });
  }

  mount(server: HttpServer): void {
    server.route('POST', DISCORD_INTERACTIONS_PATH, (req, res) => this.handle(req, res));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, metrics } = this.options;
    const refuse = (status: number, reason: string, why: string) => {
      log.warn(`discord: interaction refused (${status}): ${why}`);
      metrics?.refused.inc({ platform: 'discord', reason });
      sendEmpty(res, status);
    };
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return refuse(413, 'too-large', 'body too large');
      throw err;
    }
    const verified = verifyDiscordSignature({ rawBody: raw, signature: req.headers['x-signature-ed25519'], timestamp: req.headers['x-signature-timestamp'] }, this.options.publicKey, this.options.now?.());
    if (!verified.ok) return refuse(401, 'bad-signature', verified.reason);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(400, 'malformed', 'the body is not JSON');
    }
    if (typeof json === 'object' && json !== null && (json as { type?: unknown }).type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong });
    const parsed = InteractionBody.safeParse(json);
    if (!parsed.success) return refuse(400, 'malformed', `not an interaction (${parsed.error.issues[0]?.path.join('.') || 'body'})`);
    const data = parsed.data;
    if (![InteractionType.ApplicationCommand, InteractionType.MessageComponent, InteractionType.ApplicationCommandAutocomplete].includes(data.type)) {
      return refuse(400, 'malformed', `interaction type ${data.type} is not one the bot answers`);
    }
    let first = true;
    try {
      first = await this.options.seen.claim(requestKey('discord', data.id), 60 * 60 * 1000);
    } catch (err) {
      log.error('discord: could not check whether the interaction was already handled; handling it', err);
    }
    if (!first) return refuse(409, 'duplicate', `interaction ${data.id} already answered (replayed)`);

    const labels = interactionLabels(data.type, { name: data.data?.name, customId: data.data?.custom_id });
    const kind = labels.via;
    const answered = metrics?.startAnswer('discord', labels.via, labels.kind);
    let written!: () => void;
    const sent = new Promise<void>((resolve) => (written = resolve));
    const answer = new Promise<unknown>((resolve) =>
      this.pending.set(data.id, {
        resolve: (body) => {
          resolve(body);
          return sent;
        },
      }),
    );
    res.once('finish', () => written());
    res.once('close', () => written());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.answerWithinMs ?? 2_500);
    });
    try {
      // discord.js builds the interaction and emits InteractionCreate to the router.
      (this.client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions.InteractionCreate.handle(json);
      const body = await Promise.race([answer, late]);
      if (body === 'late') {
        log.warn(`discord: ${kind} ${data.id} not answered in time; deferred`);
        this.pending.delete(data.id);
        sendJson(res, 200, deferralFor(data.type));
        answered?.('failed');
        return;
      }
      sendJson(res, 200, body);
      answered?.('ok');
    } finally {
      clearTimeout(timer);
      this.pending.delete(data.id);
    }
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}

export interface StartDiscordHttpOptions {
  readonly server: HttpServer;
  readonly seen: SeenRequests;
  readonly metrics?: BotMetrics;
  readonly commands?: InteractionDeps['commands'];
  readonly deferAfterMs?: number;
}

/**
 * Discord in HTTP-interactions mode (DISCORD_PUBLIC_KEY set): mounts the endpoint on the shared
 * server; no gateway connection is opened. Digests and alerts still post through REST with the
 * bot token (start-up builds that poster).
 */
export function startDiscordHttp(ctx: BotContext, handlers: readonly CommandHandler[], options: StartDiscordHttpOptions): RunningService {
  const config = ctx.config.discord;
  if (!config?.publicKey) throw new Error('breachbot: DISCORD_PUBLIC_KEY is not set, so Discord interactions cannot be received over HTTP');
  const api = config.apiUrl?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
  const interactions = new DiscordHttpInteractions({
    publicKey: discordPublicKey(config.publicKey),
    deps: {
      holder: ctx.holder,
      handlers,
      log: ctx.log,
      ...(options.commands ? { commands: options.commands } : {}),
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    },
    log: ctx.log,
    seen: options.seen,
    ...(api ? { api } : {}),
    ...(config.token ? { token: config.token } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  interactions.mount(options.server);
  ctx.log.info(`discord: answering interactions over HTTP (POST ${DISCORD_INTERACTIONS_PATH}); no gateway connection`);
  return { name: 'discord-http', stop: () => interactions.stop() };
}
