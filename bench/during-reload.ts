/**
 * How late an acknowledgement gets while the catalog reloads, and while a feed refreshes: run in
 * a fresh child process by bench/run.ts (`--data DIR [--feed HIBP.json] [--on-loop]`), it
 * answers a simulated request every 20 ms (a timer, then a search through the serving core, as
 * an adapter does before it acks) and records how late each answer was against its schedule:
 * - with `--on-loop`, during a reload the old way (read, validate and index on the main thread);
 * - during a reload the way the bot reloads (a worker reads, validates, indexes and writes the
 *   snapshot; this thread opens it as a start does and swaps the core in);
 * - with `--feed`, during a refresh of the HIBP feed from a server on 127.0.0.1 (the download,
 *   mapping and snapshot rewrite in a worker), then the reload it causes.
 * Sends `{ onLoop?, reload, refresh? }` to the parent.
 */
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BreachCore } from '../src/core/breach-core.js';
import { loadCatalog } from '../src/core/catalog.js';
import { CoreHolder } from '../src/core/core-holder.js';
import { buildCoreOffLoop } from '../src/worker/off-loop.js';
import { loadCore } from '../src/worker/catalog-cache.js';
import { runTask } from '../src/worker/run-task.js';
import { snapshotPathFor } from '../src/worker/catalog-cache.js';

export interface AckDuring {
  /** How long the reload (or refresh and reload) took, start to swap. */
  readonly reloadMs: number;
  readonly acks: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface AcksDuring {
  readonly onLoop?: AckDuring;
  readonly reload: AckDuring;
  readonly refresh?: AckDuring;
}

const INTERVAL_MS = 20;
const FEED_BYTES = 60 * 1024 * 1024;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `reload` while simulated requests arrive every 20 ms; each one's lateness = when it was answered − when it was due. */
async function measure(holder: CoreHolder, reload: () => Promise<void>): Promise<AckDuring> {
  const late: number[] = [];
  let due = performance.now() + INTERVAL_MS;
  let running = true;
  const tick = () => {
    if (!running) return;
    holder.core.execute({ command: 'search', query: 'orange', pageSize: 5 });
    const now = performance.now();
    late.push(Math.max(0, now - due));
    // Requests arrive on their own schedule, whether or not the loop was free: the next one is due 20 ms after this one was.
    due += INTERVAL_MS;
    while (due < now - INTERVAL_MS) {
      // Requests that arrived while the loop was blocked are all answered now, each as late as it waited.
      late.push(now - due);
      due += INTERVAL_MS;
    }
    setTimeout(tick, Math.max(0, due - performance.now()));
  };
  setTimeout(tick, INTERVAL_MS);
  const t0 = performance.now();
  await reload();
  const reloadMs = performance.now() - t0;
  // A little after the swap too: the first answers from the new core count.
  await new Promise((r) => setTimeout(r, 200));
  running = false;
  const sorted = [...late].sort((a, b) => a - b);
  return { reloadMs, acks: late.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, feed: { type: 'string' }, 'on-loop': { type: 'boolean', default: false } } });
  const work = mkdtempSync(join(tmpdir(), 'breachbot-during-'));
  try {
    // A copy: the refresh rewrites the feed's snapshot under the data folder.
    const dataDir = join(work, 'data');
    cpSync(values.data!, dataDir, { recursive: true });
    const cacheDir = join(work, 'cache');
    const snapshot = snapshotPathFor(cacheDir, dataDir);
    // Serving as the bot serves: the core opened from its snapshot.
    const holder = new CoreHolder((await loadCore(dataDir, cacheDir)).core);
    for (let i = 0; i < 200; i++) holder.core.execute({ command: 'search', query: 'orange', pageSize: 5 });
    const onLoop = values['on-loop']
      ? await measure(holder, async () => {
          holder.swap(new BreachCore(loadCatalog(dataDir)));
        })
      : undefined;
    const reload = await measure(holder, async () => {
      holder.swap((await buildCoreOffLoop(dataDir, undefined, snapshot)).core);
    });
    let refresh: AckDuring | undefined;
    if (values.feed) {
      // At most ~60 MB, under the download's 64 MiB cap (a bigger feed is refused, as it would be in the bot).
      let list = JSON.parse(readFileSync(values.feed, 'utf8')) as unknown[];
      let body = Buffer.from(JSON.stringify(list));
      while (body.byteLength > FEED_BYTES) {
        list = list.slice(0, Math.floor((list.length * FEED_BYTES * 0.98) / body.byteLength));
        body = Buffer.from(JSON.stringify(list));
      }
      const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/breaches.json`;
      try {
        refresh = await measure(holder, async () => {
          const outcome = await runTask('refresh-feed', { feed: 'hibp', url, dataDir });
          if (outcome.kind === 'failed') throw new Error(`bench: the refresh failed: ${outcome.reason}`);
          holder.swap((await buildCoreOffLoop(dataDir, undefined, snapshot)).core);
        });
      } finally {
        server.close();
      }
    }
    const result: AcksDuring = { ...(onLoop ? { onLoop } : {}), reload, ...(refresh ? { refresh } : {}) };
    if (process.send) process.send(result);
    else process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`during-reload: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
