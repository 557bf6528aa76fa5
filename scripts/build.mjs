#!/usr/bin/env node
/**
 * `npm run build` (run by `npm install` / `npm ci` through `prepare`): compiles the TypeScript
 * to JavaScript in dist/ with esbuild, one bundle per entry point, code shared between them
 * split into chunks and every command's module still loaded only when that command runs.
 *
 * Why bundled rather than one file per module: a one-shot `breachbot search` used to load 177
 * module files (95 of them zod's), and on Node 20, which keeps no compiled-code cache, finding,
 * reading and compiling them was about a third of its start. Bundled, it loads a handful of
 * files. zod and minisearch are bundled in; the packages with native code or their own loading
 * (the platforms' SDKs, the databases, the chart renderer, the logger) stay in node_modules.
 *
 * Type-checking is tsc's (`npm run typecheck`, part of `npm test`); esbuild only strips types.
 * Class names are kept: the catalog snapshot names the core's classes (`core-image.ts`).
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/** Pure JavaScript, loaded on the search path: cheaper inside the bundle than as their own files. */
const BUNDLED = new Set(['zod', 'minisearch']);
const external = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The command line, the worker thread's entry (run-task.ts finds it beside the code that starts it), and the Discord command deployer.
  entryPoints: ['src/cli/main.ts', 'src/worker/task-worker.ts', 'src/discord/deploy-commands.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
