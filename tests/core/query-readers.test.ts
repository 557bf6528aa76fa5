/** Each token reader on its own: what it takes, what it understands, and what it leaves to the others. */
import { describe, expect, it } from 'vitest';
import {
  NO_LOOKUPS, newDraft, readCount, readCountry, readDataClass, readDemonym, readKind, readMinSize, readMonth, readMonthRange, readQuestionWord, readSinceBefore,
  readSort, readTokens, readVendor, readYear, readYearRange, type QueryLookups, type TokenReader,
} from '../../src/core/query-readers.js';
import { tokenize } from '../../src/core/text-folding.js';

const NAMES = ['via christi', 'latest pilot jobs', 'french citizens', 'la poste', 'france travail', 'attack of the clones'];
const VENDORS = ['inbenta technologies', 'almerys', 'sirius'];
const lookups: QueryLookups = {
  isNameTerm: (t) => NAMES.some((n) => n.split(' ').includes(t)),
  isNamePair: (a, b) => [...NAMES, ...VENDORS].some((n) => ` ${n} `.includes(` ${a} ${b} `)),
  isVendorTerm: (t) => VENDORS.some((n) => n.split(' ').includes(t)),
};

/** Runs one reader at the first position of `text`: how many words it took and the draft. */
function read(reader: TokenReader, text: string, at = 0, look: QueryLookups = lookups) {
  const r = { tokens: tokenize(text), draft: newDraft(), lookups: look };
  return { used: reader(r, at), draft: r.draft };
}

describe('GIVEN the year readers', () => {
  it('THEN ranges read in both languages, single years alone', () => {
    expect(read(readYearRange, 'between 2018 and 2020')).toMatchObject({ used: 4, draft: { yearFrom: 2018, yearTo: 2020 } });
    expect(read(readYearRange, 'de 2018 à 2020')).toMatchObject({ used: 4, draft: { yearFrom: 2018, yearTo: 2020 } });
    expect(read(readYearRange, '2018 to 2020')).toMatchObject({ used: 3, draft: { yearFrom: 2018, yearTo: 2020 } });
    expect(read(readYearRange, '2018 orange').used).toBe(0);
    expect(read(readYear, '2014')).toMatchObject({ used: 1, draft: { yearFrom: 2014, yearTo: 2014 } });
    expect(read(readYear, '1234').used).toBe(0);
    expect(read(readSinceBefore, 'depuis 2020')).toMatchObject({ used: 2, draft: { yearFrom: 2020 } });
    expect(read(readSinceBefore, 'before 2019')).toMatchObject({ used: 2, draft: { yearTo: 2018 } });
  });
});

describe('GIVEN the month readers', () => {
  const feb2014 = 2014 * 12 + 1;
  it('THEN a month with its year, in English or French, is that month', () => {
    expect(read(readMonth, 'février 2014')).toMatchObject({ used: 2, draft: { months: { from: feb2014, to: feb2014 }, yearFrom: 2014, yearTo: 2014 } });
    expect(read(readMonth, 'February 2014').draft.months).toEqual({ from: feb2014, to: feb2014 });
    expect(read(readMonth, 'mai 2024').draft.months).toEqual({ from: 2024 * 12 + 4, to: 2024 * 12 + 4 });
  });
  it('THEN a month alone is that month of any year, but an ambiguous one ("may", "mars") needs its year', () => {
    expect(read(readMonth, 'avril').draft.months).toEqual({ from: 3, to: 3, anyYear: true });
    expect(read(readMonth, 'may').used).toBe(0);
    expect(read(readMonth, 'mars').used).toBe(0);
    expect(read(readMonth, 'mars 2020').used).toBe(2);
  });
  it('THEN month ranges and "since April 2014" read as ranges of months', () => {
    expect(read(readMonthRange, "d'avril à juin 2014").draft.months).toEqual({ from: 2014 * 12 + 3, to: 2014 * 12 + 5 });
    expect(read(readMonthRange, 'between April and June').draft.months).toEqual({ from: 3, to: 5, anyYear: true });
    expect(read(readSinceBefore, 'since april 2014').draft).toMatchObject({ yearFrom: 2014, months: { from: 2014 * 12 + 3 } });
  });
});

describe('GIVEN the size and count readers', () => {
  it('THEN a cue before a number is a minimum size', () => {
    expect(read(readMinSize, 'over 1 million').draft.minRecords).toBe(1_000_000);
    expect(read(readMinSize, 'plus de 100000').draft.minRecords).toBe(100_000);
    expect(read(readMinSize, 'at least 10k').draft.minRecords).toBe(10_000);
    expect(read(readMinSize, 'over 2020').used).toBe(0);
  });
  it('THEN a count in the question is a hint, with or without its noun, never a year', () => {
    expect(read(readCount, '800000 clients')).toMatchObject({ used: 2, draft: { recordsHint: 800_000 } });
    expect(read(readCount, '1 6 million de personnes')).toMatchObject({ used: 5, draft: { recordsHint: 1_600_000 } });
    expect(read(readCount, '43m').draft.recordsHint).toBe(43_000_000);
    expect(read(readCount, '2014').used).toBe(0);
    expect(read(readCount, '42').used).toBe(0);
    expect(read(readCount, '42 victims').draft.recordsHint).toBe(42);
  });
});

describe('GIVEN the sort, country and kind readers', () => {
  it('THEN sort words sort unless they are part of a name there', () => {
    expect(read(readSort, 'les plus récentes', 1)).toMatchObject({ used: 2, draft: { sort: 'date' } });
    expect(read(readSort, 'biggest').draft.sort).toBe('size');
    expect(read(readSort, 'latest pilot jobs').used).toBe(0);
  });
  it('THEN countries read after a cue and as demonyms in both languages, not inside a name', () => {
    expect(read(readCountry, 'in france').draft.countries).toEqual(['FR']);
    expect(read(readCountry, 'au royaume uni').draft.countries).toEqual(['GB']);
    expect(read(readCountry, 'from the uk').draft.countries).toEqual(['GB']);
    expect(read(readCountry, 'en france travail').used).toBe(0);
    for (const w of ['french', 'françaises', 'français', 'british', 'américains', 'allemande']) expect(read(readDemonym, w).draft.countries.length).toBe(1);
    expect(read(readDemonym, 'french citizens').used).toBe(0);
  });
  it('THEN attack words ask for attacks, breach words for breaches, a name keeps its words', () => {
    expect(read(readKind, 'cyberattaque').draft.kind).toBe('attack');
    expect(read(readKind, 'fuite').draft.kind).toBe('breach');
    expect(read(readKind, 'attack of the clones').used).toBe(0);
  });
});

describe('GIVEN the vendor reader', () => {
  it('THEN a vendor named after a cue filters by it', () => {
    expect(read(readVendor, 'via inbenta')).toMatchObject({ used: 2, draft: { vendor: 'inbenta' } });
    expect(read(readVendor, 'through inbenta technologies')).toMatchObject({ used: 3, draft: { vendor: 'inbenta technologies' } });
    expect(read(readVendor, 'prestataire almerys').draft.vendor).toBe('almerys');
    expect(read(readVendor, 'sous traitant sirius')).toMatchObject({ used: 3, draft: { vendor: 'sirius' } });
  });
  it('THEN a cue without a vendor name asks for incidents through any vendor, and leaves the other words', () => {
    expect(read(readVendor, 'via a chatbot vendor')).toMatchObject({ used: 2, draft: { anyVendor: true } });
    expect(read(readVendor, 'via un prestataire')).toMatchObject({ used: 3, draft: { anyVendor: true } });
    expect(read(readVendor, 'vendor')).toMatchObject({ used: 1, draft: { anyVendor: true } });
  });
  it('THEN "via" inside a name ("Via Christi") is the name', () => {
    expect(read(readVendor, 'via christi').used).toBe(0);
  });
});

describe('GIVEN the data-class reader', () => {
  it.each([
    ['mots de passe', 'Passwords'],
    ['données bancaires', 'Payment info'],
    ['iban', 'Bank account numbers'],
    ['nir', 'Social security numbers'],
    ['numéros de sécurité sociale', 'Social security numbers'],
    ['mutuelles', 'Health insurance information'],
    ['credit cards', 'Credit cards'],
  ])('THEN "%s" is %s', (text, name) => {
    const { used, draft } = read(readDataClass, text);
    expect(used).toBe(tokenize(text).length);
    expect(draft.dataClasses).toEqual([name]);
  });
  it('THEN a one-word class that is a word of a name stays a name word', () => {
    expect(read(readDataClass, 'poste').used).toBe(0);
  });
});

describe('GIVEN the question-word reader and the readers together', () => {
  it('THEN question words in both languages are understood and never searched', () => {
    for (const w of ['combien', 'quand', 'qui', 'chez', 'touchées', 'personnes', 'clients', 'victimes', 'piraté', 'who', 'when', 'how', 'many', 'hacked', 'leaked']) {
      expect(read(readQuestionWord, w, 0, NO_LOOKUPS).used).toBe(tokenize(w).length);
    }
  });
  it('THEN every word of a mixed question is taken by some reader but the name', () => {
    const tokens = tokenize('combien de personnes touchées chez orange en février 2014 via inbenta');
    const r = { tokens, draft: newDraft(), lookups };
    const taken = readTokens(r);
    // What is left: stop words, and the name.
    expect(tokens.filter((_, i) => !taken[i])).toEqual(['de', 'orange', 'en']);
    expect(r.draft).toMatchObject({ vendor: 'inbenta', months: { from: 2014 * 12 + 1 } });
  });
});
