/** `breachbot validate`: reads and validates every data file, names each problem, exit 1 if any. */
import type { Config } from '../config/env.js';
import { formatProblem, loadCatalog } from '../core/catalog.js';
import type { Io } from './usage-failure.js';

export function validateCommand(config: Config, io: Io): number {
  const t0 = performance.now();
  const catalog = loadCatalog(config.dataDir);
  for (const p of catalog.problems) io.err(formatProblem(p));
  const files = new Set(catalog.fileOf.values()).size;
  const ms = Math.round(performance.now() - t0);
  if (catalog.problems.length > 0) {
    io.err(`${catalog.problems.length} problem${catalog.problems.length === 1 ? '' : 's'} found; ${catalog.incidents.length} incidents valid in ${files} files (${ms} ms).`);
    return 1;
  }
  io.out(`OK: ${catalog.incidents.length} incidents valid in ${files} files under ${config.dataDir} (${ms} ms).`);
  return 0;
}

