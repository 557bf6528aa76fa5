/** Helpers to build temporary data folders and cores for tests. */
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../src/core/catalog.js';
import { BreachCore } from '../../src/core/breach-core.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DATA_DIR = join(REPO_ROOT, 'data');

let shared: BreachCore | undefined;
/** The core over the real `data/` folder (curated and bundled), built once per test file. */
export function realCore(): BreachCore {
  shared ??= new BreachCore(loadCatalog(DATA_DIR));
  return shared;
}

/** A data folder in the OS temp dir holding a copy of the curated seed incidents only. */
export function seedDataDir(): string {
  const dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) {
    writeFileSync(join(dir, 'incidents', f), readFileSync(join(DATA_DIR, 'incidents', f)));
  }
  return dir;
}

/** A core over the curated seed incidents only. */
export function seedCore(): BreachCore {
  return new BreachCore(loadCatalog(seedDataDir()));
}

/** An empty data folder (with incidents/ and imported/) in the OS temp dir. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breachbot-data-'));
  mkdirSync(join(dir, 'incidents'));
  mkdirSync(join(dir, 'imported'));
  return dir;
}

/** A curated seed incident as raw JSON, to copy and break in tests. */
export function seedRecord(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DATA_DIR, 'incidents', `${id}.json`), 'utf8')) as Record<string, unknown>;
}
