/**
 * The two MiniSearch indexes behind every query, built once per catalog and never per query:
 *
 * - the **name index**: one small document per distinct name (organization, alias, vendor,
 *   affected organization, domain), searched with typo tolerance and prefixes. Names are few and
 *   short, so fuzzy matching stays cheap at any catalog size, and a name always outranks a
 *   passing mention. Adjacent words are also indexed joined ("grand paris" → "grandparis") so
 *   words run together or split apart ("ticket master") still meet.
 * - the **text index**: one document per incident (title, summary, data classes, response,
 *   place, sector, cause), searched on exact terms, with a prefix only on the term being typed.
 *
 * Plus the per-incident facts filters need (years, countries, classes, size) and the orders
 * that filter-only queries walk, all precomputed here.
 */
import type { Catalog } from './catalog.js';
import { dataClass } from './data-classes.js';
import { countrySearchText } from './countries.js';
import { incidentSortDate, incidentYears, type Incident } from './incident-schema.js';
import { STOP_WORDS, tokenize } from './text-folding.js';
import { NameIndex, type NameEntry, type NameKind } from './name-index.js';

export { NAME_KIND_WEIGHT, nameTerms, type NameEntry, type NameKind, type NameRef } from './name-index.js';

interface TextDoc {
  title: string;
  summary: string;
  classes: string;
  response: string;
  place: string;
  sector: string;
  cause: string;
}

/** Text index terms: folded content words. */
function textTerms(text: string): string[] {
  return tokenize(text).filter((w) => !STOP_WORDS.has(w));
}

/** A domain's distinctive part: "ticketmaster.co.uk" → "ticketmaster"; "metopera.org" → "metopera". */
function domainLabel(domain: string): string {
  const parts = domain.toLowerCase().replace(/^www\./, '').split('.');
  const secondLevel = new Set(['co', 'com', 'org', 'gouv', 'gov', 'ac', 'net']);
  while (parts.length > 2 && secondLevel.has(parts[parts.length - 2]!)) parts.pop();
  return parts.length >= 2 ? parts.slice(0, -1).join(' ') : parts.join(' ');
}

/** Text fields in document order, with how much a hit in each counts. */
export const TEXT_FIELDS = ['title', 'summary', 'classes', 'response', 'place', 'sector', 'cause'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
const TEXT_BOOST: readonly number[] = [2, 1, 1.5, 1, 1.5, 1.2, 1];
// BM25 as MiniSearch computes it (k, b, d; field length = distinct terms), so scores match the index it replaces.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** Terms a prefix may expand to in the text index, the most frequent first. */
export const MAX_PREFIX_TERMS = 40;

/** One term's postings: incident positions (ascending), their precomputed weighted BM25 score, and a bit per field holding it. */
export interface Postings {
  readonly docs: Int32Array;
  readonly scores: Float32Array;
  readonly fields: Uint8Array;
}

/**
 * The exact-term text index: an inverted index over typed arrays, built once. Each posting
 * carries its final BM25 score (field boosts and per-field idf folded in at build time), so a
 * query only adds numbers: no per-hit objects, and memory a fraction of a general-purpose index.
 */
export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  /** Term ids by their first three letters, for prefix expansion. */
  private readonly byTrigram = new Map<string, number[]>();
  private readonly terms: string[] = [];

  constructor(docs: readonly TextDoc[]) {
    const n = docs.length;
    const fieldCount = TEXT_FIELDS.length;
    const fieldLength = TEXT_FIELDS.map(() => new Uint16Array(n));
    // Raw postings per term: doc, then (tf << 3 | field), flat.
    const raw: number[][] = [];
    const tf = new Map<number, number>();
    for (let d = 0; d < n; d++) {
      const doc = docs[d]!;
      for (let f = 0; f < fieldCount; f++) {
        const text = doc[TEXT_FIELDS[f]!];
        if (!text) continue;
        tf.clear();
        for (const term of textTerms(text)) {
          let id = this.termIds.get(term);
          if (id === undefined) {
            id = this.terms.length;
            this.termIds.set(term, id);
            this.terms.push(term);
            raw.push([]);
            if (term.length >= 3) {
              const key = term.slice(0, 3);
              const list = this.byTrigram.get(key);
              if (list) list.push(id);
              else this.byTrigram.set(key, [id]);
            }
          }
          tf.set(id, (tf.get(id) ?? 0) + 1);
        }
        fieldLength[f]![d] = Math.min(65535, tf.size);
        for (const [id, count] of tf) raw[id]!.push(d, (Math.min(count, 255) << 3) | f);
      }
    }
    const avg = fieldLength.map((lengths) => lengths.reduce((a, b) => a + b, 0) / Math.max(1, n));
    const df = new Array<number>(fieldCount);
    for (const entries of raw) {
      df.fill(0);
      let docCount = 0;
      let last = -1;
      for (let k = 0; k < entries.length; k += 2) {
        df[entries[k + 1]! & 7]!++;
        if (entries[k] !== last) (docCount++, (last = entries[k]!));
      }
      const idf = df.map((m) => Math.log(1 + (n - m + 0.5) / (m + 0.5)));
      const docsOut = new Int32Array(docCount);
      const scores = new Float32Array(docCount);
      const fields = new Uint8Array(docCount);
      let j = -1;
      last = -1;
      for (let k = 0; k < entries.length; k += 2) {
        const d = entries[k]!;
        const f = entries[k + 1]! & 7;
        const count = entries[k + 1]! >> 3;
        if (d !== last) (j++, (last = d), (docsOut[j] = d));
        const norm = BM25.d + (count * (BM25.k + 1)) / (count + BM25.k * (1 - BM25.b + (BM25.b * fieldLength[f]![d]!) / (avg[f] || 1)));
        scores[j]! += TEXT_BOOST[f]! * idf[f]! * norm;
        fields[j]! |= 1 << f;
      }
      this.postings.push({ docs: docsOut, scores, fields });
    }
  }

  get(term: string): Postings | undefined {
    const id = this.termIds.get(term);
    return id === undefined ? undefined : this.postings[id];
  }

  /** Longer terms starting with `prefix` (3 letters or more), the most frequent first, at most `limit`. */
  expand(prefix: string, limit = MAX_PREFIX_TERMS): string[] {
    if (prefix.length < 3) return [];
    const ids = (this.byTrigram.get(prefix.slice(0, 3)) ?? []).filter((id) => this.terms[id]!.length > prefix.length && this.terms[id]!.startsWith(prefix));
    if (ids.length > limit) ids.sort((a, b) => this.postings[b]!.docs.length - this.postings[a]!.docs.length).length = limit;
    return ids.map((id) => this.terms[id]!);
  }
}

export interface IncidentFacts {
  readonly years?: readonly [number, number];
  readonly countries: ReadonlySet<string>;
  readonly classes: ReadonlySet<string>;
  readonly records?: number;
  readonly sortDate: string;
  /** Curated records are reviewed and richer: they come first among equals. */
  readonly curated: boolean;
}

export class BreachIndex {
  readonly incidents: readonly Incident[];
  readonly names: readonly NameEntry[];
  readonly nameIndex: NameIndex;
  readonly textIndex: TextIndex;
  readonly facts: readonly IncidentFacts[];
  /** Every folded word that occurs in a name. */
  readonly nameWords: ReadonlySet<string>;
  /** The earliest and latest years any incident spans (0 when none has a year). */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Each incident's names (ids into `names`). */
  readonly namesOf: readonly (readonly number[])[];
  /** Incident positions by data class, by country, by year. */
  readonly byClass: ReadonlyMap<string, readonly number[]>;
  readonly byCountry: ReadonlyMap<string, readonly number[]>;
  readonly byYear: ReadonlyMap<number, readonly number[]>;
  /** All incident positions, newest first / biggest first / default order (curated, size, date). */
  readonly newestFirst: readonly number[];
  readonly biggestFirst: readonly number[];
  readonly defaultOrder: readonly number[];
  readonly positionOf: ReadonlyMap<string, number>;

  constructor(catalog: Catalog) {
    this.incidents = catalog.incidents;
    const names: NameEntry[] = [];
    const nameIdByKey = new Map<string, number>();
    const nameWords = new Set<string>();
    const addName = (name: string, incident: number, kind: NameKind) => {
      const key = tokenize(name).join(' ');
      if (!key) return;
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
    const namesOf: number[][] = this.incidents.map(() => []);

    const positionOf = new Map<string, number>();
    const facts: IncidentFacts[] = [];
    const textDocs: TextDoc[] = [];
    const byClass = new Map<string, number[]>();
    const byCountry = new Map<string, number[]>();
    const byYear = new Map<number, number[]>();
    const push = <K>(map: Map<K, number[]>, key: K, i: number) => {
      const list = map.get(key);
      if (list) list.push(i);
      else map.set(key, [i]);
    };

    this.incidents.forEach((inc, i) => {
      positionOf.set(inc.id, i);
      const org = inc.organization;
      addName(org.name, i, 'organization');
      for (const a of org.aliases) addName(a, i, 'alias');
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
      const years = incidentYears(inc);
      const classes = new Set(inc.dataClasses);
      facts.push({
        years,
        countries,
        classes,
        records: inc.records?.total?.count,
        sortDate: incidentSortDate(inc),
        curated: inc.provenance.source === 'curated',
      });
      for (const c of classes) push(byClass, c, i);
      for (const c of countries) push(byCountry, c, i);
      if (years) for (let y = years[0]; y <= years[1]; y++) push(byYear, y, i);

      const both = (t: { en: string; fr?: string | undefined } | undefined) => (t ? `${t.en} ${t.fr ?? ''}` : '');
      textDocs.push({
        title: both(inc.title),
        summary: both(inc.summary),
        classes: [...inc.dataClasses.flatMap((n) => {
          const c = dataClass(n);
          return c ? [c.name, c.en, c.fr, ...c.synonyms] : [n];
        }), ...inc.otherDataClasses].join(' '),
        response: inc.response.map((r) => `${r.type.replace(/-/g, ' ')} ${both(r.text)}`).join(' '),
        place: [org.city, org.region, org.country ? countrySearchText(org.country) : '', ...inc.affected.map((a) => a.city ?? '')].join(' '),
        sector: org.sector ?? '',
        cause: both(inc.cause),
      });
    });

    this.names = names;
    this.nameWords = nameWords;
    this.namesOf = namesOf;
    const years = [...byYear.keys()];
    this.firstYear = years.length > 0 ? Math.min(...years) : 0;
    this.lastYear = years.length > 0 ? Math.max(...years) : 0;
    this.nameIndex = new NameIndex(names);
    this.textIndex = new TextIndex(textDocs);
    this.facts = facts;
    this.byClass = byClass;
    this.byCountry = byCountry;
    this.byYear = byYear;
    this.positionOf = positionOf;

    const all = this.incidents.map((_, i) => i);
    const size = (i: number) => facts[i]!.records ?? -1;
    const date = (i: number) => facts[i]!.sortDate;
    this.newestFirst = [...all].sort((a, b) => date(b).localeCompare(date(a)) || size(b) - size(a));
    this.biggestFirst = [...all].sort((a, b) => size(b) - size(a) || date(b).localeCompare(date(a)));
    const curated = (i: number) => (facts[i]!.curated ? 1 : 0);
    this.defaultOrder = [...all].sort((a, b) => curated(b) - curated(a) || size(b) - size(a) || date(b).localeCompare(date(a)));
  }

  /** True when the folded words `first second` follow each other in some indexed name. */
  hasNamePair(first: string, second: string): boolean {
    const a = this.nameIndex.wordId(first);
    const b = this.nameIndex.wordId(second);
    if (a === undefined || b === undefined) return false;
    const pair = ` ${first} ${second} `;
    return this.nameIndex.search(`${first} ${second}`, { combineWith: 'AND' }).some((hit) => ` ${tokenize(this.names[hit.id]!.name).join(' ')} `.includes(pair));
  }
}
