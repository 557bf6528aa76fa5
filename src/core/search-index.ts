/**
 * Everything a query needs, built once per catalog and never per query:
 *
 * - the **name index** (`name-index.ts`): one entry per distinct name (organization, alias,
 *   vendor, affected organization, domain), searched word by word with typo tolerance (over
 *   MiniSearch's radix tree) and prefixes; adjacent words also found joined ("grand paris" →
 *   "grandparis") so words run together or split apart ("ticket master") still meet;
 * - the **text index** (`text-index.ts`): title, summary, data classes, response, place, sector,
 *   cause and source (the reporters' sites), on exact words, with a prefix only on the word being typed;
 * - the per-incident facts filters and orders need (years, size, sort date), the incidents by
 *   class, country and year, and the orders that filter-only queries walk.
 */
import type { Catalog } from './catalog.js';
import { dataClass } from './data-classes.js';
import { countrySearchText } from './countries.js';
import { incidentSortDate, incidentYears } from './incident-dates.js';
import type { Incident } from './incident-schema.js';
import { tokenize } from './text-folding.js';
import { NameIndex, type NameEntry, type NameKind } from './name-index.js';
import { TextIndex, type TextDoc } from './text-index.js';
import { IncidentRecords } from './incident-records.js';
import { lowerBound } from './sorted-strings.js';
import type { OrganizationAlias } from './organization-aliases.js';

export { NAME_KIND_WEIGHT, nameTerms, type NameEntry, type NameKind, type NameRef } from './name-index.js';
export { TEXT_FIELDS, MAX_PREFIX_TERMS, TextIndex, type Postings, type TextField } from './text-index.js';

/** A domain's distinctive part: "ticketmaster.co.uk" → "ticketmaster"; "metopera.org" → "metopera". */
function domainLabel(domain: string): string {
  const parts = domain.toLowerCase().replace(/^www\./, '').split('.');
  while (parts.length > 2 && SECOND_LEVEL.has(parts[parts.length - 2]!)) parts.pop();
  return parts.length >= 2 ? parts.slice(0, -1).join(' ') : parts.join(' ');
}
const SECOND_LEVEL: ReadonlySet<string> = new Set(['co', 'com', 'org', 'gouv', 'gov', 'ac', 'net', 'eu']);

/**
 * Who reported an incident, as searchable words: each source's site without its TLD ("cnil" for
 * www.cnil.fr, "bleepingcomputer", "ocrportal hhs"), from its URL or a publisher written as a
 * domain. A feed's long name ("US HHS Office for Civil Rights") is left out: its common words
 * would make every one of its records answer "office" or "rights".
 */
function sourceText(inc: Incident): string {
  const labels = new Set<string>();
  for (const s of inc.sources) {
    if (s.url) {
      try {
        labels.add(domainLabel(new URL(s.url).hostname));
      } catch {
        // not a URL the schema would have let through; nothing to add
      }
    }
    if (s.publisher && /^[\w-]+(\.[\w-]+)+$/.test(s.publisher)) labels.add(domainLabel(s.publisher));
  }
  return [...labels].join(' ');
}

export interface IncidentFacts {
  readonly years?: readonly [number, number];
  readonly records?: number;
  readonly sortDate: string;
  /** Curated records are reviewed and richer: they come first among equals. */
  readonly curated: boolean;
}

/** The searchable text of an incident, field by field (English and French together). */
function textDocOf(inc: Incident): TextDoc {
  const org = inc.organization;
  const both = (t: { en: string; fr?: string | undefined } | undefined) => (t ? `${t.en} ${t.fr ?? ''}` : '');
  return {
    title: both(inc.title),
    summary: both(inc.summary),
    classes: [
      ...[...inc.dataClasses, ...inc.possiblyExposed].flatMap((n) => {
        const c = dataClass(n);
        return c ? [c.name, c.en, c.fr, ...c.synonyms] : [n];
      }),
      ...inc.otherDataClasses,
    ].join(' '),
    response: inc.response.map((r) => `${r.type.replace(/-/g, ' ')} ${both(r.text)}`).join(' '),
    place: [org.city, org.region, org.country ? countrySearchText(org.country) : '', ...inc.affected.map((a) => a.city ?? ''), ...inc.peopleCountries.map(countrySearchText)].join(' '),
    sector: org.sector ?? '',
    // What the vendors did ("hosted chatbot provider") says how it happened.
    cause: [both(inc.cause), ...inc.vendors.map((v) => both(v.role))].join(' '),
    source: sourceText(inc),
  };
}

export class BreachIndex {
  /** The records: their compact form, and the full record of any one on demand. */
  readonly records: IncidentRecords;
  readonly nameIndex: NameIndex;
  readonly textIndex: TextIndex;
  /**
   * Per incident: the first and last year it spans (0 when it has none), its record count (NaN
   * when unknown), the date it sorts by, 1 when curated. Columns, not one object per incident.
   */
  readonly yearStart: Int16Array;
  readonly yearEnd: Int16Array;
  readonly recordCount: Float64Array;
  readonly sortDate: readonly string[];
  readonly curated: Uint8Array;
  /**
   * The folded words of names that the name dictionary leaves out (stop words of names that have
   * other words), sorted: with the dictionary, every word that occurs in a name (`isNameWord`).
   */
  private readonly nameStopWords: readonly string[];
  /** Every folded word that occurs in a vendor's name or alias, sorted. */
  private readonly vendorWords: readonly string[];
  /** The earliest and latest years any incident spans (0 when none has a year). */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Each incident's names (CSR: ids `namesOfIds[namesOfStart[i]..namesOfStart[i+1]]`). */
  private readonly namesOfStart: Int32Array;
  private readonly namesOfIds: Int32Array;
  /** Incident positions by data class, by country, by year. */
  readonly byClass: ReadonlyMap<string, readonly number[]>;
  readonly byCountry: ReadonlyMap<string, readonly number[]>;
  readonly byYear: ReadonlyMap<number, readonly number[]>;
  /** All incident positions, newest first / biggest first / default order (size, date, curated). */
  readonly newestFirst: readonly number[];
  readonly biggestFirst: readonly number[];
  readonly defaultOrder: readonly number[];

  constructor(catalog: Catalog) {
    const incidents = catalog.incidents;
    this.records = new IncidentRecords(incidents);
    const names: NameEntry[] = [];
    const nameIdByKey = new Map<string, number>();
    const nameWords = new Set<string>();
    const vendorWords = new Set<string>();
    const addName = (name: string, incident: number, kind: NameKind) => {
      const key = tokenize(name).join(' ');
      if (!key) return;
      if (kind === 'vendor') for (const w of tokenize(name)) vendorWords.add(w);
      let id = nameIdByKey.get(key);
      if (id === undefined) {
        id = names.length;
        nameIdByKey.set(key, id);
        names.push({ id, name, refs: [] });
        for (const w of tokenize(name)) nameWords.add(w);
      }
      const entry = names[id]!;
      // Refs are added incident by incident: only the tail can hold this incident already.
      let known = false;
      for (let r = entry.refs.length - 1; r >= 0 && entry.refs[r]!.incident === incident; r--) if (entry.refs[r]!.kind === kind) known = true;
      if (known) return;
      if (entry.refs.length === 0 || entry.refs[entry.refs.length - 1]!.incident !== incident) namesOf[incident]!.push(id);
      entry.refs.push({ incident, kind });
    };
    const namesOf: number[][] = incidents.map(() => []);

    const facts: IncidentFacts[] = [];
    const byClass = new Map<string, number[]>();
    const byCountry = new Map<string, number[]>();
    const byYear = new Map<number, number[]>();
    const push = <K>(map: Map<K, number[]>, key: K, i: number) => {
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    };

    const curatedAliases = aliasesByOrganization(catalog.aliases ?? []);
    incidents.forEach((inc, i) => {
      const org = inc.organization;
      addName(org.name, i, 'organization');
      for (const a of org.aliases) addName(a, i, 'alias');
      for (const a of curatedAliases.size > 0 ? (curatedAliases.get(tokenize(org.name).join(' ')) ?? []) : []) addName(a, i, 'alias');
      for (const d of org.domains) addName(domainLabel(d), i, 'domain');
      for (const v of inc.vendors) {
        addName(v.name, i, 'vendor');
        for (const a of v.aliases) addName(a, i, 'vendor');
      }
      for (const a of inc.affected) {
        addName(a.name, i, 'affected');
        for (const al of a.aliases) addName(al, i, 'affected');
      }

      const countries = new Set<string>();
      if (org.country) countries.add(org.country);
      for (const a of inc.affected) if (a.country) countries.add(a.country);
      for (const c of inc.peopleCountries) countries.add(c);
      const years = incidentYears(inc);
      // Data possibly exposed answers a data filter too: the answer shows it as a hedge.
      const classes = new Set([...inc.dataClasses, ...inc.possiblyExposed]);
      facts.push({
        years,
        records: inc.records?.total?.count,
        sortDate: incidentSortDate(inc),
        curated: inc.provenance.source === 'curated',
      });
      for (const c of classes) push(byClass, c, i);
      for (const c of countries) push(byCountry, c, i);
      if (years) for (let y = years[0]; y <= years[1]; y++) push(byYear, y, i);

    });

    this.nameIndex = new NameIndex(names);
    this.nameStopWords = [...nameWords].filter((w) => !this.nameIndex.hasWord(w)).sort();
    this.vendorWords = [...vendorWords].sort();
    this.namesOfStart = new Int32Array(incidents.length + 1);
    namesOf.forEach((list, i) => (this.namesOfStart[i + 1] = this.namesOfStart[i]! + list.length));
    this.namesOfIds = new Int32Array(this.namesOfStart[incidents.length]!);
    namesOf.forEach((list, i) => this.namesOfIds.set(list, this.namesOfStart[i]!));
    const years = [...byYear.keys()];
    this.firstYear = years.length > 0 ? Math.min(...years) : 0;
    this.lastYear = years.length > 0 ? Math.max(...years) : 0;
    // Each incident's text is made when the text index reads it, so 100,000 summaries are never all copied at once.
    this.textIndex = new TextIndex(incidents.length, (i) => textDocOf(incidents[i]!));
    this.yearStart = Int16Array.from(facts, (f) => f.years?.[0] ?? 0);
    this.yearEnd = Int16Array.from(facts, (f) => f.years?.[1] ?? 0);
    this.recordCount = Float64Array.from(facts, (f) => f.records ?? NaN);
    // The same dates as the records' compact form holds: one table, not two.
    this.sortDate = this.records.sortDates;
    this.curated = Uint8Array.from(facts, (f) => (f.curated ? 1 : 0));
    this.byClass = byClass;
    this.byCountry = byCountry;
    this.byYear = byYear;

    const all = incidents.map((_, i) => i);
    const size = (i: number) => facts[i]!.records ?? -1;
    const date = (i: number) => facts[i]!.sortDate;
    this.newestFirst = [...all].sort((a, b) => date(b).localeCompare(date(a)) || size(b) - size(a));
    this.biggestFirst = [...all].sort((a, b) => size(b) - size(a) || date(b).localeCompare(date(a)));
    const curated = (i: number) => (facts[i]!.curated ? 1 : 0);
    // A list without words: the biggest first, then the most recent; curated first among equals.
    this.defaultOrder = [...all].sort((a, b) => size(b) - size(a) || date(b).localeCompare(date(a)) || curated(b) - curated(a));
  }

  /** How many distinct names the name index holds. */
  get nameCount(): number {
    return this.nameIndex.size;
  }

  /** Name `id` (as written), with the incidents it names and how. */
  nameEntry(id: number): NameEntry {
    return this.nameIndex.entry(id);
  }

  /** The names of incident `i` (ids). */
  namesOf(i: number): Int32Array {
    return this.namesOfIds.subarray(this.namesOfStart[i]!, this.namesOfStart[i + 1]!);
  }

  /** True when `word` (folded) occurs in some name / in some vendor's name or alias. */
  isNameWord(word: string): boolean {
    return this.nameIndex.hasWord(word) || this.nameStopWords[lowerBound(this.nameStopWords, word)] === word;
  }

  isVendorWord(word: string): boolean {
    return this.vendorWords[lowerBound(this.vendorWords, word)] === word;
  }

  /** True when the folded words `first second` follow each other in some indexed name. */
  hasNamePair(first: string, second: string): boolean {
    const a = this.nameIndex.wordId(first);
    const b = this.nameIndex.wordId(second);
    if (a === undefined || b === undefined) return false;
    const pair = ` ${first} ${second} `;
    return this.nameIndex.search(`${first} ${second}`, { combineWith: 'AND' }).some((hit) => ` ${tokenize(this.nameIndex.nameText[hit.id]!).join(' ')} `.includes(pair));
  }
}

/** Aliases by folded organization name, for the index. */
function aliasesByOrganization(aliases: readonly OrganizationAlias[]): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const a of aliases) {
    const key = tokenize(a.organization).join(' ');
    out.set(key, [...(out.get(key) ?? []), ...a.aliases]);
  }
  return out;
}
