/** The US HHS OCR breach portal: three overlapping exports, deduplicated. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../../src/core/incident-schema.js';
import { hhsOcrToIncidents, parseHhsOcrCsv } from '../../src/import/hhs-ocr.js';
import { classesInEnglishProse } from '../../src/import/data-class-mapping.js';
import { HHS_FILES } from './datasets.js';

const HEADER = 'Name of Covered Entity,State,Covered Entity Type,Individuals Affected,Breach Submission Date,Type of Breach,Location of Breached Information,Business Associate Present,Web Description';

describe('GIVEN the three real exports (archive, open cases June and December 2024)', () => {
  const files = HHS_FILES.map((f) => parseHhsOcrCsv(basename(f), readFileSync(f, 'utf8')));
  const result = hhsOcrToIncidents(files);

  it('THEN deduplicating on name, state and submission date leaves 6,496 breaches, every one valid', () => {
    expect(files.map((f) => f.rows.length)).toEqual([5371, 908, 853]);
    expect(result.incidents).toHaveLength(6496);
    expect(result.problems).toEqual([]);
    expect(new Set(result.incidents.map((i) => i.id)).size).toBe(6496);
    expect(result.incidents.filter((i) => !IncidentSchema.safeParse(i).success).map((i) => i.id)).toEqual([]);
  });

  it('THEN a case maps with its count, state, dates, health data and the classes its narrative names', () => {
    const bay = result.incidents.find((i) => i.id === 'hhs-bay-oral-surgery-implant-center-2024-04-26')!;
    expect(bay.organization).toMatchObject({ name: 'Bay Oral Surgery & Implant Center', country: 'US', region: 'Wisconsin', sector: 'healthcare provider' });
    expect(bay.records?.total).toEqual({ count: 13_055, qualifier: 'exact', who: { en: 'individuals', fr: 'personnes' } });
    expect(bay.dates).toEqual({ disclosed: '2024-04-26' });
    expect(bay.addedAt).toBe('2024-04-26T00:00:00Z');
    expect(bay.dataClasses).toEqual(expect.arrayContaining(['Health records', 'Social security numbers', "Driver's licenses", 'Dates of birth', 'Health insurance information']));
    expect(bay.title.en).toBe('Bay Oral Surgery & Implant Center: hacking/IT incident (email)');
    expect(bay.provenance).toMatchObject({ source: 'hhs-ocr', license: 'Public domain (US federal work)' });
  });

  it('THEN a case shared by both open-case exports takes the newer export’s count', () => {
    // Strive Holdco, LLC (TX, 2024-03-28): 501 in June 2024, 51,477 in December 2024.
    const strive = result.incidents.find((i) => i.id === 'hhs-strive-holdco-llc-2024-03-28')!;
    expect(strive.records?.total?.count).toBe(51_477);
  });
});

describe('GIVEN small exports', () => {
  const csv = (rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

  it('THEN names differing only in case and spaces are one breach; a trade name becomes an alias; the vendor is said', () => {
    const a = parseHhsOcrCsv('a.csv', csv(['"MHNU Corporation d/b/a Medical Home Network",IL,Business Associate,681,04/16/2024,Hacking/IT Incident,Email,Yes,']));
    const b = parseHhsOcrCsv('b.csv', csv(['"MHNU  corporation d/b/a Medical Home Network ",IL,Business Associate,700,2024-04-16,Hacking/IT Incident,Email,Yes,']));
    const result = hhsOcrToIncidents([a, b]);
    expect(result.incidents).toHaveLength(1);
    expect(result.skipped.get('duplicate (same name, state and submission date)')).toBe(1);
    const i = result.incidents[0]!;
    expect(i.records?.total?.count).toBe(700);
    expect(i.organization.aliases).toEqual(['Medical Home Network']);
    expect(i.summary.en).toContain('A business associate (vendor) was involved.');
  });

  it('THEN a row without a name or a real date is a problem, not a crash', () => {
    const result = hhsOcrToIncidents([parseHhsOcrCsv('c.csv', csv([',CA,Health Plan,900,01/02/2020,Theft,Laptop,No,', 'Acme Clinic,CA,Health Plan,900,13/45/2020,Theft,Laptop,No,']))]);
    expect(result.incidents).toEqual([]);
    expect(result.problems).toEqual(['c.csv row 2: no Name of Covered Entity', 'c.csv row 3: "13/45/2020" is not a submission date']);
  });
});

describe('GIVEN English narratives', () => {
  it('THEN the classes they state are read, negated ones are not', () => {
    expect(classesInEnglishProse('The PHI involved included names, addresses, and Social Security numbers. The breach did not include financial information or driver’s license numbers.')).toEqual([
      'Names',
      'Physical addresses',
      'Social security numbers',
    ]);
  });
});
