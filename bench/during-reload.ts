/**
 * How late an acknowledgement gets while the catalog reloads: run in a fresh child process by
 * bench/run.ts (`--data DIR`), it answers a simulated request every 20 ms (a timer, then a search
 * through the serving core, as an adapter does before it acks) and records how late each answer
 * was against its schedule, first while a reload runs the old way (read, validate and index on
 * the main thread), then the way the bot reloads now (worker thread, then opened in slices).
 * Sends `{ onLoop, offLoop }` to the parent.
 */
import { parseArgs } from 'node:util';
import { BreachCore } from '../src/core/breach-core.js';
import { loadCatalog } from '../src/core/catalog.js';
import { CoreHolder } from '../src/core/core-holder.js';
import { compileInWorker, openOnLoop } from '../src/worker/off-loop.js';

export interface AckDuring {
  /** How long the reload took, start to swap. */
  readonly reloadMs: number;
  readonly acks: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const INTERVAL_MS = 20;

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
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  const dataDir = values.data!;
  const holder = new CoreHolder(new BreachCore(loadCatalog(dataDir)));
  for (let i = 0; i < 200; i++) holder.core.execute({ command: 'search', query: 'orange', pageSize: 5 });
  const onLoop = await measure(holder, async () => {
    holder.swap(new BreachCore(loadCatalog(dataDir)));
  });
  const offLoop = await measure(holder, async () => {
    holder.swap(await openOnLoop(await compileInWorker(dataDir)));
  });
  if (process.send) process.send({ onLoop, offLoop });
  else process.stdout.write(`${JSON.stringify({ onLoop, offLoop })}\n`);
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`during-reload: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
