/**
 * Bolt's transport for Slack's HTTP requests, mounted on the bot's one HTTP server (Bolt's own
 * HTTPReceiver wants a server of its own). Before Bolt sees a request:
 * - its signature and timestamp are checked, the timestamp within 5 minutes in both directions
 *   (401 otherwise);
 * - its body must have the shape Bolt relies on (400 otherwise; Bolt would crash the process on
 *   a signed JSON `null`);
 * - it must not have been acted on already: an event Slack retries (`X-Slack-Retry-Num`, same
 *   `event_id`), a replayed click or command gets a plain 200 and does nothing (the claims are
 *   shared between replicas when they live in the state store).
 * The answer goes back as soon as the listener calls `ack()` (Bolt's HTTPResponseAck), so heavy
 * work runs after Slack has its acknowledgement; no `ack()` within 3 s gets Bolt's 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, HTTPResponseAck, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { InstallProvider } from '@slack/oauth';
import type { Logger } from '../ports/index.js';
import { BodyTooLarge, readBody, sendEmpty, sendJson, type HttpServer } from '../http/http-server.js';
import type { BotMetrics } from '../http/metrics.js';
import type { SeenRequests } from '../http/seen-requests.js';
import { readSlackBody } from './request-body.js';
import { verifySlackSignature } from './verify-request.js';

export const SLACK_EVENTS_PATH = '/slack/events';

/** How long a request's once-key is remembered: Slack's last retry comes about 5 minutes after the first try. */
export const ONCE_TTL_MS = 60 * 60 * 1000;

/** What the receiver tells the outside (metrics) about each request, by outcome. */
export type SlackRequestOutcome = 'accepted' | 'duplicate' | 'bad-signature' | 'malformed' | 'too-large' | 'failed';

export interface SlackReceiverOptions {
  readonly signingSecret: string;
  readonly log: Logger;
  readonly seen: SeenRequests;
  /** Answer only after the listener finished (tests); default false: ack first, as Slack wants. */
  readonly processBeforeResponse?: boolean;
  /** Bolt's OAuth installer (many workspaces); Bolt then authorizes each request from its installation store. */
  readonly installer?: InstallProvider;
  readonly onRequest?: (outcome: SlackRequestOutcome) => void;
  /** Counts refusals and times answers for `/metrics`. */
  readonly metrics?: BotMetrics;
  /** The clock (tests of the timestamp window). */
  readonly now?: () => number;
}

/** Bolt's Logger, as HTTPResponseAck wants it, from ours. */
function boltAckLogger(log: Logger) {
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => log.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => log.error(m.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => 'info' as never,
    setName: () => {},
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

export class SlackHttpReceiver implements Receiver {
  private app?: App;
  /** Read by Bolt's App: with an installer, Bolt authorizes each request from the installation store. */
  readonly installer: InstallProvider | undefined;

  constructor(private readonly options: SlackReceiverOptions) {
    this.installer = options.installer;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The routes live on the shared server: starting and stopping it is its owner's business. */
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Mounts `/slack/events` (and, with an installer, the install routes) on the server. */
  mount(server: HttpServer): void {
    server.route('POST', SLACK_EVENTS_PATH, (req, res) => this.handleEvents(req, res));
  }

  async handleEvents(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.options;
    const metrics = this.options.metrics;
    const note = (outcome: SlackRequestOutcome) => {
      this.options.onRequest?.(outcome);
      if (outcome !== 'accepted' && outcome !== 'failed') metrics?.refused.inc({ platform: 'slack', reason: outcome });
    };
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      log.warn('slack: request refused: body too large');
      note('too-large');
      return sendEmpty(res, 413);
    }
    const signature = header(req, 'x-slack-signature');
    const verified = verifySlackSignature({ rawBody: raw, timestamp: req.headers['x-slack-request-timestamp'], signature }, this.options.signingSecret, this.options.now?.());
    if (!verified.ok) {
      log.warn(`slack: request refused (401): ${verified.reason}`);
      note('bad-signature');
      return sendEmpty(res, 401);
    }
    const body = readSlackBody(raw.toString('utf8'), header(req, 'content-type'), signature ?? '');
    if (body.kind === 'malformed') {
      log.warn(`slack: signed request refused (400): ${body.reason}`);
      note('malformed');
      return sendEmpty(res, 400);
    }
    if (body.kind === 'ssl-check') return sendEmpty(res, 200);
    if (body.kind === 'url-verification') return sendJson(res, 200, { challenge: body.challenge });

    const retry = header(req, 'x-slack-retry-num');
    let first = true;
    try {
      first = await this.options.seen.claim(body.onceKey, ONCE_TTL_MS);
    } catch (err) {
      // The shared claims are unreachable: acting twice on a rare retry beats never answering.
      log.error(`slack: could not check whether ${body.label} was already handled; handling it`, err);
    }
    if (!first) {
      log.info(`slack: ${body.label} already handled${retry ? ` (Slack retry ${retry.slice(0, 3)}, ${header(req, 'x-slack-retry-reason')?.slice(0, 40) ?? 'no reason'})` : ' (replayed)'}; acknowledged, not repeated`);
      note('duplicate');
      return sendEmpty(res, 200);
    }

    const app = this.app;
    if (!app) throw new Error('slack: receiver used before Bolt initialized it');
    const ack = new HTTPResponseAck({
      logger: boltAckLogger(log),
      processBeforeResponse: this.options.processBeforeResponse ?? false,
      httpRequest: req,
      httpRequestBody: body.body,
      httpResponse: res,
    });
    const retryNum = retry !== undefined && /^\d+$/.test(retry) ? Number(retry) : undefined;
    const retryReason = header(req, 'x-slack-retry-reason');
    const event: ReceiverEvent = {
      body: body.body,
      ack: ack.bind(),
      ...(retryNum !== undefined ? { retryNum } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
    };
    const answered = metrics?.startAnswer('slack', body.via, body.asked);
    try {
      await app.processEvent(event);
      if (ack.storedResponse !== undefined) sendStored(res, ack.storedResponse);
      note('accepted');
      answered?.('ok');
    } catch (err) {
      log.error(`slack: ${body.label} failed inside Bolt`, err);
      note('failed');
      answered?.('failed');
      if (!res.headersSent) sendEmpty(res, (err as { code?: string }).code === 'slack_bolt_authorization_error' ? 401 : 500);
    }
  }
}

function sendStored(res: ServerResponse, stored: unknown): void {
  if (res.headersSent) return;
  if (typeof stored === 'string') {
    res.writeHead(200);
    res.end(stored);
    return;
  }
  sendJson(res, 200, stored);
}
