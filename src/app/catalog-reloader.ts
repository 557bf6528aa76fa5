/**
 * Reloads the catalog while the bot runs. Watches `incidents/` and `imported/` under the data
 * folder (fs.watch, debounced, since editors and copies fire several events per file) and
 * re-scans on a timer as a safety net (fs.watch misses events on some network and container
 * file systems). A change rebuilds the catalog and a new core beside the serving one — read,
 * validated, indexed and written to the snapshot file in a worker thread, then opened here the
 * way a start opens it (indexes and the records' compact form decoded, nothing rebuilt, no
 * record parsed), so acknowledgements keep flowing during a reload — then swaps it into the
 * holder in one assignment — but only when no changed file has a problem:
 * otherwise each problem is logged (file, field path, reason) and the last good catalog keeps
 * serving. Incidents the new catalog gained are handed to `onAdded` (the watch alerts).
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { BreachCore } from '../core/breach-core.js';
import { formatProblem } from '../core/catalog.js';
import { compileInWorker, openOnLoop, type BuiltCatalog } from '../worker/off-loop.js';
import { snapshotPathFor } from '../worker/catalog-cache.js';
import type { Incident } from '../core/incident-schema.js';
import type { IncidentRecords } from '../core/incident-records.js';
import type { BotContext, RunningService } from '../ports/index.js';
import { DEFAULT_MAX_CATALOG_LOSS, guardCatalogReload } from './catalog-guard.js';

export interface CatalogReloaderOptions {
  /** Told how each reload attempt that loaded the catalog ended, and how long it took (for /metrics). */
  readonly onReload?: (outcome: 'reloaded' | 'rejected', seconds: number) => void;
  /** Quiet time after the last file event before reloading (default 300 ms). */
  readonly debounceMs?: number;
  /** Periodic re-scan, in case a file event was missed (default 60 s; 0 = none). */
  readonly rescanMs?: number;
  /** Largest share of the serving catalog a reload may lose (default `config.catalogMaxLoss`, else 0.25). */
  readonly maxLoss?: number;
  /** Builds the compiled catalog (default: in a worker thread, which writes the snapshot file when there is a cache folder). */
  readonly compile?: (dataDir: string) => Promise<BuiltCatalog>;
  /** Told after every reload that swapped a catalog in (changed incidents, not only new ones: the "updated" notes). */
  readonly onReloaded?: (core: BreachCore) => unknown;
}

export type ReloadOutcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'reloaded'; readonly size: number; readonly added: readonly Incident[]; readonly removed: number }
  | { readonly kind: 'rejected'; readonly problems: readonly string[] };

export interface CatalogReloader extends RunningService {
  /** Checks the data folder now (what the watcher and the timer call); resolves with what happened. */
  check(): Promise<ReloadOutcome>;
}

const FOLDERS = ['incidents', 'imported'] as const;

/** Each data file (relative path) with what tells a change: size and modification time. */
function snapshot(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const folder of FOLDERS) {
    const dir = join(dataDir, folder);
    let names: string[];
    try {
      names = readdirSync(dir).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const st = statSync(join(dir, name));
        if (st.isFile()) out.set(`${folder}/${name}`, `${st.size}:${st.mtimeMs}:${st.ino}`);
      } catch {
        // Deleted between listing and stat: it is simply not there.
      }
    }
  }
  return out;
}

function changedFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [file, sig] of after) if (before.get(file) !== sig) changed.add(file);
  for (const file of before.keys()) if (!after.has(file)) changed.add(file);
  return changed;
}

/** How many of `ids` `records` does not hold. */
function countMissing(ids: readonly string[], records: IncidentRecords): number {
  let n = 0;
  for (const id of ids) if (records.position(id) === undefined) n++;
  return n;
}

/** The records of `next` whose ids `before` does not hold, in full (the watch alerts read them). */
function addedRecords(before: IncidentRecords, next: IncidentRecords): Incident[] {
  const out: Incident[] = [];
  next.ids.forEach((id, i) => {
    if (before.position(id) === undefined) out.push(next.get(i));
  });
  return out;
}

const signature = (snap: ReadonlyMap<string, string>) => [...snap].sort(([a], [b]) => a.localeCompare(b)).map(([f, s]) => `${f}=${s}`).join('\n');

export function startCatalogReloader(
  ctx: BotContext,
  onAdded: (added: readonly Incident[], core: BreachCore) => void | Promise<void>,
  options: CatalogReloaderOptions = {},
): CatalogReloader {
  const { config, holder, log } = ctx;
  const dataDir = config.dataDir;
  const debounceMs = options.debounceMs ?? 300;
  const maxLoss = options.maxLoss ?? config.catalogMaxLoss ?? DEFAULT_MAX_CATALOG_LOSS;
  // The worker also refreshes the compiled snapshot, so the next start reads what is served now.
  const snapshotFile = config.cacheDir ? snapshotPathFor(config.cacheDir, dataDir) : undefined;
  const compile = options.compile ?? ((dir: string) => compileInWorker(dir, log, snapshotFile));
  // The state the serving catalog was built from; and the last state found unusable (reported once).
  let good = snapshot(dataDir);
  let rejected: string | undefined;
  let stopped = false;
  let current: Promise<ReloadOutcome> | undefined;
  let again = false;
  let debounce: NodeJS.Timeout | undefined;
  const watchers = new Map<string, FSWatcher>();

  const reload = async (): Promise<ReloadOutcome> => {
    const snap = snapshot(dataDir);
    const sig = signature(snap);
    if (sig === signature(good)) {
      rejected = undefined;
      return { kind: 'unchanged' };
    }
    if (sig === rejected) return { kind: 'unchanged' };
    const changed = changedFiles(good, snap);
    const t0 = performance.now();
    const compiled = await compile(dataDir);
    if (stopped) return { kind: 'unchanged' };
    // A problem blocks when it is in a changed file, or is a changed file's id clashing with an older one.
    const blocking = compiled.problems.filter((p) => changed.has(p.file.split('\\').join('/')) || [...changed].some((f) => p.message.endsWith(`(already used in ${f})`)));
    if (blocking.length) {
      rejected = sig;
      const lines = blocking.map(formatProblem);
      for (const line of lines) log.error(`catalog not reloaded: ${line}`);
      log.error(`catalog not reloaded: ${blocking.length} problem${blocking.length === 1 ? '' : 's'} in changed files; still serving the last good catalog (${holder.core.size} incidents). Fix the file and save it again (npx breachbot validate lists every problem).`);
      options.onReload?.('rejected', (performance.now() - t0) / 1000);
      return { kind: 'rejected', problems: lines };
    }
    // Opened the way a start opens the snapshot: nothing rebuilt, no record parsed.
    const core = await openOnLoop(compiled);
    if (stopped) return { kind: 'unchanged' };
    // The difference, from the ids of the compact form: only the records added are read in full.
    const serving = holder.core;
    const lost = countMissing(serving.records.ids, core.records);
    // An emptied or moved folder is not a curator's edit: refuse a reload that loses too much.
    const verdict = guardCatalogReload(serving.size, lost, maxLoss);
    if (!verdict.ok) {
      rejected = sig;
      log.error(`catalog not reloaded: ${verdict.reason}`);
      return { kind: 'rejected', problems: [verdict.reason] };
    }
    const previous = holder.swap(core);
    good = snap;
    rejected = undefined;
    const added = addedRecords(previous.records, core.records);
    const removed = countMissing(previous.records.ids, core.records);
    options.onReload?.('reloaded', (performance.now() - t0) / 1000);
    log.info(`catalog reloaded in ${Math.round(performance.now() - t0)} ms: ${core.size} incidents (${added.length} added, ${removed} removed; ${changed.size} file${changed.size === 1 ? '' : 's'} changed)`);
    // Alerts post (and retry) on their own time: the next reload never waits for them.
    if (added.length) {
      void Promise.resolve()
        .then(() => onAdded(added, core))
        .catch((err: unknown) => log.error('handing new incidents to the watch alerts failed', err));
    }
    if (options.onReloaded) {
      const onReloaded = options.onReloaded;
      void Promise.resolve()
        .then(() => onReloaded(core))
        .catch((err: unknown) => log.error('looking for updated incidents after the reload failed', err));
    }
    return { kind: 'reloaded', size: core.size, added, removed };
  };

  /** One reload at a time; a request during one runs once more after it. */
  const check = (): Promise<ReloadOutcome> => {
    if (stopped) return Promise.resolve({ kind: 'unchanged' });
    if (current) {
      again = true;
      return current;
    }
    const run = (async () => {
      let outcome: ReloadOutcome = { kind: 'unchanged' };
      do {
        again = false;
        try {
          // A run asked for during this one usually finds nothing new: the news is the earlier outcome.
          const next = await reload();
          if (next.kind !== 'unchanged' || outcome.kind === 'unchanged') outcome = next;
        } catch (err) {
          log.error('catalog reload failed; still serving the last good catalog', err);
          outcome = { kind: 'rejected', problems: [String((err as Error).message)] };
        }
      } while (again && !stopped);
      return outcome;
    })().finally(() => {
      current = undefined;
    });
    current = run;
    return run;
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      armWatchers();
      void check();
    }, debounceMs);
  };

  // Watch the data folder itself too, so incidents/ or imported/ created later get watched.
  const armWatchers = () => {
    for (const dir of [dataDir, ...FOLDERS.map((f) => join(dataDir, f))]) {
      if (stopped || watchers.has(dir) || !existsSync(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, schedule);
        w.on('error', () => {
          // The folder went away (or the watch broke): forget it; the re-scan and a later event re-arm it.
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch (err) {
        log.warn(`cannot watch ${dir}; relying on the periodic re-scan`, err);
      }
    }
  };
  armWatchers();

  const rescanMs = options.rescanMs ?? 60_000;
  const timer = rescanMs > 0 ? setInterval(() => {
    armWatchers();
    void check();
  }, rescanMs) : undefined;
  timer?.unref();

  return {
    name: 'catalog-reloader',
    check,
    async stop() {
      stopped = true;
      clearTimeout(debounce);
      clearInterval(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      await current?.catch(() => undefined);
    },
  };
}
