/**
 * What the sources leave out, in words: records name facts by field path, readers never see one,
 * in either language, whatever note the record adds.
 */
import { describe, expect, it } from 'vitest';
import { unstatedWords } from '../../src/render/fact-notes.js';

const PATH = /\b[a-z][A-Za-z]*(?:\[\d+\]|\.[a-z]\w*)/;

describe('GIVEN unstated entries as records write them', () => {
  const entries = ['dates.occurred (day)', 'dates.disclosed (month and day)', 'affected[2].records', 'sources[0].publisher', 'cause (attack technique)', 'records (see affected[2].records)', 'organization.domains', 'vendors[0].role', 'records.breakdown[1].who', 'somethingNew.field'];

  it('THEN none shows a field path, in English or in French', () => {
    for (const lang of ['en', 'fr'] as const) for (const e of entries) expect(unstatedWords(e, lang), `${e} (${lang})`).not.toMatch(PATH);
  });

  it('THEN each says what it means', () => {
    expect(unstatedWords('dates.occurred (day)', 'fr')).toBe('le jour des faits');
    expect(unstatedWords('sources[0].publisher', 'en')).toBe('who published the source');
    expect(unstatedWords('records (see affected[2].records)', 'en')).toBe('how many were hit');
    expect(unstatedWords('cause (attack technique)', 'fr')).toBe("la technique d'attaque");
  });
});
