/**
 * A stand-in for Slack on 127.0.0.1: the Web API (`/api/<method>`, form-encoded or JSON, as
 * @slack/web-api sends it) and response URLs (`/respond/<id>`), every call recorded so tests
 * can assert what the bot sent. Methods answer `{ ok: true }` plus sensible fields unless a
 * test scripts another reply with `on()`.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOKEN = 'xoxb-0000000000-fake-bot-token-for-tests';
export const APP_TOKEN = 'xapp-1-A000-fake-app-token-for-tests';
export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
export const BOT_USER = 'UBREACHBOT';
export const TEAM = 'T0TEAM';

export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly authorization?: string;
}

export interface ResponseUrlPost {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** A scripted reply: a body for 200, or a full HTTP reply. */
export type Reply = Record<string, unknown> | { status: number; headers?: Record<string, string>; body: unknown };
type Script = (params: Record<string, unknown>) => Reply;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A file uploaded the way Slack takes files now: files.getUploadURLExternal (name, size, alt
 * text) gives an upload URL (here, on the fake), the bytes go there, files.completeUploadExternal
 * shares it (channel, thread, title). What a channel member would see, once completed.
 */
export interface SlackUpload {
  readonly id: string;
  readonly filename: string;
  /** The size the bot announced. */
  readonly length: number;
  readonly altText?: string;
  /** The bytes received at the upload URL (undefined until then). */
  bytes?: Buffer;
  /** Set by files.completeUploadExternal. */
  completed?: { readonly channel?: string; readonly threadTs?: string; readonly title?: string };
}

function parseParams(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The client sends arrays and objects (blocks) as JSON strings in form-encoded bodies.
    params[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return params;
}

/** A message the fake holds in a channel (chat.postMessage): what a user would see there. */
export interface SlackHeldMessage {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: unknown;
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** `Date.now()` when it was posted (the fake clock when timers are faked). */
  readonly at: number;
}

/** The bot's configuration for Slack over HTTP with this fake as its API: one workspace's bot token and the signing secret. */
export function slackHttpEnv(slack: FakeSlack): Record<string, string> {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl };
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Messages posted to channels, in order (conversations.history reads them, newest first). */
  readonly messages: SlackHeldMessage[] = [];
  /**
   * How many of the next chat.postMessage calls are stored, then answered by dropping the
   * connection (a lost response: the message is in the channel, the bot never hears of it).
   */
  dropAfterStore = 0;
  /**
   * How many of the next chat.postMessage calls are stored, then never answered (the bot's
   * request stays in flight until it gives up or the fake stops); `held` lists their channels.
   */
  hangAfterStore = 0;
  readonly held: string[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /** Files announced, uploaded and shared (files.getUploadURLExternal, upload URL, files.completeUploadExternal). */
  readonly uploads: SlackUpload[] = [];
  /** The largest file files.getUploadURLExternal accepts (Slack: 1 GB). */
  maxUploadBytes = 1024 * 1024 * 1024;
  private readonly scripts = new Map<string, Script[]>();
  private server?: Server;
  private ts = 1_700_000_000;
  private seq = 0;
  port = 0;
  /** Scripted reply for users.info: which users are admins. */
  admins = new Set<string>();
  /** Scripted reply for users.info with include_locale: each user's locale ("fr-FR", "en-US"). */
  locales = new Map<string, string>();
  /** Socket Mode: the bot's websocket connections and every frame they sent. */
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly sockets: WebSocket[] = [];
  readonly socketFrames: Record<string, unknown>[] = [];

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next calls of `method` get these replies, in order (then the default again). */
  on(method: string, ...replies: (Reply | Script)[]): void {
    const list = this.scripts.get(method) ?? [];
    list.push(...replies.map((r) => (typeof r === 'function' ? r : () => r)));
    this.scripts.set(method, list);
  }

  /** Messages held in a channel. */
  messagesIn(channel: string): SlackHeldMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.dropAfterStore = 0;
    this.hangAfterStore = 0;
    this.held.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.scripts.clear();
  }

  private defaultReply(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'breachbot', team_id: TEAM, user_id: BOT_USER, bot_id: 'BBREACHBOT' };
      case 'chat.postMessage': {
        // As Slack's: the epoch second it was posted, then a sequence (unique in the channel).
        const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
        const meta = params.metadata as SlackHeldMessage['metadata'] | undefined;
        this.messages.push({ channel: String(params.channel), ts, text: String(params.text ?? ''), blocks: params.blocks, ...(meta ? { metadata: meta } : {}), at: Date.now() });
        return { ok: true, channel: params.channel, ts, message: { text: params.text } };
      }
      case 'conversations.history': {
        // Newest first; metadata only with include_all_metadata, as Slack does.
        const all = String(params.include_all_metadata) === 'true';
        const oldest = params.oldest !== undefined ? Number(params.oldest) : 0;
        const limit = params.limit !== undefined ? Number(params.limit) : 100;
        const messages = this.messages
          .filter((m) => m.channel === String(params.channel) && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, limit)
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBREACHBOT', ...(all && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(params.length);
        if (!params.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        if (length > this.maxUploadBytes) return { ok: false, error: 'file_too_large' };
        const id = `F${String(++this.seq).padStart(9, '0')}`;
        this.uploads.push({ id, filename: String(params.filename), length, ...(params.alt_text !== undefined ? { altText: String(params.alt_text) } : {}) });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(params.files) ? params.files : []) as { id: string; title?: string }[];
        const found = files.map((f) => this.uploads.find((u) => u.id === f.id));
        // As Slack: a file never uploaded cannot be completed.
        if (found.length === 0 || found.some((u) => !u?.bytes)) return { ok: false, error: 'file_not_found' };
        files.forEach((f, i) => {
          found[i]!.completed = {
            ...(params.channel_id ? { channel: String(params.channel_id) } : {}),
            ...(params.thread_ts ? { threadTs: String(params.thread_ts) } : {}),
            ...(f.title ? { title: f.title } : {}),
          };
        });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts++}.000200` };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'users.info': {
        const id = String(params.user);
        // Like Slack: the locale only when asked for (include_locale=true).
        const locale = String(params.include_locale) === 'true' ? this.locales.get(id) : undefined;
        return { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false, is_primary_owner: false, ...(locale ? { locale } : {}) } };
      }
      default:
        return { ok: true };
    }
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const bytes = await readBody(req);
      const raw = bytes.toString('utf8');
      const url = req.url ?? '/';
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const respond = /^\/respond\/([\w-]+)/.exec(url);
      if (respond) {
        this.responses.push({ id: respond[1]!, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        const script = this.scripts.get(`respond:${respond[1]}`)?.shift();
        if (script) {
          const reply = script({});
          if ('status' in reply && typeof reply.status === 'number') return send(reply.status, reply.body, (reply.headers as Record<string, string>) ?? {});
        }
        return send(200, 'ok', { 'content-type': 'text/plain' });
      }
      const upload = /^\/upload\/(F\d+)$/.exec(url);
      if (upload) {
        const file = this.uploads.find((u) => u.id === upload[1]);
        if (!file) return send(404, 'unknown upload', { 'content-type': 'text/plain' });
        const script = this.scripts.get(`upload:${file.id}`)?.shift() ?? this.scripts.get('upload')?.shift();
        const reply = script?.({});
        if (reply && 'status' in reply && typeof reply.status === 'number') return send(reply.status, reply.body);
        // @slack/web-api sends the bytes as a multipart form; raw bytes are taken too.
        const type = req.headers['content-type'] ?? '';
        let data = bytes;
        if (type.startsWith('multipart/form-data')) {
          const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
          const part = [...form.values()].find((v) => typeof v !== 'string') as Blob | undefined;
          data = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
        }
        file.bytes = data;
        return send(200, `OK - ${data.length}`, { 'content-type': 'text/plain' });
      }
      const api = /^\/api\/([\w.]+)/.exec(url);
      if (!api) return send(404, { ok: false, error: 'unknown_url' });
      const method = api[1]!;
      const params = parseParams(raw, req.headers['content-type']);
      this.calls.push({ method, params, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const script = this.scripts.get(method)?.shift();
      const reply = script ? script(params) : this.defaultReply(method, params);
      if (method === 'chat.postMessage' && !script && this.dropAfterStore > 0) {
        this.dropAfterStore--;
        req.socket.destroy();
        return;
      }
      if (method === 'chat.postMessage' && !script && this.hangAfterStore > 0) {
        this.hangAfterStore--;
        this.held.push(String(params.channel));
        return;
      }
      if ('status' in reply && typeof reply.status === 'number') return send(reply.status, reply.body, (reply.headers as Record<string, string>) ?? {});
      return send(200, reply);
    });
    // Socket Mode: the stand-in says hello, then the test sends envelopes; acks come back here.
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.push(ws);
        ws.on('message', (data) => this.socketFrames.push(JSON.parse(String(data)) as Record<string, unknown>));
        ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0BREACHBOT' } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Sends a Socket Mode envelope to the connected bot and waits for its ack. */
  async envelope(type: string, payload: Record<string, unknown>, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const envelopeId = `env-${Math.random().toString(36).slice(2)}`;
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no Socket Mode connection');
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type === 'slash_commands' || type === 'interactive', retry_attempt: 0, retry_reason: '' }));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.socketFrames.find((f) => f.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`no ack for ${type} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  readonly timestamp?: number;
  readonly signature?: string;
  readonly secret?: string;
}

/** POSTs a form-encoded body to the bot's /slack/events, signed as Slack signs it. */
export async function postToBot(port: number, form: Record<string, string>, options: SignedPostOptions = {}): Promise<{ status: number; text: string; json?: Record<string, unknown> }> {
  const body = new URLSearchParams(form).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp, options.secret),
    },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return json ? { status: res.status, text, json } : { status: res.status, text };
}

/** POSTs a JSON event (Events API) to the bot, signed. */
export async function postEventToBot(port: number, event: Record<string, unknown>): Promise<{ status: number }> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) },
    body,
  });
  await res.text();
  return { status: res.status };
}

let seq = 0;

/** The form Slack posts for `/breach <text>`. */
export function slashCommandForm(text: string, responseUrl: string, user = 'U0ASKER', channel = 'C0CHANNEL'): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'security',
    user_id: user,
    user_name: 'asker',
    command: '/breach',
    text,
    api_app_id: 'A0BREACHBOT',
    response_url: responseUrl,
    trigger_id: `trigger-${++seq}`,
  };
}

/** The form Slack posts when a button is clicked. */
export function blockActionForm(
  button: { action_id: string; value: string },
  responseUrl: string,
  options: { ephemeral?: boolean; user?: string; channel?: string } = {},
): Record<string, string> {
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'fake' },
    user: { id: options.user ?? 'U0ASKER', username: 'asker', team_id: TEAM },
    api_app_id: 'A0BREACHBOT',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: options.channel ?? 'C0CHANNEL', is_ephemeral: options.ephemeral ?? true },
    trigger_id: `trigger-${++seq}`,
    channel: { id: options.channel ?? 'C0CHANNEL', name: 'security' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: button.value, action_ts: '1700000001.000001' }],
  };
  return { payload: JSON.stringify(payload) };
}

/** The Events API envelope of an `@breachbot ...` mention. */
export function mentionEvent(text: string, options: { ts?: string; threadTs?: string; user?: string; channel?: string } = {}): Record<string, unknown> {
  const ts = options.ts ?? `1700000100.${String(++seq).padStart(6, '0')}`;
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0BREACHBOT',
    type: 'event_callback',
    event_id: `Ev${++seq}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: options.user ?? 'U0ASKER',
      text,
      ts,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      channel: options.channel ?? 'C0CHANNEL',
      event_ts: ts,
    },
  };
}
