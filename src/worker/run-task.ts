/**
 * Runs a named task (`tasks.ts`) in a worker thread, so the heavy work (reading, validating and
 * indexing the catalog, refreshing a feed) never holds the event loop that acknowledges Slack
 * and Discord within their 3 seconds. One fresh worker per run: it starts in about 0.1 s, and
 * everything it allocated is freed when it exits. Its log lines come back to the caller's logger;
 * its result is moved, not copied, where it holds buffers.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ports/index.js';
import type { TaskInput, TaskName, TaskOutput } from './tasks.js';

/** What a worker posts: log lines while it runs, then one outcome. */
export type WorkerMessage =
  | { readonly kind: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
  | { readonly kind: 'done'; readonly result: unknown }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The worker's entry: compiled JavaScript when running from dist/; the TypeScript source,
 * through tsx, when running from the sources (tests, `npm run bench`).
 */
function startWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./task-worker.js', here), { workerData });
  const entry = new URL('./task-worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export class TaskError extends Error {}

/** Runs `task` with `input` in a new worker; resolves with its result, rejects with its error. */
export function runTask<N extends TaskName>(task: N, input: TaskInput<N>, log?: Logger): Promise<TaskOutput<N>> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ task, input });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'log') log?.[m.level](m.message);
      else if (m.kind === 'done') settle(() => resolve(m.result as TaskOutput<N>));
      else settle(() => reject(new TaskError(`${task}: ${m.message}`)));
    });
    worker.on('error', (err) => settle(() => reject(new TaskError(`${task}: ${err.message}`))));
    worker.on('exit', (code) => settle(() => reject(new TaskError(`${task}: the worker exited (code ${code}) without an answer`))));
  });
}
