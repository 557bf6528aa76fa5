/**
 * The one HTTP server of a running bot: Slack's routes, Discord's interactions endpoint and the
 * operations routes (`/healthz`, `/readyz`, `/metrics`) share one port. A route is a method and
 * an exact path; a handler that throws or rejects gets a 500 and a log line, never a crashed
 * process; an unknown path gets a 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../ports/index.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Largest request body read, in bytes (Slack's payloads stay far below; Bolt's own limit is 10 MB). */
export const BODY_LIMIT = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Reads a request body whole, refusing one past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': contentType });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json');
}

export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private server?: Server;

  constructor(private readonly log: Logger) {}

  /** Adds a route; a second handler for the same method and path is a programming error. */
  route(method: 'GET' | 'POST', path: string, handler: RouteHandler): this {
    const key = `${method} ${path}`;
    if (this.routes.has(key)) throw new Error(`http: route ${key} registered twice`);
    this.routes.set(key, handler);
    return this;
  }

  has(method: 'GET' | 'POST', path: string): boolean {
    return this.routes.has(`${method} ${path}`);
  }

  /** Answers one request (exposed so a test or another server can hand requests in). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = this.routes.get(`${(req.method ?? 'GET').toUpperCase()} ${path}`);
    if (!handler) {
      const known = [...this.routes.keys()].some((k) => k.endsWith(` ${path}`));
      sendEmpty(res, known ? 405 : 404);
      return;
    }
    try {
      await handler(req, res);
    } catch (err) {
      this.log.error(`http: ${req.method} ${path} failed`, err);
      sendEmpty(res, 500);
    }
  }

  /** Listens; resolves with the port actually bound (useful with port 0). */
  async listen(port: number, host?: string): Promise<number> {
    if (this.server) throw new Error('http: server already listening');
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    // Slack and Discord keep connections alive; a replica being stopped should not wait for them.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  /** Stops accepting requests; idle keep-alive connections are closed at once. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
