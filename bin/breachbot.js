#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (built by `npm install` / `npm ci` through the `prepare`
// script, or by `npm run build`); tsx is only for development.
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('breachbot: not built yet (dist/ is missing): run npm install, or npm run build\n');
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
