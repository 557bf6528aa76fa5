/** Have I Been Pwned's records, as its API and its public index give them, mapped to incidents. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IncidentSchema, type IncidentInput } from '../../src/core/incident-schema.js';
import { breachDatePrecision, hibpToIncidents, organizationName } from '../../src/import/hibp.js';
import { HIBP_INDEX, hibpApi, hibpRecord } from './datasets.js';

const NOW = new Date('2026-11-23T09:00:00Z');

function one(record: unknown): IncidentInput {
  const result = hibpToIncidents([record], { now: NOW });
  expect(result.problems).toEqual([]);
  expect(result.incidents).toHaveLength(1);
  const incident = result.incidents[0]!;
  expect(IncidentSchema.safeParse(incident).success).toBe(true);
  return incident;
}

describe('GIVEN the real LinkedIn record of the HIBP API', () => {
  const linkedin = one(hibpRecord('LinkedIn'));

  it('THEN it is hibp-linkedin, LinkedIn with its domain, the exact count and the data classes of the source', () => {
    expect(linkedin.id).toBe('hibp-linkedin');
    expect(linkedin.organization).toMatchObject({ name: 'LinkedIn', domains: ['linkedin.com'] });
    expect(linkedin.records?.total).toEqual({ count: 164_611_595, qualifier: 'exact', who: { en: 'email addresses', fr: 'adresses e-mail' } });
    expect(linkedin.dataClasses).toEqual(['Email addresses', 'Passwords']);
    expect(linkedin.verified).toBe(true);
  });

  it('THEN the breach date is when it happened and AddedDate is when it entered the catalog', () => {
    expect(linkedin.dates).toEqual({ occurred: { start: '2012-05-05' } });
    expect(linkedin.addedAt).toBe('2016-05-21T21:35:40Z');
  });

  it("THEN it keeps HIBP's attribution and licence, cites HIBP's page and the description's link", () => {
    expect(linkedin.provenance).toEqual({ source: 'hibp', sourceId: 'LinkedIn', publisher: 'Have I Been Pwned', attribution: 'Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0', license: 'CC BY 4.0' });
    expect(linkedin.sources.map((s) => s.url)).toEqual(['https://haveibeenpwned.com/Breach/LinkedIn', 'https://www.troyhunt.com/observations-and-thoughts-on-the-linkedin-data-breach']);
    expect(linkedin.sources[1]!.title).toBe('LinkedIn had 164 million email addresses and passwords exposed');
  });

  it('THEN the description is plain text, with an English and a French summary', () => {
    expect(linkedin.summary.en).toMatch(/^In May 2016, LinkedIn had 164 million email addresses and passwords exposed\. Originally hacked in 2012/);
    expect(linkedin.summary.en).not.toMatch(/[<>]|&quot;|&amp;/);
    expect(linkedin.summary.fr).toContain('survenue le 5 mai 2012');
    expect(linkedin.summary.fr).toContain('adresses e-mail, mots de passe');
  });
});

describe('GIVEN flagged HIBP records', () => {
  it('THEN a fabricated breach is kept, unverified and marked fabricated', () => {
    const zoosk = one(hibpRecord('Zoosk'));
    expect(zoosk.verified).toBe(false);
    expect(zoosk.flags).toMatchObject({ fabricated: true });
    // "Zoosk (2011)" is the 2011 breach of Zoosk: the organization is Zoosk.
    expect(zoosk.organization.name).toBe('Zoosk');
  });

  it('THEN a spam list is kept and titled and flagged as one', () => {
    const acuity = one(hibpRecord('Acuity'));
    expect(acuity.flags).toEqual({ spamList: true });
    expect(acuity.title).toEqual({ en: 'Acuity spam list', fr: 'Liste de spam Acuity' });
  });

  it('THEN a sensitive breach is kept and marked sensitive', () => {
    expect(one(hibpRecord('AshleyMadison')).flags).toEqual({ sensitive: true });
  });

  it('THEN a retired breach is kept, flagged retired, and counted as such (it happened; HIBP only stopped searching it)', () => {
    const result = hibpToIncidents([hibpRecord('VTech'), hibpRecord('LinkedIn')], { now: NOW });
    expect(result.incidents.map((i) => i.id)).toEqual(['hibp-vtech', 'hibp-linkedin']);
    expect(result.incidents[0]!.flags).toMatchObject({ retired: true });
    expect(result.incidents[1]!.flags?.retired).toBeUndefined();
    expect(result.flagged.get('retired')).toBe(1);
    expect(result.skipped.size).toBe(0);
  });

  it("THEN its count is what HIBP counts: unique e-mail addresses, not people", () => {
    expect(one(hibpRecord('LinkedIn')).records?.total?.who).toEqual({ en: 'email addresses', fr: 'adresses e-mail' });
  });
});

describe('GIVEN HIBP data classes', () => {
  it('THEN known names and their synonyms map onto the canonical vocabulary; unknown ones are kept and reported', () => {
    const r = { ...hibpRecord('LinkedIn'), DataClasses: ['Email addresses', 'Income levels', 'Historical passwords', 'Passwords', 'Drinking habits', 'Religions'] };
    const result = hibpToIncidents([r], { now: NOW });
    expect(result.incidents[0]!.dataClasses).toEqual(['Email addresses', 'Salaries', 'Passwords', 'Religions']);
    expect(result.incidents[0]!.otherDataClasses).toEqual(['Drinking habits']);
    expect(result.unknownDataClasses).toEqual(new Map([['Drinking habits', 1]]));
  });

  it('THEN the whole API file maps with every record valid, its 2 retired breaches kept and flagged', () => {
    const result = hibpToIncidents(hibpApi(), { now: NOW });
    expect(result.problems).toEqual([]);
    expect(result.incidents).toHaveLength(875);
    expect(result.incidents.filter((i) => !IncidentSchema.safeParse(i).success)).toEqual([]);
    expect(new Set(result.incidents.map((i) => i.id)).size).toBe(875);
    expect(result.incidents.filter((i) => i.flags?.retired).map((i) => i.id).sort()).toEqual(['hibp-ticketek', 'hibp-vtech']);
  });
});

describe('GIVEN the reduced index joined on Name', () => {
  const index = JSON.parse(readFileSync(HIBP_INDEX, 'utf8')) as unknown[];
  const result = hibpToIncidents(hibpApi(), { index, now: NOW });
  const byId = new Map(result.incidents.map((i) => [i.id, i]));

  it('THEN its 149 newer breaches are added to the 875 of the API list', () => {
    expect(result.incidents).toHaveLength(875 + 149);
    expect(result.problems).toEqual([]);
  });

  it("THEN an index-only breach gets its name spelled out, its classes read from the description, and says so", () => {
    const bouygues = byId.get('hibp-bouyguestelecom')!;
    expect(bouygues.organization.name).toBe('Bouygues Telecom');
    expect(bouygues.addedAt).toMatch(/^2025-/);
    expect(bouygues.dataClasses).toEqual(expect.arrayContaining(['Email addresses', 'Names', 'Bank account numbers']));
    expect(bouygues.established?.map((e) => e.path)).toEqual(['dataClasses', 'verified']);
    expect(IncidentSchema.safeParse(bouygues).success).toBe(true);
  });

  it('THEN a newer count from the index wins (Chess: 827,620 → 1,274,077)', () => {
    expect(byId.get('hibp-chess')!.records?.total?.count).toBe(1_274_077);
  });
});

describe('GIVEN odd records', () => {
  it('THEN nothing throws: each odd record is a problem line, the good ones still map', () => {
    const good = hibpRecord('LinkedIn');
    const result = hibpToIncidents([null, 42, [], {}, { Name: '' }, { Name: 'Weird', BreachDate: 'soon', AddedDate: 'never', PwnCount: -3, DataClasses: 'all', Domain: 'not a domain', Description: 7 }, good], { now: NOW });
    expect(result.problems).toEqual(['[0]: not an object', '[1]: not an object', '[2]: not an object', '[3]: no Name or dump_name', '[4]: no Name']);
    expect(result.incidents.map((i) => i.id)).toEqual(['hibp-weird', 'hibp-linkedin']);
    const weird = result.incidents[0]!;
    expect(weird).toMatchObject({ dates: {}, addedAt: '2026-11-23T09:00:00Z', dataClasses: [], organization: { domains: [] } });
    expect(weird.records).toBeUndefined();
    expect(IncidentSchema.safeParse(weird).success).toBe(true);
  });

  it('THEN a feed that is not an array is one problem, not an exception', () => {
    expect(hibpToIncidents({ breaches: [] }).problems).toEqual(['the feed is not a JSON array of breaches']);
  });

});

describe('GIVEN breach dates and titles HIBP writes approximately', () => {
  it('THEN a first of the month is a month or a year unless the description names the day', () => {
    expect(breachDatePrecision('2015-03-01', 'In approximately March 2015, the free web hosting provider')).toBe('2015-03');
    expect(breachDatePrecision('2012-01-01', 'In approximately 2012, it is alleged')).toBe('2012');
    expect(breachDatePrecision('2016-07-01', 'In 2016, the site')).toBe('2016');
    expect(breachDatePrecision('2019-07-01', 'On 1 July 2019, the site')).toBe('2019-07-01');
    expect(breachDatePrecision('2012-05-05', 'whatever')).toBe('2012-05-05');
  });

  it('THEN a placeholder first of a month gives way to the earlier month the description names (HIBP says January 2021)', () => {
    expect(breachDatePrecision('2021-07-01', 'In January 2021, the adult escort forum ECCIE suffered a data breach')).toBe('2021-01');
    expect(breachDatePrecision('2019-09-01', 'In March, 2019 the forum was breached')).toBe('2019-03');
    // A later month is news of the breach, not when it happened.
    expect(breachDatePrecision('2021-01-01', 'In March 2021, news broke of a breach')).toBe('2021');
  });

  it("THEN the organization is the title without its year, or the domain's name before \"Scraped Data\"", () => {
    expect(organizationName('Adult FriendFinder (2016)', 'adultfriendfinder.com')).toBe('Adult FriendFinder');
    expect(organizationName('LinkedIn Scraped Data (2021)', 'linkedin.com')).toBe('LinkedIn');
    expect(organizationName('Orange Romania', 'orange.ro')).toBe('Orange Romania');
    expect(organizationName('Ducks Unlimited', 'ducks.org')).toBe('Ducks Unlimited');
  });
});
