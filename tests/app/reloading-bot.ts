/**
 * A bot whose catalog reloads itself from a fresh data folder for each test: digests posting to a
 * fake platform, one channel watching Inbenta, and a catalog reloader the test drives.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startCatalogReloader, type CatalogReloader } from '../../src/app/catalog-reloader.js';
import { buildCore } from '../../src/core/build-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, testConfig } from '../digest/fixtures.js';
import { createHttpPoster, startFakePlatform, type FakePlatform } from '../digest/fake-platform.js';

export interface ReloadingBotOptions {
  /** Prefix of the temporary folder holding each test's data folder. */
  readonly tmpPrefix: string;
  /** Prefix of the watching channel's id (the test's number follows). */
  readonly channelPrefix: string;
  /** The reloader's file-watch debounce. */
  readonly debounceMs: number;
  /** Writes the incidents the bot starts with (the folder `incidents/` exists). */
  readonly seed: (dataDir: string) => void;
}

/** What each test gets; set afresh before each test. */
export interface ReloadingBot {
  platform: FakePlatform;
  dataDir: string;
  /** The channel watching Inbenta since the test started. */
  channel: string;
  lines: string[];
  holder: CoreHolder;
  digests: Digests;
  reloader: CatalogReloader;
}

/** Registers the hooks that start (and stop) a reloading bot around each test of the file. */
export function useReloadingBot(options: ReloadingBotOptions): ReloadingBot {
  const bot = {} as ReloadingBot;
  let root: string;
  let n = 0;
  beforeAll(async () => {
    bot.platform = await startFakePlatform();
    root = mkdtempSync(join(tmpdir(), options.tmpPrefix));
  });
  afterAll(async () => {
    await bot.platform.close();
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(async () => {
    bot.dataDir = join(root, `data-${++n}`);
    bot.channel = `${options.channelPrefix}${n}`;
    mkdirSync(join(bot.dataDir, 'incidents'), { recursive: true });
    options.seed(bot.dataDir);
    const config = testConfig({ DATA_DIR: bot.dataDir });
    const lines: string[] = [];
    bot.lines = lines;
    bot.holder = new CoreHolder(buildCore(config.dataDir).core);
    const ctx = { config, holder: bot.holder, log: createLogger([], (l) => lines.push(l)) };
    bot.digests = await startDigests(ctx, [createHttpPoster(bot.platform.url)], { store: new SqliteStateStore(':memory:') });
    await bot.digests.handler.handle({ command: 'watch', action: 'add', name: 'Inbenta' }, conversation(bot.channel));
    bot.reloader = startCatalogReloader(ctx, bot.digests.onCatalogAdded, { debounceMs: options.debounceMs, rescanMs: 0 });
  });
  afterEach(async () => {
    await bot.reloader.stop();
    await bot.digests.service.stop();
  });
  return bot;
}
