/**
 * MiniSearch's radix tree (`SearchableMap`) laid flat in typed arrays, for the typo search of
 * the name dictionary. The tree is grown once with `SearchableMap` (when the index is built),
 * then copied node by node, each node's entries in the tree's own order; the walk below is
 * MiniSearch's `fuzzyGet` (a Levenshtein matrix updated edge by edge) over these arrays, so it
 * finds the same words at the same distances in the same order. What it saves: a core opened
 * from its image gets the dictionary as a few typed arrays and one string, instead of hundreds
 * of thousands of Maps to rebuild.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** SearchableMap's key for a node's own value. */
const LEAF = '';

type TreeNode = Map<string, TreeNode | number>;

export class FlatRadix {
  /** Every edge label, back to back. */
  private readonly text: string;
  /** Node `k`'s entries are `entryStart[k]` to `entryStart[k + 1]`. */
  private readonly entryStart: Int32Array;
  /** An entry: an edge (label `text[labelStart, labelStart + labelLength)`, to node `target`), or a leaf (`labelLength` −1, value `target`). */
  private readonly labelStart: Int32Array;
  private readonly labelLength: Int32Array;
  private readonly target: Int32Array;

  /** Lays out the tree of `map`, whose values are numbers (word ids). */
  constructor(map: SearchableMap<number>) {
    const root = (map as unknown as { _tree: TreeNode })._tree;
    const nodes: TreeNode[] = [root];
    let text = '';
    const entryStart: number[] = [0];
    const labelStart: number[] = [];
    const labelLength: number[] = [];
    const target: number[] = [];
    // Breadth first: node ids are given as edges are met, each node's entries kept in order.
    for (let k = 0; k < nodes.length; k++) {
      for (const [key, value] of nodes[k]!) {
        if (key === LEAF) {
          labelStart.push(0);
          labelLength.push(-1);
          target.push(value as number);
        } else {
          labelStart.push(text.length);
          labelLength.push(key.length);
          text += key;
          target.push(nodes.length);
          nodes.push(value as TreeNode);
        }
      }
      entryStart.push(labelStart.length);
    }
    this.text = text;
    this.entryStart = Int32Array.from(entryStart);
    this.labelStart = Int32Array.from(labelStart);
    this.labelLength = Int32Array.from(labelLength);
    this.target = Int32Array.from(target);
  }

  /** Values of the words within `maxDistance` edits of `query`, with their distance (SearchableMap's `fuzzyGet`). */
  fuzzy(query: string, maxDistance: number): [number, number][] {
    const results: [number, number][] = [];
    const { matrix, n } = this.matrix(query, maxDistance);
    this.recurse(0, -1, 0, query, maxDistance, results, matrix, 1, n);
    return results;
  }

  /**
   * `fuzzy` among the words starting with the letter `first`, `query` being the rest of the word
   * (SearchableMap's `atPrefix(first).fuzzyGet(query)`).
   */
  fuzzyAfter(first: string, query: string, maxDistance: number): [number, number][] {
    const results: [number, number][] = [];
    const { matrix, n } = this.matrix(query, maxDistance);
    for (let e = this.entryStart[0]!; e < this.entryStart[1]!; e++) {
      const length = this.labelLength[e]!;
      if (length < 1 || this.text[this.labelStart[e]!] !== first) continue;
      // The letter's own node, or the rest of a longer edge starting with it as a node of one entry.
      if (length === 1) this.recurse(this.target[e]!, -1, 0, query, maxDistance, results, matrix, 1, n);
      else this.recurse(-1, e, 1, query, maxDistance, results, matrix, 1, n);
      break;
    }
    return results;
  }

  private matrix(query: string, maxDistance: number): { matrix: Uint8Array; n: number } {
    const n = query.length + 1;
    const m = n + maxDistance;
    const matrix = new Uint8Array(m * n).fill(maxDistance + 1);
    for (let j = 0; j < n; ++j) matrix[j] = j;
    for (let i = 1; i < m; ++i) matrix[i * n] = i;
    return { matrix, n };
  }

  /**
   * Walks node `node`'s entries (or, when `node` is −1, the single entry `only` with its first
   * `skip` letters left out), as MiniSearch's `recurse` does.
   */
  private recurse(node: number, only: number, skip: number, query: string, maxDistance: number, results: [number, number][], matrix: Uint8Array, m: number, n: number): void {
    const offset = m * n;
    const from = node < 0 ? only : this.entryStart[node]!;
    const to = node < 0 ? only + 1 : this.entryStart[node + 1]!;
    entries: for (let e = from; e < to; e++) {
      const length = this.labelLength[e]!;
      if (length < 0) {
        const distance = matrix[offset - 1]!;
        if (distance <= maxDistance) results.push([this.target[e]!, distance]);
        continue;
      }
      const start = this.labelStart[e]! + (node < 0 ? skip : 0);
      const end = this.labelStart[e]! + length;
      let i = m;
      for (let pos = start; pos < end; ++pos, ++i) {
        const char = this.text[pos];
        const thisRowOffset = n * i;
        const prevRowOffset = thisRowOffset - n;
        let minDistance = matrix[thisRowOffset]!;
        const jmin = Math.max(0, i - maxDistance - 1);
        const jmax = Math.min(n - 1, i + maxDistance);
        for (let j = jmin; j < jmax; ++j) {
          const different = char !== query[j];
          const rpl = matrix[prevRowOffset + j]! + +different;
          const del = matrix[prevRowOffset + j + 1]! + 1;
          const ins = matrix[thisRowOffset + j]! + 1;
          const dist = (matrix[thisRowOffset + j + 1] = Math.min(rpl, del, ins));
          if (dist < minDistance) minDistance = dist;
        }
        if (minDistance > maxDistance) continue entries;
      }
      this.recurse(this.target[e]!, -1, 0, query, maxDistance, results, matrix, i, n);
    }
  }
}
