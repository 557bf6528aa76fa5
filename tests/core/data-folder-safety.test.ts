/**
 * The data folder is read without trusting it: only regular files inside it, each under a size
 * cap, with bounded JSON nesting and capped text fields; every refusal names the file and the
 * reason, and no refusal ever quotes what the file holds.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadCatalog } from '../../src/core/catalog.js';
import { TEXT_LIMITS } from '../../src/core/incident-schema.js';
import { jsonTooDeep } from '../../src/core/data-files.js';
import { REPO_ROOT, seedRecord, tempDataDir } from '../helpers/catalog-fixtures.js';

const good = () => seedRecord('orange-2014-04');

/** A data folder holding one good curated incident, plus whatever `arrange` adds. */
function folder(arrange: (dir: string) => void): { dir: string; lines: string[]; ids: string[] } {
  const dir = tempDataDir();
  writeFileSync(join(dir, 'incidents', 'orange-2014-04.json'), JSON.stringify({ ...good(), related: [] }));
  arrange(dir);
  const catalog = loadCatalog(dir);
  return { dir, lines: catalog.problems.map(formatProblem), ids: catalog.incidents.map((i) => i.id) };
}

describe('GIVEN a FIFO named like an incident file', () => {
  const { lines, ids } = folder((dir) => execFileSync('mkfifo', [join(dir, 'incidents', 'x.json')]));

  it('THEN loading does not block: the FIFO is refused by name and the good incident loads', () => {
    expect(lines).toEqual(['incidents/x.json: is a FIFO (named pipe); only regular files are read']);
    expect(ids).toEqual(['orange-2014-04']);
  });
});

describe('GIVEN symbolic links in the data folder', () => {
  const { lines, ids } = folder((dir) => {
    symlinkSync('/dev/zero', join(dir, 'imported', 'zero.json'));
    symlinkSync('/etc/passwd', join(dir, 'incidents', 'passwd.json'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'ticketmaster.json'), JSON.stringify({ ...seedRecord('ticketmaster-inbenta-2018'), related: [] }));
    symlinkSync(join(dir, 'elsewhere', 'ticketmaster.json'), join(dir, 'incidents', 'linked.json'));
    execFileSync('mkfifo', [join(dir, 'elsewhere', 'pipe')]);
    symlinkSync(join(dir, 'elsewhere', 'pipe'), join(dir, 'incidents', 'pipe.json'));
  });

  it('THEN a link to /dev/zero or /etc/passwd is refused as leading outside, without reading it', () => {
    expect(lines).toContain('imported/zero.json: is a symbolic link leading outside the data folder; only files inside it are read');
    expect(lines).toContain('incidents/passwd.json: is a symbolic link leading outside the data folder; only files inside it are read');
  });

  it('THEN a link to a FIFO inside the folder is refused as a FIFO', () => {
    expect(lines).toContain('incidents/pipe.json: is a FIFO (named pipe); only regular files are read');
  });

  it('THEN a link to a regular file inside the folder is read like any file', () => {
    expect(ids.sort()).toEqual(['orange-2014-04', 'ticketmaster-inbenta-2018']);
    expect(lines).toHaveLength(3);
  });
});

describe('GIVEN a file that is not JSON holds a secret-looking first line', () => {
  const { lines } = folder((dir) => writeFileSync(join(dir, 'incidents', 'secret.json'), 'root:x:0:0:SECRET-LINE:/root:/bin/bash\n'));

  it('THEN the refusal says where the JSON breaks and never quotes the file', () => {
    expect(lines).toEqual([expect.stringMatching(/^incidents\/secret\.json: is not valid JSON( at character \d+)?$/)]);
    expect(lines.join('\n')).not.toMatch(/root|SECRET/);
  });
});

describe('GIVEN a curated file of 50 MB of "["', () => {
  const { lines, ids } = folder((dir) => writeFileSync(join(dir, 'incidents', 'brackets.json'), '['.repeat(50 * 1024 * 1024)));

  it('THEN it is refused by the size cap before anything is parsed', () => {
    expect(lines).toEqual(['incidents/brackets.json: is 50.0 MiB, over the 1.0 MiB limit for this folder']);
    expect(ids).toEqual(['orange-2014-04']);
  });
});

describe('GIVEN a feed snapshot of 50 MB of "[" (under the snapshot size cap)', () => {
  const { lines } = folder((dir) => writeFileSync(join(dir, 'imported', 'brackets.json'), '['.repeat(50 * 1024 * 1024)));

  it('THEN the nesting check refuses it before JSON.parse sees it', () => {
    expect(lines).toEqual(['imported/brackets.json: is not valid incident JSON: nested deeper than 64 levels at character 64']);
  });
});

describe('GIVEN a snapshot larger than the snapshot cap', () => {
  const dir = tempDataDir();
  writeFileSync(join(dir, 'imported', 'big.json'), `[${' '.repeat(2046)}]`);
  const catalog = loadCatalog(dir, { incidentFileBytes: 1024, snapshotFileBytes: 1024, maxJsonDepth: 64 });

  it('THEN it is refused by name with its size and the limit', () => {
    expect(catalog.problems.map(formatProblem)).toEqual(['imported/big.json: is 2.0 KiB, over the 1.0 KiB limit for this folder']);
  });
});

describe('GIVEN records with oversized text fields', () => {
  const { lines, ids } = folder((dir) => {
    const longSummary = { ...seedRecord('met-opera-2022'), related: [], summary: { en: 'a'.repeat(TEXT_LIMITS.long + 1) } };
    const sirius = seedRecord('sirius-ticketing-2024');
    const longName = { ...sirius, related: [], organization: { ...(sirius.organization as object), name: 'N'.repeat(5 * 1024 * 1024) } };
    writeFileSync(join(dir, 'imported', 'feed.json'), JSON.stringify([longSummary, longName]));
  });

  it('THEN each is refused at its field, with the limit, and the text is never quoted', () => {
    expect(lines).toContain(`imported/feed.json at [0].summary.en: must be at most ${TEXT_LIMITS.long.toLocaleString('en')} characters`);
    expect(lines).toContain(`imported/feed.json at [1].organization.name: must be at most ${TEXT_LIMITS.name} characters`);
    expect(lines.join('\n')).not.toMatch(/aaaaaaaaaa|NNNNNNNNNN/);
    expect(ids).toEqual(['orange-2014-04']);
  });
});

describe('GIVEN JSON nesting', () => {
  it('THEN brackets inside strings do not count and real nesting does', () => {
    expect(jsonTooDeep(JSON.stringify({ a: '[[[[[[[[', b: '\\"[[[[' }), 3)).toBe(-1);
    expect(jsonTooDeep('[[[[1]]]]', 3)).toBe(3);
    expect(jsonTooDeep('{"a":[{"b":[1]}]}', 4)).toBe(-1);
  });
});

describe('GIVEN npx breachbot validate on a folder holding a FIFO and a link to /etc/passwd', () => {
  it('THEN it returns, names each file with its reason, and prints nothing of /etc/passwd', () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, 'incidents', 'orange.json'), JSON.stringify({ ...good(), related: [] }));
    execFileSync('mkfifo', [join(dir, 'incidents', 'fifo.json')]);
    symlinkSync('/etc/passwd', join(dir, 'imported', 'passwd.json'));
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'breachbot.js'), 'validate'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('incidents/fifo.json: is a FIFO (named pipe); only regular files are read');
    expect(r.stderr).toContain('imported/passwd.json: is a symbolic link leading outside the data folder');
    expect(r.stderr).toMatch(/2 problems found; 1 incidents valid/);
    expect(r.stderr + r.stdout).not.toMatch(/root:/);
  });
});
