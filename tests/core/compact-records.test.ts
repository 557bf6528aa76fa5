/**
 * The core opened from the compiled catalog snapshot holds the records' compact form and reads a
 * full record from the snapshot file only when one is shown: over the whole bundled catalog, what
 * it shows is exactly the record parsed and validated from the data files, and the compact form
 * says the same as the full records.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogSnapshot, writeCatalogSnapshot } from '../../src/core/catalog-snapshot.js';
import { compileCatalog, openCompiledCatalog } from '../../src/core/compiled-catalog.js';
import { incidentSortDate } from '../../src/core/incident-dates.js';
import { GROUP_AFFECTED, GROUP_ORGANIZATION, GROUP_VENDOR } from '../../src/core/incident-records.js';
import { realCore } from '../helpers/catalog-fixtures.js';

describe('GIVEN the bundled catalog written to a snapshot file and opened from it', async () => {
  const fromSources = realCore();
  const file = join(mkdtempSync(join(tmpdir(), 'breachbot-snapshot-')), 'catalog.bin');
  writeCatalogSnapshot(file, 'key', compileCatalog(fromSources));
  const read = await readCatalogSnapshot(file, 'key');
  if (!read.ok) throw new Error(`snapshot not read: ${read.detail}`);
  const opened = await openCompiledCatalog(read.compiled, undefined, read.compiled.source);
  const full = fromSources.catalog.incidents;

  it('THEN every record it shows equals the record parsed from the data files, by position and by id', () => {
    expect(opened.size).toBe(full.length);
    for (let i = 0; i < full.length; i++) {
      expect(opened.records.get(i), full[i]!.id).toEqual(full[i]);
      expect(opened.incident(full[i]!.id)).toEqual(full[i]);
    }
    expect(opened.incident('no-such-incident')).toBeUndefined();
  });

  it('THEN /breach show answers the same, related incidents included', () => {
    for (const incident of full.slice(0, 400)) expect(opened.execute({ command: 'show', id: incident.id })).toEqual(fromSources.execute({ command: 'show', id: incident.id }));
    expect(opened.execute({ command: 'show', id: 'orange-2015' })).toEqual(fromSources.execute({ command: 'show', id: 'orange-2015' }));
  });

  it('THEN its compact form says what the full records say: ids, dates, kind, source, data classes, names and domains', () => {
    const r = opened.records;
    full.forEach((incident, i) => {
      expect(r.ids[i]).toBe(incident.id);
      expect(r.addedAt[i]).toBe(Date.parse(incident.addedAt));
      expect(r.sortDates[i]).toBe(incidentSortDate(incident));
      expect(r.kind(i)).toBe(incident.kind);
      expect(r.sourceName(i)).toBe(incident.provenance.source);
      expect(r.dataClassesOf(i)).toEqual(incident.dataClasses);
      expect(r.groupsOf(i)).toEqual([
        { kind: GROUP_ORGANIZATION, names: [incident.organization.name, ...incident.organization.aliases] },
        ...incident.affected.map((a) => ({ kind: GROUP_AFFECTED, names: [a.name, ...a.aliases] })),
        ...incident.vendors.map((v) => ({ kind: GROUP_VENDOR, names: [v.name, ...v.aliases] })),
      ]);
      expect(r.domainsOf(i)).toEqual([...incident.organization.domains, ...incident.affected.flatMap((a) => a.domains ?? [])]);
    });
  });

  it('THEN statistics, filtered statistics and "did you mean" come out the same from the compact form', () => {
    expect(opened.execute({ command: 'stats' })).toEqual(fromSources.execute({ command: 'stats' }));
    for (const query of ['country:FR', 'data:passwords 2024', 'hospital']) expect(opened.execute({ command: 'stats', query })).toEqual(fromSources.execute({ command: 'stats', query }));
    for (const id of ['ticketmastr', 'linkedin-2013', 'orang']) expect(opened.execute({ command: 'show', id })).toEqual(fromSources.execute({ command: 'show', id }));
  });
});
