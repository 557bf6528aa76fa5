/**
 * The rules of ../shared/STYLE.md ("This codebase today") that a machine can check, checked on
 * every run: who may import whom, who reads the environment, no import circle, the dead exports
 * gone for good, tests where the code is. Imports are read from the source text (static,
 * `export … from` and dynamic `import()`), type-only ones included: a type import ties modules too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/catalog-fixtures.js';

const SRC = join(REPO_ROOT, 'src');
const rel = (file: string) => relative(REPO_ROOT, file);

function filesUnder(dir: string, suffix = '.ts'): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => join(e.parentPath, e.name));
}

const SOURCES = filesUnder(SRC);
const text = new Map(SOURCES.map((f) => [f, readFileSync(f, 'utf8')]));

/** Every module specifier a file names. */
function specifiers(file: string): string[] {
  const out: string[] = [];
  for (const m of text.get(file)!.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

/** The repository files a file imports (relative specifiers, `.js` written for `.ts`). */
function localImports(file: string): string[] {
  return specifiers(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'))
    .filter((f) => existsSync(f));
}

const GRAPH = new Map(SOURCES.map((f) => [f, localImports(f)]));
const inFolder = (folder: string) => (f: string) => f.startsWith(join(SRC, folder) + '/');

function offenders(fromFolder: string, allowed: (target: string) => boolean): string[] {
  return SOURCES.filter(inFolder(fromFolder)).flatMap((f) => GRAPH.get(f)!.filter((t) => !allowed(t)).map((t) => `${rel(f)} -> ${rel(t)}`));
}

/** Strongly connected components with more than one file (or a file importing itself): the import circles. */
function circles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!GRAPH.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || GRAPH.get(v)!.includes(v)) found.push(scc.map(rel).sort());
    }
  };
  for (const v of GRAPH.keys()) if (!idx.has(v)) visit(v);
  return found;
}

function closure(start: string): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...(GRAPH.get(f) ?? []));
  }
  return seen;
}

describe('GIVEN src/core', () => {
  const PLATFORM = ['discord.js', '@discordjs/', '@slack/', 'node-cron', 'better-sqlite3', 'pg', 'ws'];

  it('THEN no file imports discord.js, Bolt, node-cron, SQLite, PostgreSQL or a websocket library', () => {
    const bad = SOURCES.filter(inFolder('core')).flatMap((f) =>
      specifiers(f)
        .filter((s) => PLATFORM.some((p) => s === p || s.startsWith(p.endsWith('/') ? p : `${p}/`)))
        .map((s) => `${rel(f)}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('THEN it imports nothing outside src/core: no platform adapter, store, config, digest, render or app', () => {
    expect(offenders('core', inFolder('core'))).toEqual([]);
  });

  it('THEN the language type lives there, and nowhere else defines it', () => {
    const definers = SOURCES.filter((f) => /export type Lang\b/.test(text.get(f)!)).map(rel);
    expect(definers).toEqual(['src/core/lang.ts']);
  });
});

describe('GIVEN the whole of src', () => {
  it('THEN nothing outside src/config reads process.env', () => {
    const readers = SOURCES.filter((f) => !inFolder('config')(f) && /process\.env\b/.test(text.get(f)!)).map(rel);
    expect(readers).toEqual([]);
  });

  it('THEN no module reaches itself through its imports (no import circle anywhere in src/)', () => {
    // The last two untangled: the query parser's SortOrder now lives with the words that name it, and the feed
    // refresh's schedule (which starts workers) is apart from the refresh a worker runs.
    expect(circles()).toEqual([]);
  });

  it('THEN only the command line imports app/start.ts; adapters and features import the shared types from src/ports', () => {
    const start = join(SRC, 'app/start.ts');
    const importers = SOURCES.filter((f) => GRAPH.get(f)!.includes(start)).map(rel);
    expect(importers).toEqual(['src/cli/main.ts']);
    // Of src/app they may use only a leaf (the redacting logger): a module that reaches no adapter or feature, so no circle.
    const leaf = (t: string) => [...closure(t)].every((f) => ['app', 'ports', 'core', 'config'].some((d) => inFolder(d)(f))) && !closure(t).has(start);
    for (const folder of ['slack', 'discord', 'terminal', 'digest', 'import', 'store', 'ports']) {
      expect(offenders(folder, (t) => !inFolder('app')(t) || leaf(t))).toEqual([]);
    }
  });

  it('THEN Slack and Discord do not reach each other', () => {
    const slack = [...closure(join(SRC, 'slack/index.ts'))].filter(inFolder('discord')).map(rel);
    const discord = [...closure(join(SRC, 'discord/index.ts'))].filter(inFolder('slack')).map(rel);
    expect({ slack, discord }).toEqual({ slack: [], discord: [] });
  });

  it('THEN the store imports neither app/ nor render/ (only itself, the core and the shared types)', () => {
    expect(offenders('store', (t) => inFolder('store')(t) || inFolder('core')(t) || inFolder('ports')(t))).toEqual([]);
  });

  it('THEN the importers store facts: nothing under src/import imports the wording layer (src/render)', () => {
    expect(offenders('import', (t) => !inFolder('render')(t))).toEqual([]);
  });

  it('THEN the exports nothing used are gone for good', () => {
    const DEAD = ['contentTokens', 'embedsLength', 'incidentYear', 'nextRunOf', 'sameChannel', 'shortWhen'];
    const still = SOURCES.flatMap((f) => DEAD.filter((name) => new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let|class)\\s+${name}\\b`).test(text.get(f)!)).map((n) => `${rel(f)}: ${n}`));
    expect(still).toEqual([]);
  });
});

describe('GIVEN one room for words (STYLE.md, "This codebase today")', () => {
  const PLATFORM_WORDS = /['"`](?:slack|discord|terminal)['"`]|\.platform\s*[!=]==?|platform\s*[!=]==?\s*['"`]/;
  /** Code without its comments: a comment may name a platform, code may not branch on one. */
  const code = (f: string) => text.get(f)!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

  it('THEN no wording module (src/render) and no feature (src/digest, src/settings) branches on platform or names one', () => {
    const folders = ['render', 'digest', 'settings'];
    const branching = SOURCES.filter((f) => folders.some((d) => inFolder(d)(f)) && PLATFORM_WORDS.test(code(f))).map(rel);
    expect(branching).toEqual([]);
  });

  it('THEN the wording layer imports no adapter: how a command is spelled is a value the adapter passes in', () => {
    expect(offenders('render', (t) => !['slack', 'discord', 'terminal', 'digest', 'app'].some((d) => inFolder(d)(t)))).toEqual([]);
  });

  it('THEN the features build typed outcomes and word nothing: src/digest and src/settings import no wording', () => {
    expect(offenders('digest', (t) => !inFolder('render')(t))).toEqual([]);
    expect(offenders('settings', (t) => !inFolder('render')(t))).toEqual([]);
  });

  it('THEN the answers the core and the commands return carry no prose in two languages ({ en, fr })', () => {
    const types = ['src/core/answer.ts', 'src/core/feature-outcome.ts'].map((f) => join(REPO_ROOT, f));
    const prose = types.filter((f) => /\b(?:en|fr)\s*:\s*string|\{\s*(?:readonly\s+)?en\b/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(prose).toEqual([]);
    const definition = readFileSync(join(REPO_ROOT, 'commands/command-definition.ts'), 'utf8');
    const usageError = /export interface UsageError \{[\s\S]*?\n\}/.exec(definition)![0];
    expect(usageError).not.toMatch(/\ben\b|\bfr\b|Localized/);
    expect(usageError).toMatch(/problem\?: UsageProblem/);
  });
});

describe('GIVEN the tests', () => {
  it('THEN tests of src/store, src/app and src/terminal live under tests/store, tests/app and tests/terminal', () => {
    const TESTS = join(REPO_ROOT, 'tests');
    const tests = filesUnder(TESTS, '.test.ts');
    const misplaced: string[] = [];
    for (const folder of ['store', 'app', 'terminal']) {
      expect(tests.filter((t) => t.startsWith(join(TESTS, folder) + '/')).length, `tests/${folder} has tests`).toBeGreaterThan(0);
      // A test file named after a module of that folder belongs beside its siblings.
      const modules = new Set(SOURCES.filter(inFolder(folder)).map((f) => f.slice(f.lastIndexOf('/') + 1, -3)));
      for (const t of tests) {
        const name = t.slice(t.lastIndexOf('/') + 1, -'.test.ts'.length);
        if (modules.has(name) && !t.startsWith(join(TESTS, folder) + '/')) misplaced.push(`${rel(t)} (tests src/${folder}/${name}.ts)`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
