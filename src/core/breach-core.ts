/**
 * The query core: one entry point, `execute(request)`, that every adapter calls, and the
 * autocomplete the Discord adapter needs. Works only through the precomputed `BreachIndex`:
 * no per-query rebuilding, no scans of the catalog beyond the index lookups and the matches.
 */
import type { Catalog } from './catalog.js';
import { BreachIndex, NAME_KIND_WEIGHT, type Postings, type TextField } from './search-index.js';
import { nameFuzziness, nameTerms, type NameMatches, type NameQueryTerm } from './name-index.js';
import { editDistanceWithin } from './edit-distance.js';
import { hasFilters, parseQuery, type ParsedQuery } from './query-parser.js';
import { tokenize } from './text-folding.js';
import type { Incident } from './incident-schema.js';
import { IdSuggester } from './id-suggestions.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Answer, type CoreRequest, type Match, type MatchReason, type SearchNote, type Stats } from './answer.js';
import { Autocomplete, type AutocompleteChoice } from './autocomplete.js';
import { IncidentFilters } from './incident-filters.js';
import { computeStats } from './catalog-stats.js';
import { topK } from './top-k.js';
import type { IncidentRecords } from './incident-records.js';
import { answerOrder, RANKING, RankScratch, scoreBand, type IncidentKeys } from './ranking.js';

export type { AutocompleteChoice } from './autocomplete.js';
export { nameFuzziness } from './name-index.js';

function popcount(x: number): number {
  let c = 0;
  for (let v = x >>> 0; v; v &= v - 1) c++;
  return c;
}

/** The fields of incident `i` in a term's postings (0 when it does not hold the term). */
function postingFields(p: Postings, i: number): number {
  const j = postingIndex(p, i);
  return j < 0 ? 0 : p.fields[j]!;
}

/** Where incident `i` is in a term's postings (−1 when it does not hold the term). */
function postingIndex(p: Postings, i: number): number {
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = p.docs[mid]!;
    if (d === i) return mid;
    if (d < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Each incident's rank in `order`. */
function ranksOf(order: readonly number[]): Int32Array {
  const out = new Int32Array(order.length);
  order.forEach((i, r) => (out[i] = r));
  return out;
}

export class BreachCore {
  readonly index: BreachIndex;
  readonly catalog: Catalog;
  private readonly stats: Stats;
  /** Names offered when nothing is close to what was typed: the most notable curated incidents. */
  private readonly featuredNames: readonly string[];
  private readonly scratch: RankScratch;
  /** Sort keys as numbers: records, the sort date's rank, curated, attack. */
  private readonly keys: IncidentKeys;
  private readonly newestRank: Int32Array;
  private readonly biggestRank: Int32Array;
  private readonly defaultRank: Int32Array;
  private readonly filters: IncidentFilters;
  private readonly autocomplete: Autocomplete;

  constructor(catalog: Catalog) {
    this.catalog = catalog;
    this.index = new BreachIndex(catalog);
    const records = this.index.records;
    this.stats = computeStats(this.index);
    const featured: string[] = [];
    // Reviewed (curated) incidents first, biggest first; then the rest.
    const curatedFirst = [...this.index.defaultOrder.filter((i) => this.index.curated[i] === 1), ...this.index.defaultOrder.slice(0, 10)];
    for (const i of curatedFirst) {
      const name = records.organizationName(i);
      if (!featured.includes(name)) featured.push(name);
      if (featured.length === 5) break;
    }
    this.featuredNames = featured;
    const n = records.size;
    this.scratch = new RankScratch(n);
    const sortDate = this.index.sortDate;
    this.filters = new IncidentFilters(this.index, catalog.incidents);
    const dates = [...new Set(sortDate)].sort((a, b) => a.localeCompare(b));
    const dateRank = new Map(dates.map((d, r) => [d, r]));
    this.keys = {
      sizeKey: this.filters.sizeKey,
      dateKey: Int32Array.from(sortDate, (d) => dateRank.get(d)!),
      curated: this.index.curated,
      attack: Uint8Array.from(catalog.incidents, (inc) => (inc.kind === 'attack' ? 1 : 0)),
    };
    this.newestRank = ranksOf(this.index.newestFirst);
    this.biggestRank = ranksOf(this.index.biggestFirst);
    this.defaultRank = ranksOf(this.index.defaultOrder);
    this.autocomplete = new Autocomplete(this.index);
  }

  get size(): number {
    return this.index.records.size;
  }

  /** The records' compact form (ids, dates, names, classes…), with any full record on demand. */
  get records(): IncidentRecords {
    return this.index.records;
  }

  /** Built on the first unknown id asked for, then reused. */
  private idSuggester: IdSuggester | undefined;

  incident(id: string): Incident | undefined {
    const at = this.index.records.position(id);
    return at === undefined ? undefined : this.index.records.get(at);
  }

  execute(request: CoreRequest): Answer {
    switch (request.command) {
      case 'search':
        return this.search(request);
      case 'latest':
        return this.latest(request);
      case 'stats':
        return request.query?.trim() ? this.filteredStats(request.query.trim()) : { kind: 'stats', stats: this.stats };
      case 'show':
        return this.show(request.id);
      case 'help':
        return request.topic === undefined ? { kind: 'help' } : { kind: 'help', topic: request.topic };
    }
  }

  /** `/breach stats <filters>`: the same counts over the incidents the filters (and words) match. */
  private filteredStats(text: string): Answer {
    const parsed = this.parse(text);
    if (!parsed.ok) return { kind: 'error', ...parsed.error };
    const subset = new Set<number>(this.rankPositions(parsed.query));
    return { kind: 'stats', stats: computeStats(this.index, subset), query: text };
  }

  /** Parses a query the same way `search` does (adapters use it to pick the answer's language). */
  parse(text: string) {
    return parseQuery(text, {
      isNameTerm: (t) => this.index.isNameWord(t),
      isNamePair: (a, b) => this.index.hasNamePair(a, b),
      isVendorTerm: (t) => this.index.isVendorWord(t),
    });
  }

  private search(request: Extract<CoreRequest, { command: 'search' }>): Answer {
    const parsed = this.parse(request.query);
    if (!parsed.ok) return { kind: 'error', ...parsed.error };
    const query = parsed.query;
    // Not a single word (an emoji, punctuation): no match, rather than the whole catalog. Only
    // generic words ("breaches", "data leaks") list everything, best known first.
    if (query.terms.length === 0 && !hasFilters(query.filters) && query.sort === 'relevance' && tokenize(query.text).length === 0) {
      return { kind: 'no-results', request, query, suggestions: this.suggest([]) };
    }
    const { size } = pageBounds(request.page, request.pageSize);
    let number = 1;
    // Only words every incident answers to ("breach", "fuites de données", "data leak"): not
    // thousands of "matches", but the latest incidents, and the answer says how to narrow it.
    const broad = this.isBroad(query);
    // "top 10": no more than the ten first.
    const listed = (total: number) => (query.limit === undefined ? total : Math.min(total, query.limit));
    const ranked = this.collect(broad ? { ...query, sort: 'date' } : query, (all) => {
      const total = listed(all);
      number = Math.min(Math.max(1, Math.ceil(total / size)), Math.max(1, Math.floor(request.page ?? 1)));
      return { start: (number - 1) * size, end: Math.min(number * size, Math.max(total, 1)) };
    });
    if (ranked.unknown.length > 0) {
      // A word that matches nothing, even with a typo: no confident answer on the other words.
      return { kind: 'no-results', request, query, suggestions: this.suggest(ranked.unknown), unmatched: ranked.unknown };
    }
    if (ranked.total === 0) {
      const words = query.terms.length > 0 ? this.collect({ ...query, filters: { dataClasses: [], countries: [] } }, () => ({ start: 0, end: 0 })).total : 0;
      return {
        kind: 'no-results',
        request,
        query,
        suggestions: this.suggest(query.terms.length > 0 ? query.terms : tokenize(query.text)),
        ...(hasFilters(query.filters) && words > 0 ? { withoutFilters: words } : {}),
      };
    }
    const total = listed(ranked.total);
    const count = Math.max(1, Math.ceil(total / size));
    const page = { number, size, count, ...pastEnd(request.page, count) };
    const countries = query.filters.countries;
    const matches = countries.length === 0 ? ranked.matches : ranked.matches.map((m) => (countsElsewhere(m.incident, countries) ? { ...m, worldwideCount: true } : m));
    const note: SearchNote | undefined = broad ? { kind: 'too-broad' } : this.typoNote(query, ranked.order);
    return { kind: 'results', request, query, total, page, matches, ...(ranked.partial ? { partial: ranked.partial } : {}), ...(note ? { note } : {}) };
  }

  /**
   * True when the question names nothing to search or filter by: only words that say "an
   * incident" ("breach", "leak", "fuite", "données", "piratage", stop words), no filter, no sort,
   * no count. Attacks asked for ("ransomware") are a narrowing when the catalog holds some.
   */
  private isBroad(query: ParsedQuery): boolean {
    if (query.terms.length > 0 || hasFilters(query.filters) || query.sort !== 'relevance' || query.recordsHint !== undefined) return false;
    return query.kind !== 'attack' || !this.keys.attack.includes(1);
  }

  /**
   * The words of the question that the listed incidents hold only through a typo (no incident
   * listed holds them as typed, whole or as the start of a word), with the spellings they were
   * read as: "cnil" read as "anil" is a guess the answer must own up to, above its list.
   */
  private typoNote(query: ParsedQuery, order: readonly number[]): SearchNote | undefined {
    const idx = this.index;
    const S = this.scratch;
    const read: { typed: string; as: string[] }[] = [];
    query.terms.forEach((t, k) => {
      const fuzzy = nameFuzziness(t);
      if (fuzzy === 0 || query.terms.indexOf(t) !== k) return;
      const bit = bitOfTerm(query.terms, k);
      const as = new Set<string>();
      for (const i of order) {
        // Text holds words as typed (or a word the last one starts): never a typo.
        if (((S.nameExact[i]! | S.textMask[i]!) & bit) !== 0) return;
        if ((S.nameMask[i]! & bit) === 0) continue;
        for (const id of idx.namesOf(i)) {
          for (const w of nameTerms(idx.nameIndex.nameText[id]!)) {
            if (w.startsWith(t)) return;
            if (editDistanceWithin(t, w, fuzzy) <= fuzzy) as.add(w);
          }
        }
      }
      if (as.size > 0) read.push({ typed: t, as: [...as].slice(0, 3) });
    });
    return read.length > 0 ? { kind: 'typo', read } : undefined;
  }

  private latest(request: Extract<CoreRequest, { command: 'latest' }>): Answer {
    const ranked: Match[] = [];
    const { size } = pageBounds(request.page, request.pageSize);
    const order = this.index.newestFirst;
    const count = Math.max(1, Math.ceil(order.length / size));
    // A page past the end shows the last one, and says which was asked for.
    const number = Math.min(count, Math.max(1, Math.floor(request.page ?? 1)));
    const start = (number - 1) * size;
    for (let k = start; k < Math.min(order.length, start + size); k++) ranked.push({ incident: this.index.records.get(order[k]!), score: 0, reasons: [] });
    return {
      kind: 'results',
      request,
      total: order.length,
      page: { number, size, count, ...pastEnd(request.page, count) },
      matches: ranked,
    };
  }

  private show(id: string): Answer {
    const clean = id.trim().toLowerCase();
    const incident = this.incident(clean);
    if (incident) {
      const related = incident.related.map((r) => this.incident(r)).filter((r): r is Incident => r !== undefined);
      return { kind: 'incident', incident, related };
    }
    // Suggestions by closeness of id or name, never by what an unrelated text happens to mention.
    this.idSuggester ??= new IdSuggester(this.index.records);
    const suggestions = this.idSuggester.suggest(clean.slice(0, 100));
    return { kind: 'not-found', id: clean.slice(0, 100), suggestions };
  }

  /** Every incident matching the query, best first (digests and watchlists use the whole list). */
  rank(query: ParsedQuery): Match[] {
    const ranked = this.collect(query, (total) => ({ start: 0, end: total }));
    return ranked.unknown.length > 0 || ranked.partial ? [] : ranked.matches;
  }

  /**
   * The positions (in `records`) of every incident matching the query, best first: what `rank`
   * lists, without reading any full record (digest filters and filtered stats use it).
   */
  rankPositions(query: ParsedQuery): readonly number[] {
    const ranked = this.collect(query, (total) => ({ start: 0, end: total }), false);
    return ranked.unknown.length > 0 || ranked.partial ? [] : ranked.order;
  }

  /**
   * Scores the query into the reusable per-incident scratch arrays, keeps the incidents holding
   * every word (or, when none does, those holding the most), then orders only what the caller
   * keeps (`window` gets the total and says which ranks it wants): a page of 5 out of 100,000
   * matches costs a bounded heap, not a sort, and reasons are built for the page only.
   *
   * Words the catalog knows are taken as typed; only when no incident holds every word is the
   * query scored again with typos allowed around known words too.
   */
  private collect(query: ParsedQuery, window: (total: number) => { start: number; end: number }, full = true): Collected {
    const allowed = this.filters.predicate(query.filters);
    if (query.terms.length === 0) {
      // "ransomware attacks", "cyberattaques en France": the attacks, when the catalog has some.
      if (query.kind === 'attack') {
        const attack = this.keys.attack;
        const attacks = this.collectFiltered(query, (i) => attack[i] === 1 && allowed(i), window, full);
        if (attacks.total > 0) return { ...attacks, unknown: [] };
      }
      return { ...this.collectFiltered(query, allowed, window, full), unknown: [] };
    }
    let pass = this.score(query, allowed, false);
    if (pass.full === 0 && pass.relaxable) pass = this.score(query, allowed, true);

    const all = pass.allBits;
    const unknown = query.terms.filter((t, k) => (pass.known & bitOfTerm(query.terms, k)) === 0 && query.terms.indexOf(t) === k);
    if (unknown.length > 0) return { total: 0, order: [], matches: [], unknown };

    // Keep the incidents holding every word, else those holding the most.
    const S = this.scratch;
    const want = pass.full > 0 ? popcount(all) : pass.maxCover;
    let kept = 0;
    for (let k = 0; k < pass.touched; k++) {
      const i = S.touched[k]!;
      if (S.cover[i] === want) S.touched[kept++] = i;
    }
    let best = 0;
    for (let k = 0; k < kept; k++) best = Math.max(best, S.score[S.touched[k]!]!);
    for (let k = 0; k < kept; k++) S.band[S.touched[k]!] = scoreBand(S.score[S.touched[k]!]!, best);

    const { start, end } = window(kept);
    const order = topK(S.touched, kept, answerOrder(S, this.keys, query), end).slice(start, end);
    const matches = full ? order.map((i) => ({ incident: this.index.records.get(i), score: S.score[i]!, reasons: [] as MatchReason[] })) : [];
    if (full) this.addReasons(query, order, matches, pass.names, pass.expansions);
    const distinct = [...new Set(query.terms)];
    return { total: kept, order, matches, unknown: [], ...(pass.full === 0 && kept > 0 ? { partial: { terms: distinct, matched: want } } : {}) };
  }

  /** One scoring pass: names, then text, then each incident's coverage keys and score. */
  private score(query: ParsedQuery, allowed: (i: number) => boolean, relaxed: boolean): ScoringPass {
    const idx = this.index;
    const S = this.scratch;
    const epoch = ++S.epoch;
    let touched = 0;
    const touch = (i: number) => {
      if (S.seen[i] !== epoch) {
        S.seen[i] = epoch;
        S.nameScore[i] = 0;
        S.textRaw[i] = 0;
        S.nameMask[i] = 0;
        S.nameExact[i] = 0;
        S.textMask[i] = 0;
        S.textExact[i] = 0;
        S.touched[touched++] = i;
      }
    };
    const filtered = hasFilters(query.filters);
    const terms = query.terms;
    const bit = (k: number) => bitOfTerm(terms, k);
    const allBits = terms.reduce((a, _, k) => a | bit(k), 0);
    const text = idx.textIndex;

    // Names: each query word, plus adjacent words joined ("ticket master" → "ticketmaster"). A
    // word the catalog holds as typed (in a name or in text) gets no typo expansion, unless relaxed.
    const lastAt = terms.length - 1;
    let relaxable = false;
    // A short word the catalog holds as typed is never read as another: one typo in "cnil" is a
    // quarter of it, and reaches unrelated names ("Anil"). Held as typed and as short as an
    // acronym ("att", "caf", "hhs"), it is not the start of longer words either ("attorney").
    const knownAt = terms.map((t) => text.get(t) !== undefined || idx.nameIndex.wordId(t) !== undefined);
    const prefixAt = (k: number) => k === lastAt && terms[k]!.length >= 3 && !(knownAt[k] && terms[k]!.length <= RANKING.acronymLength);
    const nameQuery: NameQueryTerm[] = terms.map((t, k) => {
      const known = knownAt[k]!;
      const fuzzy = known && t.length <= RANKING.shortWord ? 0 : nameFuzziness(t);
      if (known && fuzzy > 0) relaxable = true;
      return { term: t, mask: bit(k), fuzzy: known && !relaxed && text.get(t) !== undefined ? 0 : fuzzy, prefix: prefixAt(k), typoEvenIfKnown: relaxed };
    });
    for (let k = 0; k < lastAt; k++) {
      const joined = terms[k]! + terms[k + 1]!;
      if (!terms.includes(joined)) nameQuery.push({ term: joined, mask: bit(k) | bit(k + 1), fuzzy: 0, prefix: false });
    }
    const names = idx.nameIndex.score(nameQuery, RANKING.nameMatchWeights);
    let known = names.known;
    const { refStart, refIncident, refWeight } = idx.nameIndex;
    for (let h = 0; h < names.count; h++) {
      const id = names.touched[h]!;
      const mask = names.mask[id]!;
      const score = names.score[id]! * popcount(mask);
      for (let r = refStart[id]!; r < refStart[id + 1]!; r++) {
        const i = refIncident[r]!;
        if (filtered && !allowed(i)) continue;
        touch(i);
        const weighted = score * refWeight[r]!;
        if (weighted > S.nameScore[i]!) S.nameScore[i] = weighted;
        S.nameMask[i]! |= mask;
        S.nameExact[i]! |= names.exact[id]!;
      }
    }

    // Text: exact words, a prefix only on the word being typed (expansions weighted as MiniSearch
    // does). A rare word brings its incidents in; a common one ("inc", "group", a word of most
    // summaries) only adds to incidents something rarer brought, so it costs what they number.
    const common = Math.max(RANKING.commonTermFloor, idx.records.size >> 5);
    const last = terms[lastAt]!;
    const expansions = prefixAt(lastAt) ? text.expand(last) : [];
    const textTerms: { p: Postings; bit: number; weight: number; exact: boolean }[] = [];
    terms.forEach((t, k) => {
      const p = text.get(t);
      if (p) textTerms.push({ p, bit: bit(k), weight: 1, exact: true });
      if (k === lastAt) {
        for (const e of expansions) {
          const pe = text.get(e);
          if (pe) textTerms.push({ p: pe, bit: bit(k), weight: (RANKING.textPrefixWeight * e.length) / (e.length + 0.3 * (e.length - t.length)), exact: false });
        }
      }
    });
    for (const term of textTerms) known |= term.bit;
    const add = (d: number, term: (typeof textTerms)[number], score: number) => {
      S.textRaw[d]! += term.weight * score;
      S.textMask[d]! |= term.bit;
      if (term.exact) S.textExact[d]! |= term.bit;
    };
    const bringIn = (term: (typeof textTerms)[number]) => {
      const { docs, scores } = term.p;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        if (filtered && !allowed(d)) continue;
        touch(d);
        add(d, term, scores[j]!);
      }
    };
    const boosters: typeof textTerms = [];
    for (const term of textTerms) {
      if (term.p.docs.length > common) boosters.push(term);
      else bringIn(term);
    }
    if (touched === 0 && boosters.length > 0) {
      // Only common words: the rarest of them brings the incidents in.
      boosters.sort((a, b) => a.p.docs.length - b.p.docs.length);
      bringIn(boosters.shift()!);
    }
    for (const term of boosters) {
      const { docs, scores } = term.p;
      if (touched * Math.log2(docs.length) < docs.length) {
        // Few incidents so far: look each up.
        for (let k = 0; k < touched; k++) {
          const d = S.touched[k]!;
          const j = postingIndex(term.p, d);
          if (j >= 0) add(d, term, scores[j]!);
        }
      } else {
        // Many: one pass over the postings, keeping those already in.
        for (let j = 0; j < docs.length; j++) {
          const d = docs[j]!;
          if (S.seen[d] === epoch) add(d, term, scores[j]!);
        }
      }
    }

    // Coverage keys and score. Once a name holds every word the incident holds, the text only
    // says the name is mentioned again: it does not move it (a bare name orders its incidents by
    // size and date, not by how long their summaries are).
    const n = popcount(allBits);
    let full = 0;
    let maxCover = 0;
    for (let k = 0; k < touched; k++) {
      const i = S.touched[k]!;
      const held = S.nameMask[i]! | S.textMask[i]!;
      const cover = popcount(held);
      S.cover[i] = cover;
      S.wholeName[i] = popcount(S.nameExact[i]!);
      S.whole[i] = popcount(S.nameExact[i]! | S.textExact[i]!);
      if (cover === n) full++;
      if (cover > maxCover) maxCover = cover;
      let textScore = S.textRaw[i]! * popcount(S.textMask[i]!);
      if (S.nameScore[i]! > 0) textScore = (S.nameMask[i]! & held) === held ? 0 : textScore * RANKING.textWeightWithName;
      S.score[i] = S.nameScore[i]! * RANKING.nameWeight + textScore;
    }
    return { touched, full, maxCover, allBits, known, relaxable: relaxable && !relaxed, names, expansions };
  }

  /** Why each returned incident matched: the names it carries (strongest kind first), then the text fields. */
  private addReasons(query: ParsedQuery, order: readonly number[], matches: { reasons: MatchReason[] }[], names: NameMatches, expansions: readonly string[]): void {
    const idx = this.index;
    order.forEach((i, k) => {
      const reasons = matches[k]!.reasons;
      for (const id of idx.namesOf(i)) {
        if (reasons.length >= 4 || !names.has(id)) continue;
        const name = idx.nameEntry(id);
        const kind = name.refs.filter((r) => r.incident === i).reduce((a, b) => (NAME_KIND_WEIGHT[b.kind] > NAME_KIND_WEIGHT[a.kind] ? b : a)).kind;
        const mask = names.mask[id]!;
        reasons.push({ field: kind, value: name.name, terms: query.terms.filter((_, b) => mask & (1 << Math.min(b, 30))) });
      }
    });
    const derived = [...new Set([...query.terms, ...expansions])].map((t) => ({ t, p: idx.textIndex.get(t) }));
    order.forEach((i, k) => {
      const reasons = matches[k]!.reasons;
      const byField = new Map<TextField, string[]>();
      for (const { t, p } of derived) {
        if (!p) continue;
        const mask = postingFields(p, i);
        idx.textIndex.fieldNames.forEach((f, b) => {
          if (mask & (1 << b)) byField.set(f, [...(byField.get(f) ?? []), t]);
        });
      }
      for (const [field, fieldTerms] of byField) if (reasons.length < 6) reasons.push({ field, terms: fieldTerms });
      // Names first, the strongest kind of name first; then the text fields.
      const weightOf = (r: MatchReason) => ('value' in r ? NAME_KIND_WEIGHT[r.field] : 0);
      reasons.sort((a, b) => weightOf(b) - weightOf(a));
    });
  }

  /**
   * Filter-only queries: count what passes, then take the wanted page in answer order. A narrow
   * filter sorts its few candidates by their precomputed rank; a broad one walks the
   * precomputed order and stops once the page is full.
   */
  private collectFiltered(query: ParsedQuery, allowed: (i: number) => boolean, window: (total: number) => { start: number; end: number }, full: boolean) {
    const idx = this.index;
    const n = idx.records.size;
    const order = query.sort === 'date' ? idx.newestFirst : query.sort === 'size' ? idx.biggestFirst : idx.defaultOrder;
    const rankIn = query.sort === 'date' ? this.newestRank : query.sort === 'size' ? this.biggestRank : this.defaultRank;
    const candidates = this.filters.candidates(query.filters, n >> 3);
    const S = this.scratch;
    const epoch = ++S.epoch;
    let total = 0;
    let narrow: Int32Array | undefined;
    if (candidates) {
      // Each candidate once (an incident spanning two years is listed under both).
      const ranks = S.touched;
      for (const list of candidates) {
        for (const i of list) {
          if (S.seen[i] === epoch || !allowed(i)) continue;
          S.seen[i] = epoch;
          ranks[total++] = rankIn[i]!;
        }
      }
      narrow = ranks.subarray(0, total).sort();
    } else {
      for (let i = 0; i < n; i++) if (allowed(i)) total++;
    }
    const { start, end } = window(total);
    const positions: number[] = [];
    if (narrow) {
      for (let k = start; k < Math.min(end, total); k++) positions.push(order[narrow[k]!]!);
    } else {
      let seen = 0;
      for (let k = 0; k < order.length && seen < end; k++) {
        const i = order[k]!;
        if (!allowed(i)) continue;
        if (seen >= start) positions.push(i);
        seen++;
      }
    }
    const matches: Match[] = full ? positions.map((i) => ({ incident: idx.records.get(i), score: 0, reasons: [] })) : [];
    return { total, order: positions, matches };
  }

  /** Names starting with (or close to) what is being typed, for autocomplete: at most `limit`. */
  complete(typed: string, limit = 25): AutocompleteChoice[] {
    return this.autocomplete.complete(typed, limit);
  }

  /** Names close to the words typed; the featured names when nothing is close. */
  suggest(words: readonly string[]): string[] {
    const out: string[] = [];
    if (words.length > 0) {
      const hits = this.index.nameIndex.search(words.slice(0, 6).join(' '), {
        // The search's own typo allowance (its expansions are cached), and one edit even on 3 letters; prefixes from 4 letters.
        fuzzy: (t) => Math.max(1, nameFuzziness(t)),
        prefix: (t) => t.length >= 4,
        maxFuzzy: 2,
      });
      for (const h of hits) {
        const name = this.index.nameIndex.nameText[h.id as number]!;
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

}

/** The bit of query word `k` (a repeated word shares the bit of its first occurrence). */
function bitOfTerm(terms: readonly string[], k: number): number {
  return 1 << Math.min(terms.indexOf(terms[k]!), 30);
}

interface ScoringPass {
  readonly touched: number;
  /** Incidents holding every word, and the most words any incident holds. */
  readonly full: number;
  readonly maxCover: number;
  readonly allBits: number;
  /** Bits of the words that reached anything in the catalog (names or text), whatever the filters. */
  readonly known: number;
  /** A second pass with typos around known words could find more. */
  readonly relaxable: boolean;
  readonly names: NameMatches;
  readonly expansions: readonly string[];
}

interface Collected {
  readonly total: number;
  /** The positions of the matches kept (the window asked for), in answer order. */
  readonly order: readonly number[];
  readonly matches: Match[];
  /** Words that match nothing in the catalog, even with a typo. */
  readonly unknown: readonly string[];
  /** Set when no incident holds every word: the matches hold `matched` of `terms`. */
  readonly partial?: { readonly terms: readonly string[]; readonly matched: number };
}

/** `{ requested }` when the page asked for is past the last one. */
function pastEnd(requested: number | undefined, count: number): { requested?: number } {
  const asked = Math.floor(requested ?? 1);
  return asked > count ? { requested: asked } : {};
}

/**
 * True when an incident passed a country filter only through where the people hit live: its
 * organization is in none of `countries` (or nowhere known), so its count is everyone's.
 */
function countsElsewhere(incident: Incident, countries: readonly string[]): boolean {
  if (!incident.records?.total) return false;
  const home = incident.organization.country;
  return home === undefined || !countries.includes(home);
}

function pageBounds(page: number | undefined, pageSize: number | undefined): { size: number; start: number } {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? DEFAULT_PAGE_SIZE)));
  const number = Math.max(1, Math.floor(page ?? 1));
  return { size, start: (number - 1) * size };
}

