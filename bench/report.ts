/** The benchmark's tables, as Markdown: what `npm run bench` prints and writes to bench/results.md. */
import type { AcksDuring } from './during-reload.js';
import type { MeasureResult } from './measure.js';
import type { StartUps } from './start-up.js';

export interface Row {
  readonly label: string;
  readonly corpusMB: number;
  readonly result: MeasureResult;
  /** Acknowledgement lateness while the catalog reloads (and while a feed refreshes). */
  readonly reload?: AcksDuring;
  /** `breachbot search` in a fresh process, spawn to answer: cold (no snapshot) and warm. */
  readonly startUp?: StartUps;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memGB: number;
  readonly node: string;
  readonly date: string;
  readonly load: string;
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const pct = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(3));
const ratio = (a: number, b: number) => (b > 0 ? `${a / b >= 10 ? (a / b).toFixed(0) : a / b >= 0.1 ? (a / b).toFixed(1) : (a / b).toPrecision(2)}×` : '–');
const int = (n: number) => n.toLocaleString('en-US');

/** Targets from issue 7, checked against the rows they apply to. */
function targets(rows: readonly Row[]): string[] {
  const out: string[] = [];
  const check = (label: string, value: number, limit: number, unit: string) =>
    out.push(`| ${label} | ${unit === 'ratio' ? value.toFixed(3) : `${ms(value)} ${unit}`} | ${unit === 'ratio' ? '≥' : '≤'} ${limit} ${unit === 'ratio' ? '' : unit} | ${(unit === 'ratio' ? value >= limit : value <= limit) ? 'met' : '**missed**'} |`);
  for (const r of rows) {
    const { n } = r.result;
    const x = r.result;
    if (r.label.startsWith('synthetic') && n === 10_000) {
      check('10k search p99', x.search.p99, 2, 'ms');
      check('10k autocomplete p99', x.autocomplete.p99, 1, 'ms');
      const fuse = x.baselines.find((b) => b.name === 'Fuse.js');
      if (fuse) out.push(`| 10k Fuse.js p50 / breachbot p50 (same queries) | ${ratio(fuse.search.p50, fuse.breachbotOnSame.p50)} | ≥ 10× | ${fuse.search.p50 / fuse.breachbotOnSame.p50 >= 10 ? 'met' : '**missed**'} |`);
    }
    if (r.label.startsWith('synthetic') && n === 100_000) {
      check('100k search p99', x.search.p99, 5, 'ms');
      check('100k autocomplete p99', x.autocomplete.p99, 2, 'ms');
      check('100k hostile query', x.hostileMs, 20, 'ms');
      if (r.startUp) {
        check('100k start to first answer (snapshot)', r.startUp.warm.ms / 1000, 2, 's');
        check('100k peak RSS, start to first answer', r.startUp.warm.rssMB, 500, 'MB');
      }
      if (r.reload) check('100k acknowledgement p99 during reload', r.reload.reload.p99, 1000, 'ms');
      if (r.reload?.refresh) check('100k acknowledgement p99 during refresh', r.reload.refresh.p99, 1000, 'ms');
    }
    if (r.label.startsWith('synthetic') && x.relevance) {
      check(`${n / 1000}k Recall@1`, x.relevance.recallAt1, 0.95, 'ratio');
      if (x.precision) check(`${n / 1000}k precision`, x.precision.ratio, 0.99, 'ratio');
      const mini = x.baselines.find((b) => b.name === 'MiniSearch');
      if (mini) out.push(`| ${n / 1000}k MiniSearch p50 / breachbot p50 (same queries); Recall@1 on its ${mini.relevance.queries} labelled queries | ${ratio(mini.search.p50, mini.breachbotOnSame.p50)}; ${(mini.breachbotRelevance?.recallAt1 ?? 0).toFixed(3)} vs ${mini.relevance.recallAt1.toFixed(3)} | faster, at least as good | ${mini.search.p50 >= mini.breachbotOnSame.p50 && (mini.breachbotRelevance?.recallAt1 ?? 0) >= mini.relevance.recallAt1 ? 'met' : '**missed**'} |`);
      const fuse = x.baselines.find((b) => b.name === 'Fuse.js');
      if (fuse) {
        const mine = fuse.breachbotRelevance?.recallAt1 ?? x.relevance.recallAt1;
        out.push(`| ${n / 1000}k Recall@1, breachbot vs Fuse.js on Fuse's ${fuse.relevance.queries} labelled queries | ${mine.toFixed(3)} vs ${fuse.relevance.recallAt1.toFixed(3)} | at least as good | ${mine >= fuse.relevance.recallAt1 ? 'met' : '**missed**'} |`);
      }
    }
  }
  return out;
}

export function renderReport(rows: readonly Row[], machine: Machine, notes: readonly string[]): string {
  const lines: string[] = [];
  lines.push('# breachbot benchmark', '');
  lines.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGB} GB RAM; load average at start ${machine.load}`);
  lines.push(`- Node ${machine.node}; ${machine.date}`);
  for (const n of notes) lines.push(`- ${n}`);
  lines.push('');
  lines.push('## breachbot');
  lines.push('');
  lines.push('Times in ms unless marked. Build = `loadCatalog` (read + JSON.parse + zod) + `new BreachCore` (index), from files laid out like `data/`: what a worker thread does when the snapshot is missing or stale (see "Start-up" below for what a start costs).');
  lines.push('');
  lines.push('| catalog | incidents | data | build | load / parse / index | peak RSS (build + queries) | search p50 / p99 | autocomplete p50 / p99 | hostile (worst) | matches nearly all (worst) | Recall@1 / @5 | precision |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { label, corpusMB, result: x } of rows) {
    lines.push(
      `| ${label} | ${int(x.n)} | ${corpusMB.toFixed(1)} MB | ${ms(x.startupMs)} | ${ms(x.loadMs)} / ${ms(x.parseMs)} / ${ms(x.indexMs)} | ${x.rssMB.toFixed(0)} MB | ${ms(x.search.p50)} / ${ms(x.search.p99)} | ${ms(x.autocomplete.p50)} / ${ms(x.autocomplete.p99)} | ${ms(x.hostileMs)} | ${ms(x.broadMs)} | ${pct(x.relevance?.recallAt1)} / ${pct(x.relevance?.recallAt5)} | ${x.precision ? `${pct(x.precision.ratio)} (${int(x.precision.clean)}/${int(x.precision.questions)})` : '–'} |`,
    );
  }
  lines.push('');
  lines.push('Precision: the share of name questions (the labelled ones but vendors, at most 600) whose first 10 results never put an incident matched only by a typo, a prefix or a passing mention above one holding every word as a whole word of a name.');
  lines.push('');
  const starts = rows.filter((r) => r.startUp);
  if (starts.length > 0) {
    lines.push('## Start-up: spawn to first answer');
    lines.push('');
    lines.push('`node bin/breachbot.js search <query>` (the compiled code) in a fresh process, timed from spawn to the first byte of its answer, peak RSS read by the child itself at exit. Cold: an empty cache folder (the catalog read, validated and indexed in a worker, the snapshot written, then opened). Warm: the snapshot read (indexes and the records\' compact form; no record parsed; every byte checked against the CRC-32 of its section, in a worker meanwhile when it is large), median of the runs. CPU: user + system time of all its threads, the part of the wall time a shared machine does not inflate.');
    lines.push('');
    lines.push('| catalog | cold: first answer | cold: CPU | cold: peak RSS | warm: first answer | warm: CPU | warm: peak RSS |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const { label, startUp: u } of starts) lines.push(`| ${label} | ${ms(u!.cold.ms)} | ${ms(u!.cold.cpuMs)} | ${u!.cold.rssMB.toFixed(0)} MB | ${ms(u!.warm.ms)} | ${ms(u!.warm.cpuMs)} | ${u!.warm.rssMB.toFixed(0)} MB |`);
    lines.push('');
  }
  const reloads = rows.filter((r) => r.reload);
  if (reloads.length > 0) {
    lines.push('## During reload and during refresh: acknowledgements meanwhile');
    lines.push('');
    lines.push('A simulated request every 20 ms (a timer, then a search through the serving core, as an adapter does before it acks), in a fresh process serving the catalog from its snapshot; lateness = answered − due, in ms (Slack and Discord allow 3,000; the target is p99 under 1,000). "On the loop (before)": read, validate, index on the main thread. "During reload": a worker reads, validates, indexes and writes the snapshot; the main thread opens it as a start does and swaps the core in. "During refresh": the HIBP feed downloaded from 127.0.0.1, mapped and written in a worker, then that reload.');
    lines.push('');
    lines.push('| catalog | while | time | requests | lateness p50 / p99 / worst |');
    lines.push('| --- | --- | ---: | ---: | ---: |');
    for (const { label, reload } of reloads) {
      const cases = [['on the loop (before)', reload!.onLoop], ['during reload', reload!.reload], ['during refresh', reload!.refresh]] as const;
      for (const [name, r] of cases) if (r) lines.push(`| ${label} | ${name} | ${ms(r.reloadMs)} | ${int(r.acks)} | ${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)} |`);
    }
    lines.push('');
  }
  lines.push('## Side by side: same incidents, same queries');
  lines.push('');
  lines.push('Ratios are the baseline\'s p50 over breachbot\'s p50 on exactly the queries the baseline ran (Fuse.js scans every record per query, so it runs on as many queries as fit in a fixed time budget). Recall is on the labelled queries each ran.');
  lines.push('');
  lines.push('| catalog | system | build | queries | p50 / p99 | vs breachbot p50 | Recall@1 / @5 | breachbot Recall@1 / @5 on the same queries |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { label, result: x } of rows) {
    for (const b of x.baselines) {
      lines.push(
        `| ${label} | ${b.name} | ${ms(b.buildMs)} | ${int(b.search.count)} | ${ms(b.search.p50)} / ${ms(b.search.p99)} | ${ratio(b.search.p50, b.breachbotOnSame.p50)} | ${pct(b.relevance.recallAt1)} / ${pct(b.relevance.recallAt5)} | ${pct(b.breachbotRelevance?.recallAt1)} / ${pct(b.breachbotRelevance?.recallAt5)} |`,
      );
    }
  }
  const biggest = [...rows].sort((a, b) => b.result.n - a.result.n)[0];
  if (biggest) {
    const x = biggest.result;
    lines.push('', `## Detail: ${biggest.label}`, '');
    lines.push('| search category | queries | p50 | p99 | max |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [k, l] of Object.entries(x.searchByCategory).sort()) lines.push(`| ${k} | ${l.count} | ${ms(l.p50)} | ${ms(l.p99)} | ${ms(l.max)} |`);
    lines.push('', '| autocomplete, characters typed | queries | p50 | p99 | max |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [k, l] of Object.entries(x.autocompleteByLength).sort()) lines.push(`| ${k} | ${l.count} | ${ms(l.p50)} | ${ms(l.p99)} | ${ms(l.max)} |`);
    lines.push('', '| hostile or broad query (median of 5) | ms | answer |', '| --- | ---: | --- |');
    for (const h of x.hostile) lines.push(`| ${h.name.replace(/\|/g, '\\|')} | ${ms(h.ms)} | ${h.kind}${h.kind === 'results' ? ` (${int(h.total)})` : ''} |`);
    if (x.relevance) {
      lines.push('', '| labelled category | queries | Recall@1 | Recall@5 |', '| --- | ---: | ---: | ---: |');
      for (const [k, c] of Object.entries(x.relevance.byCategory).sort()) lines.push(`| ${k} | ${c.queries} | ${pct(c.recallAt1)} | ${pct(c.recallAt5)} |`);
    }
  }
  const t = targets(rows);
  if (t.length > 0) lines.push('', '## Targets (issue 7)', '', '| target | measured | limit | |', '| --- | ---: | ---: | --- |', ...t);
  return `${lines.join('\n')}\n`;
}
