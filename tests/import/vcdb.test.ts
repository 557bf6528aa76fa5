/** VCDB, the optional CC BY-SA import pack: read from the zip it ships in, never bundled. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../../src/core/incident-schema.js';
import { readVcdbFile, vcdbToIncidents } from '../../src/import/vcdb.js';
import { DATASETS } from './datasets.js';

describe('GIVEN the VCDB snapshot (vcdb.json.zip)', () => {
  const records = readVcdbFile(join(DATASETS, 'vcdb', 'vcdb.json.zip'));
  const result = vcdbToIncidents(records, new Date('2026-11-23T00:00:00Z'));

  it('THEN its 8,553 records read; those naming their victim map to valid incidents, the others are reported', () => {
    expect(records).toHaveLength(8553);
    expect(result.incidents.length + result.problems.length).toBe(8553);
    expect(result.incidents.length).toBeGreaterThan(8000);
    expect(result.incidents.filter((i) => !IncidentSchema.safeParse(i).success).map((i) => i.id)).toEqual([]);
  });

  it('THEN a record keeps its dates, cause, data and the share-alike attribution', () => {
    const lexington = result.incidents.find((i) => i.provenance?.sourceId === '9eda6e80-de98-11e7-9424-7b935f12be98')!;
    expect(lexington).toMatchObject({
      organization: { name: 'Lexington Medical Center', country: 'US', region: 'SC', sector: 'healthcare' },
      dates: { occurred: { start: '2017-02-17' }, disclosed: '2017-02-20' },
      addedAt: '2017-12-11T23:56:04Z',
      provenance: { source: 'vcdb', license: 'CC BY-SA 4.0', attribution: 'Source: VERIS Community Database (Verizon RISK Team), CC BY-SA 4.0' },
    });
    expect(lexington.title.en).toBe('Lexington Medical Center: hacking');
  });
});
