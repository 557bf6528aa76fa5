/** The real third-party datasets the importers are tested on (../shared/datasets, see its README). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/catalog-fixtures.js';

// ../shared beside the repository; from a git worktree two levels down (/work/wt/<name>), ../../shared.
export const DATASETS = [join(REPO_ROOT, '..', 'shared', 'datasets'), join(REPO_ROOT, '..', '..', 'shared', 'datasets')].find((d) => existsSync(d)) ?? join(REPO_ROOT, '..', 'shared', 'datasets');
export const HIBP_API = join(DATASETS, 'hibp', 'breaches-2025-03-03.json');
export const HIBP_INDEX = join(DATASETS, 'hibp', 'index-2026-08-07.json');
export const BLF_CSV = join(DATASETS, 'bonjourlafuite', 'bonjourlafuite-2016-10-01_2026-10-07.csv');
export const HHS_FILES = ['hhs-ocr-archive-2009-10_2024-04.csv', 'hhs-ocr-under-investigation-2024-06.csv', 'hhs-ocr-under-investigation-2024-12.csv'].map((f) => join(DATASETS, 'hhs-ocr', f));

export type HibpRecord = Record<string, unknown> & { Name: string };

let api: HibpRecord[] | undefined;
export function hibpApi(): HibpRecord[] {
  api ??= JSON.parse(readFileSync(HIBP_API, 'utf8')) as HibpRecord[];
  return api;
}

/** One real record of the API file, by Name (a copy the test may change). */
export function hibpRecord(name: string): HibpRecord {
  const r = hibpApi().find((b) => b.Name === name);
  if (!r) throw new Error(`no ${name} in ${HIBP_API}`);
  return structuredClone(r);
}

/**
 * The breach a refreshed HIBP feed gains in the refresh tests (LinkedIn's real record, renamed):
 * one the bundled snapshot does not have, with the given description.
 */
export function exampleShopBreach(description: string): HibpRecord {
  return {
    ...hibpRecord('LinkedIn'),
    Name: 'ExampleShop2026',
    Title: 'Example Shop',
    Domain: 'exampleshop.test',
    BreachDate: '2026-11-01',
    AddedDate: '2026-11-20T08:00:00Z',
    PwnCount: 123_456,
    Description: description,
    DataClasses: ['Email addresses', 'Names'],
  };
}
