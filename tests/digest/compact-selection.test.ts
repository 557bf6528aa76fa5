/**
 * Digests and watchlists read the core's compact form of the records, never every full record:
 * over the whole bundled catalog, what they select from it is exactly what the same selection
 * over the full records gives.
 */
import { describe, expect, it } from 'vitest';
import { compileFilters, selectDigest, selectDigestFromRecords } from '../../src/digest/digest-selection.js';
import { incidentsNamingIn, knownNameWords, nameTable, recordsNaming } from '../../src/digest/watch-matcher.js';
import { realCore } from '../helpers/catalog-fixtures.js';

const core = realCore();
const full = core.catalog.incidents;
const ids = (list: readonly { id: string }[]) => list.map((i) => i.id);

describe('GIVEN the bundled catalog, its full records and its compact form', () => {
  it('THEN digest selection is the same for every subscription date, delivered set and filter tried', () => {
    const added = [...new Set(full.map((i) => i.addedAt))].sort();
    const sinces = ['1970-01-01T00:00:00Z', added[Math.floor(added.length / 4)]!, added[Math.floor(added.length / 2)]!, added[added.length - 2]!, '2100-01-01T00:00:00Z'];
    const delivered = new Set(full.filter((_, i) => i % 7 === 0).map((i) => i.id));
    for (const text of ['', 'data:passwords', 'country:FR', 'ransomware', 'hospital 2024', 'vendor:inbenta']) {
      const filters = compileFilters(core, text);
      if (!filters.ok) throw new Error(`filters ${text} should parse`);
      for (const since of sinces) {
        for (const seen of [new Set<string>(), delivered]) {
          const fromFull = selectDigest({ incidents: full, since, delivered: seen, matches: filters.matches });
          const fromCompact = selectDigestFromRecords({ records: core.records, since, delivered: seen, matchesId: filters.matchesId });
          expect(ids(fromCompact), `${text} since ${since}`).toEqual(ids(fromFull));
          expect(fromCompact).toEqual(fromFull);
        }
      }
    }
  });

  it('THEN a watch names the same incidents, and the same words are known, for names, vendors, typos and domains', () => {
    expect(knownNameWords(core.records)).toEqual(nameTable(full).known);
    const names = new Set<string>(['orange.fr', 'https://www.ticketmaster.co.uk/', 'ticket master', 'Ticketmastr', 'inbenta', 'Grand Paris', 'hopital', 'france travail']);
    full.forEach((incident, i) => {
      if (i % 97 === 0) names.add(incident.organization.name);
      if (i % 89 === 0 && incident.vendors[0]) names.add(incident.vendors[0].name);
      if (i % 83 === 0 && incident.organization.domains[0]) names.add(incident.organization.domains[0]);
    });
    for (const name of names) expect([...recordsNaming(core.records, name)].sort(), name).toEqual([...incidentsNamingIn(full, name, full)].sort());
  });
});
