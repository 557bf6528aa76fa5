#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm install` / `npm ci` through the `prepare`
// script, or by `npm run build`); tsx is only for development.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps the compiled code of every module on disk (under the OS's temporary folder, or
// NODE_COMPILE_CACHE), so later starts skip most of the parsing: about half of a one-shot search's
// start is loading modules (zod alone ~0.18 s). Node 20 has no such cache: the call is skipped.
module.enableCompileCache?.();

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('breachbot: not built yet (dist/ is missing): run npm install, or npm run build\n');
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
