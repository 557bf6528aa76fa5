/**
 * vitest globalSetup: a real PostgreSQL for the store's contract tests. `TEST_DATABASE_URL`
 * when given; otherwise a throwaway server started here from PostgreSQL's own binaries
 * (`initdb`, `pg_ctl`, `postgres` on the PATH), listening only on 127.0.0.1 on a free port, its
 * data in a temporary folder, stopped and removed at the end. The binaries refuse to run as
 * root: as root, they run as `PG_TEST_OS_USER` (what .ci/run creates), else `postgres`, else
 * `nobody`. With neither a URL nor the binaries, PostgreSQL tests are skipped with a warning —
 * except on CI (`CI=true`), where that is an error.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL the tests may create schemas in; "" when none is available (tests skip). */
    postgresUrl: string;
  }
}

function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function osUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of [process.env.PG_TEST_OS_USER, 'postgres', 'nobody']) {
    if (!name) continue;
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
    return { name, uid: Number(r.stdout.trim()), gid };
  }
  throw new Error('postgres test server: running as root and no user to run PostgreSQL as (set PG_TEST_OS_USER)');
}

/** Options of the vitest command line whose value is the next argument (not a file filter). */
const VALUED = new Set(['-t', '--testNamePattern', '--reporter', '--project', '-c', '--config', '--root', '-r', '--dir', '--shard', '--outputFile', '--pool', '--maxWorkers']);

/**
 * Whether the test files this run selects use PostgreSQL (they import tests/helpers/postgres):
 * `npx vitest run tests/core/x.test.ts` should not pay for starting a server it never uses.
 */
function selectedFilesUsePostgres(root: string): boolean {
  const args = process.argv.slice(2);
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (VALUED.has(a)) i++;
      continue;
    }
    if (a !== 'run' && a !== 'watch' && a !== 'related' && !a.endsWith('vitest.mjs') && !a.endsWith('/vitest')) filters.push(a.replace(/^\.\//, ''));
  }
  const files = readdirSync(join(root, 'tests'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
  const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
  return selected.some((f) => readFileSync(f, 'utf8').includes('helpers/postgres'));
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (!selectedFilesUsePostgres(project.config.root)) {
    project.provide('postgresUrl', '');
    return undefined;
  }
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    return undefined;
  }
  if (!onPath('initdb') || !onPath('pg_ctl')) {
    const why = 'no TEST_DATABASE_URL and no initdb/pg_ctl on the PATH';
    if (process.env.CI === 'true') throw new Error(`postgres test server: ${why}; CI must run the PostgreSQL contract tests`);
    process.stderr.write(`\n[postgres] ${why}: the PostgreSQL store tests are skipped\n`);
    project.provide('postgresUrl', '');
    return undefined;
  }
  const user = osUser();
  const as = (cmd: string, args: string[]) => (user ? ['runuser', ['-u', user.name, '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), 'breachbot-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const [c, a] = as(cmd, args);
    execFileSync(c, a, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  };
  try {
    run('initdb', ['-D', data, '-U', 'breachbot', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    run('pg_ctl', [
      '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60',
      '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`postgres test server: could not start (${(err as Error).message.split('\n')[0]}) ${stderr}`);
  }
  // A run killed before its teardown (a timeout, ^C, SIGKILL) must not leave the server behind: a detached
  // watchdog stops it and removes its folder once this process is gone.
  const [stopCmd, stopArgs] = as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  spawn('sh', ['-c', `while [ -d /proc/${process.pid} ]; do sleep 2; done; ${[stopCmd, ...stopArgs].map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(dir)}`], {
    detached: true,
    stdio: 'ignore',
  }).unref();
  project.provide('postgresUrl', `postgres://breachbot@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
