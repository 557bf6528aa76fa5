/**
 * A stand-in chat platform on 127.0.0.1 and a `ChannelPoster` that posts to it over HTTP, so the
 * digest is tested through a real network round trip. Each channel's answers can be scripted:
 * 500 (server error), 429 with Retry-After (rate limited), 404 (channel gone), then 200.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelPoster } from '../../src/ports/index.js';
import type { Answer } from '../../src/core/answer.js';
import { renderText } from '../../src/render/text-renderer.js';

export interface ReceivedPost {
  readonly channel: string;
  /** The post's idempotency key as sent (`<outbox key>.<part>`), when the poster sent one. */
  readonly key?: string;
  /** The message id the fake gave it (accepted posts). */
  readonly id?: string;
  /** `Date.now()` when the request arrived (the fake clock when timers are faked). */
  readonly at: number;
  readonly status: number;
  readonly incidentIds: readonly string[];
  readonly text: string;
}

export interface ScriptedReply {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /**
   * The message is stored (the channel shows it), then the connection is dropped ('drop'), or
   * left without an answer ('hang'): a lost response. `status` is ignored.
   */
  readonly lose?: 'drop' | 'hang';
}

export interface FakePlatform {
  readonly url: string;
  readonly received: ReceivedPost[];
  /** Replies for the next posts to `channel`, in order; afterwards, 200. */
  script(channel: string, replies: readonly ScriptedReply[]): void;
  /** What the channel shows: every post the fake stored (accepted, or stored then lost). */
  accepted(channel: string): ReceivedPost[];
  close(): Promise<void>;
}

export async function startFakePlatform(): Promise<FakePlatform> {
  const scripts = new Map<string, ScriptedReply[]>();
  const received: ReceivedPost[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      // Reconciliation: the message posted with a key, if the channel has one.
      const find = /^\/find\/([^/]+)\/(.+)$/.exec(req.url ?? '');
      if (find) {
        const [channel, key] = [decodeURIComponent(find[1]!), decodeURIComponent(find[2]!)];
        const found = received.find((r) => r.channel === channel && r.key === key && r.id !== undefined);
        res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        return res.end(JSON.stringify(found ? { found: true, id: found.id } : { found: false }));
      }
      const channel = decodeURIComponent((req.url ?? '').replace(/^\/post\//, ''));
      const reply = scripts.get(channel)?.shift() ?? { status: 200 };
      const parsed = JSON.parse(body) as { incidentIds: string[]; text: string; key?: string };
      if (reply.lose) {
        received.push({ channel, at: Date.now(), status: 200, incidentIds: parsed.incidentIds, text: parsed.text, id: `m${++n}`, ...(parsed.key ? { key: parsed.key } : {}) });
        if (reply.lose === 'drop') req.socket.destroy();
        return;
      }
      const id = reply.status === 200 ? `m${++n}` : undefined;
      received.push({ channel, at: Date.now(), status: reply.status, incidentIds: parsed.incidentIds, text: parsed.text, ...(id ? { id } : {}), ...(parsed.key ? { key: parsed.key } : {}) });
      const headers: Record<string, string> = { 'content-type': 'application/json', connection: 'close' };
      if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(id ? { ok: true, id } : { ok: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (channel, replies) => scripts.set(channel, [...replies]),
    accepted: (channel) => received.filter((r) => r.channel === channel && r.id !== undefined),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GETs `<url>/find/<channel>/<key>`: the id of the message posted with that key, if any. */
function findPosted(url: string, channelId: string, key: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/find/${encodeURIComponent(channelId)}/${encodeURIComponent(key)}`, { method: 'GET', agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => {
        const parsed = JSON.parse(data) as { found: boolean; id?: string };
        resolve(parsed.found ? parsed.id : undefined);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Posts `{ incidentIds, text, key }` to `<url>/post/<channel>`; maps the status as the real
 * adapters do. With `reconcile`, it first asks the fake whether a message with the key exists
 * (as the Slack poster searches the channel's history).
 */
export function createHttpPoster(url: string, platform = 'fake'): ChannelPoster {
  return {
    platform,
    async post(channel, answer: Answer, language, options = {}) {
      const incidentIds = answer.kind === 'message' ? answer.incidents.map((i) => i.id) : [];
      const key = options.key ? `${options.key}.0` : undefined;
      if (key && options.reconcile) {
        try {
          const id = await findPosted(url, channel.channelId, key);
          if (id) return { ok: true, messageIds: [id], accepted: [{ messageId: id, incidentIds }] };
        } catch (err) {
          return { ok: false, gone: false, retryable: true, reason: `cannot reconcile: ${(err as Error).message}` };
        }
      }
      const body = JSON.stringify({ incidentIds, text: renderText(answer, language), ...(key ? { key } : {}) });
      return new Promise((resolve) => {
        const req = http.request(`${url}/post/${encodeURIComponent(channel.channelId)}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status === 200) {
              const id = (JSON.parse(data) as { id: string }).id;
              return resolve({ ok: true, messageIds: [id], accepted: [{ messageId: id, incidentIds }] });
            }
            const retryAfter = res.headers['retry-after'];
            resolve({
              ok: false,
              gone: status === 404,
              retryable: status === 429 || status >= 500,
              reason: `HTTP ${status}`,
              ...(retryAfter ? { retryAfterMs: Number(retryAfter) * 1000 } : {}),
            });
          });
        });
        req.on('error', (err) => resolve({ ok: false, gone: false, retryable: true, reason: err.message }));
        req.end(body);
      });
    },
  };
}
