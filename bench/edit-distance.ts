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

export { editDistanceWithin } from '../src/core/edit-distance.js';
