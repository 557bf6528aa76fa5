/** What people type → filters, sort and terms, in English and French; bad input refused clearly. */
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, parseQuery, detectLanguage } from '../../src/core/query-parser.js';
import { seedCore } from '../helpers/catalog-fixtures.js';

function parsed(text: string, isName?: (t: string) => boolean) {
  const r = parseQuery(text, isName);
  if (!r.ok) throw new Error(`refused: ${r.error.code}`);
  return r.query;
}

describe('GIVEN a sort word that is also a word of an indexed name', () => {
  const names = ['latest pilot jobs'];
  const isName = (t: string) => names.some((n) => n.split(' ').includes(t));
  const isPair = (a: string, b: string) => names.some((n) => ` ${n} `.includes(` ${a} ${b} `));
  it('THEN it sorts when it stands alone, and is searched when it is typed with its name', () => {
    const alone = parseQuery('latest breaches in France', isName, isPair);
    expect(alone.ok && [alone.query.sort, alone.query.terms]).toEqual(['date', []]);
    const named = parseQuery('latest pilot jobs', isName, isPair);
    expect(named.ok && [named.query.sort, named.query.terms]).toEqual(['relevance', ['latest', 'pilot', 'jobs']]);
  });
});

describe('GIVEN questions with filters', () => {
  it.each([
    ['breaches with social security numbers', { dataClasses: ['Social security numbers'] }, []],
    ['fuites de mots de passe en 2024', { dataClasses: ['Passwords'], yearFrom: 2024, yearTo: 2024 }, []],
    ['biggest breaches in France', { countries: ['FR'] }, []],
    ['orange 2014', { yearFrom: 2014, yearTo: 2014 }, ['orange']],
    ['since 2020', { yearFrom: 2020 }, []],
    ['depuis 2020', { yearFrom: 2020 }, []],
    ['before 2019', { yearTo: 2018 }, []],
    ['avant 2019', { yearTo: 2018 }, []],
    ['between 2018 and 2020', { yearFrom: 2018, yearTo: 2020 }, []],
    ['2018-2020 hospitals', { yearFrom: 2018, yearTo: 2020 }, ['hospitals']],
    ['over 1.5 million', { minRecords: 1_500_000 }, []],
    ['plus de 100 000 personnes', { minRecords: 100_000 }, []],
    ['data:ssn country:us', { dataClasses: ['Social security numbers'], countries: ['US'] }, []],
    ['vendor:"Inbenta Technologies"', { vendor: 'inbenta technologies' }, []],
    ['fuites françaises', { countries: ['FR'] }, []],
    ['ticketmaster uk', { countries: ['GB'] }, ['ticketmaster']],
  ])('THEN "%s" reads as %j with terms %j', (text, filters, terms) => {
    const q = parsed(text);
    expect(q.filters).toMatchObject(filters);
    expect(q.terms).toEqual(terms);
  });

  it.each([
    ['latest', 'date'],
    ['fuites récentes', 'date'],
    ['les plus récentes', 'date'],
    ['biggest', 'size'],
    ['les plus grosses fuites', 'size'],
    ['orange', 'relevance'],
  ])('THEN "%s" sorts by %s', (text, sort) => {
    expect(parsed(text).sort).toBe(sort);
  });

  it('THEN a one-word data class that is part of a known name stays a name ("La Poste")', () => {
    const isName = (t: string) => t === 'poste';
    expect(parsed('la poste', isName)).toMatchObject({ terms: ['poste'], filters: { dataClasses: [] } });
    expect(parsed('job titles', isName).filters.dataClasses).toEqual(['Job titles']);
  });

  it('THEN the language follows the words', () => {
    expect(detectLanguage('fuites de mots de passe en 2024')).toBe('fr');
    expect(detectLanguage('numéros de sécurité sociale')).toBe('fr');
    expect(detectLanguage('breaches with social security numbers')).toBe('en');
    expect(detectLanguage('orange', 'fr')).toBe('fr');
  });
});

describe('GIVEN bad input', () => {
  it('THEN an empty or blank query is refused as empty', () => {
    for (const q of ['', '   ', '\u0000\u0007\n\t']) expect(parseQuery(q)).toEqual({ ok: false, error: { code: 'empty-query' } });
  });

  it('THEN a query over the cap is refused with its length and the limit', () => {
    const r = parseQuery('a'.repeat(10_000));
    expect(r).toEqual({ ok: false, error: { code: 'query-too-long', limit: MAX_QUERY_LENGTH, length: 10_000 } });
  });

  it('THEN too many words are refused', () => {
    const r = parseQuery(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' '));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('too-many-terms');
  });

  it('THEN invisible characters pasted inside a word are removed, not read as word breaks', () => {
    expect(parsed('ora\u0000nge\u001b[31m').text).toBe('orange[31m');
    expect(parsed('\u202eorange\u200b').terms).toEqual(['orange']);
    for (const invisible of ['\u0001', '\u200b', '\u00ad', '\u200d', '\ufeff', '\u2060']) expect(parsed(`or${invisible}ange`).terms).toEqual(['orange']);
    expect(parsed('orange\tfrance').terms).toEqual(['orange', 'france']);
  });

  it('THEN an unreadable filter says which one', () => {
    expect(parseQuery('data:shoesizes')).toEqual({ ok: false, error: { code: 'bad-filter', detail: 'data:shoesizes', filter: 'data' } });
  });

  it('THEN @everyone and mentions are dropped, not searched', () => {
    const core = seedCore();
    const alone = core.execute({ command: 'search', query: '@everyone <@&123456789012345678> <!channel>' });
    expect(alone).toMatchObject({ kind: 'error', code: 'empty-query' });
    expect(parsed('<@U024BE7LH> orange @here <#C123|general> <@!1234>').terms).toEqual(['orange']);
    const named = core.execute({ command: 'search', query: '@everyone orange' });
    expect(named.kind === 'results' && named.matches[0]!.incident.organization.name).toBe('Orange');
  });

  // Its cost is measured by `npm run bench` (the hostile-query row), not timed here.
  it('THEN a hostile 200-character query of near-misses finds nothing, every time', () => {
    const core = seedCore();
    const hostile = Array.from({ length: 12 }, (_, i) => `zzqx${'abcdefgh'.slice(0, (i % 8) + 1)}`).join(' ').slice(0, 200);
    for (let i = 0; i < 3; i++) expect(core.execute({ command: 'search', query: hostile }).kind).not.toBe('results');
  });
});
