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
import MiniSearch, { type Options } from 'minisearch';
import type { Catalog } from './catalog.js';
import { dataClass } from './data-classes.js';
import { countrySearchText } from './countries.js';
import { incidentSortDate, incidentYears, type Incident } from './incident-schema.js';
import { STOP_WORDS, tokenize } from './text-folding.js';

export type NameKind = 'organization' | 'alias' | 'vendor' | 'affected' | 'domain';

/** How much a hit on each kind of name counts. */
export const NAME_KIND_WEIGHT: Readonly<Record<NameKind, number>> = {
  organization: 1,
  alias: 0.9,
  vendor: 0.85,
  affected: 0.8,
  domain: 0.7,
};

export interface NameRef {
  readonly incident: number;
  readonly kind: NameKind;
}

export interface NameEntry {
  readonly id: number;
  /** The name as written. */
  readonly name: string;
  readonly refs: NameRef[];
}

interface NameDoc {
  id: number;
  name: string;
}

interface TextDoc {
  id: number;
  title: string;
  summary: string;
  classes: string;
  response: string;
  place: string;
  sector: string;
  cause: string;
}

/** Words of a name as indexed: content words, plus each adjacent pair joined. */
export function nameTerms(name: string): string[] {
  const words = tokenize(name);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  const base = content.length > 0 ? content : words;
  const joined: string[] = [];
  for (let i = 0; i + 1 < base.length; i++) joined.push(base[i]! + base[i + 1]!);
  return [...base, ...joined];
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

/** The MiniSearch options for the name index; one constant serves building and loading. */
export const NAME_INDEX_OPTIONS: Options<NameDoc> = {
  fields: ['name'],
  storeFields: [],
  tokenize: (text: string) => nameTerms(text),
  processTerm: (term: string) => term,
  searchOptions: { tokenize: (text: string) => text.split(' ').filter(Boolean), processTerm: (t: string) => t },
};

export const TEXT_INDEX_OPTIONS: Options<TextDoc> = {
  fields: ['title', 'summary', 'classes', 'response', 'place', 'sector', 'cause'],
  storeFields: [],
  tokenize: (text: string) => textTerms(text),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => text.split(' ').filter(Boolean),
    processTerm: (t: string) => t,
    boost: { title: 2, classes: 1.5, place: 1.5, sector: 1.2, summary: 1, response: 1, cause: 1 },
  },
};

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
  readonly nameIndex: MiniSearch<NameDoc>;
  readonly textIndex: MiniSearch<TextDoc>;
  readonly facts: readonly IncidentFacts[];
  /** Every folded word that occurs in a name. */
  readonly nameWords: ReadonlySet<string>;
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
      if (!entry.refs.some((r) => r.incident === incident && r.kind === kind)) entry.refs.push({ incident, kind });
    };

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
        id: i,
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
    this.nameIndex = new MiniSearch<NameDoc>(NAME_INDEX_OPTIONS);
    this.nameIndex.addAll(names.map((n) => ({ id: n.id, name: n.name })));
    this.textIndex = new MiniSearch<TextDoc>(TEXT_INDEX_OPTIONS);
    this.textIndex.addAll(textDocs);
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
}
