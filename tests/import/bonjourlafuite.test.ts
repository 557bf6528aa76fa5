/** bonjourlafuite.eu.org's French list: free-text volumes, vendors, French data items. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../../src/core/incident-schema.js';
import { bonjourLaFuiteToIncidents, parseBonjourLaFuiteCsv, processorAliases } from '../../src/import/bonjourlafuite.js';
import { parseFrenchVolume } from '../../src/import/french-volume.js';
import { classesInFrenchItem } from '../../src/import/data-class-mapping.js';
import { BLF_CSV } from './datasets.js';

const VOLUMES: readonly [text: string, expected: ReturnType<typeof parseFrenchVolume>][] = [
  ['43 millions de personnes', { total: { count: 43_000_000, qualifier: 'approximate', who: { en: 'people', fr: 'personnes' } }, breakdown: [] }],
  ['1,5 millions de personnes', { total: { count: 1_500_000, qualifier: 'approximate', who: { en: 'people', fr: 'personnes' } }, breakdown: [] }],
  ['1.2 millions de comptes', { total: { count: 1_200_000, qualifier: 'approximate', who: { en: 'accounts', fr: 'comptes' } }, breakdown: [] }],
  ['370 000 personnes', { total: { count: 370_000, qualifier: 'exact', who: { en: 'people', fr: 'personnes' } }, breakdown: [] }],
  ['370\u00a0000 personnes', { total: { count: 370_000, qualifier: 'exact', who: { en: 'people', fr: 'personnes' } }, breakdown: [] }],
  ['2 340 422 clients', { total: { count: 2_340_422, qualifier: 'exact', who: { en: 'customers', fr: 'clients' } }, breakdown: [] }],
  ['100 000+ clients', { total: { count: 100_000, qualifier: 'at-least', who: { en: 'customers', fr: 'clients' } }, breakdown: [] }],
  ['~50 000 licenciés', { total: { count: 50_000, qualifier: 'approximate', who: { en: 'licence holders', fr: 'licenciés' } }, breakdown: [] }],
  ['9971 demandeurs d’emploi', { total: { count: 9971, qualifier: 'exact', who: { en: 'job seekers', fr: "demandeurs d'emploi" } }, breakdown: [] }],
  ['3 milliards d’entrées', { total: { count: 3_000_000_000, qualifier: 'approximate', who: { en: 'entries', fr: 'entrées' } }, breakdown: [] }],
  ['Quelques centaines de milliers de personnes', { total: { count: 100_000, qualifier: 'at-least', who: { en: 'people', fr: 'personnes' } }, breakdown: [] }],
  ['11 à 15 millions de patients de 25 000 cabinets médicaux', { total: { count: 11_000_000, qualifier: 'at-least', who: { en: 'patients', fr: 'patients' } }, breakdown: [] }],
  ['2,25 millions', { total: { count: 2_250_000, qualifier: 'approximate' }, breakdown: [] }],
  ['5.76Go, 3.8 millions de clients', { total: { count: 3_800_000, qualifier: 'approximate', who: { en: 'customers', fr: 'clients' } }, breakdown: [] }],
  [
    '4 212 étudiants, 4 006 enseignants',
    {
      total: { count: 4212, qualifier: 'at-least' },
      breakdown: [
        { count: 4212, qualifier: 'exact', who: { en: 'students', fr: 'étudiants' } },
        { count: 4006, qualifier: 'exact', who: { en: 'teachers', fr: 'enseignants' } },
      ],
    },
  ],
  ['37 472 photos de licenciés dont environ 37 000 mineurs', { total: { count: 37_472, qualifier: 'exact', who: { en: 'photos', fr: 'photos' } }, breakdown: [{ count: 37_000, qualifier: 'approximate', who: { en: 'minors', fr: 'mineurs' } }] }],
  ['3 600 entreprises (BPCE, Auchan, CGI, Thales, SFR, Orange…)', { breakdown: [], organizations: { count: 3600, qualifier: 'exact' } }],
  ['Credential stuffing', undefined],
  ['82Go', undefined],
  ['1.22Go', undefined],
  ['20% des utilisateurs', undefined],
  ['salariés recrutés avant 2007', undefined],
  ['73 932 pare-feux', undefined],
  ['', undefined],
];

describe('GIVEN the free-text French volumes of the list', () => {
  it.each(VOLUMES)('THEN "%s" reads as %j', (text, expected) => {
    expect(parseFrenchVolume(text)).toEqual(expected);
  });
});

describe('GIVEN French data items', () => {
  it.each([
    ['nom, prénom', ['Names']],
    ['adresse e-mail', ['Email addresses']],
    ['Adresse email et postale', ['Email addresses', 'Physical addresses']],
    ['date et lieu de naissance', ['Dates of birth', 'Places of birth']],
    ['numéro de sécurité sociale', ['Social security numbers']],
    ["nom d'utilisateur", ['Usernames']],
    ['nom de l’assureur de santé', ['Health insurance information']],
    ['informations bancaires (4 derniers numéros de la carte enregistrée et date d’expiration)', ['Payment info', 'Partial credit card data']],
    ['150\u00a0000 IBAN', ['Bank account numbers']],
    ['Rang de naissance', []],
  ] as const)('THEN "%s" names %j', (item, classes) => {
    expect(classesInFrenchItem(item)).toEqual(classes);
  });
});

describe('GIVEN the real list (592 records)', () => {
  const result = bonjourLaFuiteToIncidents(parseBonjourLaFuiteCsv(readFileSync(BLF_CSV, 'utf8')));
  const byId = new Map(result.incidents.map((i) => [i.id, i]));

  it('THEN every record maps to a valid incident, the four relative image links reported', () => {
    expect(result.incidents).toHaveLength(592);
    expect(result.incidents.filter((i) => !IncidentSchema.safeParse(i).success).map((i) => i.id)).toEqual([]);
    expect(result.problems).toHaveLength(4);
    expect(result.problems.every((p) => /is not an http\(s\) URL/.test(p))).toBe(true);
  });

  it('THEN the 2024 Ticketmaster leak reads: about 560 million people, its data, disclosed 28 April 2024, in French and English', () => {
    const tm = byId.get('blf-ticketmaster-2024-04-28')!;
    expect(tm.records?.total).toEqual({ count: 560_000_000, qualifier: 'approximate', who: { en: 'people', fr: 'personnes' } });
    expect(tm.dates).toEqual({ disclosed: '2024-04-28' });
    expect(tm.dataClasses).toEqual(expect.arrayContaining(['Names', 'Email addresses', 'Physical addresses', 'Phone numbers', 'Partial credit card data']));
    // The count is the record's (every answer shows it beside the summary), not a sentence of the summary.
    expect(tm.summary.fr).toContain('Fuite de données chez Ticketmaster, rendue publique le 28 avril 2024. Données');
    expect(tm.summary.en).toContain('Data leak at Ticketmaster, made public on 28 April 2024. Data');
    expect(tm.sources.at(-1)).toEqual({ publisher: 'bonjourlafuite.eu.org', kind: 'feed-entry', subject: 'Ticketmaster', date: '2024-04-28', language: 'fr', url: 'https://bonjourlafuite.eu.org/' });
    expect(tm.provenance).toMatchObject({ source: 'bonjourlafuite', attribution: 'Source: bonjourlafuite.eu.org (MIT)', license: 'MIT' });
    expect(tm.sources[0]!.url).toMatch(/^https:\/\/www\.clubic\.com\//);
  });

  it('THEN a subcontractor is the vendor the data leaked through, searchable by name', () => {
    const viaItac = result.incidents.filter((i) => i.vendors?.some((v) => v.name === 'ITAC')).map((i) => i.organization.name);
    expect(viaItac).toEqual(["Fédération Française de tir à l'arc", 'Fédération Française de Tir']);
    expect(result.incidents.filter((i) => i.vendors?.some((v) => v.name === 'Almerys'))).toHaveLength(18);
    const onAir = result.incidents.find((i) => i.organization.name === 'On Air Fitness')!;
    expect(onAir.vendors?.map((v) => v.name)).toEqual(['Resamania', 'MaSalleDeSport']);
  });

  it('THEN claimed leaks are not verified and say so; sensitive ones are flagged', () => {
    const claimed = result.incidents.filter((i) => !i.verified);
    expect(claimed).toHaveLength(38);
    expect(claimed.every((i) => /Revendiquée, non confirmée|peu fiable/.test(i.summary.fr!))).toBe(true);
    expect(byId.get('blf-france-travail-2024-03-08')!.flags).toEqual({ sensitive: true });
  });

  it('THEN a volume that is not a count leaves the count unset and says why', () => {
    const gb = result.incidents.find((i) => i.unstated?.some((u) => u.includes('"82Go"')))!;
    expect(gb.records).toBeUndefined();
  });

  it('THEN the same organization at two dates is two incidents (LDLC, March and December 2024, October 2026)', () => {
    expect(result.incidents.filter((i) => i.organization.name === 'LDLC').map((i) => i.id)).toEqual(['blf-ldlc-2024-03-01', 'blf-ldlc-2024-12-10', 'blf-ldlc-2026-10-02']);
  });

  it('THEN names in parentheses and joined by "&" are aliases', () => {
    expect(processorAliases('Match Group (Hinge, Match, OKCupid)')).toEqual(['Match Group', 'Hinge', 'Match', 'OKCupid']);
    expect(processorAliases('Autosur & Diagnosur')).toEqual(['Autosur', 'Diagnosur']);
    expect(processorAliases('Ministère des Sports, de la Jeunesse et de la Vie associative')).toEqual([]);
  });
});
