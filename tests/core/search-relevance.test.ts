/**
 * The ways people ask, over the real catalog (curated seed incidents and the bundled imports):
 * the right incident must come first.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { realCore, seedCore } from '../helpers/catalog-fixtures.js';

function firstIds(answer: Answer, n = 1): string[] {
  if (answer.kind !== 'results') throw new Error(`expected results, got ${answer.kind}: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.matches.slice(0, n).map((m) => m.incident.id);
}

/**
 * Expected first result over the seed catalog, and over the whole bundled catalog when it differs:
 * a bare name or a filter-only question puts the biggest (then the most recent) incident first,
 * and the bundled catalog holds bigger Ticketmaster and social-security-number leaks than the seeds.
 */
const RIGHT_FIRST: readonly [query: string, expectedId: string, bundledId?: string][] = [
  ['orange', 'orange-2014-04'],
  ['Orange', 'orange-2014-04'],
  ['orang', 'orange-2014-04'],
  ['ornage', 'orange-2014-04'],
  ['orange 2014', 'orange-2014-04'],
  ['ORANGE!!', 'orange-2014-04'],
  ['what leaked at Orange?', 'orange-2014-04'],
  ['ticketmaster', 'ticketmaster-inbenta-2018', 'blf-ticketmaster-2024-04-28'],
  ['ticketmastr', 'ticketmaster-inbenta-2018', 'blf-ticketmaster-2024-04-28'],
  ['ticket master', 'ticketmaster-inbenta-2018'],
  ['tiketmaster', 'ticketmaster-inbenta-2018', 'blf-ticketmaster-2024-04-28'],
  ['ticketmaster 2018', 'ticketmaster-inbenta-2018'],
  ['inbenta', 'ticketmaster-inbenta-2018'],
  ['Inbenta Technologies', 'ticketmaster-inbenta-2018'],
  ['inbenta chatbot', 'ticketmaster-inbenta-2018'],
  ['via inbenta', 'ticketmaster-inbenta-2018'],
  ['sirius', 'sirius-ticketing-2024'],
  ['sirus', 'sirius-ticketing-2024'],
  ['le quartz', 'sirius-ticketing-2024'],
  ['quartz brest', 'sirius-ticketing-2024'],
  ['tres tot theatre', 'sirius-ticketing-2024'],
  ['met opera', 'met-opera-2022'],
  ['met opéra', 'met-opera-2022'],
  ['Metropolitan Opera', 'met-opera-2022'],
  ['metropolitan', 'met-opera-2022'],
  ['metropole grand paris', 'metropole-du-grand-paris-2025'],
  ['métropole du grand paris', 'metropole-du-grand-paris-2025'],
  ['MÉTROPOLE DU GRAND PARIS', 'metropole-du-grand-paris-2025'],
  ['grandparis', 'metropole-du-grand-paris-2025'],
  ['MGP', 'metropole-du-grand-paris-2025'],
  ['aix marseille provence', 'metropole-aix-marseille-provence-2020'],
  ['social security numbers', 'met-opera-2022', 'blf-idmerit-2026-02-19'],
  ['breaches with social security numbers', 'met-opera-2022', 'blf-idmerit-2026-02-19'],
  ['numéros de sécurité sociale', 'met-opera-2022', 'blf-idmerit-2026-02-19'],
  ['numeros de securite sociale', 'met-opera-2022', 'blf-idmerit-2026-02-19'],
  ['SSN', 'met-opera-2022', 'blf-idmerit-2026-02-19'],
  ["driver's licenses", 'met-opera-2022', 'hibp-audi'],
];

describe.each([
  ['the seed catalog', seedCore, false],
  ['the whole bundled catalog', realCore, true],
])('GIVEN %s', (_, makeCore, bundled) => {
  const core = makeCore();
  it.each(RIGHT_FIRST)('THEN "%s" puts %s first (bundled: %s)', (query, expected, bundledExpected) => {
    expect(firstIds(core.execute({ command: 'search', query }))[0]).toBe(bundled && bundledExpected ? bundledExpected : expected);
  });

  it('THEN /breach orange lists both Orange incidents the article reports, on the first page', () => {
    const ids = firstIds(core.execute({ command: 'search', query: 'orange' }), 5);
    expect(ids.slice(0, 2).sort()).toEqual(['orange-2014-02', 'orange-2014-04']);
  });

  it('THEN /breach met opera lists the breach and the December attack', () => {
    expect(firstIds(core.execute({ command: 'search', query: 'met opera' }), 2)).toEqual(['met-opera-2022', 'met-opera-2022-12-attack']);
  });

  it('THEN a nonsense query has no results but suggestions', () => {
    const answer = core.execute({ command: 'search', query: 'xqzvbnmw' });
    expect(answer.kind).toBe('no-results');
    if (answer.kind === 'no-results') expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('THEN a query without a single word (an emoji) matches nothing, while generic words list the latest incidents, saying the question is too broad', () => {
    const emoji = core.execute({ command: 'search', query: '😀 !!' });
    expect(emoji.kind).toBe('no-results');
    const breaches = core.execute({ command: 'search', query: 'data breaches' });
    expect(breaches.kind === 'results' && breaches.note).toEqual({ kind: 'too-broad' });
    expect(firstIds(breaches, 3)).toEqual(firstIds(core.execute({ command: 'latest' }), 3));
  });

  it('THEN a near miss suggests the nearest name', () => {
    const answer = core.execute({ command: 'search', query: 'ticketmaster 2031' });
    expect(answer.kind).toBe('no-results');
    if (answer.kind === 'no-results') {
      expect(answer.suggestions).toContain('Ticketmaster');
      expect(answer.withoutFilters).toBeGreaterThan(0);
    }
  });

  it('THEN matches say why they matched: the vendor for inbenta', () => {
    const answer = core.execute({ command: 'search', query: 'inbenta' });
    if (answer.kind !== 'results') throw new Error(answer.kind);
    expect(answer.matches[0]!.reasons[0]).toMatchObject({ field: 'vendor', value: expect.stringMatching(/Inbenta/) });
  });
});

describe('GIVEN the seed catalog and questions with filters', () => {
  const core = seedCore();

  it('THEN "fuites de mots de passe en 2024" finds the Sirius leak only', () => {
    const answer = core.execute({ command: 'search', query: 'fuites de mots de passe en 2024' });
    expect(firstIds(answer, 10)).toEqual(['sirius-ticketing-2024']);
  });

  it('THEN "biggest breaches in France" is French incidents, biggest first', () => {
    const answer = core.execute({ command: 'search', query: 'biggest breaches in France' });
    const ids = firstIds(answer, 3);
    expect(ids).toEqual(['orange-2014-04', 'orange-2014-02', 'sirius-ticketing-2024']);
    if (answer.kind === 'results') expect(answer.matches.every((m) => m.incident.organization.country === 'FR')).toBe(true);
  });

  it('THEN "les plus grosses fuites en France" reads the same in French', () => {
    expect(firstIds(core.execute({ command: 'search', query: 'les plus grosses fuites en France' }), 3)).toEqual(['orange-2014-04', 'orange-2014-02', 'sirius-ticketing-2024']);
  });

  it('THEN "latest" / "récentes" sort by date, newest first', () => {
    expect(firstIds(core.execute({ command: 'search', query: 'latest breaches in France' }), 2)).toEqual(['metropole-du-grand-paris-2025', 'metropoles-nantes-angers-dijon-2024']);
    expect(firstIds(core.execute({ command: 'search', query: 'fuites récentes en France' }), 1)).toEqual(['metropole-du-grand-paris-2025']);
  });

  it('THEN year ranges work in English and French', () => {
    const since = firstIds(core.execute({ command: 'search', query: 'since 2022 sort:date', pageSize: 20 }), 20);
    expect(since).toContain('met-opera-2022');
    expect(since).not.toContain('orange-2014-04');
    const depuis = firstIds(core.execute({ command: 'search', query: 'depuis 2024', pageSize: 20 }), 20);
    expect(depuis.sort()).toEqual(['metropole-du-grand-paris-2025', 'metropoles-nantes-angers-dijon-2024', 'sirius-ticketing-2024']);
    const before = firstIds(core.execute({ command: 'search', query: 'before 2019', pageSize: 20 }), 20);
    expect(before.sort()).toEqual(['orange-2014-02', 'orange-2014-04', 'ticketmaster-inbenta-2018']);
  });

  it('THEN a minimum size keeps only big enough incidents', () => {
    expect(firstIds(core.execute({ command: 'search', query: 'over 1 million', pageSize: 20 }), 20)).toEqual(['orange-2014-04']);
    expect(firstIds(core.execute({ command: 'search', query: 'plus de 50 000', pageSize: 20 }), 20).sort()).toEqual(['orange-2014-02', 'orange-2014-04', 'sirius-ticketing-2024']);
  });

  it('THEN a country filter from "UK" finds the Ticketmaster UK leak', () => {
    expect(firstIds(core.execute({ command: 'search', query: 'breaches in the UK' }), 5)).toEqual(['ticketmaster-inbenta-2018']);
  });

  it('THEN paging walks the whole result in order without repeats', () => {
    const all = core.execute({ command: 'search', query: 'depuis 2014', pageSize: 100 });
    if (all.kind !== 'results') throw new Error(all.kind);
    const paged: string[] = [];
    for (let page = 1; page <= 10; page++) {
      const a = core.execute({ command: 'search', query: 'depuis 2014', pageSize: 3, page });
      if (a.kind !== 'results') throw new Error(a.kind);
      expect(a.total).toBe(all.total);
      if (page > a.page.count) break;
      paged.push(...a.matches.map((m) => m.incident.id));
    }
    expect(paged).toEqual(all.matches.map((m) => m.incident.id));
  });
});
