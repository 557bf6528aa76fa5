/** The catalog's counts for `/breach stats`: by year, data class, country and source, and the biggest. */
import type { Count, Stats } from './answer.js';
import type { BreachIndex } from './search-index.js';

function countBy<K>(keys: Iterable<K>): Count<K>[] {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count }));
}

/**
 * The counts of the whole catalog, or of the incidents at the positions in `subset` (a filtered
 * `/breach stats`), from the records' compact form: only the ten biggest are read in full.
 */
export function computeStats(idx: BreachIndex, subset?: ReadonlySet<number>): Stats {
  const records = idx.records;
  const positions = subset ? [...subset].sort((a, b) => a - b) : Array.from({ length: records.size }, (_, k) => k);
  const inSubset = (k: number) => !subset || subset.has(k);
  return {
    total: positions.length,
    breaches: positions.filter((k) => records.kind(k) === 'breach').length,
    byYear: countBy(positions.flatMap((k) => (idx.yearStart[k] ? [idx.yearStart[k]!] : []))).sort((a, b) => b.key - a.key),
    byDataClass: countBy(positions.flatMap((k) => records.dataClassesOf(k))).sort((a, b) => b.count - a.count),
    byCountry: [...idx.byCountry]
      .map(([key, list]) => ({ key, count: subset ? list.filter(inSubset).length : list.length }))
      .filter((c) => c.count > 0)
      .sort((a, b) => b.count - a.count),
    bySource: countBy(positions.map((k) => records.sourceName(k))).sort((a, b) => b.count - a.count),
    biggest: idx.biggestFirst.filter(inSubset).slice(0, 10).filter((k) => !Number.isNaN(idx.recordCount[k]!)).map((k) => records.get(k)),
  };
}
