/**
 * A stand-in for Discord on 127.0.0.1: the REST API (`/api/v10/...`) and the gateway websocket,
 * enough for the real discord.js `Client` to log in, receive interactions and answer them.
 * Records every REST request so tests can assert on what a user would see.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIUser,
  type Locale,
} from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';

export const APP_ID = '111111111111111111';
export const BOT_ID = '222222222222222222';
export const GUILD_ID = '333333333333333333';
export const CHANNEL_ID = '444444444444444444';
export const USER_ID = '555555555555555555';
export const FAKE_TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEd.fake-token-for-tests-only-0123456789';

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, as sent (the `@` of `@original` stays encoded). */
  readonly path: string;
  readonly query: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: IncomingMessage['headers'];
  /** Files of a multipart request (`files[n]` parts), with `body` read from its `payload_json`. */
  readonly files?: readonly UploadedFile[];
}

export interface UploadedFile {
  /** The form field (`files[0]`). */
  readonly field: string;
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** Discord's limit for a bot's attachment without boosts (what interactions say in `attachment_size_limit`). */
export const ATTACHMENT_LIMIT = 10_485_760;

export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

let nextId = 900000000000000000n;
export const snowflake = () => String(nextId++);

export function messageObject(body: Record<string, unknown> | undefined, channelId = CHANNEL_ID): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: channelId,
    type: 0,
    content: (body?.content as string | undefined) ?? '',
    author: { id: BOT_ID, username: 'breachbot', discriminator: '0000', avatar: null, global_name: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    flags: (body?.flags as number | undefined) ?? 0,
  };
}

/** A message the fake holds in a channel: what a user scrolling the channel would see. */
export interface HeldMessage {
  readonly id: string;
  readonly channelId: string;
  readonly nonce?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  /** `Date.now()` when it was created (the fake clock when timers are faked). */
  readonly at: number;
}

/** How long Discord returns the existing message for a repeated nonce ("a few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Messages created in channels (POST /channels/{id}/messages), in order. */
  readonly messages: HeldMessage[] = [];
  /**
   * How many of the next channel posts are stored, then answered by dropping the connection (a
   * lost response: the message exists, the bot never hears of it).
   */
  dropAfterStore = 0;
  /** Overrides an answer; return undefined to keep the default. */
  onRest: ((req: RecordedRequest) => FakeResponse | undefined) | undefined;
  /** How many IDENTIFY and RESUME frames the gateway received (a reconnection adds one). */
  identifies = 0;
  resumes = 0;
  /** How many shards `GET /gateway/bot` recommends (discord.js with `shards: 'auto'` opens that many). */
  recommendedShards = 1;
  /** The `shard` of each IDENTIFY, in order: [shard id, shard count]. */
  readonly identifiedShards: [number, number][] = [];
  /** Each open connection's shard id, as it identified. */
  private readonly shardOf = new Map<WebSocket, number>();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  private port = 0;

  constructor() {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => this.gateway(ws));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = (this.http.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  get connections(): number {
    return [...this.sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Sends a dispatch to every connected client (or only to the connection of shard `shard`). */
  dispatch(t: string, d: unknown, shard?: number): void {
    const frame = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN && (shard === undefined || this.shardOf.get(ws) === shard)) ws.send(frame);
  }

  /** Drops every gateway connection, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** Waits until a recorded request satisfies `match`, polling; fails after `timeoutMs`. */
  async waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`fake discord: no matching request within ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The interaction callback for an interaction id (its body: `{ type, data }`). */
  async callback(interactionId: string, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitFor((r) => r.method === 'POST' && r.path.startsWith(`/api/v10/interactions/${interactionId}/`) && r.path.endsWith('/callback'), timeoutMs);
  }

  private gateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (frame.op === 2) {
        this.identifies++;
        const shard = ((frame.d as { shard?: [number, number] }).shard ?? [0, 1]) as [number, number];
        this.identifiedShards.push(shard);
        this.shardOf.set(ws, shard[0]);
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++this.seq,
            d: {
              v: 10,
              user: { id: BOT_ID, username: 'breachbot', discriminator: '0000', avatar: null, global_name: null, bot: true, flags: 0 },
              guilds: [],
              session_id: `session-${this.identifies}`,
              resume_gateway_url: this.wsUrl,
              application: { id: APP_ID, flags: 0 },
              shard,
            },
          }),
        );
      } else if (frame.op === 6) {
        this.resumes++;
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
      }
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const [path = '', query = ''] = (req.url ?? '').split('?');
    let body: unknown;
    let files: UploadedFile[] | undefined;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // As discord.js sends attachments: `payload_json` plus one `files[n]` part per file.
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const payload = form.get('payload_json');
      body = typeof payload === 'string' ? JSON.parse(payload) : undefined;
      files = [];
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') continue;
        files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    } else {
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, query, body, headers: req.headers, ...(files ? { files } : {}) };
    // Over the attachment limit: Discord refuses the whole request (40005, entity too large).
    if (files?.some((f) => f.bytes.length > ATTACHMENT_LIMIT)) {
      this.requests.push(recorded);
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Request entity too large', code: 40005 }));
      return;
    }
    this.requests.push(recorded);
    const answer = this.onRest?.(recorded) ?? this.defaultAnswer(recorded);
    if (this.dropAfterStore > 0 && recorded.method === 'POST' && /^\/api\/v10\/channels\/\d+\/messages$/.test(path) && answer.status === 200) {
      this.dropAfterStore--;
      req.socket.destroy();
      return;
    }
    const headers = { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...(answer.headers ?? {}) };
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  /** Messages held in a channel. */
  messagesIn(channelId: string): HeldMessage[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }

  /**
   * Creates a message, as Discord does: with `enforce_nonce`, a nonce this author used in the
   * channel within the last few minutes returns that message instead of creating another.
   */
  private createMessage(channelId: string, body: Record<string, unknown>): Record<string, unknown> {
    const nonce = typeof body?.nonce === 'string' || typeof body?.nonce === 'number' ? String(body.nonce) : undefined;
    if (nonce !== undefined && String(nonce).length > 25) throw new Error('fake discord: nonce over 25 characters');
    if (nonce !== undefined && body.enforce_nonce === true) {
      const earlier = this.messages.find((m) => m.channelId === channelId && m.nonce === nonce && Date.now() - m.at < NONCE_WINDOW_MS);
      if (earlier) return { ...messageObject(earlier.body, channelId), id: earlier.id, nonce };
    }
    const message = messageObject(body, channelId);
    this.messages.push({ id: String(message.id), channelId, ...(nonce !== undefined ? { nonce } : {}), body, at: Date.now() });
    return nonce !== undefined ? { ...message, nonce } : message;
  }

  private defaultAnswer(r: RecordedRequest): FakeResponse {
    const p = r.path;
    if (r.method === 'GET' && p === '/api/v10/gateway/bot') {
      return { status: 200, body: { url: this.wsUrl, shards: this.recommendedShards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (r.method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(p)) return { status: 204 };
    if (/^\/api\/v10\/webhooks\/\d+\/[^/]+\/messages\/(%40original|@original)$/.test(p)) {
      return r.method === 'DELETE' ? { status: 204 } : { status: 200, body: messageObject(r.body) };
    }
    if (r.method === 'POST' && /^\/api\/v10\/webhooks\/\d+\/[^/]+$/.test(p)) return { status: 200, body: messageObject(r.body) };
    const channel = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(p);
    if (r.method === 'POST' && channel) return { status: 200, body: this.createMessage(channel[1]!, r.body as Record<string, unknown>) };
    if (r.method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p)) {
      return { status: 200, body: (r.body as { name: string }[]).map((c) => ({ ...c, id: snowflake(), application_id: APP_ID, version: snowflake() })) };
    }
    return { status: 404, body: { message: 'Unknown route in the fake', code: 0 } };
  }
}

// ---- interaction payloads, as Discord sends them -------------------------------------------
//
// Shaped as Discord's interaction object documents them (discord-api-types' types check it at
// compile time): the channel as an object (discord.js reads `channel.id`; `channel_id` is
// deprecated but still sent), the guild and its locale, the member with their permissions in
// that channel, the user's locale, the bot's own permissions.

export interface Who {
  readonly locale?: string;
  /** The member's permission bitset in the channel (string, as Discord sends it); "0" is a plain member. */
  readonly permissions?: string;
  /** Outside a server (a DM with the bot): no guild, no member, a DM channel. */
  readonly dm?: boolean;
  readonly channelId?: string;
  readonly guildId?: string;
  readonly userId?: string;
}

/** What the bot may do in the channel: View Channel, Send Messages, Embed Links, Use Application Commands. */
export const APP_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 31n));

const userOf = (id: string): APIUser => ({ id, username: 'alice', discriminator: '0', avatar: null, global_name: 'Alice' });

function base<T extends InteractionType>(type: T, who: Who) {
  const id = snowflake();
  const userId = who.userId ?? USER_ID;
  const channelId = who.channelId ?? CHANNEL_ID;
  const guildId = who.guildId ?? GUILD_ID;
  const user = userOf(userId);
  const common = {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1 as const,
    locale: (who.locale ?? 'en-US') as Locale,
    app_permissions: APP_PERMISSIONS,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_LIMIT,
    channel_id: channelId,
  };
  if (who.dm) {
    return {
      ...common,
      user,
      channel: { id: channelId, type: ChannelType.DM as const, flags: 0, last_message_id: null, recipients: [user] },
      // The bot installed to a server, used in its DMs.
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
      context: InteractionContextType.BotDM,
    };
  }
  return {
    ...common,
    guild: { id: guildId, locale: 'en-US' as Locale, features: [] },
    guild_id: guildId,
    guild_locale: 'en-US' as Locale,
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: 'security', position: 0, flags: 0, parent_id: null, nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, permissions: who.permissions ?? '0' },
    member: {
      user,
      roles: [],
      permissions: who.permissions ?? '0',
      joined_at: '2024-01-01T00:00:00.000Z',
      premium_since: null,
      nick: null,
      avatar: null,
      banner: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    },
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    context: InteractionContextType.Guild,
  };
}

export interface CommandOption {
  readonly name: string;
  readonly type: number;
  readonly value?: string | number;
  readonly focused?: boolean;
  readonly options?: readonly CommandOption[];
}

type DataOptions = APIApplicationCommandInteractionDataOption[];

export function slashCommand(name: string, options: readonly CommandOption[], who: Who = {}) {
  return { ...base(InteractionType.ApplicationCommand, who), data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput as const, options: options as unknown as DataOptions } } satisfies APIChatInputApplicationCommandInteraction;
}

export function autocomplete(name: string, options: readonly CommandOption[], who: Who = {}) {
  return {
    ...base(InteractionType.ApplicationCommandAutocomplete, who),
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput as const, options: options as unknown as DataOptions },
  } satisfies APIApplicationCommandAutocompleteInteraction;
}

export function buttonPress(customId: string, who: Who = {}) {
  const b = base(InteractionType.MessageComponent, who);
  return {
    ...b,
    data: { custom_id: customId, component_type: ComponentType.Button as const },
    message: messageObject({ content: 'an earlier answer', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'x', custom_id: customId }] }] }, b.channel.id) as unknown as APIMessage,
  } satisfies APIMessageComponentButtonInteraction;
}
