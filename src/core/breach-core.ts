/**
 * The query core: one entry point, `execute(request)`, that every adapter calls, and the
 * autocomplete the Discord adapter needs. Works only through the precomputed `BreachIndex`:
 * no per-query rebuilding, no scans of the catalog beyond the index lookups and the matches.
 */
import type { SearchResult } from 'minisearch';
import type { Catalog } from './catalog.js';
import { BreachIndex, NAME_KIND_WEIGHT, type NameKind } from './search-index.js';
import { hasFilters, parseQuery, type ParsedQuery, type QueryFilters } from './query-parser.js';
import { tokenize } from './text-folding.js';
import type { Incident } from './incident-schema.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Answer,
  type Count,
  type CoreRequest,
  type Match,
  type MatchReason,
  type Stats,
} from './answer.js';

/** Edit distance allowed for a name term of this length: none for short words, 2 from 5 letters. */
export function nameFuzziness(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length === 4) return 1;
  return 2;
}

/** Name hits weigh this much more than text hits. */
const NAME_WEIGHT = 4;
/** Curated, reviewed records rank ahead of imported ones that match as well. */
const CURATED_PRIOR = 1.25;
/** Weight of text hits for an incident whose name already matched. */
const TEXT_WEIGHT_WITH_NAME = 0.25;
/**
 * Scores within about 3% of each other are the same match for a reader (two "Orange"
 * incidents differing only by summary length): within a band, the bigger, then the newer, first.
 */
function scoreBand(score: number): number {
  return score > 0 ? Math.floor(Math.log(score) / Math.log(1.03)) : -Infinity;
}
/** At most this many name entries are expanded per query (bounds the cost of a fuzzy hit on a very common name). */
const MAX_NAME_HITS = 2000;

export interface AutocompleteChoice {
  readonly name: string;
  readonly kind: NameKind;
  /** The incident it leads to when the name belongs to one only. */
  readonly incidentId?: string;
}

interface Scored {
  score: number;
  nameScore: number;
  matched: Set<string>;
  reasons: MatchReason[];
}

export class BreachCore {
  readonly index: BreachIndex;
  readonly catalog: Catalog;
  private readonly stats: Stats;
  /** Names offered when nothing is close to what was typed: the most notable curated incidents. */
  private readonly featuredNames: readonly string[];

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.index = new BreachIndex(catalog);
    this.stats = computeStats(this.index);
    const featured: string[] = [];
    for (const i of this.index.defaultOrder) {
      const name = this.index.incidents[i]!.organization.name;
      if (!featured.includes(name)) featured.push(name);
      if (featured.length === 5) break;
    }
    this.featuredNames = featured;
  }

  get size(): number {
    return this.index.incidents.length;
  }

  incident(id: string): Incident | undefined {
    return this.catalog.byId.get(id);
  }

  execute(request: CoreRequest): Answer {
    switch (request.command) {
      case 'search':
        return this.search(request);
      case 'latest':
        return this.latest(request);
      case 'stats':
        return { kind: 'stats', stats: this.stats };
      case 'show':
        return this.show(request.id);
      case 'help':
        return request.topic === undefined ? { kind: 'help' } : { kind: 'help', topic: request.topic };
    }
  }

  /** Parses a query the same way `search` does (adapters use it to pick the answer's language). */
  parse(text: string) {
    return parseQuery(text, (t) => this.index.nameWords.has(t));
  }

  private search(request: Extract<CoreRequest, { command: 'search' }>): Answer {
    const parsed = this.parse(request.query);
    if (!parsed.ok) return { kind: 'error', ...parsed.error };
    const query = parsed.query;
    const ranked = this.rank(query);
    if (ranked.length === 0) {
      const words = query.terms.length > 0 ? this.rank({ ...query, filters: { dataClasses: [], countries: [] } }).length : 0;
      return {
        kind: 'no-results',
        request,
        query,
        suggestions: this.suggest(query.terms.length > 0 ? query.terms : tokenize(query.text)),
        ...(hasFilters(query.filters) && words > 0 ? { withoutFilters: words } : {}),
      };
    }
    return { kind: 'results', request, query, ...paginate(ranked, request.page, request.pageSize) };
  }

  private latest(request: Extract<CoreRequest, { command: 'latest' }>): Answer {
    const ranked: Match[] = [];
    const { size, start } = pageBounds(request.page, request.pageSize);
    const order = this.index.newestFirst;
    for (let k = start; k < Math.min(order.length, start + size); k++) ranked.push({ incident: this.index.incidents[order[k]!]!, score: 0, reasons: [] });
    const number = Math.floor(start / size) + 1;
    return {
      kind: 'results',
      request,
      total: order.length,
      page: { number, size, count: Math.max(1, Math.ceil(order.length / size)) },
      matches: ranked,
    };
  }

  private show(id: string): Answer {
    const clean = id.trim().toLowerCase();
    const incident = this.catalog.byId.get(clean);
    if (incident) {
      const related = incident.related.map((r) => this.catalog.byId.get(r)).filter((r): r is Incident => r !== undefined);
      return { kind: 'incident', incident, related };
    }
    const parsed = this.parse(clean.replace(/-/g, ' '));
    const suggestions = parsed.ok
      ? this.rank({ ...parsed.query, filters: { dataClasses: [], countries: [] } })
          .slice(0, 5)
          .map((m) => ({ id: m.incident.id, title: m.incident.title.en }))
      : [];
    return { kind: 'not-found', id: clean.slice(0, 100), suggestions };
  }

  /** Every incident matching the query, best first. */
  rank(query: ParsedQuery): Match[] {
    const idx = this.index;
    const allowed = this.filterPredicate(query.filters);
    if (query.terms.length === 0) {
      const order = query.sort === 'date' ? idx.newestFirst : query.sort === 'size' ? idx.biggestFirst : idx.defaultOrder;
      const candidates = this.filterCandidates(query.filters);
      const out: Match[] = [];
      if (candidates) {
        const set = new Set(candidates);
        for (const i of order) if (set.has(i) && allowed(i)) out.push({ incident: idx.incidents[i]!, score: 0, reasons: [] });
      } else {
        for (const i of order) if (allowed(i)) out.push({ incident: idx.incidents[i]!, score: 0, reasons: [] });
      }
      return out;
    }

    const scored = new Map<number, Scored>();
    const entry = (i: number): Scored => {
      let s = scored.get(i);
      if (!s) {
        s = { score: 0, nameScore: 0, matched: new Set(), reasons: [] };
        scored.set(i, s);
      }
      return s;
    };

    // Names: each query word, plus adjacent words joined ("ticket master" → "ticketmaster").
    const terms = [...query.terms];
    const partsOf = new Map<string, string[]>(terms.map((t) => [t, [t]]));
    for (let k = 0; k + 1 < query.terms.length; k++) {
      const joined = query.terms[k]! + query.terms[k + 1]!;
      if (!partsOf.has(joined)) {
        terms.push(joined);
        partsOf.set(joined, [query.terms[k]!, query.terms[k + 1]!]);
      }
    }
    const last = query.terms[query.terms.length - 1]!;
    const nameHits = idx.nameIndex.search(terms.join(' '), {
      fuzzy: (t) => nameFuzziness(t),
      maxFuzzy: 2,
      prefix: (t) => t.length >= 3 && (t === last || t.length >= 5),
      weights: { fuzzy: 0.4, prefix: 0.6 },
    });
    for (const hit of nameHits.slice(0, MAX_NAME_HITS)) {
      const name = idx.names[hit.id as number]!;
      const matchedTerms = hit.queryTerms.flatMap((t) => partsOf.get(t) ?? [t]);
      for (const ref of name.refs) {
        if (!allowed(ref.incident)) continue;
        const s = entry(ref.incident);
        const weighted = hit.score * NAME_KIND_WEIGHT[ref.kind];
        if (weighted > s.nameScore) s.nameScore = weighted;
        for (const t of matchedTerms) s.matched.add(t);
        if (s.reasons.length < 4 && !s.reasons.some((r) => 'value' in r && r.value === name.name)) {
          s.reasons.push({ field: ref.kind, value: name.name, terms: matchedTerms });
        }
      }
    }

    // Text: exact words, a prefix only on the word being typed.
    const textHits: SearchResult[] = idx.textIndex.search(query.terms.join(' '), {
      prefix: (t, i, all) => i === all.length - 1 && t.length >= 3,
      filter: (r) => allowed(r.id as number),
    });
    for (const hit of textHits) {
      const s = entry(hit.id as number);
      s.score += hit.score;
      const byField = new Map<string, string[]>();
      for (const [term, fields] of Object.entries(hit.match)) {
        for (const f of fields) byField.set(f, [...(byField.get(f) ?? []), term]);
      }
      for (const t of hit.queryTerms) s.matched.add(t);
      for (const [field, fieldTerms] of byField) {
        if (s.reasons.length < 6) s.reasons.push({ field: field as Exclude<MatchReason['field'], NameKind>, terms: fieldTerms });
      }
    }

    const n = query.terms.length;
    const out: Match[] = [];
    for (const [i, s] of scored) {
      const coverage = Math.min(1, s.matched.size / n);
      const incident = idx.incidents[i]!;
      // Curated records first among equals; a breach before a mere attack on the same name.
      const prior = (idx.facts[i]!.curated ? CURATED_PRIOR : 1) * (incident.kind === 'attack' ? 0.9 : 1);
      // Once a name matched, the text only says the name is mentioned again: it counts for less.
      const text = s.nameScore > 0 ? s.score * TEXT_WEIGHT_WITH_NAME : s.score;
      const score = (s.nameScore * NAME_WEIGHT + text) * (0.2 + 0.8 * coverage * coverage) * prior;
      // Names first, the strongest kind of name first; then the text fields.
      const weightOf = (r: MatchReason) => ('value' in r ? NAME_KIND_WEIGHT[r.field] : 0);
      out.push({ incident, score, reasons: s.reasons.sort((a, b) => weightOf(b) - weightOf(a)) });
    }
    const facts = idx.facts;
    const pos = idx.positionOf;
    const size = (m: Match) => facts[pos.get(m.incident.id)!]!.records ?? -1;
    const date = (m: Match) => facts[pos.get(m.incident.id)!]!.sortDate;
    if (query.sort === 'date') out.sort((a, b) => date(b).localeCompare(date(a)) || b.score - a.score);
    else if (query.sort === 'size') out.sort((a, b) => size(b) - size(a) || b.score - a.score);
    else out.sort((a, b) => scoreBand(b.score) - scoreBand(a.score) || size(b) - size(a) || date(b).localeCompare(date(a)) || b.score - a.score);
    return out;
  }

  /** The smallest precomputed list of incidents that can satisfy the filters, if any filter narrows. */
  private filterCandidates(filters: QueryFilters): readonly number[] | undefined {
    const idx = this.index;
    const lists: (readonly number[])[] = [];
    for (const c of filters.dataClasses) lists.push(idx.byClass.get(c) ?? []);
    if (filters.countries.length > 0) lists.push(filters.countries.flatMap((c) => idx.byCountry.get(c) ?? []));
    if (filters.vendor !== undefined) lists.push([...this.vendorMatches(filters.vendor)]);
    if (filters.yearFrom !== undefined && filters.yearTo !== undefined && filters.yearTo - filters.yearFrom <= 50) {
      const years: number[] = [];
      for (let y = filters.yearFrom; y <= filters.yearTo; y++) years.push(...(idx.byYear.get(y) ?? []));
      lists.push(years);
    }
    if (lists.length === 0) return undefined;
    return lists.reduce((a, b) => (b.length < a.length ? b : a));
  }

  private readonly vendorCache = new Map<string, ReadonlySet<number>>();

  /** Incidents whose vendor names match `vendor` (typos allowed), cached per vendor text. */
  private vendorMatches(vendor: string): ReadonlySet<number> {
    const cached = this.vendorCache.get(vendor);
    if (cached) return cached;
    const out = new Set<number>();
    for (const hit of this.index.nameIndex.search(vendor, { fuzzy: (t) => nameFuzziness(t), maxFuzzy: 2, prefix: (t) => t.length >= 3, combineWith: 'AND' })) {
      for (const ref of this.index.names[hit.id as number]!.refs) if (ref.kind === 'vendor') out.add(ref.incident);
    }
    if (this.vendorCache.size > 1000) this.vendorCache.clear();
    this.vendorCache.set(vendor, out);
    return out;
  }

  private filterPredicate(filters: QueryFilters): (i: number) => boolean {
    if (!hasFilters(filters)) return () => true;
    const facts = this.index.facts;
    const vendors = filters.vendor !== undefined ? this.vendorMatches(filters.vendor) : undefined;
    const from = filters.yearFrom ?? -Infinity;
    const to = filters.yearTo ?? Infinity;
    const years = filters.yearFrom !== undefined || filters.yearTo !== undefined;
    return (i) => {
      const f = facts[i]!;
      if (filters.dataClasses.some((c) => !f.classes.has(c))) return false;
      if (filters.countries.length > 0 && !filters.countries.some((c) => f.countries.has(c))) return false;
      if (years && (!f.years || f.years[1] < from || f.years[0] > to)) return false;
      if (filters.minRecords !== undefined && (f.records === undefined || f.records < filters.minRecords)) return false;
      if (vendors && !vendors.has(i)) return false;
      return true;
    };
  }

  /** Names close to the words typed; the featured names when nothing is close. */
  suggest(words: readonly string[]): string[] {
    const out: string[] = [];
    if (words.length > 0) {
      const hits = this.index.nameIndex.search(words.slice(0, 6).join(' '), {
        fuzzy: (t) => Math.min(3, Math.max(1, Math.floor(t.length / 3))),
        prefix: true,
        maxFuzzy: 3,
      });
      for (const h of hits) {
        const name = this.index.names[h.id as number]!.name;
        if (!out.includes(name)) out.push(name);
        if (out.length === 5) break;
      }
    }
    for (const name of this.featuredNames) {
      if (out.length >= 5) break;
      if (!out.includes(name)) out.push(name);
    }
    return out;
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
      const only = incidents.length === 1 ? idx.incidents[incidents[0]!]!.id : undefined;
      choices.push(only ? { name: name.slice(0, 100), kind, incidentId: only } : { name: name.slice(0, 100), kind });
    };
    if (words.length === 0) {
      for (const i of idx.defaultOrder.slice(0, limit)) add(idx.incidents[i]!.organization.name, 'organization', [i]);
      return choices;
    }
    const hits = idx.nameIndex.search(words.join(' '), {
      prefix: true,
      fuzzy: (t) => (t.length >= 5 ? 1 : 0),
      combineWith: 'AND',
      weights: { fuzzy: 0.3, prefix: 0.8 },
    });
    // Organization names before aliases and vendors that match as well.
    const ranked = hits
      .map((h) => {
        const name = idx.names[h.id as number]!;
        const best = name.refs.reduce((a, b) => (NAME_KIND_WEIGHT[b.kind] > NAME_KIND_WEIGHT[a.kind] ? b : a));
        return { name, best, score: h.score * NAME_KIND_WEIGHT[best.kind] };
      })
      .filter((r) => r.best.kind !== 'domain')
      .sort((a, b) => b.score - a.score);
    for (const { name, best } of ranked) {
      add(name.name, best.kind, [...new Set(name.refs.map((r) => r.incident))]);
      if (choices.length >= limit) break;
    }
    return choices;
  }
}

function pageBounds(page: number | undefined, pageSize: number | undefined): { size: number; start: number } {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? DEFAULT_PAGE_SIZE)));
  const number = Math.max(1, Math.floor(page ?? 1));
  return { size, start: (number - 1) * size };
}

function paginate(ranked: readonly Match[], page: number | undefined, pageSize: number | undefined) {
  const { size } = pageBounds(page, pageSize);
  const count = Math.max(1, Math.ceil(ranked.length / size));
  const number = Math.min(count, Math.max(1, Math.floor(page ?? 1)));
  const start = (number - 1) * size;
  return { total: ranked.length, page: { number, size, count }, matches: ranked.slice(start, start + size) };
}

function countBy<K>(keys: Iterable<K>): Count<K>[] {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m].map(([key, count]) => ({ key, count }));
}

function computeStats(idx: BreachIndex): Stats {
  const incidents = idx.incidents;
  return {
    total: incidents.length,
    breaches: incidents.filter((i) => i.kind === 'breach').length,
    byYear: countBy(idx.facts.flatMap((f) => (f.years ? [f.years[0]] : []))).sort((a, b) => b.key - a.key),
    byDataClass: countBy(incidents.flatMap((i) => i.dataClasses)).sort((a, b) => b.count - a.count),
    byCountry: countBy(idx.facts.flatMap((f) => [...f.countries])).sort((a, b) => b.count - a.count),
    bySource: countBy(incidents.map((i) => i.provenance.source)).sort((a, b) => b.count - a.count),
    biggest: idx.biggestFirst.slice(0, 10).filter((i) => idx.facts[i]!.records !== undefined).map((i) => incidents[i]!),
  };
}
