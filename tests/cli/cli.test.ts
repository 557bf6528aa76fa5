/** The CLI and the terminal chat, run as a user runs them: `npx breachbot ...`, `npm start`. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

const BIN = join(REPO_ROOT, 'bin', 'breachbot.js');
// Each test runs the real CLI over the whole catalog, several times: on a loaded machine that is
// slow, and a timeout here would say nothing about the CLI. Not a timing test.
vi.setConfig({ testTimeout: 600_000 });

/** Runs the CLI with a clean environment (no platform tokens), optionally with stdin and env. */
function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, input: options.input ?? '', env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('GIVEN npx breachbot search --json', () => {
  it('THEN it prints exactly one JSON object, best first, with full records', () => {
    const r = run(['search', 'inbenta', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { query: string; total: number; results: { id: string; vendors: { name: string }[]; sources: unknown[] }[] };
    expect(out.query).toBe('inbenta');
    expect(out.total).toBeGreaterThanOrEqual(1);
    expect(out.results[0]!.id).toBe('ticketmaster-inbenta-2018');
    expect(out.results[0]!.vendors[0]!.name).toBe('Inbenta Technologies');
    expect(out.results[0]!.sources.length).toBeGreaterThan(0);
  });

  it('THEN --limit caps the results and a nonsense query exits 0 with suggestions', () => {
    const r = run(['search', 'orange', '--json', '--limit', '1']);
    expect(JSON.parse(r.stdout).results).toHaveLength(1);
    const none = run(['search', 'qqxxzzvv', '--json']);
    expect(none.code).toBe(0);
    const out = JSON.parse(none.stdout);
    expect(out.total).toBe(0);
    expect(out.results).toEqual([]);
    expect(out.suggestions.length).toBeGreaterThan(0);
  });

  it('THEN usage errors exit 2 with one line on stderr', () => {
    for (const args of [['search'], ['search', '   '], ['frobnicate'], ['search', 'x'.repeat(300)], ['search', 'orange', '--limit', 'many']]) {
      const r = run(args);
      expect(r.code, args.join(' ').slice(0, 40)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^breachbot: /);
    }
    expect(run(['search', 'x'.repeat(300)]).stderr).toMatch(/300 characters long; the limit is 200/);
  });
});

describe('GIVEN the terminal chat with piped input', () => {
  it('THEN it answers each line as in Slack, and exits at the end of input', () => {
    const r = run(['start'], { input: '/breach orange\n/breach show ticketmaster-inbenta-2018\n/breach help\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Orange: data of 1\.3 million customers/);
    expect(r.stdout).toMatch(/about 1\.3 million customers/);
    expect(r.stdout).toMatch(/Inbenta Technologies \(external third-party supplier/);
    expect(r.stdout).toMatch(/\/breach latest/);
  });

  it('THEN /breach status shows the terminal channel\'s digest and watchlist', () => {
    const env = { STATE_DB: join(tempDataDir(), 'state.sqlite') };
    const r = run(['start'], { env, input: '/breach status\n/breach watch add Inbenta\n/breach status\n' });
    expect(r.code).toBe(0);
    const answers = r.stdout.trim().split('\n\n');
    expect(answers[0]).toMatch(/^This channel has no digest subscription\.\nSubscribe with `\/breach digest subscribe/);
    expect(answers[0]).toMatch(/This channel's watchlist is empty\. Add a vendor or organization with `\/breach watch add <name>`\.$/);
    expect(answers[1]).toMatch(/^Watching “Inbenta”/);
    expect(answers[2]).toMatch(/This channel is alerted when a new incident names:\n• Inbenta$/);
  });

  it('THEN French questions get French answers', () => {
    // A filter-only question lists the biggest first; a named one shows the hedge in French words.
    const r = run(['start'], { input: '/breach fuites de mots de passe en 2024\n/breach fuite sirius mots de passe 2024\n' });
    expect(r.stdout).toMatch(/incidents — données\u202f: mots de passe · 2024 \(page 1 sur \d+\)/);
    expect(r.stdout).toMatch(/millions d'adresses e-mail/);
    expect(r.stdout).toMatch(/Données\u202f: noms, adresses e-mail, adresses postales, numéros de téléphone\u202f; exposition possible\u202f: mots de passe/);
    expect(r.stdout).toMatch(/survenu le 28 juin 2024/i);
  });

  it('THEN a bad environment variable is named and the process exits cleanly', () => {
    const r = run(['start'], { env: { SLACK_BOT_TOKEN: 'not-a-token' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SLACK_BOT_TOKEN must be a Slack bot token \(starts with "xoxb-"\)/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.stderr).not.toContain('not-a-token');
  });
});

describe('GIVEN npx breachbot validate', () => {
  it('THEN it passes on the bundled catalog', () => {
    const r = run(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ incidents valid/);
  });

  it('THEN a malformed file fails validation precisely while search still serves the rest', () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, 'incidents', 'orange-2014-04.json'), JSON.stringify(seedRecord('orange-2014-04')));
    const bad = { ...seedRecord('ticketmaster-inbenta-2018'), dataClasses: ['Passwords', 'Shoe sizes'] };
    writeFileSync(join(dir, 'incidents', 'ticketmaster.json'), JSON.stringify(bad));
    const env = { DATA_DIR: dir };
    const v = run(['validate'], { env });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/incidents\/ticketmaster\.json at dataClasses\[1\]: unknown data class "Shoe sizes"/);
    expect(v.stderr).toMatch(/incidents\/orange-2014-04\.json at related\[0\]: refers to unknown incident "orange-2014-02"/);
    const s = run(['start'], { env, input: '/breach orange\n' });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/orange-2014-04/);
    expect(s.stderr).toMatch(/skipped invalid data: .*incidents\/ticketmaster\.json/);
  });
});
