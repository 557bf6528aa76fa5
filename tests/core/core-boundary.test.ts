/** The core stays platform-neutral: it must never import a platform SDK or the scheduler. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/catalog-fixtures.js';

const FORBIDDEN = ['discord.js', '@discordjs/', '@slack/', 'node-cron', 'better-sqlite3', 'ws'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('GIVEN src/core', () => {
  it('THEN no file imports discord.js, Bolt, node-cron, SQLite or a websocket library', () => {
    const offenders: string[] = [];
    for (const file of sources(join(REPO_ROOT, 'src/core'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (FORBIDDEN.some((f) => spec === f || spec.startsWith(f.endsWith('/') ? f : `${f}/`))) offenders.push(`${file}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('THEN no file reads process.env (configuration comes from src/config)', () => {
    const readers = sources(join(REPO_ROOT, 'src/core')).filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
  });
});
