/**
 * The catalog at start-up: the compiled snapshot when it matches every file under the data
 * folder (read without re-validating, re-indexing or parsing any record), else built from the
 * sources in a worker thread, which writes a fresh snapshot that this start then opens too. A stale or damaged snapshot
 * is never served: one log line says why it is rebuilt.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BreachCore } from '../core/breach-core.js';
import type { CatalogProblem } from '../core/catalog.js';
import { openCatalogSnapshot, sourceKey, verifySnapshot } from '../core/catalog-snapshot.js';
import { openCompiledCatalog } from '../core/compiled-catalog.js';
import type { Logger } from '../ports/index.js';
import { compileInWorker, openOnLoop } from './off-loop.js';
import { runTask } from './run-task.js';

export interface CoreLoad {
  readonly core: BreachCore;
  readonly problems: readonly CatalogProblem[];
  readonly ms: number;
  /** Where the core came from: the compiled snapshot, or the data files. */
  readonly from: 'snapshot' | 'sources';
}

/** Snapshots smaller than this are checked on this thread (CRC-32: about 0.5 ms a MB here, 30 ms at this size), larger ones in a worker while this thread decodes. */
const INLINE_CHECK_BYTES = 64 * 1024 * 1024;

/** One snapshot file per data folder, so two bots (or a test) with different folders never share one. */
export function snapshotPathFor(cacheDir: string, dataDir: string): string {
  return join(cacheDir, `catalog-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}.bin`);
}

/**
 * The core for `dataDir`; `cacheDir` undefined = no snapshot, always from the sources. A
 * snapshot's digests are checked in a worker thread while this thread decodes it; nothing from
 * it is served before they all match.
 */
export async function loadCore(dataDir: string, cacheDir: string | undefined, log?: Logger): Promise<CoreLoad> {
  const t0 = performance.now();
  const snapshot = cacheDir ? snapshotPathFor(cacheDir, dataDir) : undefined;
  if (snapshot) {
    const opened = openCatalogSnapshot(snapshot, sourceKey(dataDir));
    if (opened.ok) {
      // A small snapshot is hashed here (quicker than starting a thread); a large one in a worker, while this thread decodes.
      const bytes = opened.check.sections.reduce((a, s) => a + s.bytes, 0);
      const verify = bytes < INLINE_CHECK_BYTES ? verifySnapshot(opened.check).then((failed) => ({ ...(failed === undefined ? {} : { failed }) })) : runTask('verify-snapshot', opened.check);
      const check = verify.then(
        (r) => (r.failed === undefined ? undefined : 'fails its checksum'),
        (err: unknown) => `cannot be checked (${(err as Error).message})`,
      );
      let core: BreachCore | undefined;
      let failure: string | undefined;
      try {
        core = await openCompiledCatalog(opened.compiled, undefined, opened.compiled.source);
      } catch (err) {
        failure = `cannot be opened (${(err as Error).message})`;
      }
      failure = (await check) ?? failure;
      if (core && failure === undefined) return { core, problems: opened.compiled.problems, ms: performance.now() - t0, from: 'snapshot' };
      opened.compiled.source.close();
      log?.warn(`catalog snapshot ${snapshot} ${failure}: rebuilding it from ${dataDir}`);
    } else if (opened.reason !== 'missing') {
      log?.warn(`catalog snapshot ${snapshot} ${opened.detail}: rebuilding it from ${dataDir}`);
    }
  }
  const built = await compileInWorker(dataDir, log, snapshot);
  const core = await openOnLoop(built);
  return { core, problems: built.problems, ms: performance.now() - t0, from: 'sources' };
}
