/**
 * The bot with its parts running over a copy of the bundled data, for the feed-refresh tests: a
 * fake feed on 127.0.0.1, the curated incidents and one bundled snapshot in a fresh data folder
 * (as a fresh clone has them), digests posting to the fake platform, the catalog reloader and the
 * scheduled import refresh.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCore } from '../../src/core/build-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { startCatalogReloader, type CatalogReloader } from '../../src/app/catalog-reloader.js';
import { loadConfig } from '../../src/config/env.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { startImportRefresh, type ImportRefreshService } from '../../src/import/refresh-schedule.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { DATA_DIR, tempDataDir } from '../helpers/catalog-fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';

export interface RefreshingBotOptions {
  /** The fake feed's answers. */
  readonly feed: RequestListener;
  /** The bundled snapshot under data/imported/ the data folder starts with, e.g. `hibp.json`. */
  readonly snapshot: string;
  /** The config naming the feed, given the fake feed's origin (`http://127.0.0.1:<port>`). */
  readonly feedEnv: (origin: string) => Record<string, string>;
  /** Where the bot's log lines go. */
  readonly log: (line: string) => void;
  /** The channels' subscriptions and watches, made before the reloader and the refresh start. */
  readonly subscribe: (digests: Digests) => Promise<void>;
  /**
   * Wired as start.ts wires them: a reload tells the digests (for "updated" notes) and a refresh
   * that changed a snapshot asks the reloader to check at once. Otherwise the reloader only
   * finds the change through its file watcher.
   */
  readonly wiredAsStart?: boolean;
}

export interface RefreshingBot {
  readonly dir: string;
  readonly platform: FakePlatform;
  readonly holder: CoreHolder;
  readonly digests: Digests;
  readonly reloader: CatalogReloader;
  readonly refresh: ImportRefreshService;
  /** The id of the first digest subscription. */
  digestId(): Promise<number>;
  /** Stops everything started, last first. */
  close(): Promise<void>;
}

export async function startRefreshingBot(options: RefreshingBotOptions): Promise<RefreshingBot> {
  const server = createServer(options.feed);
  const started: { platform?: FakePlatform; digests?: Digests; reloader?: CatalogReloader; refresh?: ImportRefreshService } = {};
  const close = async () => {
    await started.refresh?.stop();
    await started.reloader?.stop();
    await started.digests?.service.stop();
    await started.platform?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const platform = (started.platform = await startFakePlatform());
    const dir = tempDataDir();
    for (const f of readdirSync(join(DATA_DIR, 'incidents'))) copyFileSync(join(DATA_DIR, 'incidents', f), join(dir, 'incidents', f));
    copyFileSync(join(DATA_DIR, 'imported', options.snapshot), join(dir, 'imported', options.snapshot));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const loaded = loadConfig({ DATA_DIR: dir, ...options.feedEnv(origin), IMPORT_CRON: '0 6 * * *' });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const holder = new CoreHolder(buildCore(dir).core);
    const ctx = { config: loaded.config, holder, log: createLogger([], options.log) };
    const digests = (started.digests = await startDigests(ctx, [createHttpPoster(platform.url)], { store: new SqliteStateStore(':memory:'), retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }));
    await options.subscribe(digests);
    const reloader = (started.reloader = options.wiredAsStart
      ? startCatalogReloader(ctx, digests.onCatalogAdded, { debounceMs: 50, rescanMs: 0, onReloaded: () => digests.onCatalogReloaded() })
      : startCatalogReloader(ctx, digests.onCatalogAdded, { debounceMs: 50, rescanMs: 0 }));
    const refresh = (started.refresh = startImportRefresh(ctx, options.wiredAsStart ? () => void reloader.check() : undefined, { minIntervalMs: 0 })!);
    return { dir, platform, holder, digests, reloader, refresh, digestId: async () => (await digests.store.subscriptions())[0]!.id, close };
  } catch (error) {
    await close();
    throw error;
  }
}
