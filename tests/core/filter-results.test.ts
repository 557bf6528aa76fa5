/**
 * Filter-only questions over the bundled catalog ("data:passwords country:FR", "fuites en 2024")
 * are answered from precomputed lists: what they return must be exactly the incidents a plain
 * scan of the records finds, each once, in the order asked for.
 */
import { describe, expect, it } from 'vitest';
import { incidentSortDate, incidentYears } from '../../src/core/incident-dates.js';
import type { Incident } from '../../src/core/incident-schema.js';
import { realCore } from '../helpers/catalog-fixtures.js';
import { formatPlace } from '../../src/render/format.js';
import { classFamily } from '../../src/core/data-classes.js';

const core = realCore();

const countriesOf = (i: Incident) => new Set([i.organization.country, ...i.affected.map((a) => a.country), ...i.peopleCountries].filter(Boolean));
const inYears = (i: Incident, from: number, to: number) => {
  const y = incidentYears(i);
  return y !== undefined && y[1] >= from && y[0] <= to;
};

/** A class asked for is met by its family ("passwords" also finds login details), exposed or possibly exposed (the answer shows the hedge). */
const holds = (i: Incident, name: string) => classFamily(name).some((c) => i.dataClasses.includes(c) || i.possiblyExposed.includes(c));

const CASES: { query: string; scan: (i: Incident) => boolean }[] = [
  { query: 'data:passwords country:FR', scan: (i) => holds(i, 'Passwords') && countriesOf(i).has('FR') },
  { query: 'country:FR', scan: (i) => countriesOf(i).has('FR') },
  { query: 'data:passwords 2024', scan: (i) => holds(i, 'Passwords') && inYears(i, 2024, 2024) },
  { query: 'country:FR depuis 2023', scan: (i) => countriesOf(i).has('FR') && inYears(i, 2023, Infinity) },
  { query: 'data:ssn 2019', scan: (i) => holds(i, 'Social security numbers') && inYears(i, 2019, 2019) },
];

describe('GIVEN a question made only of filters, over the bundled catalog', () => {
  it.each(CASES)('THEN "$query" returns every incident a scan finds, and each once', ({ query, scan }) => {
    const parsed = core.parse(query);
    if (!parsed.ok) throw new Error(parsed.error.code);
    const ranked = core.rank(parsed.query).map((m) => m.incident.id);
    const expected = core.catalog.incidents.filter(scan).map((i) => i.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(new Set(ranked).size).toBe(ranked.length);
    expect([...ranked].sort()).toEqual([...expected].sort());
  });

  it('THEN "latest" orders them newest first, and the pages of the answer hold the same list', () => {
    const parsed = core.parse('country:FR latest');
    if (!parsed.ok) throw new Error(parsed.error.code);
    const ranked = core.rank(parsed.query).map((m) => m.incident);
    for (let k = 1; k < ranked.length; k++) expect(incidentSortDate(ranked[k - 1]!) >= incidentSortDate(ranked[k]!)).toBe(true);
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const answer = core.execute({ command: 'search', query: 'country:FR latest', page, pageSize: 10 });
      if (answer.kind !== 'results') throw new Error(answer.kind);
      paged.push(...answer.matches.map((m) => m.incident.id));
    }
    expect(paged).toEqual(ranked.slice(0, 30).map((i) => i.id));
  });

  it('THEN a sort word that is also a word of a name ("Latest Pilot Jobs") still sorts, unless the name is typed', () => {
    const latest = core.execute({ command: 'search', query: 'latest breaches in France', pageSize: 5 });
    if (latest.kind !== 'results') throw new Error(latest.kind);
    expect(latest.query?.sort).toBe('date');
    expect(latest.matches.every((m) => countriesOf(m.incident).has('FR'))).toBe(true);
    const byName = core.execute({ command: 'search', query: 'latest pilot jobs' });
    if (byName.kind !== 'results') throw new Error(byName.kind);
    expect(byName.matches[0]?.incident.organization.name).toBe('Latest Pilot Jobs');
  });

  it('THEN a leak that hit people in France is a breach "in France" without making its organization French', () => {
    const answer = core.execute({ command: 'search', query: 'discord country:FR' });
    if (answer.kind !== 'results') throw new Error(answer.kind);
    const discord = answer.matches.find((m) => m.incident.id.startsWith('blf-discord'))?.incident;
    if (!discord) throw new Error('the bonjourlafuite Discord leak should be found under France');
    expect(discord.organization.country).toBeUndefined();
    expect(formatPlace(discord, 'en')).toBe('people hit in France');
    expect(formatPlace(discord, 'fr')).toBe('personnes touchées\u202f: France');
    // A French-list record merged into the Have I Been Pwned one brings its country along with its source.
    const instagram = core.execute({ command: 'search', query: 'instagram country:FR' });
    expect(instagram.kind === 'results' && instagram.matches.map((m) => m.incident.id)).toContain('hibp-instagram');
  });
});
