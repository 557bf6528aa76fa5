/**
 * Precision: for name questions, nothing matched only by a typo, a prefix or a passing mention
 * ranks above an incident holding the question's words as whole words of a name; nonsense
 * finds nothing.
 */
import { describe, expect, it } from 'vitest';
import { realCore } from '../helpers/catalog-fixtures.js';
import { namePrecision } from '../../bench/precision.js';
import { STOP_WORDS, tokenize } from '../../src/core/text-folding.js';

const core = realCore();

/** 50 name questions from the catalog itself: whole names, one word of a name, and one-typo words (two letters swapped). */
function nameQuestions(): string[] {
  const incidents = core.catalog.incidents;
  const out = new Set<string>(['orange', 'brest', 'france travail', 'met opera', 'ticketmaster', 'sirius', 'almerys', 'chatbot', 'assurance retraite', 'linkedin']);
  const step = Math.floor(incidents.length / 60);
  for (let i = 0; out.size < 50 && i < incidents.length; i += step) {
    const words = tokenize(incidents[i]!.organization.name).filter((w) => !STOP_WORDS.has(w) && /^[a-z]+$/.test(w));
    if (words.length === 0) continue;
    const kind = out.size % 3;
    if (kind === 0 && words.length <= 3) out.add(words.join(' '));
    else if (kind === 1 && words[0]!.length >= 4) out.add(words[0]!);
    else if (words[0]!.length >= 7) out.add(words[0]!.slice(0, 2) + words[0]![3] + words[0]![2] + words[0]!.slice(4));
    else out.add(words.join(' '));
  }
  return [...out].slice(0, 50);
}

describe('GIVEN 50 name questions over the bundled catalog', () => {
  const questions = nameQuestions();
  it('THEN no typo, prefix or passing-mention match ranks above a whole-word name match', () => {
    expect(questions).toHaveLength(50);
    const precision = namePrecision(core, questions, 20);
    expect(precision.violations).toEqual([]);
    expect(precision.ratio).toBe(1);
  });
});

describe('GIVEN nonsense', () => {
  it.each(['zzqxv wqplk', 'xqzvbnmw', 'qwpzl', 'blorptastic', 'zzqxv orange', 'ticketmaster qqxxzz', 'ghjkl vbnm', 'pfffrt'])('THEN "%s" finds nothing', (q) => {
    expect(core.execute({ command: 'search', query: q }).kind).toBe('no-results');
  });
});
