/**
 * `npm run bench`: how fast and how good breachbot's search is at 1,000 / 10,000 / 100,000
 * synthetic incidents and on the bundled catalog, side by side with Fuse.js and an exact-name
 * Map. Prints the tables and writes them to bench/results.md.
 *
 *   npm run bench [-- --sizes 1000,10000 --seed N --no-bundled --no-build --out FILE]
 *   npm run bench -- --corpus breaches.json [--queries queries.json] --json
 *
 * With --corpus, the file is a Have I Been Pwned breach list; --queries is a JSON array of
 * `{ "q": "...", "expect": "<HIBP Name that must come first>" }`; --json prints exactly one JSON
 * object on stdout (everything else goes to stderr).
 *
 * Each catalog is measured in a fresh child process (bench/measure.ts), so one size's heap and
 * peak RSS never pollute another's.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/core/catalog.js';
import { generateCorpus, writeCatalog } from './corpus.js';
import { loadHibpCorpus, resolveHibpQueries } from './hibp-corpus.js';
import type { MeasureResult } from './measure.js';
import { generateQuerySet, type QueryRecord, type QuerySet } from './query-set.js';
import { renderReport, type Machine, type Row } from './report.js';
import { measureStartUp } from './start-up.js';
import { toHibpBreaches } from './hibp-format.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..');
const DEFAULT_SEED = 20261123;

const log = (text: string) => process.stderr.write(`${text}\n`);

/** Fuse.js scans every record per query: it gets this long for timed queries, and as long again for labelled ones, per catalog. */
const FUSE_BUDGET_MS = 12_000;

function measureInChild(dataDir: string, set: QuerySet, workDir: string): Promise<MeasureResult> {
  const queriesFile = join(workDir, 'queries.json');
  writeFileSync(queriesFile, JSON.stringify(set));
  return new Promise((resolve, reject) => {
    const child = fork(join(HERE, 'measure.ts'), ['--data', dataDir, '--queries', queriesFile, '--fuse-budget-ms', String(FUSE_BUDGET_MS)], {
      execArgv: [...process.execArgv, '--expose-gc'],
      // The child's stdout goes to our stderr: with --json our stdout carries one object only.
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let result: MeasureResult | undefined;
    child.on('message', (m) => (result = m as MeasureResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`bench: measurement child exited with ${code}`))));
  });
}

/**
 * Acknowledgement lateness during a reload of `dataDir` (and, with `feed`, during a refresh of
 * that HIBP feed), measured in a fresh child (bench/during-reload.ts).
 */
function reloadInChild(dataDir: string, options: { feed?: string; onLoop?: boolean } = {}): Promise<NonNullable<Row['reload']>> {
  const args = ['--data', dataDir, ...(options.feed ? ['--feed', options.feed] : []), ...(options.onLoop ? ['--on-loop'] : [])];
  return new Promise((resolve, reject) => {
    const child = fork(join(HERE, 'during-reload.ts'), args, { execArgv: process.execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
    let result: Row['reload'];
    child.on('message', (m) => (result = m as Row['reload']));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`bench: reload child exited with ${code}`))));
  });
}

function dirMB(dir: string): number {
  let bytes = 0;
  for (const sub of ['incidents', 'imported']) {
    try {
      for (const f of readdirSync(join(dir, sub))) bytes += statSync(join(dir, sub, f)).size;
    } catch {
      // no such folder
    }
  }
  return bytes / 2 ** 20;
}

function machine(): Machine {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return {
    cpu,
    cores: cpus().length,
    memGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

async function syntheticRow(size: number, seed: number, workRoot: string): Promise<Row> {
  const work = join(workRoot, `synthetic-${size}`);
  const dataDir = join(work, 'data');
  let t = performance.now();
  const records = generateCorpus({ size, seed });
  writeCatalog(records, dataDir);
  log(`  corpus of ${size.toLocaleString('en-US')} generated and written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const set = generateQuerySet(records, { seed: seed + size });
  log(`  ${set.mixed.length} queries (${set.labelled.length} labelled) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const corpusMB = dirMB(dataDir);
  const result = await measureInChild(dataDir, set, work);
  const query = set.labelled[0]?.q ?? 'orange';
  const startUp = await measureStartUp(dataDir, query);
  log(`  start to first answer: cold ${(startUp.cold.ms / 1000).toFixed(1)} s / ${startUp.cold.rssMB.toFixed(0)} MB, warm ${(startUp.warm.ms / 1000).toFixed(2)} s / ${startUp.warm.rssMB.toFixed(0)} MB`);
  let reload: Row['reload'];
  if (size >= 10_000) {
    // The refresh serves the same incidents as an HIBP feed (at most ~60 MB: the download's cap is 64 MiB).
    const feed = join(work, 'feed.json');
    writeFileSync(feed, JSON.stringify(toHibpBreaches(records).breaches));
    reload = await reloadInChild(dataDir, { feed, onLoop: size <= 10_000 });
  }
  rmSync(work, { recursive: true, force: true });
  return { label: `synthetic ${size / 1000}k`, corpusMB, result, startUp, ...(reload ? { reload } : {}) };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      corpus: { type: 'string' },
      queries: { type: 'string' },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-bundled': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  // Start-up is measured on the compiled code, as `npm start` runs it.
  if (!values['no-build']) {
    log('bench: building dist/ (npm run build)');
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  }
  const workRoot = mkdtempSync(join(tmpdir(), 'breachbot-bench-'));
  const started = performance.now();
  try {
    if (values.corpus) {
      const { records, mapper } = await loadHibpCorpus(values.corpus);
      log(`bench: ${records.length} records from ${values.corpus} (${mapper})`);
      const dataDir = join(workRoot, 'data');
      mkdirSync(join(dataDir, 'imported'), { recursive: true });
      writeFileSync(join(dataDir, 'imported', 'hibp.json'), JSON.stringify(records));
      const valid = loadCatalog(dataDir).incidents;
      const generated = generateQuerySet(valid as readonly QueryRecord[], { seed });
      let set: QuerySet = { ...generated, labelled: [] };
      let unresolved = 0;
      if (values.queries) {
        const external = JSON.parse(readFileSync(values.queries, 'utf8')) as { q: string; expect: string }[];
        const resolved = resolveHibpQueries(external, valid);
        unresolved = resolved.unresolved;
        set = { ...generated, labelled: resolved.labelled, mixed: [...generated.mixed, ...resolved.labelled.map((l) => ({ q: l.q, category: 'external' as const }))] };
      }
      const x = await measureInChild(dataDir, set, workRoot);
      const startUp = await measureStartUp(dataDir, set.labelled[0]?.q ?? 'orange');
      log(`  start to first answer: cold ${(startUp.cold.ms / 1000).toFixed(1)} s / ${startUp.cold.rssMB.toFixed(0)} MB, warm ${(startUp.warm.ms / 1000).toFixed(2)} s / ${startUp.warm.rssMB.toFixed(0)} MB`);
      const acks = await reloadInChild(dataDir, { feed: values.corpus });
      const fuse = x.baselines.find((b) => b.name === 'Fuse.js');
      const map = x.baselines.find((b) => b.name === 'exact Map');
      const mini = x.baselines.find((b) => b.name === 'MiniSearch');
      const out = {
        n: x.n,
        buildMs: x.startupMs,
        startUp,
        duringReload: acks.reload,
        duringRefresh: acks.refresh,
        load: loadavg().map((l) => l.toFixed(2)).join(' '),
        searchP50Ms: x.search.p50,
        searchP99Ms: x.search.p99,
        autocompleteP50Ms: x.autocomplete.p50,
        autocompleteP99Ms: x.autocomplete.p99,
        hostileMs: x.hostileMs,
        rssMB: x.rssMB,
        ...(x.relevance ? { recallAt1: x.relevance.recallAt1, recallAt5: x.relevance.recallAt5, queries: x.relevance.queries, unresolved } : {}),
        broadMs: x.broadMs,
        loadMs: x.loadMs,
        indexMs: x.indexMs,
        problems: x.problems,
        mapper,
        fuse: fuse && { searchP50Ms: fuse.search.p50, searchP99Ms: fuse.search.p99, queries: fuse.search.count, recallAt1: fuse.relevance.recallAt1, recallAt5: fuse.relevance.recallAt5 },
        ...(x.precision ? { precision: x.precision.ratio, precisionQuestions: x.precision.questions } : {}),
        miniSearch: mini && {
          searchP50Ms: mini.search.p50,
          searchP99Ms: mini.search.p99,
          queries: mini.search.count,
          recallAt1: mini.relevance.recallAt1,
          recallAt5: mini.relevance.recallAt5,
          breachbotRecallAt1OnSame: mini.breachbotRelevance?.recallAt1,
          p50Ratio: mini.search.p50 / mini.breachbotOnSame.p50,
        },
        exactMap: map && { searchP50Ms: map.search.p50, searchP99Ms: map.search.p99, recallAt1: map.relevance.recallAt1, recallAt5: map.relevance.recallAt5 },
      };
      if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
      else process.stdout.write(renderReport([{ label: values.corpus, corpusMB: dirMB(dataDir), result: x, startUp, reload: acks }], machine(), [`mapping: ${mapper}`]));
      return 0;
    }

    const sizes = values.sizes.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
    const m = machine();
    const rows: Row[] = [];
    for (const size of sizes) {
      log(`bench: synthetic corpus, ${size.toLocaleString('en-US')} incidents (seed ${seed})`);
      const row = await syntheticRow(size, seed, workRoot);
      rows.push(row);
      const mini = row.result.baselines.find((b) => b.name === 'MiniSearch');
      log(
        `  start-up ${row.result.startupMs.toFixed(0)} ms, search p99 ${row.result.search.p99.toFixed(2)} ms, Recall@1 ${row.result.relevance?.recallAt1.toFixed(3)}, precision ${row.result.precision?.ratio.toFixed(3)}` +
          (mini ? `; MiniSearch p50 ${(mini.search.p50 / mini.breachbotOnSame.p50).toFixed(1)}× breachbot's, Recall@1 ${mini.relevance.recallAt1.toFixed(3)} vs ${(mini.breachbotRelevance?.recallAt1 ?? 0).toFixed(3)}` : ''),
      );
    }
    if (!values['no-bundled']) {
      const dataDir = join(ROOT, 'data');
      log('bench: the bundled catalog (data/)');
      const incidents = loadCatalog(dataDir).incidents;
      const set = generateQuerySet(incidents as readonly QueryRecord[], { seed, perCategory: Math.min(200, Math.max(20, incidents.length)) });
      const result = await measureInChild(dataDir, set, workRoot);
      const startUp = await measureStartUp(dataDir, set.labelled[0]?.q ?? 'orange');
      const reload = await reloadInChild(dataDir, { onLoop: true });
      rows.push({ label: 'bundled data/', corpusMB: dirMB(dataDir), result, startUp, reload });
    }
    const notes = [
      `Seed ${seed}; sizes ${sizes.join(', ')}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      'The machine is shared with other engineers running builds and tests: figures carry their noise, p99 most of all.',
      'Each catalog is measured in a fresh child process (peak RSS from `process.resourceUsage().maxRSS`, read before the baselines are built).',
      'Latency is measured through `core.execute({ command: "search", query, pageSize: 5 })` and `core.complete(typed)`, after 200 untimed warm-up queries.',
    ];
    const report = renderReport(rows, m, notes);
    if (values.json) process.stdout.write(`${JSON.stringify({ machine: m, rows })}\n`);
    else process.stdout.write(report);
    const outFile = values.out ?? join(HERE, 'results.md');
    writeFileSync(outFile, report);
    log(`bench: written to ${outFile}`);
    return 0;
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
