/**
 * The command line as a person meets it: a pipe closed early, usage mistakes, a page past the
 * end, a broken data file, help. Run as child processes, over a small data folder (the seed
 * incidents) so each run is quick.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DATA_DIR, REPO_ROOT, seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

const BIN = join(REPO_ROOT, 'bin', 'breachbot.js');
// Real processes on a shared machine: a generous timeout, not a timing check.
vi.setConfig({ testTimeout: 600_000 });

/** A data folder holding the nine seed incidents, plus `broken` files written as given. */
function seedData(broken: Record<string, unknown> = {}): string {
  const dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) writeFileSync(join(dir, 'incidents', f), readFileSync(join(DATA_DIR, 'incidents', f)));
  for (const [name, record] of Object.entries(broken)) writeFileSync(join(dir, 'incidents', name), typeof record === 'string' ? record : JSON.stringify(record));
  return dir;
}

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const seeds = seedData();
/** A data folder with a broken file: if a command loaded the catalog, it would warn about it. */
const broken = seedData({ 'broken.json': { ...seedRecord('orange-2014-02'), id: 'broken-one', kind: 'breech' } });

describe('GIVEN a reader that closes the pipe early (breachbot search ... | head -2)', () => {
  it('THEN the command ends quietly, with success and no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'search', 'orange'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: seeds }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('GIVEN a usage mistake', () => {
  const cases: [string, string[], RegExp][] = [
    ['a 300-character query', ['search', 'x'.repeat(300)], /300 characters long; the limit is 200/],
    ['an unknown option', ['search', 'orange', '--frobnicate'], /unknown option --frobnicate for search \(its options: --json, --limit N, --page N, --lang en\|fr\)/],
    ['an option without its value', ['latest', '--limit'], /--limit needs a value/],
    ['an unreadable data filter', ['search', 'data:shoesizes'], /Cannot read the filter data:shoesizes\. Data types .*passwords.*social security numbers/],
    ['an unknown filter', ['search', 'colour:red'], /Filters: data:, year:, country:, vendor:, min:, sort:/],
    ['a bad year', ['search', 'year:soon'], /A year \(year:2024\) or a range \(year:2018-2020\)/],
    ['a bad page', ['search', 'orange', '--page', 'last'], /--page must be a whole number/],
  ];
  for (const [what, args, message] of cases) {
    it(`THEN ${what} is exit 2 with one plain line, given before the catalog loads`, () => {
      const r = run(args, { DATA_DIR: broken });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      // One line and no warning about the broken file: the catalog was never loaded.
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^breachbot: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Invalid option|Invalid input|ERR_|expected one of/);
    });
  }

  it('THEN a French question gets its usage error in French', () => {
    const r = run(['search', 'quelles fuites chez orange data:pointures'], { DATA_DIR: broken });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Filtre illisible\u202f: data:pointures\. Types de données possibles .*mots de passe/);
  });
});

describe('GIVEN a data folder with a broken file', () => {
  it('THEN a command serves the rest with one warning summary naming the file and pointing to validate', () => {
    const dir = seedData({ 'broken.json': { ...seedRecord('orange-2014-02'), id: 'broken-one', kind: 'breech', verified: 'yes' }, 'torn.json': '{ "id": ' });
    const r = run(['search', 'orange'], { DATA_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/orange-2014-04/);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^breachbot: skipped invalid data: incidents\/broken\.json, incidents\/torn\.json \(3 problems; first: incidents\/broken\.json at .*\); run "breachbot validate" to list them all$/);
  });

  it('THEN validate lists every problem in plain words, the valid values named, no raw zod message', () => {
    const dir = seedData({ 'broken.json': { ...seedRecord('orange-2014-02'), id: 'broken-one', kind: 'breech', verified: 'yes' } });
    const r = run(['validate'], { DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/incidents\/broken\.json at kind: must be one of "breach", "attack"/);
    expect(r.stderr).toMatch(/incidents\/broken\.json at verified: must be true or false, not text/);
    expect(r.stderr).not.toMatch(/Invalid option|Invalid input|expected one of/);
  });
});

describe('GIVEN a page past the last one', () => {
  it('THEN the answer says which page was asked and how many there are, and shows the last', () => {
    const r = run(['search', 'orange', '--limit', '1', '--page', '99'], { DATA_DIR: seeds });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/There is no page 99 \(page 99 of \d+\): here is the last one\./);
    const fr = run(['latest', '--limit', '5', '--page', '99', '--lang', 'fr'], { DATA_DIR: seeds });
    expect(fr.stdout).toMatch(/La page 99 n'existe pas \(page 99 sur 2\)\u202f: voici la dernière\./);
  });
});

describe('GIVEN show with an id that does not exist', () => {
  it('THEN it suggests the incidents whose id or name is close, and nothing unrelated', () => {
    const close = run(['show', 'ticketmastr'], { DATA_DIR: seeds });
    expect(close.stdout).toMatch(/Did you mean: ticketmaster-inbenta-2018/);
    const far = run(['show', 'nope'], { DATA_DIR: seeds });
    expect(far.stdout).not.toMatch(/Did you mean/);
  });
});

describe('GIVEN breachbot help', () => {
  it('THEN it lists the commands, the filters, example questions and the exit codes', () => {
    const r = run(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: breachbot <command>/);
    expect(r.stdout).toMatch(/Filters, in the question or as operators:/);
    for (const op of ['data:passwords', 'year:2024', 'country:FR', 'vendor:inbenta', 'min:1m', 'sort:date']) expect(r.stdout).toContain(op);
    expect(r.stdout).toMatch(/Example questions:\n {2}breachbot search orange\n {2}breachbot search "biggest breaches in France"/);
    expect(r.stdout).toMatch(/Exit codes: 0 answered .*, 1 invalid data or configuration, 2 usage error/);
  });

  it("THEN it is in French for --lang fr or a French BOT_LANGUAGE", () => {
    for (const r of [run(['help', '--lang', 'fr']), run(['--help'], { BOT_LANGUAGE: 'fr' })]) {
      expect(r.stdout).toMatch(/^Utilisation\u202f: breachbot <commande>/);
      expect(r.stdout).toMatch(/Filtres, dans la question ou en opérateurs\u202f:/);
      expect(r.stdout).toMatch(/Exemples de questions\u202f:\n {2}breachbot search orange\n {2}breachbot search "les plus grosses fuites en France"/);
      expect(r.stdout).toMatch(/Codes de sortie\u202f: 0 /);
    }
  });
});
