/**
 * Typos as people make them (a letter missing, extra, wrong, or two swapped) and a bounded
 * edit distance to check that a typo still points at one name only.
 */
import type { Random } from './random.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One random edit: delete, insert, substitute or transpose (never on the first letter, which people rarely miss). */
export function oneTypo(word: string, rng: Random): string {
  const at = rng.int(1, Math.max(1, word.length - 1));
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + rng.pick([...LETTERS]) + word.slice(at);
    case 2: {
      let c = rng.pick([...LETTERS]);
      while (c === word[at]) c = rng.pick([...LETTERS]);
      return word.slice(0, at) + c + word.slice(at + 1);
    }
    default:
      if (at + 1 >= word.length) return word.slice(0, at - 1) + word[at] + word[at - 1];
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  }
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it is
 * certainly above `max` (rows are abandoned early, so checking against many words stays cheap).
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}
