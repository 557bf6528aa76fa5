/**
 * A stand-in JSON API on 127.0.0.1 (say Slack's Web API and Discord's REST API in one server):
 * the route gets each request with its whole body read, and a `send` that answers JSON.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SendJson = (status: number, json: unknown) => void;

export interface StandInApi {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Closes the server and any connection a client kept open. */
  close(): Promise<void>;
}

export async function startStandInApi(route: (req: http.IncomingMessage, raw: string, send: SendJson) => void): Promise<StandInApi> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const send: SendJson = (status, json) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      route(req, raw, send);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
