/**
 * `breachbot refresh [feed…] [--json]`: refreshes the named feeds (default: every feed whose URL
 * is set) from their URLs now, one after the other, and says for each what it added, changed and
 * left alone — or why nothing changed. A running bot picks the new snapshots up by itself.
 * Exit codes: 0 every feed refreshed or found nothing new, 1 a refresh failed (nothing changed
 * for that feed), 2 usage error (an unknown feed, or one without a URL).
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config/env.js';
import { loadCatalog } from '../core/catalog.js';
import { createLogger } from '../app/logger.js';
import { ImportUsageError, type ImportIo } from './import-command.js';
import { FEED_LABEL, FEED_URL_VARIABLE, isRefreshableFeed, redactUrl, REFRESHABLE_FEEDS, refreshFeed, type RefreshableFeed, type RefreshOutcome } from './refresh.js';
import { plainNumber } from '../core/locale-format.js';

/** How `refresh` is typed (help words what it does in the reader's language). */
export const REFRESH_SYNTAX = 'refresh [feed...] [--json]';

export interface RefreshCommandOptions {
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export async function refreshCommand(args: readonly string[], config: Config, io: ImportIo, options: RefreshCommandOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  } catch (err) {
    throw new ImportUsageError((err as Error).message.split('\n')[0]);
  }
  const urls = config.import.urls;
  const unknown = parsed.positionals.filter((f) => !isRefreshableFeed(f));
  if (unknown.length) throw new ImportUsageError(`refresh knows ${REFRESHABLE_FEEDS.join(', ')}; not ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}`);
  const named = [...new Set(parsed.positionals)] as RefreshableFeed[];
  const feeds = named.length ? named : REFRESHABLE_FEEDS.filter((f) => urls[f]);
  if (feeds.length === 0) throw new ImportUsageError(`no feed to refresh: set ${REFRESHABLE_FEEDS.map((f) => FEED_URL_VARIABLE[f]).join(', ')} (see .env.example)`);
  const missing = feeds.filter((f) => !urls[f]);
  if (missing.length) throw new ImportUsageError(`${missing.map((f) => FEED_URL_VARIABLE[f]).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: no URL to refresh ${missing.join(', ')} from`);

  // The refresh logs what it does; the command prints its own summary, so only warnings go to stderr.
  const log = createLogger([], (line) => {
    if (/"level":"(warn|error)"/.test(line)) io.err(line);
  });
  const outcomes: RefreshOutcome[] = [];
  for (const feed of feeds) {
    // Merge targets: the catalog as it is now (an earlier feed of this run may have changed it).
    const existing = loadCatalog(config.dataDir).incidents.filter((i) => i.provenance.source !== feed);
    outcomes.push(
      await refreshFeed(feed, {
        url: urls[feed]!,
        dataDir: config.dataDir,
        existing: () => existing,
        log,
        ...(options.now ? { now: options.now } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      }),
    );
  }
  if (parsed.values.json) io.out(JSON.stringify({ feeds: outcomes.map((o) => ({ ...o, url: redactUrl(urls[o.feed]!) })) }));
  else for (const o of outcomes) io.out(outcomeText(o));
  return outcomes.some((o) => o.kind === 'failed') ? 1 : 0;
}

const n = (x: number) => plainNumber(x, 'en');

/** One feed's outcome in a line or a few: counts, then the ids added and changed (the first 10 of each). */
export function outcomeText(o: RefreshOutcome): string {
  const label = FEED_LABEL[o.feed];
  switch (o.kind) {
    case 'failed':
      return `${label}: refresh failed, nothing changed: ${o.reason}`;
    case 'unchanged':
      return `${label}: nothing new; ${n(o.unchanged)} records left alone, nothing written`;
    case 'updated': {
      const list = (ids: readonly string[]) => `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, … (${n(ids.length - 10)} more; --json lists all)` : ''}`;
      return [
        `${label}: ${n(o.added.length)} added, ${n(o.revised.length)} changed${o.removed.length ? `, ${n(o.removed.length)} removed` : ''}, ${n(o.unchanged)} left alone; written to ${o.path}`,
        ...(o.added.length ? [`  added: ${list(o.added)}`] : []),
        ...(o.revised.length ? [`  changed: ${list(o.revised)}`] : []),
        ...(o.removed.length ? [`  removed: ${list(o.removed)}`] : []),
      ].join('\n');
    }
  }
}
