/**
 * The name index on a catalog where one word is everywhere ("Groupe" in 3,000 names), as in a
 * big French catalog: the name typed still comes first, with typos, prefixes and words joined,
 * and autocomplete finds it from what is typed.
 */
import { describe, expect, it } from 'vitest';
import { NameIndex, type NameEntry } from '../../src/core/name-index.js';

const SYLLABLES = ['bra', 'cor', 'del', 'fen', 'gal', 'hor', 'jin', 'kel', 'lum', 'mar', 'nor', 'pel', 'quin', 'ros', 'sal', 'tor', 'vel', 'zan'];
const word = (k: number) => SYLLABLES[k % 18]! + SYLLABLES[Math.floor(k / 18) % 18]! + SYLLABLES[Math.floor(k / 324) % 18]!;

function entries(names: readonly string[]): NameEntry[] {
  return names.map((name, id) => ({ id, name, refs: [{ incident: id, kind: 'organization' as const }] }));
}

const NAMES = [...Array.from({ length: 3000 }, (_, k) => `Groupe ${word(k)}`), 'Groupe Costy', 'Ticket Master', 'Métropole du Grand Paris', 'Groupe Lyra', 'Hôpital Kezdmene'];
const index = new NameIndex(entries(NAMES));
const id = (name: string) => NAMES.indexOf(name);

function best(text: string, prefixLast = false): string | undefined {
  const words = text.split(' ');
  const last = words.length - 1;
  const m = index.score(words.map((term, k) => ({ term, mask: 1 << k, fuzzy: term.length >= 5 ? 2 : term.length === 4 ? 1 : 0, prefix: prefixLast && k === last })));
  let top = -1;
  for (let k = 0; k < m.count; k++) {
    const n = m.touched[k]!;
    if (top < 0 || m.score[n]! > m.score[top]!) top = n;
  }
  return top < 0 ? undefined : NAMES[top];
}

describe('GIVEN 3,000 names sharing the word "Groupe"', () => {
  it('THEN the rarer word decides: "groupe costy", a typo in it, or a prefix of it finds Groupe Costy', () => {
    expect(best('groupe costy')).toBe('Groupe Costy');
    expect(best('groupe cosyt')).toBe('Groupe Costy');
    expect(best('groupe cost', true)).toBe('Groupe Costy');
  });

  it('THEN two letters swapped count as one typo, and a swap plus one more edit is forgiven in a long word', () => {
    expect(best('groupe lyar')).toBe('Groupe Lyra');
    expect(best('hopital ekzdmenq')).toBe('Hôpital Kezdmene');
  });

  it('THEN the common word alone still finds its names, and a word nobody carries finds nothing', () => {
    expect(best('groupe')).toMatch(/^Groupe /);
    expect(best('zzzzqqq')).toBeUndefined();
  });

  it('THEN words joined or split meet: "ticketmaster" finds Ticket Master; accents are folded by the caller', () => {
    expect(index.search('ticketmaster').map((h) => NAMES[h.id])).toContain('Ticket Master');
    expect(index.search('metropole grand paris', { combineWith: 'AND' })[0]?.id).toBe(id('Métropole du Grand Paris'));
  });

  it('THEN autocomplete completes the last word and keeps every earlier one', () => {
    const names = (typed: string[]) => index.complete(typed, 25, () => true).map((n) => NAMES[n]);
    expect(names(['groupe', 'cos'])).toEqual(['Groupe Costy']);
    expect(names(['tick'])).toContain('Ticket Master');
    expect(names(['groupe']).length).toBe(25);
  });
});
