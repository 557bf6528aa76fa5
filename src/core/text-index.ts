/**
 * The exact-term text index over each incident's title, summary, data classes, response, place,
 * sector and cause: an inverted index in flat typed arrays (one array of documents, one of
 * scores, one of field bits for all terms, and each term's start), built in one pass over the
 * tokens and one counting sort, so building 100,000 long summaries makes no garbage per posting.
 *
 * Each posting carries its final BM25 score (field boosts and per-field idf folded in at build
 * time, as MiniSearch computes them), so a query only adds numbers.
 */
import { STOP_WORDS, tokenize } from './text-folding.js';
import { bestOfLargePrefix3Ranges, lowerBound } from './sorted-strings.js';
import { RANKING } from './ranking.js';

/**
 * Text fields in document order, with how much a hit in each counts. `source`: who reported the
 * incident (the sources' sites, "cnil" for cnil.fr), so a reporter's name is found as typed. At
 * most 8 fields (a posting keeps one bit per field in a byte).
 */
export const TEXT_FIELDS = ['title', 'summary', 'classes', 'response', 'place', 'sector', 'cause', 'source'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type TextDoc = Record<TextField, string>;
// The constants live, documented, in RANKING (ranking.ts); field length = distinct terms.
const TEXT_BOOST: readonly number[] = RANKING.textFieldBoost;
const BM25 = RANKING.bm25;
export const MAX_PREFIX_TERMS: number = RANKING.textPrefixTerms;
const PREFIX_SCAN: number = RANKING.textPrefixScan;

/** One term's postings: incident positions (ascending), their weighted BM25 score, and a bit per field holding it. */
export interface Postings {
  readonly docs: Int32Array;
  readonly scores: Float32Array;
  readonly fields: Uint8Array;
}

/** A growable typed buffer of (term, doc, tf << 3 | field) entries. */
class EntryBuffer {
  length = 0;
  term = new Int32Array(1 << 16);
  doc = new Int32Array(1 << 16);
  tfField = new Uint16Array(1 << 16);
  push(term: number, doc: number, tfField: number): void {
    if (this.length === this.term.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.term = grow(this.term);
      this.doc = grow(this.doc);
      this.tfField = grow(this.tfField);
    }
    this.term[this.length] = term;
    this.doc[this.length] = doc;
    this.tfField[this.length++] = tfField;
  }
}

export class TextIndex {
  /** The fields this index holds, in bit order (an index saved with other fields is told apart by its shape). */
  readonly fieldNames: readonly TextField[] = TEXT_FIELDS;
  /** Each term id's place in `sorted` (the terms are kept once, sorted). */
  private readonly sortedAt: Int32Array;
  /** term id → its postings in [start[id], start[id + 1]). */
  private readonly start: Int32Array;
  private readonly docs: Int32Array;
  private readonly scores: Float32Array;
  private readonly fields: Uint8Array;
  /** Terms sorted, with their ids, for prefix ranges. */
  private readonly sorted: string[];
  private readonly sortedIds: Int32Array;
  private readonly frequentByPrefix3: ReadonlyMap<string, Int32Array>;

  /** Indexes documents 0..n−1, asking `docAt` for each once, in order. */
  constructor(n: number, docAt: (d: number) => TextDoc) {
    const fieldCount = TEXT_FIELDS.length;
    const fieldLength = TEXT_FIELDS.map(() => new Uint16Array(n));
    const entries = new EntryBuffer();
    const terms: string[] = [];
    // Term ids while building; queries find a term by binary search over `sorted` (a map of
    // every term would be rebuilt, entry by entry, each time a core is opened from its image).
    const termIds = new Map<string, number>();
    // Term frequencies within one field: a counter per term id, and the ids seen (no Map per field).
    let counts = new Uint16Array(1 << 16);
    const seen: number[] = [];
    for (let d = 0; d < n; d++) {
      const doc = docAt(d);
      for (let f = 0; f < fieldCount; f++) {
        const text = doc[TEXT_FIELDS[f]!];
        if (!text) continue;
        for (const term of tokenize(text)) {
          if (STOP_WORDS.has(term)) continue;
          let id = termIds.get(term);
          if (id === undefined) {
            id = terms.length;
            termIds.set(term, id);
            terms.push(term);
            if (id >= counts.length) {
              const grown = new Uint16Array(counts.length * 2);
              grown.set(counts);
              counts = grown;
            }
          }
          if (counts[id] === 0) seen.push(id);
          if (counts[id]! < 255) counts[id]!++;
        }
        fieldLength[f]![d] = Math.min(65535, seen.length);
        for (const id of seen) {
          entries.push(id, d, (counts[id]! << 3) | f);
          counts[id] = 0;
        }
        seen.length = 0;
      }
    }

    // Counting sort of the entries by term; within a term they stay in document order.
    const termCount = terms.length;
    const entryStart = new Int32Array(termCount + 1);
    for (let e = 0; e < entries.length; e++) entryStart[entries.term[e]! + 1]!++;
    for (let t = 0; t < termCount; t++) entryStart[t + 1]! += entryStart[t]!;
    const fill = entryStart.slice(0, termCount);
    const byTermDoc = new Int32Array(entries.length);
    const byTermTf = new Uint16Array(entries.length);
    for (let e = 0; e < entries.length; e++) {
      const at = fill[entries.term[e]!]!++;
      byTermDoc[at] = entries.doc[e]!;
      byTermTf[at] = entries.tfField[e]!;
    }

    // Postings: one per (term, document), its fields' scores summed.
    this.start = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) {
      let docCount = 0;
      for (let e = entryStart[t]!; e < entryStart[t + 1]!; e++) if (e === entryStart[t] || byTermDoc[e] !== byTermDoc[e - 1]) docCount++;
      this.start[t + 1] = this.start[t]! + docCount;
    }
    const total = this.start[termCount]!;
    this.docs = new Int32Array(total);
    this.scores = new Float32Array(total);
    this.fields = new Uint8Array(total);
    const avg = fieldLength.map((lengths) => lengths.reduce((a, b) => a + b, 0) / Math.max(1, n));
    const df = new Int32Array(fieldCount);
    const idf = new Float64Array(fieldCount);
    for (let t = 0; t < termCount; t++) {
      df.fill(0);
      for (let e = entryStart[t]!; e < entryStart[t + 1]!; e++) df[byTermTf[e]! & 7]!++;
      for (let f = 0; f < fieldCount; f++) idf[f] = Math.log(1 + (n - df[f]! + 0.5) / (df[f]! + 0.5));
      let j = this.start[t]! - 1;
      let last = -1;
      for (let e = entryStart[t]!; e < entryStart[t + 1]!; e++) {
        const d = byTermDoc[e]!;
        const f = byTermTf[e]! & 7;
        const count = byTermTf[e]! >> 3;
        if (d !== last) (j++, (last = d), (this.docs[j] = d));
        const norm = BM25.d + (count * (BM25.k + 1)) / (count + BM25.k * (1 - BM25.b + (BM25.b * fieldLength[f]![d]!) / (avg[f] || 1)));
        this.scores[j]! += TEXT_BOOST[f]! * idf[f]! * norm;
        this.fields[j]! |= 1 << f;
      }
    }

    this.sorted = [...terms].sort();
    this.sortedIds = Int32Array.from(this.sorted, (term) => termIds.get(term)!);
    this.sortedAt = new Int32Array(termCount);
    this.sortedIds.forEach((id, k) => (this.sortedAt[id] = k));
    this.frequentByPrefix3 = bestOfLargePrefix3Ranges(this.sorted, this.sortedIds, PREFIX_SCAN, MAX_PREFIX_TERMS + 1, (a, b) => this.df(b) - this.df(a));
  }

  private df(id: number): number {
    return this.start[id + 1]! - this.start[id]!;
  }

  get size(): number {
    return this.sorted.length;
  }

  private term(id: number): string {
    return this.sorted[this.sortedAt[id]!]!;
  }

  get(term: string): Postings | undefined {
    const k = lowerBound(this.sorted, term);
    if (this.sorted[k] !== term) return undefined;
    const id = this.sortedIds[k]!;
    const from = this.start[id]!;
    const to = this.start[id + 1]!;
    return { docs: this.docs.subarray(from, to), scores: this.scores.subarray(from, to), fields: this.fields.subarray(from, to) };
  }

  /** Longer terms starting with `prefix` (3 letters or more), the most frequent first, at most `limit`. */
  expand(prefix: string, limit = MAX_PREFIX_TERMS): string[] {
    if (prefix.length < 3) return [];
    const lo = lowerBound(this.sorted, prefix);
    const ids: number[] = [];
    let k = lo;
    for (; k < this.sorted.length && k - lo <= PREFIX_SCAN && this.sorted[k]!.startsWith(prefix); k++) {
      if (this.sorted[k]!.length > prefix.length) ids.push(this.sortedIds[k]!);
    }
    if (k - lo > PREFIX_SCAN && prefix.length === 3) {
      const frequent = this.frequentByPrefix3.get(prefix);
      if (frequent) return Array.from(frequent, (id) => this.term(id)).filter((t) => t.length > prefix.length).slice(0, limit);
    }
    if (ids.length > limit) ids.sort((a, b) => this.df(b) - this.df(a) || a - b).length = limit;
    return ids.map((id) => this.term(id));
  }
}
