/** One tokenizer for indexing and querying: its fast path must cut exactly the words the Unicode definition does. */
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeSlowly } from '../../src/core/text-folding.js';
import { realCore } from '../helpers/catalog-fixtures.js';

describe('GIVEN the tokenizer', () => {
  // Built while collecting, as the other files over the whole catalog do: the test's time limit is for the tokenizer, not for indexing the catalog.
  const incidents = realCore().catalog.incidents;

  it('THEN it folds case, accents and ligatures and cuts on everything else', () => {
    expect(tokenize("L'Améthyste — MÉTROPOLE du Grand-Paris, Œuvre 2024!")).toEqual(['l', 'amethyste', 'metropole', 'du', 'grand', 'paris', 'oeuvre', '2024']);
    expect(tokenize('e\u0301te\u0301 straße İstanbul ﬁn 東京 𝒜bc')).toEqual(tokenizeSlowly('e\u0301te\u0301 straße İstanbul ﬁn 東京 𝒜bc'));
  });

  it('THEN on every text of the bundled catalog it gives the same words as the Unicode definition', () => {
    let texts = 0;
    for (const i of incidents) {
      for (const text of [i.organization.name, i.title.en, i.title.fr ?? '', i.summary.en, i.summary.fr ?? '', ...i.organization.aliases]) {
        expect(tokenize(text)).toEqual(tokenizeSlowly(text));
        texts++;
      }
    }
    expect(texts).toBeGreaterThan(40_000);
  });
});
