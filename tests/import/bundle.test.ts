/**
 * The bundled catalog (data/imported/ beside the curated data/incidents/): valid, merged where
 * an import repeats an incident already there, each incident shown once and credited.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import type { IncidentInput } from '../../src/core/incident-schema.js';
import { renderText } from '../../src/render/text-renderer.js';
import { FEEDS } from '../../src/import/feeds.js';
import { buildSnapshot, readSnapshot, serializeSnapshot, snapshotPath } from '../../src/import/snapshot.js';
import { hibpToIncidents } from '../../src/import/hibp.js';
import { DATA_DIR, realCore, seedCore, seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';
import { hibpRecord } from './datasets.js';

const core = realCore();
const catalog = core.catalog;

function searchIds(query: string, n = 5): string[] {
  const answer = core.execute({ command: 'search', query, pageSize: n });
  return answer.kind === 'results' ? answer.matches.map((m) => m.incident.id) : [];
}

describe('GIVEN the whole bundled catalog', () => {
  it('THEN it is valid: curated, HIBP, HHS OCR and bonjourlafuite records, no problem', () => {
    expect(catalog.problems).toEqual([]);
    const bySource = new Map<string, number>();
    for (const i of catalog.incidents) bySource.set(i.provenance.source, (bySource.get(i.provenance.source) ?? 0) + 1);
    expect(Object.fromEntries(bySource)).toEqual({ curated: 9, hibp: 1024, 'hhs-ocr': 6496, bonjourlafuite: 578 });
  });

  it('THEN VCDB (CC BY-SA) is not bundled', () => {
    expect(catalog.incidents.some((i) => i.provenance.source === 'vcdb')).toBe(false);
    expect(readSnapshot(snapshotPath(DATA_DIR, FEEDS.vcdb))).toBeUndefined();
  });

  it('THEN /breach linkedin puts the LinkedIn breach first, with the count and data classes of the source', () => {
    const answer = core.execute({ command: 'search', query: 'linkedin' });
    if (answer.kind !== 'results') throw new Error(answer.kind);
    const first = answer.matches[0]!.incident;
    expect(first.id).toBe('hibp-linkedin');
    expect(first.records?.total?.count).toBe(164_611_595);
    expect(first.dataClasses).toEqual(['Email addresses', 'Passwords']);
  });

  it.each([
    ['adobe', 'hibp-adobe'],
    ['canva', 'hibp-canva'],
    ['viamedis', 'blf-almerys-viamedis-2024-02-06'],
    ['anthem', 'hhs-anthem-inc-2015-02-13'],
  ])('THEN "%s" finds %s first', (query, id) => {
    expect(searchIds(query, 1)).toEqual([id]);
  });

  // A bare organization name puts its largest, most recent incident first (issue 12); curated only breaks ties.
  it('THEN Ticketmaster 2024 (bonjourlafuite, 560 million) and Ticketmaster 2018 (via Inbenta, curated) are two incidents, the larger and newer first', () => {
    expect(searchIds('ticketmaster', 2)).toEqual(['blf-ticketmaster-2024-04-28', 'ticketmaster-inbenta-2018']);
    expect(catalog.byId.get('ticketmaster-inbenta-2018')!.sources).toEqual(seedCore().catalog.byId.get('ticketmaster-inbenta-2018')!.sources);
  });

  it('THEN the Orange leak of 2025 is its own incident beside the two curated 2014 ones', () => {
    expect(searchIds('orange', 2).sort()).toEqual(['orange-2014-02', 'orange-2014-04']);
    expect(catalog.byId.get('blf-orange-2025-07-25')?.organization.name).toBe('Orange');
  });

  it('THEN no dataset holds the Met Opera, Métropole du Grand Paris or Sirius incidents: only the curated records answer', () => {
    const imported = catalog.incidents.filter((i) => i.provenance.source !== 'curated');
    const names = (i: (typeof imported)[number]) => [i.organization.name, ...i.organization.aliases, ...i.vendors.map((v) => v.name)].join(' | ');
    expect(imported.filter((i) => /metropolitan opera|\bmet opera|grand paris|\bsirius\b/i.test(names(i))).map((i) => i.id)).toEqual([]);
    for (const [query, id] of [['met opera', 'met-opera-2022'], ['metropole grand paris', 'metropole-du-grand-paris-2025'], ['sirius', 'sirius-ticketing-2024']] as const) {
      expect(searchIds(query, 1)).toEqual([id]);
    }
  });

  it('THEN a leak both HIBP and bonjourlafuite list is shown once, citing both, with both attributions', () => {
    expect(catalog.byId.has('blf-boulanger-2024-09-07')).toBe(false);
    expect(searchIds('boulanger', 5)).toEqual(['hibp-boulanger']);
    const boulanger = catalog.byId.get('hibp-boulanger')!;
    expect(boulanger.sources.map((s) => s.publisher)).toEqual(expect.arrayContaining(['Have I Been Pwned', 'bonjourlafuite.eu.org']));
    const text = renderText(core.execute({ command: 'show', id: 'hibp-boulanger' }), 'fr');
    expect(text).toContain('Source\u202f: Have I Been Pwned (haveibeenpwned.com), licence CC BY 4.0');
    expect(text).toContain('Source\u202f: bonjourlafuite.eu.org (licence MIT)');
    expect(renderText(core.execute({ command: 'show', id: 'hibp-boulanger' }), 'en')).toContain('Source: bonjourlafuite.eu.org (MIT licence)');
  });

  it('THEN an imported answer shows its licence attribution and its flags', () => {
    const text = renderText(core.execute({ command: 'search', query: 'ashley madison', pageSize: 1 }), 'en');
    expect(text).toContain('Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0');
    expect(text).toMatch(/sensitive/);
  });
});

describe('GIVEN an import that repeats a curated incident', () => {
  /** Builds the HIBP snapshot of `records` in a data folder holding the curated Ticketmaster incident. */
  function importInto(records: IncidentInput[]) {
    const dir = tempDataDir();
    writeFileSync(join(dir, 'incidents', 'ticketmaster-inbenta-2018.json'), JSON.stringify(seedRecord('ticketmaster-inbenta-2018')));
    const existing = loadCatalog(dir).incidents;
    const report = buildSnapshot(records, { feed: FEEDS.hibp, previous: undefined, existing, generatedAt: '2026-11-23T00:00:00Z', inputs: [] });
    mkdirSync(join(dir, 'imported'), { recursive: true });
    writeFileSync(snapshotPath(dir, FEEDS.hibp), serializeSnapshot(report.snapshot));
    return { report, catalog: loadCatalog(dir) };
  }
  const ticketmaster = (breachDate: string) => hibpToIncidents([{ ...hibpRecord('LinkedIn'), Name: `Ticketmaster${breachDate.slice(0, 4)}`, Title: 'Ticketmaster', Domain: 'ticketmaster.co.uk', BreachDate: breachDate }]).incidents[0]!;

  it('THEN same domain and close dates merge: one incident, the curated facts, both sources', () => {
    const { report, catalog } = importInto([ticketmaster('2018-06-01')]);
    expect(report.merges).toMatchObject([{ id: 'hibp-ticketmaster2018', into: 'ticketmaster-inbenta-2018' }]);
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents.map((i) => i.id)).toEqual(['ticketmaster-inbenta-2018']);
    const merged = catalog.byId.get('ticketmaster-inbenta-2018')!;
    expect(merged.title).toEqual(seedRecord('ticketmaster-inbenta-2018').title);
    // The curated article gives no count: Have I Been Pwned's is shown, credited to it.
    expect(merged.records?.total?.count).toBe(ticketmaster('2018-06-01').records?.total?.count);
    expect(merged.records?.bySource).toMatchObject([{ by: 'Have I Been Pwned' }]);
    expect(merged.sources.at(-2)).toMatchObject({ publisher: 'Have I Been Pwned', attribution: 'Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0', license: 'CC BY 4.0' });
  });

  it('THEN the same organization years apart is another incident: both stay', () => {
    const { report, catalog } = importInto([ticketmaster('2024-05-20')]);
    expect(report.merges).toEqual([]);
    expect(catalog.incidents.map((i) => i.id).sort()).toEqual(['hibp-ticketmaster2024', 'ticketmaster-inbenta-2018']);
  });

  it('THEN a merged record whose incident is gone stands on its own again', () => {
    const dir = tempDataDir();
    const record = ticketmaster('2018-06-01');
    writeFileSync(join(dir, 'imported', 'hibp.json'), JSON.stringify({ incidents: [], merged: [{ into: 'ticketmaster-inbenta-2018', reason: 'test', incident: record }] }));
    const catalog = loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents.map((i) => i.id)).toEqual(['hibp-ticketmaster2018']);
  });
});
