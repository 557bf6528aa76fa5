/**
 * The name index: every distinct name (organization, alias, vendor, affected organization,
 * domain) as a short document, searched word by word with typo tolerance and prefixes.
 *
 * Built for a catalog of 100,000 incidents (about 150,000 names) answering in a millisecond:
 * - the **dictionary** of name words is MiniSearch's radix tree (`SearchableMap`), laid flat in
 *   typed arrays (`flat-radix.ts`), which gives the words within an edit distance of a typed word; it holds single words only, so a typo
 *   search walks a tree of words, not of every pair of words;
 * - adjacent words joined ("ticket master" → "ticketmaster") are found exactly, by a binary
 *   search of their own;
 * - a sorted copy of the dictionary answers prefixes with a binary search;
 * - postings (word → names) and each name's words are flat typed arrays, and scoring goes
 *   into reusable per-name arrays: a query allocates nothing that grows with the catalog.
 *
 * Scores are BM25 over names, weighted for prefix and typo matches exactly as MiniSearch weighs
 * them, so a rare word outranks a common one and a short name a long one.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { STOP_WORDS, tokenize } from './text-folding.js';
import { bestOfLargePrefix3Ranges } from './sorted-strings.js';
import { RANKING } from './ranking.js';
import { FlatRadix } from './flat-radix.js';

export type NameKind = 'organization' | 'alias' | 'vendor' | 'affected' | 'domain';

/** How much a hit on each kind of name counts (`RANKING.nameKindWeight`). */
export const NAME_KIND_WEIGHT: Readonly<Record<NameKind, number>> = RANKING.nameKindWeight;

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

/** A name's searchable words: content words (all words when it has only stop words). */
export function nameWords(name: string): string[] {
  const words = tokenize(name);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return content.length > 0 ? content : words;
}

/**
 * Legal forms and their like ("Inc.", "LLC", "S.A.", "GmbH"): searchable, but not counted in a
 * name's length, so "Change Healthcare, Inc." is as good a match for "change healthcare" as
 * "Change Healthcare", and their incidents are ordered by size and date, not by suffix.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'pllc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company', 'plc', 'pc', 'pa', 'sc', 'pllc',
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'se', 'gmbh', 'ag', 'bv', 'nv', 'spa', 'srl', 'ab', 'as', 'oy', 'kk', 'pty', 'dba', 'd', 'b', 'a', 'the', 'group', 'groupe',
]);

/** Words of a name as indexed: content words, plus each adjacent pair joined. */
export function nameTerms(name: string): string[] {
  const base = nameWords(name);
  const joined: string[] = [];
  for (let i = 0; i + 1 < base.length; i++) joined.push(base[i]! + base[i + 1]!);
  return [...base, ...joined];
}

/**
 * Edit distance allowed for a name term of this length: none up to 3 letters, one up to 7, two
 * only from 8 (a second edit on a shorter word reaches too many unrelated names: "chatbot" →
 * "Chatou").
 */
export function nameFuzziness(term: string): number {
  if (term.length <= 3) return 0;
  if (term.length <= 7) return 1;
  return 2;
}

/** The strongest kind a name is known as. */
export function bestRef(name: NameEntry): NameRef {
  return name.refs.reduce((a, b) => (NAME_KIND_WEIGHT[b.kind] > NAME_KIND_WEIGHT[a.kind] ? b : a));
}

/** One word of a query, as the name index takes it. */
export interface NameQueryTerm {
  readonly term: string;
  /** Bits this term sets in a matching name's mask (a joined pair sets both its words' bits). */
  readonly mask: number;
  /** Edit distance allowed (0: exact only). */
  readonly fuzzy: number;
  /** Longer words starting with the term match too. */
  readonly prefix: boolean;
  /** Typos are looked for even when the dictionary holds the term itself (a second, relaxed pass). */
  readonly typoEvenIfKnown?: boolean;
}

export interface NameSearchOptions {
  readonly fuzzy?: number | ((term: string) => number);
  /** The most edits any word may get. */
  readonly maxFuzzy?: number;
  readonly prefix?: boolean | ((term: string) => boolean);
  /** OR (default): any word; AND: every word of the text must match. */
  readonly combineWith?: 'OR' | 'AND';
  readonly weights?: { readonly fuzzy?: number; readonly prefix?: number };
}

export interface NameHit {
  readonly id: number;
  readonly score: number;
  /** The query words it matched. */
  readonly queryTerms: string[];
}

// The constants live, documented, in RANKING (ranking.ts).
const BM25 = RANKING.bm25;
const DEFAULT_WEIGHTS = RANKING.defaultExpansionWeights;
export const MAX_PREFIX_WORDS: number = RANKING.namePrefixWords;
const COMMON_WORD_FLOOR = RANKING.commonNameWordFloor;
const FUZZY_CACHE_SIZE = RANKING.fuzzyCacheSize;
const PREFIX_NAMES_BUDGET = RANKING.namePrefixNamesBudget;
const PREFIX_SCAN: number = RANKING.namePrefixScan;

/**
 * Per-name accumulators reused by every query; `epoch` marks which entries are live. Only one
 * query uses them at a time (the core is synchronous).
 */
class NameScratch {
  epoch = 0;
  termEpoch = 0;
  readonly seen: Uint32Array;
  readonly termSeen: Uint32Array;
  readonly score: Float64Array;
  readonly termBest: Float64Array;
  readonly mask: Int32Array;
  /** Bits of the terms a name holds as whole words (not by typo or prefix). */
  readonly exact: Int32Array;
  readonly touched: Int32Array;
  /** Names the current term reached. */
  readonly termTouched: Int32Array;
  count = 0;
  constructor(n: number) {
    this.termTouched = new Int32Array(n);
    this.seen = new Uint32Array(n);
    this.termSeen = new Uint32Array(n);
    this.score = new Float64Array(n);
    this.termBest = new Float64Array(n);
    this.mask = new Int32Array(n);
    this.exact = new Int32Array(n);
    this.touched = new Int32Array(n);
  }
  /** Bits of the terms that reached at least one word (whatever the names). */
  known = 0;
}

/** The names one query matched: ids in `touched[0..count)`, with their score and mask. */
export interface NameMatches {
  readonly count: number;
  readonly touched: Int32Array;
  readonly score: Float64Array;
  readonly mask: Int32Array;
  /** Bits of the terms name `id` holds as whole words. */
  readonly exact: Int32Array;
  /** Bits of the terms that reached any word of the dictionary. */
  readonly known: number;
  /** True when name `id` matched this query (valid until the next query). */
  has(id: number): boolean;
}

/** Name kinds as codes (`refKind`). */
const NAME_KINDS: readonly NameKind[] = ['organization', 'alias', 'vendor', 'affected', 'domain'];

export class NameIndex {
  /** Each name as written (by name id): one string table, not one object per name. */
  readonly nameText: readonly string[];
  /**
   * The radix tree of the dictionary's words (single words; the joined pairs are in `joinedSorted`),
   * laid flat (`flat-radix.ts`): its typo walks are MiniSearch's, and a core opened from its
   * image gets it as typed arrays, not as a tree of Maps to rebuild.
   */
  private readonly dictionary: FlatRadix;
  /** Ids of the joined pairs (the words after the dictionary's), sorted by their text. */
  private readonly joinedSorted: Int32Array;
  private readonly wordOf: string[] = [];
  /** Dictionary word ids sorted by their text (`wordOf`), for exact lookups and prefix ranges. */
  private readonly sortedIds: Int32Array;
  /** For 3-letter prefixes with a large range: its shortest words. */
  private readonly shortestByPrefix3: ReadonlyMap<string, Int32Array>;
  /** word id → names (CSR), each list best name first (kind, then fewer words). */
  private readonly postStart: Int32Array;
  private readonly postNames: Int32Array;
  /** name id → its word ids (CSR), and its BM25 length norm for one occurrence. */
  private readonly wordStart: Int32Array;
  private readonly nameWordIds: Int32Array;
  private readonly norm: Float64Array;
  /** name id → the weight of the strongest kind it is known as. */
  readonly kindWeight: Float64Array;
  /** name id → the incidents it names (CSR), with the weight of the kind it names each by. */
  readonly refStart: Int32Array;
  readonly refIncident: Int32Array;
  readonly refWeight: Float32Array;
  /** The kind each reference names its incident by (a code into `NAME_KINDS`). */
  private readonly refKind: Uint8Array;
  private readonly scratch: NameScratch;
  /** Fuzzy expansions by term, oldest dropped first. */
  private readonly fuzzyCache = new Map<string, readonly (readonly [number, number])[]>();

  constructor(names: readonly NameEntry[]) {
    this.nameText = names.map((name) => name.name);
    const ids = new Map<string, number>();
    const joined = new Map<string, number>();
    const perName: number[][] = [];
    const termCounts = new Uint16Array(names.length);
    const wordId = (w: string, pairs: boolean) => {
      const map = pairs ? joined : ids;
      let id = map.get(w);
      if (id === undefined) {
        id = this.wordOf.length;
        this.wordOf.push(w);
        map.set(w, id);
      }
      return id;
    };
    const wordsOf = names.map((name) => nameWords(name.name));
    for (const words of wordsOf) for (const w of words) wordId(w, false);
    let totalTerms = 0;
    for (const name of names) {
      const words = wordsOf[name.id]!;
      const list = words.map((w) => ids.get(w)!);
      for (let i = 0; i + 1 < words.length; i++) {
        const pair = words[i]! + words[i + 1]!;
        // A pair that is also a word ("ticket master", "ticketmaster") is that word.
        list.push(ids.get(pair) ?? wordId(pair, true));
      }
      const unique = [...new Set(list)];
      perName.push(unique);
      // Legal forms do not make a name longer (a name made only of them still counts one word).
      let counted = 0;
      for (let i = 0; i < words.length; i++) {
        if (LEGAL_FORMS.has(words[i]!)) continue;
        counted++;
        if (i + 1 < words.length && !LEGAL_FORMS.has(words[i + 1]!)) counted++;
      }
      counted = Math.max(1, counted);
      termCounts[name.id] = counted;
      totalTerms += counted;
    }
    this.joinedSorted = Int32Array.from([...joined].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), ([, id]) => id);
    const tree = new SearchableMap<number>();
    for (const [w, id] of ids) tree.set(w, id);
    this.dictionary = new FlatRadix(tree);
    const sorted = [...ids.keys()].sort();
    this.sortedIds = Int32Array.from(sorted, (w) => ids.get(w)!);
    this.shortestByPrefix3 = bestOfLargePrefix3Ranges(sorted, this.sortedIds, PREFIX_SCAN, MAX_PREFIX_WORDS, (a, b) => this.wordOf[a]!.length - this.wordOf[b]!.length);

    const n = names.length;
    const avg = totalTerms / Math.max(1, n);
    this.norm = new Float64Array(n);
    this.kindWeight = new Float64Array(n);
    this.wordStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.wordStart[i + 1] = this.wordStart[i]! + perName[i]!.length;
      this.norm[i] = BM25.d + (BM25.k + 1) / (1 + BM25.k * (1 - BM25.b + (BM25.b * termCounts[i]!) / avg));
      this.kindWeight[i] = NAME_KIND_WEIGHT[bestRef(names[i]!).kind];
    }
    this.nameWordIds = new Int32Array(this.wordStart[n]!);
    const df = new Int32Array(this.wordOf.length);
    perName.forEach((list, i) => {
      this.nameWordIds.set(list, this.wordStart[i]!);
      for (const w of list) df[w]!++;
    });
    this.postStart = new Int32Array(this.wordOf.length + 1);
    for (let w = 0; w < df.length; w++) this.postStart[w + 1] = this.postStart[w]! + df[w]!;
    this.postNames = new Int32Array(this.postStart[df.length]!);
    // Names in order of quality, so every posting list comes out best first.
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this.kindWeight[b]! * this.norm[b]! - this.kindWeight[a]! * this.norm[a]! || a - b);
    const fill = this.postStart.slice(0, df.length);
    for (const i of order) for (let k = this.wordStart[i]!; k < this.wordStart[i + 1]!; k++) this.postNames[fill[this.nameWordIds[k]!]!++] = i;
    this.refStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.refStart[i + 1] = this.refStart[i]! + names[i]!.refs.length;
    this.refIncident = new Int32Array(this.refStart[n]!);
    this.refWeight = new Float32Array(this.refStart[n]!);
    this.refKind = new Uint8Array(this.refStart[n]!);
    names.forEach((name, i) =>
      name.refs.forEach((r, k) => {
        this.refIncident[this.refStart[i]! + k] = r.incident;
        this.refWeight[this.refStart[i]! + k] = NAME_KIND_WEIGHT[r.kind];
        this.refKind[this.refStart[i]! + k] = NAME_KINDS.indexOf(r.kind);
      }),
    );
    this.scratch = new NameScratch(n);
  }

  get size(): number {
    return this.nameText.length;
  }

  /** Name `id` with the incidents it names and how (made on demand from the flat arrays). */
  entry(id: number): NameEntry {
    const refs: NameRef[] = [];
    for (let r = this.refStart[id]!; r < this.refStart[id + 1]!; r++) refs.push({ incident: this.refIncident[r]!, kind: NAME_KINDS[this.refKind[r]!]! });
    return { id, name: this.nameText[id]!, refs };
  }

  /** The id of `word` when the dictionary holds it as a single word (a binary search of the sorted words). */
  private dictionaryWord(word: string): number | undefined {
    const k = this.lowerBound(this.sortedIds, word);
    return k < this.sortedIds.length && this.wordOf[this.sortedIds[k]!] === word ? this.sortedIds[k] : undefined;
  }

  /** True when some name has `word` as one of its searchable words (not a joined pair). */
  hasWord(word: string): boolean {
    return this.dictionaryWord(word) !== undefined;
  }

  /** The first place in `ids` (word ids sorted by text) whose word is ≥ `key`. */
  private lowerBound(ids: Int32Array, key: string): number {
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.wordOf[ids[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Names holding word id `w`. */
  private postings(w: number): Int32Array {
    return this.postNames.subarray(this.postStart[w]!, this.postStart[w + 1]!);
  }

  private idf(w: number): number {
    const df = this.postStart[w + 1]! - this.postStart[w]!;
    return Math.log(1 + (this.nameText.length - df + 0.5) / (df + 0.5));
  }

  /** Up to `limit` word ids longer than `prefix` and starting with it, the shortest first. */
  prefixWords(prefix: string, limit = MAX_PREFIX_WORDS): number[] {
    if (prefix.length === 0) return [];
    const ids = this.sortedIds;
    const word = (k: number) => this.wordOf[ids[k]!]!;
    const start = this.lowerBound(ids, prefix);
    const out: number[] = [];
    let k = start;
    for (; k < ids.length && k - start < PREFIX_SCAN && word(k).startsWith(prefix); k++) {
      if (word(k).length > prefix.length) out.push(ids[k]!);
    }
    const cut = k < ids.length && k - start === PREFIX_SCAN && word(k).startsWith(prefix);
    if (cut && prefix.length === 3) {
      const shortest = this.shortestByPrefix3.get(prefix);
      if (shortest) return Array.from(shortest.subarray(0, limit)).filter((w) => this.wordOf[w]!.length > prefix.length);
    }
    if (out.length > limit) out.sort((a, b) => this.wordOf[a]!.length - this.wordOf[b]!.length || a - b).length = limit;
    return out;
  }

  /**
   * Word ids within `distance` edits of `term` (not the term itself), with their distance. A
   * second edit is looked for only when one finds nothing (the walk at two edits costs several
   * times more); results are cached per term, as people ask the same names again and again.
   */
  fuzzyWords(term: string, distance: number): readonly (readonly [number, number])[] {
    if (distance <= 0) return [];
    const key = `${distance}:${term}`;
    const cached = this.fuzzyCache.get(key);
    if (cached) return cached;
    // Edits as people make them: a letter missing, extra or wrong (the radix tree's Levenshtein
    // walk), or two letters swapped, which counts as one here (each swap looked up exactly).
    const found = new Map<number, number>();
    const keep = (id: number, d: number) => {
      if (id !== undefined && d > 0 && d < (found.get(id) ?? Infinity)) found.set(id, d);
    };
    const walk = (word: string, d: number, extra: number) => {
      for (const [id, dist] of this.dictionary.fuzzy(word, d)) keep(id, dist + extra);
    };
    // Beyond one edit, the first letter is taken as typed (people rarely miss it): the walk then
    // covers one branch of the tree, not all of them.
    const walkAnchored = (word: string, d: number, extra: number) => {
      if (word.length < 2) return;
      for (const [id, dist] of this.dictionary.fuzzyAfter(word[0]!, word.slice(1), d)) keep(id, dist + extra);
    };
    const swaps: string[] = [];
    for (let i = 0; i + 1 < term.length; i++) {
      if (term[i] !== term[i + 1]) swaps.push(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
    }
    walk(term, 1, 0);
    for (const swapped of swaps) {
      const id = this.dictionaryWord(swapped);
      if (id !== undefined) keep(id, 1);
    }
    if (found.size === 0 && distance >= 2) {
      walkAnchored(term, distance, 0);
      // Else a swap and one more edit, in a word long enough for two typos to leave it recognizable.
      if (found.size === 0 && term.length >= 7) for (const swapped of swaps) walkAnchored(swapped, 1, 1);
    }
    const out: (readonly [number, number])[] = [...found].filter(([id]) => this.wordOf[id] !== term);
    if (this.fuzzyCache.size >= FUZZY_CACHE_SIZE) this.fuzzyCache.delete(this.fuzzyCache.keys().next().value!);
    this.fuzzyCache.set(key, out);
    return out;
  }

  /** The word id of exactly `term`, as a word or as a joined pair. */
  wordId(term: string): number | undefined {
    const dictionary = this.dictionaryWord(term);
    if (dictionary !== undefined) return dictionary;
    const k = this.lowerBound(this.joinedSorted, term);
    return k < this.joinedSorted.length && this.wordOf[this.joinedSorted[k]!] === term ? this.joinedSorted[k] : undefined;
  }

  /** The words a query term reaches (exact, prefix, typo), each with its expansion weight. */
  private expand(t: NameQueryTerm, weights: { fuzzy: number; prefix: number }): Map<number, number> {
    const out = new Map<number, number>();
    const exact = this.wordId(t.term);
    if (exact !== undefined) out.set(exact, 1);
    if (t.prefix) {
      // The closest (shortest) words first, until enough names are reached.
      let reached = 0;
      for (const w of this.prefixWords(t.term, PREFIX_SCAN)) {
        const len = this.wordOf[w]!.length;
        out.set(w, (weights.prefix * len) / (len + 0.3 * (len - t.term.length)));
        reached += this.postStart[w + 1]! - this.postStart[w]!;
        if (reached >= PREFIX_NAMES_BUDGET) break;
      }
    }
    // A word the dictionary knows was meant as typed: typos only around words it does not know.
    for (const [w, d] of this.fuzzyWords(t.term, exact === undefined || t.typoEvenIfKnown ? t.fuzzy : 0)) {
      if (!out.has(w)) out.set(w, (weights.fuzzy * this.wordOf[w]!.length) / (this.wordOf[w]!.length + d));
    }
    return out;
  }

  /**
   * Scores names for query terms into the reusable scratch (valid until the next call). Per
   * term, every derived word adds its BM25 score times its expansion weight (as MiniSearch
   * does); a name's score is the sum over terms. A word held by very many names ("groupe",
   * "saint") brings no names in when rarer words did: it only adds to theirs, so its cost is
   * what they number, not what it does.
   */
  score(terms: readonly NameQueryTerm[], weights: { fuzzy: number; prefix: number } = DEFAULT_WEIGHTS): NameMatches {
    const S = this.scratch;
    const epoch = ++S.epoch;
    S.count = 0;
    S.known = 0;
    const common = Math.max(COMMON_WORD_FLOOR, this.nameText.length >> 6);
    const expanded = terms.map((t) => ({ t, words: this.expand(t, weights) }));
    for (const { t, words } of expanded) if (words.size > 0) S.known |= t.mask;
    const boosters: { t: NameQueryTerm; word: number; weight: number }[] = [];
    const enumerate = (t: NameQueryTerm, words: Iterable<[number, number]>) => {
      const termEpoch = ++S.termEpoch;
      let termCount = 0;
      for (const [w, weight] of words) {
        const idf = this.idf(w) * weight;
        const list = this.postings(w);
        for (let j = 0; j < list.length; j++) {
          const name = list[j]!;
          if (S.seen[name] !== epoch) {
            S.seen[name] = epoch;
            S.score[name] = 0;
            S.mask[name] = 0;
            S.exact[name] = 0;
            S.touched[S.count++] = name;
          }
          if (S.termSeen[name] !== termEpoch) {
            S.termSeen[name] = termEpoch;
            S.termBest[name] = 0;
            S.termTouched[termCount++] = name;
          }
          S.termBest[name]! += idf * this.norm[name]!;
          S.mask[name]! |= t.mask;
          if (weight === 1) S.exact[name]! |= t.mask;
        }
      }
      for (let k = 0; k < termCount; k++) S.score[S.termTouched[k]!]! += S.termBest[S.termTouched[k]!]!;
    };
    for (const { t, words } of expanded) {
      const rare: [number, number][] = [];
      for (const [w, weight] of words) {
        if (this.postStart[w + 1]! - this.postStart[w]! > common) boosters.push({ t, word: w, weight });
        else rare.push([w, weight]);
      }
      if (rare.length > 0) enumerate(t, rare);
    }
    if (boosters.length === 0) return this.matches(epoch);
    if (S.count === 0) {
      // Only common words: the least common brings its names in.
      boosters.sort((a, b) => this.postStart[a.word + 1]! - this.postStart[a.word]! - (this.postStart[b.word + 1]! - this.postStart[b.word]!));
      const first = boosters.shift()!;
      enumerate(first.t, [[first.word, first.weight]]);
    }
    for (const { t, word, weight } of boosters) {
      const idf = this.idf(word) * weight;
      const list = this.postings(word);
      if (list.length <= S.count * 4) {
        // One pass over the word's names, keeping those already in.
        for (let j = 0; j < list.length; j++) {
          const name = list[j]!;
          if (S.seen[name] !== epoch) continue;
          S.score[name]! += idf * this.norm[name]!;
          S.mask[name]! |= t.mask;
          if (weight === 1) S.exact[name]! |= t.mask;
        }
      } else {
        // Few names so far: look for the word among each one's words.
        for (let k = 0; k < S.count; k++) {
          const name = S.touched[k]!;
          for (let j = this.wordStart[name]!; j < this.wordStart[name + 1]!; j++) {
            if (this.nameWordIds[j] !== word) continue;
            S.score[name]! += idf * this.norm[name]!;
            S.mask[name]! |= t.mask;
            if (weight === 1) S.exact[name]! |= t.mask;
            break;
          }
        }
      }
    }
    return this.matches(epoch);
  }

  private matches(epoch: number): NameMatches {
    const S = this.scratch;
    return { count: S.count, touched: S.touched, score: S.score, mask: S.mask, exact: S.exact, known: S.known, has: (id) => S.seen[id] === epoch };
  }

  /**
   * Autocomplete: names holding every typed word, the last one as a prefix (a word of 5 letters
   * or more may carry one typo), best first: `accept` filters names, at most `limit` returned.
   * Starts from the rarest typed word and checks the others against each candidate's own
   * words; posting lists are best name first, so even a very common word stops early.
   */
  complete(typed: readonly string[], limit: number, accept: (id: number) => boolean): number[] {
    const content = typed.filter((w) => !STOP_WORDS.has(w));
    const words = content.length > 0 ? content : [...typed];
    if (words.length === 0) return [];
    const lastAt = words.length - 1;
    const derive = (term: string, asPrefix: boolean): Map<number, number> => {
      const out = new Map<number, number>();
      const exact = this.wordId(term);
      if (exact !== undefined) out.set(exact, 1);
      if (asPrefix) {
        for (const w of this.prefixWords(term, asPrefix && words.length === 1 ? MAX_PREFIX_WORDS : PREFIX_SCAN)) {
          const len = this.wordOf[w]!.length;
          out.set(w, (0.8 * len) / (len + 0.3 * (len - term.length)));
        }
      }
      if (term.length >= 5) {
        for (const [w, d] of this.fuzzyWords(term, 1)) if (!out.has(w)) out.set(w, (0.3 * this.wordOf[w]!.length) / (this.wordOf[w]!.length + d));
      }
      return out;
    };
    const derived = words.map((w, k) => derive(w, k === lastAt));
    const size = (d: Map<number, number>) => {
      let n = 0;
      for (const w of d.keys()) n += this.postStart[w + 1]! - this.postStart[w]!;
      return n;
    };
    // The driver: the word with the fewest names (a 1-2 letter last word never drives a longer query).
    let driver = 0;
    let best = Infinity;
    derived.forEach((d, k) => {
      const n = k === lastAt && words.length > 1 && words[k]!.length < 3 ? Infinity : size(d);
      if (n < best) (best = n), (driver = k);
    });
    const S = this.scratch;
    const epoch = ++S.epoch;
    S.count = 0;
    const scores: { id: number; score: number }[] = [];
    const MAX_CANDIDATES = 2_000;
    const perWordCap = words.length === 1 ? limit * 2 : MAX_CANDIDATES;
    let examined = 0;
    for (const [w, weight] of derived[driver]!) {
      const list = this.postings(w);
      for (let j = 0; j < list.length && j < perWordCap && examined < MAX_CANDIDATES; j++, examined++) {
        const id = list[j]!;
        if (S.seen[id] === epoch) continue;
        S.seen[id] = epoch;
        if (!accept(id)) continue;
        let total = weight * this.idf(w);
        let all = true;
        for (let k = 0; k < words.length && all; k++) {
          if (k === driver) continue;
          const match = this.bestMatch(id, derived[k]!, k === lastAt ? words[k]! : undefined);
          if (match === 0) all = false;
          total += match;
        }
        if (all) scores.push({ id, score: total * this.norm[id]! * this.kindWeight[id]! });
      }
    }
    return scores
      .sort((a, b) => b.score - a.score || this.nameText[a.id]!.length - this.nameText[b.id]!.length || a.id - b.id)
      .slice(0, limit)
      .map((s) => s.id);
  }

  /** The best weighted match of name `id`'s words against derived words, or a word starting with `prefix`. */
  private bestMatch(id: number, derived: ReadonlyMap<number, number>, prefix: string | undefined): number {
    let best = 0;
    for (let k = this.wordStart[id]!; k < this.wordStart[id + 1]!; k++) {
      const w = this.nameWordIds[k]!;
      const weight = derived.get(w) ?? (prefix !== undefined && this.wordOf[w]!.startsWith(prefix) ? (0.8 * this.wordOf[w]!.length) / (this.wordOf[w]!.length + 0.3 * (this.wordOf[w]!.length - prefix.length)) : 0);
      if (weight > 0) best = Math.max(best, weight * this.idf(w));
    }
    return best;
  }

  /**
   * A MiniSearch-like search for the few callers that want objects (watchlists, vendor filters,
   * suggestions): the text's words, each with its own fuzziness and prefix, best first.
   */
  search(text: string, options: NameSearchOptions = {}): NameHit[] {
    const words = text.split(' ').filter(Boolean).slice(0, 16);
    if (words.length === 0) return [];
    const fuzzy = (t: string) => Math.min(options.maxFuzzy ?? 2, typeof options.fuzzy === 'function' ? options.fuzzy(t) : (options.fuzzy ?? 0));
    const prefix = (t: string) => (typeof options.prefix === 'function' ? options.prefix(t) : (options.prefix ?? false));
    const terms = words.map((term, k) => ({ term, mask: 1 << Math.min(k, 30), fuzzy: fuzzy(term), prefix: prefix(term) }));
    const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    const m = this.score(terms, weights);
    const all = terms.reduce((a, t) => a | t.mask, 0);
    const hits: NameHit[] = [];
    for (let k = 0; k < m.count; k++) {
      const id = m.touched[k]!;
      const mask = m.mask[id]!;
      if (options.combineWith === 'AND' && mask !== all) continue;
      const queryTerms = terms.filter((t) => mask & t.mask).map((t) => t.term);
      hits.push({ id, score: m.score[id]! * queryTerms.length, queryTerms });
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
