/**
 * Autocomplete over the name index: organization, alias, vendor and affected-organization names
 * for what is being typed, at most 25 (Discord's limit), best first. One or two typed letters
 * reach a large part of all names, so their answers are precomputed; longer input goes to the
 * name index's own completion.
 */
import { bestRef, NAME_KIND_WEIGHT, nameTerms, type NameKind } from './name-index.js';
import type { BreachIndex } from './search-index.js';
import { tokenize } from './text-folding.js';

export interface AutocompleteChoice {
  readonly name: string;
  readonly kind: NameKind;
  /** The incident it leads to when the name belongs to one only. */
  readonly incidentId?: string;
}

/** Choices kept per one- or two-letter prefix. */
const SHORT_PREFIX_CHOICES = 25;

/**
 * For every one- and two-letter prefix of a name word, the best names by what autocomplete
 * ranks on for so little input: the kind of name, then the shorter name.
 */
function shortPrefixTable(idx: BreachIndex): Map<string, number[]> {
  const weight = new Float64Array(idx.nameCount);
  const text = idx.nameIndex.nameText;
  const better = (a: number, b: number) => weight[b]! - weight[a]! || text[a]!.length - text[b]!.length || a - b;
  const table = new Map<string, number[]>();
  for (let id = 0; id < idx.nameCount; id++) {
    const name = idx.nameEntry(id);
    const best = bestRef(name);
    if (best.kind === 'domain') continue;
    weight[name.id] = NAME_KIND_WEIGHT[best.kind];
    const prefixes = new Set<string>();
    for (const w of nameTerms(name.name)) for (const len of [1, 2]) if (w.length >= len) prefixes.add(w.slice(0, len));
    for (const p of prefixes) {
      let list = table.get(p);
      if (!list) table.set(p, (list = []));
      if (list.length === SHORT_PREFIX_CHOICES && better(name.id, list[list.length - 1]!) >= 0) continue;
      // Insert in order into a list of at most 25.
      let at = list.length;
      while (at > 0 && better(name.id, list[at - 1]!) < 0) at--;
      list.splice(at, 0, name.id);
      if (list.length > SHORT_PREFIX_CHOICES) list.pop();
    }
  }
  return table;
}

export class Autocomplete {
  private readonly shortPrefixes: ReadonlyMap<string, readonly number[]>;

  constructor(private readonly index: BreachIndex) {
    this.shortPrefixes = shortPrefixTable(index);
  }

  /** Names starting with (or close to) what is being typed, for autocomplete: at most `limit`. */
  complete(typed: string, limit = 25): AutocompleteChoice[] {
    const words = tokenize(typed).slice(0, 6);
    const idx = this.index;
    const choices: AutocompleteChoice[] = [];
    const seen = new Set<string>();
    const add = (name: string, kind: NameKind, incidents: readonly number[]) => {
      const key = name.toLowerCase();
      if (seen.has(key) || choices.length >= limit) return;
      seen.add(key);
      const only = incidents.length === 1 ? idx.records.ids[incidents[0]!]! : undefined;
      choices.push(only ? { name: name.slice(0, 100), kind, incidentId: only } : { name: name.slice(0, 100), kind });
    };
    if (words.length === 0) {
      for (const i of idx.defaultOrder.slice(0, limit)) add(idx.records.organizationName(i), 'organization', [i]);
      return choices;
    }
    const short = words.length === 1 && limit <= SHORT_PREFIX_CHOICES ? this.shortPrefixes.get(words[0]!) : undefined;
    if (short) {
      for (const id of short) {
        const name = idx.nameEntry(id);
        add(name.name, bestRef(name).kind, [...new Set(name.refs.map((r) => r.incident))]);
      }
      return choices;
    }
    // Domains are not offered: a name known only as a domain has the domain's weight as its best kind.
    const kindWeight = idx.nameIndex.kindWeight;
    const ids = idx.nameIndex.complete(words, limit, (id) => kindWeight[id] !== NAME_KIND_WEIGHT.domain);
    for (const id of ids) {
      const name = idx.nameEntry(id);
      add(name.name, bestRef(name).kind, [...new Set(name.refs.map((r) => r.incident))]);
    }
    return choices;
  }
}
