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
  /** `Date.now()` when the request arrived (the fake clock when timers are faked). */
  readonly at: number;
  readonly status: number;
  readonly incidentIds: readonly string[];
  readonly text: string;
}

export interface ScriptedReply {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

export interface FakePlatform {
  readonly url: string;
  readonly received: ReceivedPost[];
  /** Replies for the next posts to `channel`, in order; afterwards, 200. */
  script(channel: string, replies: readonly ScriptedReply[]): void;
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
      const channel = decodeURIComponent((req.url ?? '').replace(/^\/post\//, ''));
      const reply = scripts.get(channel)?.shift() ?? { status: 200 };
      const parsed = JSON.parse(body) as { incidentIds: string[]; text: string };
      received.push({ channel, at: Date.now(), status: reply.status, incidentIds: parsed.incidentIds, text: parsed.text });
      const headers: Record<string, string> = { 'content-type': 'application/json', connection: 'close' };
      if (reply.retryAfterSeconds !== undefined) headers['retry-after'] = String(reply.retryAfterSeconds);
      res.writeHead(reply.status, headers);
      res.end(JSON.stringify(reply.status === 200 ? { ok: true, id: `m${++n}` } : { ok: false }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (channel, replies) => scripts.set(channel, [...replies]),
    accepted: (channel) => received.filter((r) => r.channel === channel && r.status === 200),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Posts `{ incidentIds, text }` to `<url>/post/<channel>`; maps the status as the real adapters do. */
export function createHttpPoster(url: string, platform = 'fake'): ChannelPoster {
  return {
    platform,
    post(channel, answer: Answer, language) {
      const incidentIds = answer.kind === 'message' ? answer.incidents.map((i) => i.id) : [];
      const body = JSON.stringify({ incidentIds, text: renderText(answer, language) });
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
