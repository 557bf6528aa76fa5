/**
 * Curated files are reviewed like code: every problem is reported at once, each with its file,
 * field path and what is wrong, and the valid incidents still load.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadCatalog } from '../../src/core/catalog.js';
import { DATA_DIR, seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

function write(dir: string, name: string, value: unknown): void {
  writeFileSync(join(dir, 'incidents', name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

describe('GIVEN the curated catalog in data/', () => {
  it('THEN every file is valid and ids are unique', () => {
    const catalog = loadCatalog(DATA_DIR);
    expect(catalog.problems.map(formatProblem)).toEqual([]);
    expect(catalog.incidents.length).toBeGreaterThanOrEqual(9);
  });
});

describe('GIVEN a data folder with broken files beside good ones', () => {
  const dir = tempDataDir();
  const good = seedRecord('orange-2014-04');
  write(dir, 'a-good.json', good);

  const unknownClass = { ...seedRecord('orange-2014-02'), id: 'bad-class', dataClasses: ['Email addresses', 'Shoe sizes'] };
  write(dir, 'bad-class.json', unknownClass);

  const duplicate = { ...seedRecord('orange-2014-02') , id: 'orange-2014-04' };
  write(dir, 'duplicate.json', duplicate);

  const impossible = seedRecord('met-opera-2022');
  impossible.id = 'impossible-dates';
  impossible.dates = { occurred: { start: '2022-09' }, discovered: '2022-12', disclosed: '2021-05-03' };
  write(dir, 'impossible.json', impossible);

  const negative = seedRecord('sirius-ticketing-2024');
  negative.id = 'negative-count';
  negative.records = { total: { count: -5, qualifier: 'exact' }, breakdown: [] };
  write(dir, 'negative.json', negative);

  write(dir, 'not-json.json', '{ "id": "broken", ');
  const missing = seedRecord('ticketmaster-inbenta-2018');
  delete missing.sources;
  missing.id = 'no-sources';
  missing.colour = 'blue';
  write(dir, 'missing.json', missing);

  const badDate = { ...seedRecord('orange-2014-02'), id: 'bad-date', dates: { disclosed: '2014-02-30' } };
  write(dir, 'bad-date.json', badDate);

  const catalog = loadCatalog(dir);
  const lines = catalog.problems.map(formatProblem);

  it('THEN the good file still loads, and only it', () => {
    expect(catalog.incidents.map((i) => i.id)).toEqual(['orange-2014-04']);
  });

  it('THEN an unknown data class is named, with its file and path', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^incidents\/bad-class\.json at dataClasses\[1\]: unknown data class "Shoe sizes"/));
  });

  it('THEN a duplicate id names the file that used it first', () => {
    expect(lines).toContainEqual('incidents/duplicate.json at id: duplicate id "orange-2014-04" (already used in incidents/a-good.json)');
  });

  it('THEN a disclosure before the incident happened is rejected', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^incidents\/impossible\.json at dates\.disclosed: disclosed \(2021-05-03\) before it happened \(2022-09\)/));
  });

  it('THEN a negative count is rejected', () => {
    expect(lines).toContainEqual('incidents/negative.json at records.total.count: must not be negative');
  });

  it('THEN invalid JSON, a missing field, an unknown field and an impossible date are each reported', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^incidents\/not-json\.json: is not valid JSON/));
    expect(lines).toContainEqual(expect.stringMatching(/^incidents\/missing\.json at sources: is required/));
    expect(lines).toContainEqual('incidents/missing.json: unknown field "colour"');
    expect(lines).toContainEqual(expect.stringMatching(/^incidents\/bad-date\.json at dates\.disclosed: must be a real date/));
  });

  it('THEN a link to an incident that is not in the catalog is reported', () => {
    expect(lines).toContainEqual('incidents/a-good.json at related[0]: refers to unknown incident "orange-2014-02"');
  });

  it('THEN all problems are listed at once, every broken file named', () => {
    expect(new Set(catalog.problems.map((p) => p.file)).size).toBe(8);
  });
});
