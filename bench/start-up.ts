/**
 * Start-to-first-answer, as an operator sees it: a fresh `node bin/breachbot.js search <query>`
 * (the compiled code in dist/, the catalog snapshot in a cache folder) timed from spawn to its
 * answer on stdout, and its own peak RSS (written at exit by bench/peak-rss.cjs). The first run
 * on an empty cache folder builds from the data files (cold); the next runs read the snapshot.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StartUp {
  /** Spawn to the first byte of the answer on stdout. */
  readonly ms: number;
  readonly rssMB: number;
  /** CPU time the process used, all threads (what wall time is on an idle machine, less any overlap between threads). */
  readonly cpuMs: number;
}

export interface StartUps {
  /** No snapshot yet: read, validate, index (in a worker), write the snapshot, answer. */
  readonly cold: StartUp;
  /** The snapshot read: the median of `runs` starts, and the largest peak RSS among them. */
  readonly warm: StartUp;
  readonly runs: number;
}

function once(dataDir: string, cacheDir: string, query: string): Promise<StartUp> {
  const rssFile = join(cacheDir, `rss-${process.pid}-${Date.now()}.txt`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first: number | undefined;
    const child = spawn(process.execPath, ['--require', join(ROOT, 'bench', 'peak-rss.cjs'), join(ROOT, 'bin', 'breachbot.js'), 'search', query], {
      env: { ...process.env, DATA_DIR: dataDir, CATALOG_CACHE_DIR: cacheDir, BENCH_PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stdout.on('data', () => (first ??= performance.now() - t0));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || first === undefined) return reject(new Error(`bench: breachbot search exited with ${code}: ${err.slice(0, 500)}`));
      const [rss, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
      rmSync(rssFile, { force: true });
      resolve({ ms: first, rssMB: rss! / 1024, cpuMs: cpuMs! });
    });
  });
}

/** One cold start, then `runs` warm ones, each in a fresh process. Needs dist/ built. */
export async function measureStartUp(dataDir: string, query: string, runs = 3): Promise<StartUps> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'breachbot-bench-cache-'));
  try {
    const cold = await once(dataDir, cacheDir, query);
    const warm: StartUp[] = [];
    for (let r = 0; r < runs; r++) warm.push(await once(dataDir, cacheDir, query));
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return { cold, warm: { ms: median(warm.map((w) => w.ms)), rssMB: Math.max(...warm.map((w) => w.rssMB)), cpuMs: median(warm.map((w) => w.cpuMs)) }, runs };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
