/**
 * A worker thread's entry: runs the one task it was started for (`workerData = { task, input }`)
 * and posts its log lines, then its result (buffers moved, not copied) or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../ports/index.js';
import { TASKS, type TaskName } from './tasks.js';
import type { WorkerMessage } from './run-task.js';

const port = parentPort;
if (!port) throw new Error('task-worker.ts runs only as a worker thread');
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
const line = (detail: unknown) => (detail instanceof Error ? ` ${detail.message}` : detail === undefined ? '' : ` ${String(detail)}`);
const log: Logger = {
  info: (m, d) => post({ kind: 'log', level: 'info', message: m + line(d) }),
  warn: (m, d) => post({ kind: 'log', level: 'warn', message: m + line(d) }),
  error: (m, d) => post({ kind: 'log', level: 'error', message: m + line(d) }),
};

const { task, input } = workerData as { task: TaskName; input: never };
try {
  const run = TASKS[task] as ((input: never, log: Logger) => Promise<{ result: unknown; transfer?: ArrayBuffer[] }>) | undefined;
  if (!run) throw new Error(`no task named "${String(task)}"`);
  const { result, transfer } = await run(input, log);
  post({ kind: 'done', result }, transfer);
} catch (err) {
  post({ kind: 'failed', message: (err as Error).message });
}
