/**
 * Every bundled feed refreshes from a URL, against a stand-in server on 127.0.0.1 serving the
 * real files of ../shared/datasets (the French list's CSV, the HHS portal's export) plus what a
 * later export would add: a new row is added once, a second run is idle (the file is not even
 * rewritten), a revised count is reported as changed, a redirect to another origin is refused,
 * credentials in the URL are sent but never logged, and bad downloads change nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog.js';
import type { Incident } from '../../src/core/incident-schema.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { redactUrl, refreshFeed, type RefreshableFeed, type RefreshOutcome } from '../../src/import/refresh.js';
import { refreshCommand } from '../../src/import/refresh-command.js';
import { readSnapshot, snapshotRecords } from '../../src/import/snapshot.js';
import { DATA_DIR, tempDataDir } from '../helpers/catalog-fixtures.js';
import { BLF_CSV, HHS_FILES } from './datasets.js';

const BLF = readFileSync(BLF_CSV, 'utf8');
const HHS = readFileSync(HHS_FILES[2]!, 'utf8');
const NEW_BLF_ROW =
  `"2026-11-20";"confirmed";"Mutuelle Exemple";"Almerys";"private_company";"120 000 personnes";"['Nom, prénom', 'numéro de sécurité sociale']";"True";"[{'text': 'Article', 'href': 'https://example.test/mutuelle-exemple'}]"\n`;
const NEW_HHS_ROW = 'Example Clinic,TX,Healthcare Provider,12345,2024-12-20,Hacking/IT Incident,Network Server,Yes,,2024\n';

const bodies: Record<string, string> = {};
let server: Server;
let base = '';
const authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/moved/blf.csv') return void res.writeHead(301, { Location: '/blf.csv' }).end();
    if (path === '/away/blf.csv') return void res.writeHead(302, { Location: `http://localhost:${(server.address() as AddressInfo).port}/blf.csv` }).end();
    if (path === '/private/blf.csv') {
      authorizations.push(req.headers.authorization);
      if (req.headers.authorization !== `Basic ${Buffer.from('reader:s3cret-pass').toString('base64')}`) return void res.writeHead(401).end('no');
      return void res.writeHead(200, { 'Content-Type': 'text/csv' }).end(bodies['/blf.csv']);
    }
    const body = bodies[path];
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': path.endsWith('.csv') ? 'text/csv' : 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The curated incidents and one feed's bundled snapshot, as a fresh clone has them. */
function dataDirWith(...snapshots: string[]): string {
  const dir = tempDataDir();
  for (const f of readdirSync(join(DATA_DIR, 'incidents'))) copyFileSync(join(DATA_DIR, 'incidents', f), join(dir, 'incidents', f));
  for (const snapshot of snapshots) copyFileSync(join(DATA_DIR, 'imported', snapshot), join(dir, 'imported', snapshot));
  return dir;
}

/** Merge targets as the bot has them: the curated incidents and the bundled HIBP records (loaded once). */
let targets: readonly Incident[] | undefined;
function mergeTargets(): readonly Incident[] {
  targets ??= loadCatalog(dataDirWith('hibp.json')).incidents;
  return targets;
}

function run(feed: RefreshableFeed, dir: string, url: string, now: Date, lines: string[] = []): Promise<RefreshOutcome> {
  const existing = mergeTargets().filter((i) => i.provenance.source !== feed);
  return refreshFeed(feed, { url, dataDir: dir, existing: () => existing, log: createLogger([], (l) => lines.push(l)), now: () => now, timeoutMs: 10_000 });
}

describe('GIVEN the bundled French list and a republished CSV with one new row naming a subcontractor', () => {
  const dir = dataDirWith('bonjourlafuite.json', 'hibp.json');
  const file = join(dir, 'imported', 'bonjourlafuite.json');
  const before = new Set(loadCatalog(dir).incidents.map((i) => i.id));

  it('THEN the same CSV as the bundle finds nothing new and does not rewrite the file', async () => {
    bodies['/blf.csv'] = BLF;
    const stat = statSync(file);
    const lines: string[] = [];
    expect(await run('bonjourlafuite', dir, `${base}/blf.csv`, new Date('2026-11-21T06:00:00Z'), lines)).toEqual({ kind: 'unchanged', feed: 'bonjourlafuite', unchanged: 592 });
    expect(statSync(file).mtimeMs).toBe(stat.mtimeMs);
    expect(lines.join('\n')).toMatch(/bonjourlafuite refresh: nothing new in 592 rows/);
  });

  it('THEN one refresh adds exactly the new row, first seen now, with its subcontractor as vendor', async () => {
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW;
    const outcome = await run('bonjourlafuite', dir, `${base}/blf.csv`, new Date('2026-11-22T06:00:00Z'));
    expect(outcome).toMatchObject({ kind: 'updated', added: ['blf-mutuelle-exemple-2026-11-20'], revised: [], removed: [], unchanged: 592 });
    const catalog = loadCatalog(dir);
    expect(catalog.problems).toEqual([]);
    expect(catalog.incidents.map((i) => i.id).filter((id) => !before.has(id))).toEqual(['blf-mutuelle-exemple-2026-11-20']);
    const added = catalog.byId.get('blf-mutuelle-exemple-2026-11-20')!;
    expect(added).toMatchObject({ addedAt: '2026-11-22T06:00:00Z', organization: { name: 'Mutuelle Exemple' }, vendors: [{ name: 'Almerys' }], records: { total: { count: 120_000 } } });
  });

  it('THEN a second run is idle: same bytes, nothing added, the new incident keeps its first-seen time', async () => {
    const bytes = readFileSync(file);
    expect(await run('bonjourlafuite', dir, `${base}/blf.csv`, new Date('2026-11-23T06:00:00Z'))).toMatchObject({ kind: 'unchanged', unchanged: 593 });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(loadCatalog(dir).byId.get('blf-mutuelle-exemple-2026-11-20')!.addedAt).toBe('2026-11-22T06:00:00Z');
  });

  it('THEN a revised volume is reported as changed, under the same id, with nothing duplicated', async () => {
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW.replace('120 000 personnes', '150 000 personnes');
    const outcome = await run('bonjourlafuite', dir, `${base}/blf.csv`, new Date('2026-11-24T06:00:00Z'));
    expect(outcome).toMatchObject({ kind: 'updated', added: [], revised: ['blf-mutuelle-exemple-2026-11-20'], unchanged: 592 });
    const catalog = loadCatalog(dir);
    expect(catalog.incidents.filter((i) => i.organization.name === 'Mutuelle Exemple').map((i) => [i.id, i.records?.total?.count, i.addedAt])).toEqual([['blf-mutuelle-exemple-2026-11-20', 150_000, '2026-11-22T06:00:00Z']]);
  });

  it('THEN a redirect within the same origin is followed, and one to another origin is refused and changes nothing', async () => {
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW.replace('120 000 personnes', '150 000 personnes');
    expect(await run('bonjourlafuite', dir, `${base}/moved/blf.csv`, new Date('2026-11-25T06:00:00Z'))).toMatchObject({ kind: 'unchanged' });
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW.replace('Mutuelle Exemple', 'Autre Mutuelle');
    const bytes = readFileSync(file);
    const lines: string[] = [];
    const outcome = await run('bonjourlafuite', dir, `${base}/away/blf.csv`, new Date('2026-11-25T07:00:00Z'), lines);
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/redirected to another origin \(http:\/\/localhost:\d+\); not followed/) });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(lines).toHaveLength(1);
  });

  it.each([
    ['an HTML page', '<!doctype html><title>Just a moment...</title>', /the body is not the expected CSV \(no "date", "processor", .* columns? in its first line\)/],
    ['a cut-off export', BLF.split('\n').slice(0, 40).join('\n'), /the feed lists 39 rows, under half of the 593 it listed last time; probably cut off/],
    ['a row without an organization', `${BLF}"2026-11-21";"confirmed";"";"";"private_company";"";"[]";"";"[]"\n`, /1 record\(s\) cannot be read, e\.g\. .*row 594: no processor/],
  ])('THEN %s changes nothing and the log says why', async (_what, body, reason) => {
    bodies['/blf.csv'] = body;
    const bytes = readFileSync(file);
    const lines: string[] = [];
    expect(await run('bonjourlafuite', dir, `${base}/blf.csv`, new Date('2026-11-26T06:00:00Z'), lines)).toMatchObject({ kind: 'failed' });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'imported')).sort()).toEqual(['bonjourlafuite.json', 'hibp.json']);
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(logged).toEqual([{ level: 'warn', msg: expect.stringMatching(/^bonjourlafuite refresh: nothing changed: /), time: expect.any(String), pid: expect.any(Number), hostname: expect.any(String) }]);
    expect(logged[0]!.msg).toMatch(reason);
  });
});

describe('GIVEN a feed URL with credentials in it', () => {
  it('THEN they are sent as HTTP Basic, and no log line, outcome or snapshot ever shows them', async () => {
    const dir = dataDirWith('bonjourlafuite.json', 'hibp.json');
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW;
    const port = (server.address() as AddressInfo).port;
    const lines: string[] = [];
    const ok = await run('bonjourlafuite', dir, `http://reader:s3cret-pass@127.0.0.1:${port}/private/blf.csv`, new Date('2026-11-22T06:00:00Z'), lines);
    expect(ok).toMatchObject({ kind: 'updated', added: ['blf-mutuelle-exemple-2026-11-20'] });
    const refused = await run('bonjourlafuite', dir, `http://reader:wrong-pass@127.0.0.1:${port}/private/blf.csv?api_key=k3y-value`, new Date('2026-11-23T06:00:00Z'), lines);
    expect(refused).toMatchObject({ kind: 'failed', reason: `http://***:***@127.0.0.1:${port}/private/blf.csv?api_key=*** answered HTTP 401` });
    expect(authorizations.at(-2)).toBe(`Basic ${Buffer.from('reader:s3cret-pass').toString('base64')}`);
    const everything = [...lines, JSON.stringify([ok, refused]), readFileSync(join(dir, 'imported', 'bonjourlafuite.json'), 'utf8')].join('\n');
    for (const secret of ['s3cret-pass', 'wrong-pass', 'k3y-value', 'reader']) expect(everything).not.toContain(secret);
    expect(redactUrl('https://u:p@example.test/x?token=abc&page=2')).toBe('https://***:***@example.test/x?token=***&page=2');
  });
});

describe('GIVEN the bundled HHS snapshot and the portal export with one new case and one revised count', () => {
  const dir = dataDirWith('hhs-ocr.json');
  const file = join(dir, 'imported', 'hhs-ocr.json');

  it('THEN the export the bundle came from is idle, the new case is added once, the revised count is reported, and a re-run is idle', async () => {
    bodies['/hhs.csv'] = HHS;
    expect(await run('hhs-ocr', dir, `${base}/hhs.csv`, new Date('2024-12-21T06:00:00Z'))).toEqual({ kind: 'unchanged', feed: 'hhs-ocr', unchanged: 6496 });

    bodies['/hhs.csv'] = HHS.replace('Atrium Health,NC,Healthcare Provider,585959,', 'Atrium Health,NC,Healthcare Provider,600000,') + NEW_HHS_ROW;
    const outcome = await run('hhs-ocr', dir, `${base}/hhs.csv`, new Date('2024-12-22T06:00:00Z'));
    expect(outcome).toMatchObject({ kind: 'updated', added: ['hhs-example-clinic-2024-12-20'], revised: ['hhs-atrium-health-2024-12-02'], unchanged: 6495 });
    const records = snapshotRecords(readSnapshot(file));
    expect(records.get('hhs-example-clinic-2024-12-20')).toMatchObject({ addedAt: '2024-12-22T06:00:00Z', records: { total: { count: 12_345 } } });
    expect(records.get('hhs-atrium-health-2024-12-02')!.records?.total?.count).toBe(600_000);
    expect(records.size).toBe(6497);

    const bytes = readFileSync(file);
    expect(await run('hhs-ocr', dir, `${base}/hhs.csv`, new Date('2024-12-23T06:00:00Z'))).toMatchObject({ kind: 'unchanged', unchanged: 6497 });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  }, 120_000);
});

describe('GIVEN the bundled HHS snapshot, whose case came with the portal narrative, and a newer export listing it without one', () => {
  const dir = dataDirWith('hhs-ocr.json');
  const file = join(dir, 'imported', 'hhs-ocr.json');
  const id = 'hhs-bay-oral-surgery-implant-center-2024-04-26';

  it('THEN the refresh takes the newer count but keeps the older narrative (and the data types read from it)', async () => {
    const before = snapshotRecords(readSnapshot(file)).get(id)!;
    expect(before.summary?.en).toMatch(/^The covered entity \(CE\), Bay Oral Surgery & Implant Center, reported that an employee/);
    expect(before.dataClasses).toContain('Dates of birth');
    bodies['/hhs-newer.csv'] = `${HHS.split('\n')[0]}\nBay Oral Surgery & Implant Center,WI,Healthcare Provider,14000,04/26/2024,Hacking/IT Incident,Email,No,,2024\n`;
    const outcome = await run('hhs-ocr', dir, `${base}/hhs-newer.csv`, new Date('2024-12-22T06:00:00Z'));
    expect(outcome).toMatchObject({ kind: 'updated', added: [], revised: [id] });
    const after = snapshotRecords(readSnapshot(file)).get(id)!;
    expect(after.records?.total?.count).toBe(14_000);
    expect(after.summary?.en).toBe(before.summary?.en);
    expect(after.dataClasses).toEqual(before.dataClasses);
  }, 120_000);
});

describe('GIVEN breachbot refresh on the command line', () => {
  const configFor = (dir: string, env: Record<string, string> = {}) => {
    const loaded = loadConfig({ DATA_DIR: dir, ...env });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    return loaded.config;
  };

  it('THEN it says what it added, changed and left alone per feed, as text and as JSON', async () => {
    const dir = dataDirWith('bonjourlafuite.json', 'hibp.json');
    bodies['/blf.csv'] = BLF + NEW_BLF_ROW;
    const config = configFor(dir, { IMPORT_BONJOURLAFUITE_URL: `${base}/blf.csv` });
    const out: string[] = [];
    const err: string[] = [];
    expect(await refreshCommand([], config, { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    expect(out).toEqual([
      `bonjourlafuite: 1 added, 0 changed, 592 left alone; written to ${join(dir, 'imported', 'bonjourlafuite.json')}\n  added: blf-mutuelle-exemple-2026-11-20`,
    ]);
    expect(err).toEqual([]);

    out.length = 0;
    expect(await refreshCommand(['bonjourlafuite', '--json'], config, { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({ feeds: [{ kind: 'unchanged', feed: 'bonjourlafuite', unchanged: 593, url: `${base}/blf.csv` }] });
  }, 60_000);

  it('THEN a failed feed exits 1 with the reason, and a feed without a URL is a usage error naming the variable', async () => {
    const dir = dataDirWith('bonjourlafuite.json', 'hibp.json');
    bodies['/blf.csv'] = '<html>';
    const out: string[] = [];
    const err: string[] = [];
    const config = configFor(dir, { IMPORT_BONJOURLAFUITE_URL: `${base}/blf.csv` });
    expect(await refreshCommand(['bonjourlafuite'], config, { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(1);
    expect(out[0]).toMatch(/^bonjourlafuite: refresh failed, nothing changed: the body is not the expected CSV/);
    await expect(refreshCommand(['hhs-ocr'], config, { out: () => undefined, err: () => undefined })).rejects.toThrow('IMPORT_HHS_OCR_URL is not set: no URL to refresh hhs-ocr from');
    await expect(refreshCommand(['vcdb'], config, { out: () => undefined, err: () => undefined })).rejects.toThrow('refresh knows hibp, bonjourlafuite, hhs-ocr; not "vcdb"');
  });
});
