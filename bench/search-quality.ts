/**
 * The search part of the benchmark alone, in one process and a couple of minutes: Recall@1/@5 of
 * labelled queries on an HIBP-format corpus (by kind), search latency over those queries and the
 * generator's unlabelled ones, and the name-precision measure. What `npm run bench -- --corpus`
 * measures of search, without start-up, reload and the baselines.
 *
 *   npx tsx bench/hibp-synthetic.ts --size 100000 --out /tmp/hibp100k
 *   npx tsx bench/search-quality.ts --corpus /tmp/hibp100k/breaches.json --queries /tmp/hibp100k/queries.json
 *
 * Prints one JSON object (with the load average, as the machine is shared).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/core/catalog.js';
import { BreachCore } from '../src/core/breach-core.js';
import { loadHibpCorpus, resolveHibpQueries } from './hibp-corpus.js';
import { generateQuerySet, type QueryRecord } from './query-set.js';
import { namePrecision } from './precision.js';
import { latency } from './stats.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, queries: { type: 'string' }, seed: { type: 'string', default: '20261123' } } });
if (!values.corpus || !values.queries) throw new Error('bench: search-quality.ts needs --corpus FILE --queries FILE');

const work = mkdtempSync(join(tmpdir(), 'breachbot-quality-'));
try {
  const { records } = await loadHibpCorpus(values.corpus);
  mkdirSync(join(work, 'imported'), { recursive: true });
  mkdirSync(join(work, 'incidents'), { recursive: true });
  writeFileSync(join(work, 'imported', 'hibp.json'), JSON.stringify(records));
  const catalog = loadCatalog(work);
  const core = new BreachCore(catalog);
  const external = JSON.parse(readFileSync(values.queries, 'utf8')) as { q: string; expect: string; kind?: string }[];
  const { labelled } = resolveHibpQueries(external, catalog.incidents);
  const unlabelled = generateQuerySet(catalog.incidents as readonly QueryRecord[], { seed: Number(values.seed), perCategory: 0 }).mixed.map((m) => m.q);

  const top = (q: string) => {
    const a = core.execute({ command: 'search', query: q, pageSize: 5 });
    return a.kind === 'results' ? a.matches.map((m) => m.incident.id) : [];
  };
  const byKind: Record<string, { queries: number; at1: number; at5: number }> = {};
  let at1 = 0;
  let at5 = 0;
  labelled.forEach((l, k) => {
    const ids = top(l.q);
    const expect = new Set(l.expect);
    const kind = (byKind[external[k]!.kind ?? 'all'] ??= { queries: 0, at1: 0, at5: 0 });
    kind.queries++;
    if (ids[0] !== undefined && expect.has(ids[0])) (at1++, kind.at1++);
    if (ids.some((id) => expect.has(id))) (at5++, kind.at5++);
  });

  const timed = [...labelled.map((l) => l.q), ...unlabelled];
  for (const q of timed.slice(0, 200)) top(q);
  const times = timed.map((q) => {
    const t = performance.now();
    top(q);
    return performance.now() - t;
  });
  const precision = namePrecision(core, labelled.map((l) => l.q).slice(0, 600), 10);
  const n = labelled.length || 1;
  const out = {
    incidents: core.size,
    labelled: labelled.length,
    recallAt1: at1 / n,
    recallAt5: at5 / n,
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { queries: v.queries, recallAt1: v.at1 / v.queries, recallAt5: v.at5 / v.queries }])),
    precision: precision.ratio,
    search: latency(times),
    timedQueries: times.length,
    load: loadavg().map((l) => l.toFixed(2)).join(' '),
  };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
