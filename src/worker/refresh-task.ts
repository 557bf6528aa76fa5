/**
 * The `refresh-feed` task: fetches one feed and rewrites its snapshot (see refresh.ts). The
 * records it may merge into are read here from the data folder, not sent from the main thread.
 */
import { loadCatalog } from '../core/catalog.js';
import { refreshFeed, type RefreshableFeed, type RefreshOutcome } from '../import/refresh.js';
import type { Logger } from '../ports/index.js';
import type { TaskResult } from './task-result.js';

export async function refreshFeedTask(input: { feed: RefreshableFeed; url: string; dataDir: string }, log: Logger): Promise<TaskResult<RefreshOutcome>> {
  const outcome = await refreshFeed(input.feed, {
    url: input.url,
    dataDir: input.dataDir,
    existing: () => loadCatalog(input.dataDir).incidents.filter((i) => i.provenance.source !== input.feed),
    log,
  });
  return { result: outcome };
}
