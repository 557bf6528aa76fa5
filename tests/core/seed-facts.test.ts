/**
 * Data is facts: the curated incidents say what the seed articles say — counts with their
 * qualifiers, dates at their precision, data classes, vendors, affected organizations — and
 * every one cites its article.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import { DATA_DIR, REPO_ROOT } from '../helpers/catalog-fixtures.js';

const catalog = loadCatalog(DATA_DIR);
const get = (id: string) => {
  const inc = catalog.byId.get(id);
  if (!inc) throw new Error(`missing ${id}`);
  return inc;
};
const SEEDS = join(REPO_ROOT, '..', 'shared', 'seeds');

describe('GIVEN the curated seed incidents', () => {
  it('THEN each cites a seed article, and the quoted title is in it', () => {
    const curated = catalog.incidents.filter((i) => i.provenance.source === 'curated');
    expect(curated.length).toBe(9);
    for (const inc of curated) {
      const ref = inc.sources[0]!.reference!;
      expect(ref).toMatch(/^shared\/seeds\/\d{3}_[0-9a-f]+\.txt$/);
      const file = join(SEEDS, ref.replace('shared/seeds/', ''));
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8').replace(/\s+/g, ' ');
        const words = inc.sources[0]!.title.split(/\s+/).slice(0, 4).join(' ');
        expect(text, `${inc.id} cites ${ref}`).toContain(words);
      }
    }
  });

  it('THEN Met Opera: at least 45,000 customers and staff, Sep–Oct 2022, found in December, disclosed 3 May 2023, SSNs and more', () => {
    const met = get('met-opera-2022');
    expect(met.records?.total).toMatchObject({ count: 45000, qualifier: 'at-least' });
    expect(met.dates).toEqual({ occurred: { start: '2022-09', end: '2022-10' }, discovered: '2022-12', disclosed: '2023-05-03' });
    expect([...met.dataClasses].sort()).toEqual(['Dates of birth', "Driver's licenses", 'Payment info', 'Social security numbers']);
    expect(met.response.map((r) => r.type).sort()).toEqual(['authorities-notified', 'class-action', 'monitoring-offered', 'notification']);
    expect(met.established.map((e) => e.path)).toContain('dates.disclosed');
  });

  it('THEN Sirius: 28 June 2024, about 400 venues, Le Quartz > 60,000 and Très Tôt Théâtre ~3,900, passwords', () => {
    const s = get('sirius-ticketing-2024');
    expect(s.dates.occurred?.start).toBe('2024-06-28');
    expect(s.affectedCount).toEqual({ count: 400, qualifier: 'approximate' });
    expect(s.records?.total).toMatchObject({ count: 63000, qualifier: 'at-least' });
    const byName = new Map(s.affected.map((a) => [a.name, a]));
    expect(byName.get('Le Quartz')).toMatchObject({ city: 'Brest', records: { count: 60000, qualifier: 'at-least' } });
    expect(byName.get('Très Tôt Théâtre')).toMatchObject({ city: 'Quimper', records: { count: 3900, qualifier: 'approximate' } });
    expect(byName.get("L'Améthyste")).toMatchObject({ city: 'Crozon' });
    expect(byName.get("L'Améthyste")?.records).toBeUndefined();
    expect(s.dataClasses).toContain('Passwords');
    expect(s.response.map((r) => r.type)).toContain('password-reset');
  });

  it('THEN MGP: about 5,000 people incl. 250 staff and 208 elected officials, found February 2025, complaint against X, no bank data', () => {
    const m = get('metropole-du-grand-paris-2025');
    expect(m.records?.total).toMatchObject({ count: 5000, qualifier: 'approximate' });
    expect(m.records?.breakdown.map((b) => b.count)).toEqual([250, 208]);
    expect(m.dates.discovered).toBe('2025-02');
    expect([...m.dataClasses].sort()).toEqual(['Email addresses', 'Names', 'Phone numbers']);
    expect(m.dataClasses).not.toContain('Payment info');
    expect(m.response.map((r) => r.type)).toContain('complaint');
    expect(m.organization.aliases).toContain('MGP');
  });

  it('THEN Orange: two 2014 incidents, 1.3 million (18 April / 5 May) and 800,000 (February)', () => {
    const april = get('orange-2014-04');
    expect(april.records?.total).toMatchObject({ count: 1_300_000, qualifier: 'approximate' });
    expect(april.dates).toMatchObject({ discovered: '2014-04-18', disclosed: '2014-05-05' });
    expect(april.dataClasses).toEqual(expect.arrayContaining(['Names', 'Email addresses', 'Phone numbers', 'Dates of birth', 'Telecommunication provider']));
    const feb = get('orange-2014-02');
    expect(feb.records?.total).toMatchObject({ count: 800_000, qualifier: 'approximate' });
    expect(feb.dates.disclosed).toBe('2014-02');
    expect(feb.dataClasses).toEqual([]);
    expect(feb.unstated).toContain('dataClasses');
  });

  it('THEN Ticketmaster: Inbenta as the customer-support vendor, Sep 2017 – 23 June 2018, payment and login data, no count invented', () => {
    const t = get('ticketmaster-inbenta-2018');
    expect(t.vendors.map((v) => v.name)).toEqual(['Inbenta Technologies']);
    expect(t.dates.occurred).toEqual({ start: '2017-09', end: '2018-06-23' });
    expect(t.dataClasses).toEqual(expect.arrayContaining(['Payment info', 'Account login details', 'Names', 'Email addresses', 'Phone numbers', 'Physical addresses']));
    expect(t.records).toBeUndefined();
    expect(t.response.map((r) => r.type)).toEqual(expect.arrayContaining(['password-reset', 'service-disabled']));
  });

  it('THEN the articles\' passing mentions are attacks without invented data', () => {
    for (const id of ['met-opera-2022-12-attack', 'metropoles-nantes-angers-dijon-2024', 'metropole-aix-marseille-provence-2020']) {
      const inc = get(id);
      expect(inc.kind).toBe('attack');
      expect(inc.records).toBeUndefined();
      expect(inc.dataClasses).toEqual([]);
    }
  });
});
