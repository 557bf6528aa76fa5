/** The catalog's counts for `/breach stats`: by year, data class, country and source, and the biggest. */
import type { Count, Stats } from './answer.js';
import type { BreachIndex } from './search-index.js';

function countBy<K>(keys: Iterable<K>): Count<K>[] {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count }));
}

export function computeStats(idx: BreachIndex): Stats {
  const incidents = idx.incidents;
  return {
    total: incidents.length,
    breaches: incidents.filter((i) => i.kind === 'breach').length,
    byYear: countBy(idx.facts.flatMap((f) => (f.years ? [f.years[0]] : []))).sort((a, b) => b.key - a.key),
    byDataClass: countBy(incidents.flatMap((i) => i.dataClasses)).sort((a, b) => b.count - a.count),
    byCountry: [...idx.byCountry].map(([key, list]) => ({ key, count: list.length })).sort((a, b) => b.count - a.count),
    bySource: countBy(incidents.map((i) => i.provenance.source)).sort((a, b) => b.count - a.count),
    biggest: idx.biggestFirst.slice(0, 10).filter((i) => idx.facts[i]!.records !== undefined).map((i) => incidents[i]!),
  };
}
