/**
 * Which incidents a watchlist entry names. An alert is for the organization or vendor the channel
 * named, not for look-alikes: watching "Orange" must not alert on Oracle, Orangeburg or France
 * Travail, as a search's typo tolerance would. So an incident matches when one of its names
 * (organization, aliases, vendors and their aliases, affected organizations and their aliases;
 * not domains) holds the entry's words as a run of whole words, with the search's folding:
 * - case, accents and ligatures folded, stop words left out ("Métropole du Grand Paris" =
 *   "metropole grand paris");
 * - words joined or split ("ticket master" = "Ticketmaster", "grandparis" = "Grand Paris");
 * - typos only where the entry has a word that names nothing in the catalog ("Ticketmastr",
 *   "Inbneta"): one edit (a swap of two letters counts as one) from 5 letters, two from 9. A
 *   word some name in the catalog carries ("orange", "canva") is matched exactly.
 * Built on the incidents alone (no search index), so it holds whatever the core's internals do.
 */
import type { Incident } from '../core/incident-schema.js';
import { STOP_WORDS, tokenize } from '../core/text-folding.js';
import { editDistanceWithin } from '../core/edit-distance.js';

/** An entry's identity in a channel: its folded words ("Inbenta", "INBENTA " → "inbenta"). */
export function watchKey(name: string): string {
  return tokenize(name).join(' ');
}

/** Content words of a name or an entry (all its words when it has only stop words). */
function contentWords(name: string): string[] {
  const words = tokenize(name);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return content.length ? content : words;
}

/** Edits tolerated in a watched word that names nothing in the catalog. */
export function watchTypoAllowance(word: string): number {
  if (word.length < 5) return 0;
  return word.length < 9 ? 1 : 2;
}

/** Every name an incident carries that a channel may watch. */
function namesOf(incident: Incident): string[] {
  const org = incident.organization;
  return [
    org.name,
    ...org.aliases,
    ...incident.vendors.flatMap((v) => [v.name, ...v.aliases]),
    ...incident.affected.flatMap((a) => [a.name, ...a.aliases]),
  ];
}

/** The names of a catalog as word lists, and every word they hold. */
export interface NameTable {
  readonly incidents: readonly Incident[];
  /** Per incident, its names' content words. */
  readonly names: readonly (readonly (readonly string[])[])[];
  /** Every content word of every name: a watched word among them is matched exactly. */
  readonly known: ReadonlySet<string>;
}

const tables = new WeakMap<readonly Incident[], NameTable>();

/** The name table of `incidents` (built once per catalog array). */
export function nameTable(incidents: readonly Incident[]): NameTable {
  let table = tables.get(incidents);
  if (!table) {
    const known = new Set<string>();
    const names = incidents.map((incident) =>
      [...new Set(namesOf(incident))].map((name) => {
        const words = contentWords(name);
        for (const w of words) known.add(w);
        return words;
      }),
    );
    table = { incidents, names, known };
    tables.set(incidents, table);
  }
  return table;
}

/** A watch entry read once: its words, and what typos it tolerates given the catalog's words. */
export interface WatchPattern {
  readonly words: readonly string[];
  readonly joined: string;
  /** Per word, the edits tolerated (0 for a word some catalog name carries). */
  readonly allowance: readonly number[];
  /** Edits tolerated on the words joined (0 unless a word is unknown). */
  readonly joinedAllowance: number;
}

export function watchPattern(name: string, known: ReadonlySet<string>): WatchPattern {
  const words = contentWords(name).slice(0, 12);
  const allowance = words.map((w) => (known.has(w) ? 0 : watchTypoAllowance(w)));
  const joined = words.join('');
  const joinedAllowance = allowance.some((a) => a > 0) && !known.has(joined) ? watchTypoAllowance(joined) : 0;
  return { words, joined, allowance, joinedAllowance };
}

/** True when the name's words hold the entry as a run of whole words (joined, split or, for unknown words, misspelt). */
export function nameMatches(pattern: WatchPattern, nameWords: readonly string[]): boolean {
  const { words, joined, allowance, joinedAllowance } = pattern;
  if (words.length === 0) return false;
  const k = words.length;
  for (let i = 0; i < nameWords.length; i++) {
    // Word for word, each word exact or within its allowance.
    if (i + k <= nameWords.length) {
      let all = true;
      for (let t = 0; t < k && all; t++) {
        const w = words[t]!;
        const n = nameWords[i + t]!;
        all = w === n || (allowance[t]! > 0 && editDistanceWithin(w, n, allowance[t]!) <= allowance[t]!);
      }
      if (all) return true;
    }
    // Joined: the entry's letters are those of a run of the name's words ("ticket master" / "Ticketmaster").
    let run = '';
    for (let j = i; j < nameWords.length; j++) {
      run += nameWords[j]!;
      if (run.length > joined.length + joinedAllowance) break;
      if (run === joined || (joinedAllowance > 0 && editDistanceWithin(joined, run, joinedAllowance) <= joinedAllowance)) return true;
    }
  }
  return false;
}

/**
 * Ids of the incidents among `candidates` that the entry `name` names. Which words are known (and
 * so matched exactly) comes from `catalog`, the whole catalog the candidates belong to.
 */
export function incidentsNamingIn(candidates: readonly Incident[], name: string, catalog: readonly Incident[] = candidates): Set<string> {
  const pattern = watchPattern(name, nameTable(catalog).known);
  const table = nameTable(candidates);
  const out = new Set<string>();
  table.names.forEach((names, i) => {
    if (names.some((words) => nameMatches(pattern, words))) out.add(candidates[i]!.id);
  });
  return out;
}

/** Ids of the incidents of the catalog that the entry `name` names (what `watch add` counts). */
export function incidentsNaming(core: { readonly catalog: { readonly incidents: readonly Incident[] } }, name: string): Set<string> {
  const incidents = core.catalog.incidents;
  return incidentsNamingIn(incidents, name, incidents);
}
