/**
 * One measurement, in a process of its own so that peak RSS and the heap belong to one catalog
 * size only: start-up from the data files (`loadCatalog` + zod + `new BreachCore`), search and
 * autocomplete latency through the entry points adapters call, hostile queries, relevance, then
 * the baselines on the same incidents and queries. Run by `run.ts` with `fork`; sends one
 * `MeasureResult` back over IPC.
 *
 *   tsx bench/measure.ts --data DIR --queries FILE [--fuse-budget-ms MS]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/core/catalog.js';
import { BreachCore } from '../src/core/breach-core.js';
import type { Answer } from '../src/core/answer.js';
import { exactMapBaseline, fuseBaseline, miniSearchBaseline, type Baseline } from './baselines.js';
import { namePrecision, type Precision } from './precision.js';
import type { LabelledQuery, QuerySet } from './query-set.js';
import { latency, median, type Latency } from './stats.js';

export interface Relevance {
  readonly queries: number;
  readonly recallAt1: number;
  readonly recallAt5: number;
  readonly byCategory: Record<string, { queries: number; recallAt1: number; recallAt5: number }>;
}

export interface BaselineResult {
  readonly name: string;
  readonly buildMs: number;
  /** Queries it was timed on (Fuse.js is sampled at large sizes to bound the run). */
  readonly search: Latency;
  /** breachbot's latency on exactly the same queries, for the ratio. */
  readonly breachbotOnSame: Latency;
  readonly relevance: Relevance;
  /** breachbot's relevance on exactly the same labelled queries. */
  readonly breachbotRelevance?: Relevance;
}

export interface MeasureResult {
  readonly n: number;
  readonly problems: number;
  readonly names: number;
  readonly startupMs: number;
  readonly loadMs: number;
  readonly indexMs: number;
  /** Reading and JSON.parse of the same files alone (so loadMs − parseMs ≈ zod validation). */
  readonly parseMs: number;
  readonly rssMB: number;
  readonly heapMB: number;
  readonly search: Latency;
  readonly searchByCategory: Record<string, Latency>;
  readonly autocomplete: Latency;
  readonly autocompleteByLength: Record<string, Latency>;
  readonly hostile: readonly { name: string; ms: number; kind: Answer['kind']; total: number }[];
  readonly hostileMs: number;
  readonly broadMs: number;
  readonly relevance?: Relevance;
  /** Share of name questions where no typo, prefix or passing-mention match outranks a whole-word name match. */
  readonly precision?: Omit<Precision, 'violations'> & { readonly examples: Precision['violations'] };
  readonly baselines: readonly BaselineResult[];
}

function relevance(labelled: readonly LabelledQuery[], top5: (q: string) => readonly string[]): Relevance {
  let at1 = 0;
  let at5 = 0;
  const by: Record<string, { queries: number; recallAt1: number; recallAt5: number }> = {};
  for (const l of labelled) {
    const ids = top5(l.q);
    const expect = new Set(l.expect);
    const hit1 = ids[0] !== undefined && expect.has(ids[0]);
    const hit5 = ids.slice(0, 5).some((id) => expect.has(id));
    const c = (by[l.category] ??= { queries: 0, recallAt1: 0, recallAt5: 0 });
    c.queries++;
    if (hit1) (at1++, c.recallAt1++);
    if (hit5) (at5++, c.recallAt5++);
  }
  for (const c of Object.values(by)) {
    c.recallAt1 /= c.queries;
    c.recallAt5 /= c.queries;
  }
  const n = labelled.length || 1;
  return { queries: labelled.length, recallAt1: at1 / n, recallAt5: at5 / n, byCategory: by };
}

function roundRobin<T extends { category: string }>(items: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item]);
  const out: T[] = [];
  for (let k = 0; out.length < items.length; k++) for (const g of groups.values()) if (g[k]) out.push(g[k]!);
  return out;
}

function timeEach(queries: readonly string[], run: (q: string) => unknown): number[] {
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    run(q);
    times.push(performance.now() - t);
  }
  return times;
}

function parseOnly(dataDir: string): number {
  const t = performance.now();
  for (const sub of ['incidents', 'imported']) {
    let files: string[] = [];
    try {
      files = readdirSync(join(dataDir, sub)).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of files) JSON.parse(readFileSync(join(dataDir, sub, f), 'utf8'));
  }
  return performance.now() - t;
}

export function measure(dataDir: string, set: QuerySet, fuseBudgetMs: number): MeasureResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const t0 = performance.now();
  const catalog = loadCatalog(dataDir);
  const t1 = performance.now();
  const core = new BreachCore(catalog);
  const t2 = performance.now();
  gc?.();
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;

  const search = (q: string, pageSize = 5) => core.execute({ command: 'search', query: q, pageSize });
  const ids = (a: Answer) => (a.kind === 'results' ? a.matches.map((m) => m.incident.id) : []);
  // Warm-up, untimed: the JIT compiles the hot paths before we measure them, as it has in a bot that has run a while.
  for (const { q } of set.mixed.slice(0, 200)) search(q);
  for (const typed of set.autocomplete.slice(0, 200)) core.complete(typed);

  const mixedTimes = timeEach(set.mixed.map((m) => m.q), (q) => search(q));
  const byCategory: Record<string, number[]> = {};
  set.mixed.forEach((m, i) => (byCategory[m.category] ??= []).push(mixedTimes[i]!));
  const acTimes = timeEach(set.autocomplete, (typed) => core.complete(typed));
  const byLength: Record<string, number[]> = {};
  set.autocomplete.forEach((typed, i) => (byLength[String(Math.min(typed.length, 6))] ??= []).push(acTimes[i]!));

  const hostile = set.hostile.map((h) => {
    const runs: number[] = [];
    let answer: Answer = search(h.q);
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      answer = search(h.q);
      runs.push(performance.now() - t);
    }
    return { name: h.name, ms: median(runs), kind: answer.kind, total: answer.kind === 'results' ? answer.total : 0 };
  });
  const broad = (name: string) => /nearly every|every incident|most incidents|plus a 4-letter/.test(name);
  const rel = set.labelled.length > 0 ? relevance(set.labelled, (q) => ids(search(q))) : undefined;
  // Precision on the labelled name questions (names, typos, prefixes, accent-free, aliases).
  const nameQuestions = set.labelled.filter((l) => l.category !== 'vendor').map((l) => l.q);
  const precisionFull = nameQuestions.length > 0 ? namePrecision(core, nameQuestions.slice(0, 600), 10) : undefined;
  const precision = precisionFull && { questions: precisionFull.questions, clean: precisionFull.clean, ratio: precisionFull.ratio, examples: precisionFull.violations.slice(0, 5) };
  // Peak RSS of breachbot alone: read before the baselines allocate anything.
  const rssMB = process.resourceUsage().maxRSS / 1024;
  const parseMs = parseOnly(dataDir);

  const mixedQueries = set.mixed.map((m) => m.q);
  const baselines: BaselineResult[] = [];
  const runBaseline = (make: () => Baseline, budgetMs: number) => {
    const tb = performance.now();
    const b = make();
    const buildMs = performance.now() - tb;
    for (const q of mixedQueries.slice(0, 3)) b.search(q, 5);
    // Timed queries until the budget is spent (Fuse.js scans every record per query), at least 10.
    const times: number[] = [];
    const start = performance.now();
    for (const q of mixedQueries) {
      if (times.length >= 10 && performance.now() - start > budgetMs) break;
      const t = performance.now();
      b.search(q, 5);
      times.push(performance.now() - t);
    }
    // Labelled queries taken round-robin across categories, so a sample still spans all of them.
    const labelled: LabelledQuery[] = [];
    const top5 = new Map<string, string[]>();
    const rStart = performance.now();
    for (const l of roundRobin(set.labelled)) {
      if (labelled.length >= 10 && performance.now() - rStart > budgetMs) break;
      labelled.push(l);
      top5.set(l.q, b.search(l.q, 5));
    }
    baselines.push({
      name: b.name,
      buildMs,
      search: latency(times),
      breachbotOnSame: latency(mixedTimes.slice(0, times.length)),
      relevance: relevance(labelled, (q) => top5.get(q) ?? []),
      ...(labelled.length > 0 ? { breachbotRelevance: relevance(labelled, (q) => ids(search(q))) } : {}),
    });
  };
  runBaseline(() => exactMapBaseline(catalog.incidents), Infinity);
  runBaseline(() => miniSearchBaseline(catalog.incidents), fuseBudgetMs);
  runBaseline(() => fuseBaseline(catalog.incidents), fuseBudgetMs);

  const fold = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, latency(v)]));
  return {
    n: core.size,
    problems: catalog.problems.length,
    names: core.index.nameCount,
    startupMs: t2 - t0,
    loadMs: t1 - t0,
    indexMs: t2 - t1,
    parseMs,
    rssMB,
    heapMB,
    search: latency(mixedTimes),
    searchByCategory: fold(byCategory),
    autocomplete: latency(acTimes),
    autocompleteByLength: fold(byLength),
    hostile,
    hostileMs: Math.max(...hostile.filter((h) => !broad(h.name)).map((h) => h.ms)),
    broadMs: Math.max(...hostile.filter((h) => broad(h.name)).map((h) => h.ms)),
    ...(rel ? { relevance: rel } : {}),
    ...(precision ? { precision } : {}),
    baselines,
  };
}

// Entry point when forked by run.ts.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, queries: { type: 'string' }, 'fuse-budget-ms': { type: 'string' } } });
  if (!values.data || !values.queries) throw new Error('bench: measure.ts needs --data DIR --queries FILE');
  const set = JSON.parse(readFileSync(values.queries, 'utf8')) as QuerySet;
  const result = measure(values.data, set, Number(values['fuse-budget-ms'] ?? 15_000));
  if (process.send) process.send(result, () => process.exit(0));
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}
