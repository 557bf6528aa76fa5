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
 * An entry that is a domain name ("orange.fr", "https://www.orange.fr/") is matched against
 * domains instead: the organization's or an affected organization's domain, or a subdomain of it
 * ("espaceclient.orange.fr"), never a look-alike ("notorange.fr", "orange.fr.example").
 * Built on the incidents alone (no search index), so it holds whatever the core's internals do:
 * either full records or the core's compact form of them (`IncidentRecords`: the same names and
 * domains as string tables), so a watch over 100,000 incidents never parses them all.
 */
import type { Incident } from '../core/incident-schema.js';
import { IncidentRecords } from '../core/incident-records.js';
import { STOP_WORDS, tokenize } from '../core/text-folding.js';
import { editDistanceWithin } from '../core/edit-distance.js';

/** The domain a watch entry names ("orange.fr", "https://www.Orange.fr/x" → "orange.fr"), if it is one. */
export function watchDomain(name: string): string | undefined {
  const d = name.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#].*$/, '').replace(/^www\./, '').replace(/\.$/, '');
  return /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/.test(d) ? d : undefined;
}

/** An entry's identity in a channel: its folded words ("Inbenta", "INBENTA " → "inbenta"); a domain, as "domain:orange.fr". */
export function watchKey(name: string): string {
  const domain = watchDomain(name);
  return domain ? `domain:${domain}` : tokenize(name).join(' ');
}

/** True when `domain` is `watched` or one of its subdomains. */
export function domainMatches(watched: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return d === watched || d.endsWith(`.${watched}`);
}

/** The domains of an incident's organization and affected organizations. */
function domainsOf(incident: Incident): string[] {
  return [...incident.organization.domains, ...incident.affected.flatMap((a) => a.domains ?? [])];
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

/** The incidents a watch reads: full records, or the core's compact form of them. */
export type WatchCatalog = readonly Incident[] | IncidentRecords;

const tables = new WeakMap<readonly Incident[], NameTable>();
const knownByRecords = new WeakMap<IncidentRecords, ReadonlySet<string>>();

/** Every content word of every name the catalog carries (a watched word among them is matched exactly). */
export function knownNameWords(catalog: WatchCatalog): ReadonlySet<string> {
  if (!(catalog instanceof IncidentRecords)) return nameTable(catalog).known;
  let known = knownByRecords.get(catalog);
  if (!known) {
    const words = new Set<string>();
    for (const name of new Set(catalog.groupNames)) for (const w of contentWords(name)) words.add(w);
    knownByRecords.set(catalog, (known = words));
  }
  return known;
}

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
export function incidentsNamingIn(candidates: readonly Incident[], name: string, catalog: WatchCatalog = candidates): Set<string> {
  const domain = watchDomain(name);
  if (domain) return new Set(candidates.filter((i) => domainsOf(i).some((d) => domainMatches(domain, d))).map((i) => i.id));
  const pattern = watchPattern(name, knownNameWords(catalog));
  const table = nameTable(candidates);
  const out = new Set<string>();
  table.names.forEach((names, i) => {
    if (names.some((words) => nameMatches(pattern, words))) out.add(candidates[i]!.id);
  });
  return out;
}

/** How an incident answers a watch entry: through its organization, a vendor, an affected organization, or a domain. */
export type WatchedAs = { readonly kind: 'organization' | 'affected' | 'domain' } | { readonly kind: 'vendor'; readonly vendor: string };

/**
 * Why `incident` matches the entry `name` (the organization first, then an affected organization,
 * then a vendor); undefined when it does not. A vendor match is what lets an alert name the
 * client: "Almerys, supplier of Mutuelle Exemple".
 */
export function watchedAs(incident: Incident, name: string, catalog: WatchCatalog): WatchedAs | undefined {
  const domain = watchDomain(name);
  if (domain) return domainsOf(incident).some((d) => domainMatches(domain, d)) ? { kind: 'domain' } : undefined;
  const pattern = watchPattern(name, knownNameWords(catalog));
  const hit = (names: readonly string[]) => names.some((n) => nameMatches(pattern, contentWords(n)));
  const org = incident.organization;
  if (hit([org.name, ...org.aliases])) return { kind: 'organization' };
  if (incident.affected.some((a) => hit([a.name, ...a.aliases]))) return { kind: 'affected' };
  const vendor = incident.vendors.find((v) => hit([v.name, ...v.aliases]));
  return vendor ? { kind: 'vendor', vendor: vendor.name } : undefined;
}

/**
 * Ids of the incidents of the catalog that the entry `name` names (what `watch add` counts), from
 * the compact form: the same names and domains as `incidentsNamingIn` reads from full records.
 */
export function incidentsNaming(core: { readonly records: IncidentRecords }, name: string): Set<string> {
  return recordsNaming(core.records, name);
}

/** `incidentsNamingIn` over every incident of the compact form (no full record read). */
export function recordsNaming(records: IncidentRecords, name: string): Set<string> {
  const out = new Set<string>();
  const domain = watchDomain(name);
  if (domain) {
    for (let i = 0; i < records.size; i++) {
      for (let k = records.domainStart[i]!; k < records.domainStart[i + 1]!; k++) {
        if (domainMatches(domain, records.domains[k]!)) {
          out.add(records.ids[i]!);
          break;
        }
      }
    }
    return out;
  }
  const pattern = watchPattern(name, knownNameWords(records));
  // Each distinct name's words once: many incidents share a vendor or an organization.
  const verdict = new Map<string, boolean>();
  const names = records.groupNames;
  for (let i = 0; i < records.size; i++) {
    const from = records.groupNameStart[records.groupStart[i]!]!;
    const to = records.groupNameStart[records.groupStart[i + 1]!]!;
    for (let k = from; k < to; k++) {
      const n = names[k]!;
      let hit = verdict.get(n);
      if (hit === undefined) verdict.set(n, (hit = nameMatches(pattern, contentWords(n))));
      if (hit) {
        out.add(records.ids[i]!);
        break;
      }
    }
  }
  return out;
}

