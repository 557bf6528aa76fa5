/** The command line a new user types: search the bundled data, validate it, re-import a feed. */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/env.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { importCommand, ImportUsageError } from '../../src/import/import-command.js';
import { DATA_DIR, REPO_ROOT, tempDataDir } from '../helpers/catalog-fixtures.js';
import { BLF_CSV, DATASETS } from './datasets.js';

const run = promisify(execFile);

function configFor(dir: string): Config {
  const result = loadConfig({ DATA_DIR: dir });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('GIVEN a fresh clone with the bundled data', () => {
  it('THEN `breachbot search linkedin --json` returns LinkedIn first, with counts and data classes from the source', async () => {
    // What `npx breachbot` runs (package.json "bin").
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'bin', 'breachbot.js'), 'search', 'linkedin', '--json'], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: '' } });
    const json = JSON.parse(stdout) as { results: { id: string; records: { total: { count: number } }; dataClasses: string[]; provenance: { attribution: string } }[] };
    expect(json.results[0]).toMatchObject({
      id: 'hibp-linkedin',
      records: { total: { count: 164_611_595, qualifier: 'exact' } },
      dataClasses: ['Email addresses', 'Passwords'],
      provenance: { attribution: 'Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0' },
    });
  });

  it('THEN `breachbot validate` passes on the whole bundle', async () => {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'bin', 'breachbot.js'), 'validate'], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: '' } });
    expect(stdout).toMatch(/^OK: 8107 incidents valid in 12 files under .*data \(\d+ ms\)\.$/m);
  });
});

describe('GIVEN `breachbot import <source> --file <path>`', () => {
  it('THEN it writes the snapshot, reports merges, problems and unknown data classes; a second run changes nothing', () => {
    const dir = tempDataDir();
    copyFileSync(join(DATA_DIR, 'imported', 'hibp.json'), join(dir, 'imported', 'hibp.json'));
    const first = io();
    expect(importCommand(['bonjourlafuite', '--file', BLF_CSV], configFor(dir), first.io, new Date('2026-11-23T10:00:00Z'))).toBe(0);
    const report = first.out.join('\n');
    expect(report).toMatch(/^bonjourlafuite: 578 incidents \+ 14 merged into existing ones written to .*bonjourlafuite\.json$/m);
    expect(report).toContain('merged blf-boulanger-2024-09-07 into hibp-boulanger (same organization "Boulanger", dates 1 days apart)');
    expect(report).toMatch(/4 problems:\n\s+- row 416: link "ceram-decor\.png" is not an http\(s\) URL/);
    expect(report).toMatch(/source data classes have no canonical class \(kept in otherDataClasses\):\n\s+Rang de naissance ×18/);
    const catalog = loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents).toHaveLength(1024 + 578);

    const bytes = readFileSync(join(dir, 'imported', 'bonjourlafuite.json'));
    const second = io();
    expect(importCommand(['bonjourlafuite', '--file', BLF_CSV], configFor(dir), second.io, new Date('2026-11-24T10:00:00Z'))).toBe(0);
    expect(second.out.join('\n')).toMatch(/^bonjourlafuite: 578 incidents \+ 14 merged into existing ones \(unchanged: /);
    expect(readFileSync(join(dir, 'imported', 'bonjourlafuite.json')).equals(bytes)).toBe(true);
  });

  it('THEN --dry-run reports without writing', () => {
    const dir = tempDataDir();
    const r = io();
    expect(importCommand(['hibp', '--file', join(DATASETS, 'hibp', 'breaches-2025-03-03.json'), '--dry-run'], configFor(dir), r.io)).toBe(0);
    expect(r.out.join('\n')).toMatch(/^hibp: 875 incidents \(dry run: nothing written\)\n\s+new: 875, removed: 0, kept flagged retired: 2/);
    expect(readdirSync(join(dir, 'imported'))).toEqual([]);
  });

  it('THEN a missing or unreadable file is exit 1 with the reason, a usage mistake is a usage error', () => {
    const dir = tempDataDir();
    const r = io();
    expect(importCommand(['hibp', '--file', join(dir, 'nope.json')], configFor(dir), r.io)).toBe(1);
    expect(r.err.join('\n')).toMatch(/^breachbot: cannot read .*nope\.json/);
    expect(existsSync(join(dir, 'imported', 'hibp.json'))).toBe(false);
    expect(() => importCommand(['myspace', '--file', 'x'], configFor(dir), r.io)).toThrow(ImportUsageError);
    expect(() => importCommand(['hibp'], configFor(dir), r.io)).toThrow(/at least one --file/);
  });
});
