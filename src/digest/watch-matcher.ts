/**
 * Which incidents a watchlist entry names, with the search's own folding and typo rules: the
 * entry's words are looked up in the core's name index (organizations, aliases, vendors,
 * affected organizations; domains are not names people watch) with the same edit distances as
 * `/breach <name>`, adjacent words also tried joined ("ticket master" → "Ticketmaster"), and an
 * incident matches when its names cover every word of the entry.
 */
import { BreachCore, nameFuzziness } from '../core/breach-core.js';
import type { Catalog } from '../core/catalog.js';
import type { Incident } from '../core/incident-schema.js';
import { STOP_WORDS, tokenize } from '../core/text-folding.js';

/** An entry's identity in a channel: its folded words ("Inbenta", "INBENTA " → "inbenta"). */
export function watchKey(name: string): string {
  return tokenize(name).join(' ');
}

function entryWords(name: string): string[] {
  const words = tokenize(name);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return content.length ? content : words;
}

/** A core over a few incidents (the newly added ones), to match watch entries against them only. */
export function coreOver(incidents: readonly Incident[]): BreachCore {
  const catalog: Catalog = { incidents, byId: new Map(incidents.map((i) => [i.id, i])), fileOf: new Map(), problems: [] };
  return new BreachCore(catalog);
}

/** Ids of the incidents in `core` whose names match the entry `name`. */
export function incidentsNaming(core: BreachCore, name: string): Set<string> {
  const words = entryWords(name).slice(0, 12);
  const out = new Set<string>();
  if (words.length === 0 || core.size === 0) return out;
  const terms = [...words];
  const partsOf = new Map<string, string[]>(words.map((w) => [w, [w]]));
  for (let k = 0; k + 1 < words.length; k++) {
    const joined = words[k]! + words[k + 1]!;
    if (!partsOf.has(joined)) {
      terms.push(joined);
      partsOf.set(joined, [words[k]!, words[k + 1]!]);
    }
  }
  const idx = core.index;
  // The search's typo rules; a prefix only from 5 letters, as for any word but the one being typed.
  const hits = idx.nameIndex.search(terms.join(' '), { fuzzy: (t) => nameFuzziness(t), maxFuzzy: 2, prefix: (t) => t.length >= 5, combineWith: 'OR' });
  const covered = new Map<number, Set<string>>();
  for (const hit of hits) {
    const matched = hit.queryTerms.flatMap((t) => partsOf.get(t) ?? [t]);
    for (const ref of idx.names[hit.id as number]!.refs) {
      if (ref.kind === 'domain') continue;
      let set = covered.get(ref.incident);
      if (!set) covered.set(ref.incident, (set = new Set()));
      for (const w of matched) set.add(w);
    }
  }
  for (const [i, set] of covered) if (words.every((w) => set.has(w))) out.add(idx.incidents[i]!.id);
  return out;
}
