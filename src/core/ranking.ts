/**
 * How matches are ordered: every ranking constant in one documented object, the per-incident
 * scratch arrays a query scores into, and the answer order built from them.
 *
 * Relevance order, from the strongest reason to the weakest:
 * 1. how many of the question's words the incident holds (all of them, unless none does: then
 *    the answer says so and lists the closest);
 * 2. how many of them it holds as whole words of one of its names (a typo, a prefix or a passing
 *    mention never ranks above a whole-word name match);
 * 3. how many it holds as whole words anywhere;
 * 4. the score band (BM25, names outweighing text; scores within `bandWidth` of each other are
 *    the same match for a reader);
 * 5. the kind of incident the question asks for (an attack, a breach; breaches first otherwise);
 * 6. a size close to a count given in the question ("800 000 clients");
 * 7. the biggest, then the most recent (a record whose size is not known comes after those
 *    whose size is); curated records before imported ones when all else is equal.
 */
import type { ParsedQuery } from './query-parser.js';

export const RANKING = {
  /** BM25 as MiniSearch computes it (k1, b, and its `d` floor), for names and for text alike. */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** How much a hit on each kind of name counts. */
  nameKindWeight: { organization: 1, alias: 0.9, vendor: 0.85, affected: 0.8, domain: 0.7 },
  /** How much a hit in each text field counts: title, summary, classes, response, place, sector, cause, source. */
  textFieldBoost: [2, 1, 1.5, 1, 1.5, 1.2, 1, 1],
  /** MiniSearch's default weights for typo and prefix expansions (the name index's own `search`). */
  defaultExpansionWeights: { fuzzy: 0.45, prefix: 0.375 },
  /** Words a name prefix may expand to per query word: the shortest (the closest to what was typed). */
  namePrefixWords: 48,
  /** A name prefix stops expanding once its words reach this many names. */
  namePrefixNamesBudget: 20_000,
  /** A name prefix range bigger than this is cut to its shortest words (3 letters: precomputed). */
  namePrefixScan: 512,
  /** A name word held by more names than this (or a sixty-fourth of all names) only adds to what rarer words found. */
  commonNameWordFloor: 500,
  /** Text terms a prefix may expand to, the most frequent first. */
  textPrefixTerms: 40,
  /** Text prefix ranges of 3 letters bigger than this keep their most frequent terms precomputed. */
  textPrefixScan: 256,
  /** Terms whose typo expansions are cached. */
  fuzzyCacheSize: 4096,
  /** Name hits weigh this much more than text hits. */
  nameWeight: 4,
  /** Weight of text hits for an incident whose names matched only some of the words. */
  textWeightWithName: 0.25,
  /** A word this long or shorter that the catalog holds as typed never gets a typo, even when nothing holds every word. */
  shortWord: 5,
  /** A last word this long or shorter that the catalog holds as typed is taken whole, as an acronym: no prefix expansions. */
  acronymLength: 3,
  /** How much a typo and a prefix match count against an exact word, in names. */
  nameMatchWeights: { fuzzy: 0.4, prefix: 0.6 },
  /** MiniSearch's default weight for a prefix expansion, in text. */
  textPrefixWeight: 0.375,
  /** Scores within this ratio of each other share a band (3%), counted down from the best. */
  bandWidth: 1.03,
  /** A text word held by more incidents than this (or a thirty-second of the catalog) only adds to what rarer words found. */
  commonTermFloor: 1000,
  /** A count in the question matches a size within this ratio (strong), or within `countLoose` (weak). */
  countClose: 1.25,
  countLoose: 2,
} as const;

/** The band of `score` below the best score (0 for the best, −1 for the next 3%...). */
export function scoreBand(score: number, best: number): number {
  return score > 0 ? -Math.floor(Math.log(best / score) / Math.log(RANKING.bandWidth)) : -Infinity;
}

/** 2 when `records` is within `countClose` of the count asked, 1 within `countLoose`, else 0. */
export function countCloseness(records: number, asked: number | undefined): number {
  if (asked === undefined || records <= 0) return 0;
  const ratio = records > asked ? records / asked : asked / records;
  return ratio <= RANKING.countClose ? 2 : ratio <= RANKING.countLoose ? 1 : 0;
}

/**
 * Per-incident accumulators reused by every query (an epoch marks which entries are live), so
 * answering allocates nothing that grows with the catalog.
 */
export class RankScratch {
  epoch = 0;
  readonly seen: Uint32Array;
  readonly nameScore: Float64Array;
  readonly textRaw: Float64Array;
  /** Bits of the query words matched in a name (any way), as whole name words, in text, as whole text words. */
  readonly nameMask: Int32Array;
  readonly nameExact: Int32Array;
  readonly textMask: Int32Array;
  readonly textExact: Int32Array;
  readonly score: Float64Array;
  readonly band: Float64Array;
  /** Sort keys: words held, words held as whole name words, words held as whole words. */
  readonly cover: Uint8Array;
  readonly wholeName: Uint8Array;
  readonly whole: Uint8Array;
  readonly touched: Int32Array;

  constructor(n: number) {
    this.seen = new Uint32Array(n);
    this.nameScore = new Float64Array(n);
    this.textRaw = new Float64Array(n);
    this.nameMask = new Int32Array(n);
    this.nameExact = new Int32Array(n);
    this.textMask = new Int32Array(n);
    this.textExact = new Int32Array(n);
    this.score = new Float64Array(n);
    this.band = new Float64Array(n);
    this.cover = new Uint8Array(n);
    this.wholeName = new Uint8Array(n);
    this.whole = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }
}

/** What the answer order needs of each incident besides the scratch: fixed per catalog. */
export interface IncidentKeys {
  /** Records (−1 when unknown). */
  readonly sizeKey: Float64Array;
  /** The sort date's rank among all dates. */
  readonly dateKey: Int32Array;
  /** 1 for curated records. */
  readonly curated: Uint8Array;
  /** 1 for attacks (no data theft reported), 0 for breaches. */
  readonly attack: Uint8Array;
}

/** Answer order over scored incidents: < 0 when a comes first. Ties end on catalog position. */
export function answerOrder(S: RankScratch, keys: IncidentKeys, query: Pick<ParsedQuery, 'sort' | 'kind' | 'recordsHint'>): (a: number, b: number) => number {
  const { sizeKey, dateKey, curated, attack } = keys;
  if (query.sort === 'date') return (a, b) => dateKey[b]! - dateKey[a]! || S.score[b]! - S.score[a]! || a - b;
  if (query.sort === 'size') return (a, b) => sizeKey[b]! - sizeKey[a]! || S.score[b]! - S.score[a]! || a - b;
  // Kind wanted: attacks first when asked for, breaches first otherwise.
  const wantAttack = query.kind === 'attack' ? 1 : 0;
  const kindKey = (i: number) => (attack[i] === wantAttack ? 1 : 0);
  const hint = query.recordsHint;
  const hintKey = hint === undefined ? () => 0 : (i: number) => countCloseness(sizeKey[i]!, hint);
  return (a, b) =>
    S.cover[b]! - S.cover[a]! ||
    S.wholeName[b]! - S.wholeName[a]! ||
    S.whole[b]! - S.whole[a]! ||
    S.band[b]! - S.band[a]! ||
    kindKey(b) - kindKey(a) ||
    hintKey(b) - hintKey(a) ||
    sizeKey[b]! - sizeKey[a]! ||
    dateKey[b]! - dateKey[a]! ||
    curated[b]! - curated[a]! ||
    S.score[b]! - S.score[a]! ||
    a - b;
}
