/**
 * The operations routes on the bot's HTTP server, for a load balancer and a scraper:
 * - `GET /healthz`: 200 while the process serves requests (liveness; nothing else is checked).
 * - `GET /readyz`: 200 when every readiness check passes (the catalog is loaded, the state store
 *   answers), 503 otherwise; the body names each check, so a failing probe says which.
 * - `GET /metrics`: Prometheus text.
 */
import type { HttpServer } from './http-server.js';
import { sendJson, sendText } from './http-server.js';
import type { BotMetrics } from './metrics.js';

/** A readiness check: true when ready; a throw or a slow answer (over `CHECK_TIMEOUT_MS`) means not ready. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(check),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function mountOpsRoutes(server: HttpServer, options: { metrics: BotMetrics; checks: Readonly<Record<string, ReadinessCheck>> }): void {
  server.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  server.route('GET', '/readyz', async (_req, res) => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(names.map((n) => runCheck(options.checks[n]!)));
    const checks = Object.fromEntries(names.map((n, i) => [n, results[i] ? 'ok' : 'failing']));
    const ready = results.every(Boolean);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  });
  server.route('GET', '/metrics', async (_req, res) => {
    sendText(res, 200, await options.metrics.text(), options.metrics.contentType);
  });
}
