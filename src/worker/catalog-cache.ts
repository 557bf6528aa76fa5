/**
 * The catalog at start-up: the compiled snapshot when it matches every file under the data
 * folder (read without re-validating or re-indexing anything), else built from the sources in a
 * worker thread, which writes a fresh snapshot for the next start. A stale or damaged snapshot
 * is never served: one log line says why it is rebuilt.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BreachCore } from '../core/breach-core.js';
import type { CatalogProblem } from '../core/catalog.js';
import { readCatalogSnapshot, sourceKey } from '../core/catalog-snapshot.js';
import { openCompiledCatalog } from '../core/compiled-catalog.js';
import type { Logger } from '../ports/index.js';
import { runTask } from './run-task.js';

export interface CoreLoad {
  readonly core: BreachCore;
  readonly problems: readonly CatalogProblem[];
  readonly ms: number;
  /** Where the core came from: the compiled snapshot, or the data files. */
  readonly from: 'snapshot' | 'sources';
}

/** One snapshot file per data folder, so two bots (or a test) with different folders never share one. */
export function snapshotPathFor(cacheDir: string, dataDir: string): string {
  return join(cacheDir, `catalog-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}.bin`);
}

/** The core for `dataDir`; `cacheDir` undefined = no snapshot, always from the sources. */
export async function loadCore(dataDir: string, cacheDir: string | undefined, log?: Logger): Promise<CoreLoad> {
  const t0 = performance.now();
  const snapshot = cacheDir ? snapshotPathFor(cacheDir, dataDir) : undefined;
  if (snapshot) {
    const read = readCatalogSnapshot(snapshot, sourceKey(dataDir));
    if (read.ok) {
      try {
        const core = await openCompiledCatalog(read.compiled);
        return { core, problems: read.compiled.problems, ms: performance.now() - t0, from: 'snapshot' };
      } catch (err) {
        log?.warn(`catalog snapshot ${snapshot} cannot be opened (${(err as Error).message}): rebuilding it from ${dataDir}`);
      }
    } else if (read.reason !== 'missing') {
      log?.warn(`catalog snapshot ${snapshot} ${read.detail}: rebuilding it from ${dataDir}`);
    }
  }
  const compiled = await runTask('build-core', { dataDir, ...(snapshot ? { snapshot } : {}) }, log);
  const core = await openCompiledCatalog(compiled);
  return { core, problems: compiled.problems, ms: performance.now() - t0, from: 'sources' };
}
