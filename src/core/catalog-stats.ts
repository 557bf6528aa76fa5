/** The catalog's counts for `/breach stats`: by year, data class, country and source, and the biggest. */
import type { Count, Stats } from './answer.js';
import type { BreachIndex } from './search-index.js';

function countBy<K>(keys: Iterable<K>): Count<K>[] {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count }));
}

/** The counts of the whole catalog, or of the incidents at the positions in `subset` (a filtered `/breach stats`). */
export function computeStats(idx: BreachIndex, subset?: ReadonlySet<number>): Stats {
  const all = idx.incidents;
  const positions = subset ? [...subset].sort((a, b) => a - b) : all.map((_, k) => k);
  const incidents = positions.map((k) => all[k]!);
  const inSubset = (k: number) => !subset || subset.has(k);
  return {
    total: incidents.length,
    breaches: incidents.filter((i) => i.kind === 'breach').length,
    byYear: countBy(positions.flatMap((k) => (idx.facts[k]!.years ? [idx.facts[k]!.years![0]] : []))).sort((a, b) => b.key - a.key),
    byDataClass: countBy(incidents.flatMap((i) => i.dataClasses)).sort((a, b) => b.count - a.count),
    byCountry: [...idx.byCountry]
      .map(([key, list]) => ({ key, count: subset ? list.filter(inSubset).length : list.length }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count),
    bySource: countBy(incidents.map((i) => i.provenance.source)).sort((a, b) => b.count - a.count),
    biggest: idx.biggestFirst.filter(inSubset).slice(0, 10).filter((k) => idx.facts[k]!.records !== undefined).map((k) => all[k]!),
  };
}
