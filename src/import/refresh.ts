/**
 * Refresh of the bundled feeds' snapshots from their live sources, one plain function per run
 * (`refreshFeed`), so a scheduler, the command line (`breachbot refresh`) or a worker thread can
 * run it:
 *
 * | feed | variable | what the URL serves |
 * | --- | --- | --- |
 * | hibp | `IMPORT_HIBP_URL` | HIBP's `GET /api/v3/breaches` JSON |
 * | bonjourlafuite | `IMPORT_BONJOURLAFUITE_URL` | the French list as CSV (`;`, the columns of ../shared/datasets/bonjourlafuite/) |
 * | hhs-ocr | `IMPORT_HHS_OCR_URL` | the HHS OCR portal's CSV export |
 *
 * One run makes one download (see feed-download.ts: timeout, size cap, same-origin redirects
 * only, credentials never logged). The whole body must read as the feed: a failed request, an
 * error status, a truncated, oversized or malformed body, a body with far fewer rows than the
 * last one from the same URL (a cut-off export), or a single row that cannot be mapped or fails
 * the incident schema changes nothing, and the reason is logged. Otherwise the snapshot is
 * rewritten atomically (temporary file + rename), only if something changed:
 * - records already known keep their `addedAt`; new ones get `addedAt` = now (first seen), so
 *   digests and watch alerts announce them once;
 * - ids are the importer's, derived from the feed's own keys (HIBP's Name; the list's
 *   organization and date; HHS's entity, state and date), so a re-run finds the same records
 *   and never duplicates an incident; merge decisions stick (see snapshot.ts);
 * - records missing from the feed are kept (a partial feed, an export of open cases only, never
 *   deletes); breaches HIBP marks retired are kept, flagged `retired` (they happened; HIBP only
 *   stopped searching them).
 * The catalog reloader picks the new file up.
 */
import type { Logger } from '../ports/index.js';
import type { MatchableIncident } from './curated-merge.js';
import { FEEDS, type FeedName, type ImportResult } from './feeds.js';
import { DEFAULT_DATA_FILE_LIMITS, parseDataJson } from '../core/data-files.js';
import { hibpToIncidents } from './hibp.js';
import { bonjourLaFuiteToIncidents, parseBonjourLaFuiteCsv } from './bonjourlafuite.js';
import { caseKey, earlierNarrative, hhsOcrToIncidents, parseHhsOcrCsv } from './hhs-ocr.js';
import { parseCsv } from './csv.js';
import { validIncidents } from './import-feed.js';
import { downloadFeed, FeedDownloadError, redactUrl } from './feed-download.js';
import { buildSnapshot, readSnapshot, serializeSnapshot, snapshotPath, snapshotRecords, writeFileAtomic, type Snapshot } from './snapshot.js';

export { USER_AGENT, redactUrl } from './feed-download.js';

/** The feeds a URL can refresh, in the order a run takes them. */
export const REFRESHABLE_FEEDS = ['hibp', 'bonjourlafuite', 'hhs-ocr'] as const satisfies readonly FeedName[];
export type RefreshableFeed = (typeof REFRESHABLE_FEEDS)[number];

export function isRefreshableFeed(name: string): name is RefreshableFeed {
  return (REFRESHABLE_FEEDS as readonly string[]).includes(name);
}

/** The environment variable holding each feed's URL (for messages). */
export const FEED_URL_VARIABLE: Readonly<Record<RefreshableFeed, string>> = {
  hibp: 'IMPORT_HIBP_URL',
  bonjourlafuite: 'IMPORT_BONJOURLAFUITE_URL',
  'hhs-ocr': 'IMPORT_HHS_OCR_URL',
};

/** How a feed names itself in the log. */
export const FEED_LABEL: Readonly<Record<RefreshableFeed, string>> = {
  hibp: 'HIBP',
  bonjourlafuite: 'bonjourlafuite',
  'hhs-ocr': 'HHS OCR',
};

export interface FeedRefreshOptions {
  readonly url: string;
  readonly dataDir: string;
  /** Incidents in the catalog that are not this feed's (curated, other feeds): merge targets. */
  readonly existing: () => readonly MatchableIncident[];
  readonly log: Logger;
  readonly now?: () => Date;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Bodies larger than this are refused (default 64 MB; the real files are 0.2 to 5 MB). */
  readonly maxBytes?: number;
}

/** @deprecated name kept for callers of the HIBP-only refresh: `FeedRefreshOptions`. */
export type RefreshOptions = FeedRefreshOptions;

export type RefreshOutcome =
  | {
      readonly kind: 'updated';
      readonly feed: RefreshableFeed;
      /** Ids new to the snapshot. */
      readonly added: readonly string[];
      /** Ids whose record changed (a revised count, a new source, a newly named organization...). */
      readonly revised: readonly string[];
      /** Ids the snapshot no longer has. */
      readonly removed: readonly string[];
      /** Records the run found as they were. */
      readonly unchanged: number;
      readonly path: string;
    }
  | { readonly kind: 'unchanged'; readonly feed: RefreshableFeed; readonly unchanged: number }
  | { readonly kind: 'failed'; readonly feed: RefreshableFeed; readonly reason: string };

/** A body read as one feed: the mapped records, how many rows it had, ids to drop. */
interface ParsedFeed {
  readonly result: ImportResult;
  readonly rows: number;
  readonly drop: readonly string[];
}

/** Columns a CSV must have to be the feed's (a wrong file fails here with a clear message). */
function requireColumns(text: string, separator: string, columns: readonly string[]): string | undefined {
  const header = (parseCsv(text.slice(0, 4096).split(/\r?\n/)[0] ?? '', separator)[0] ?? []).map((h) => h.trim());
  const missing = columns.filter((c) => !header.includes(c));
  return missing.length ? `the body is not the expected CSV (no ${missing.map((m) => `"${m}"`).join(', ')} column${missing.length === 1 ? '' : 's'} in its first line)` : undefined;
}

const FORMATS: Readonly<Record<RefreshableFeed, { readonly accept: string; parse(text: string, now: Date, previous: Snapshot | undefined): ParsedFeed | string }>> = {
  hibp: {
    accept: 'application/json',
    parse(text, now) {
      // The body's text is never quoted in the log: only where it breaks.
      const parsed = parseDataJson(text, DEFAULT_DATA_FILE_LIMITS.maxJsonDepth);
      if (!parsed.ok) return `the body is not JSON (${parsed.reason.replace(/^is not valid (incident )?JSON:? ?/, '') || 'unreadable'}); truncated or not the breach list`;
      const records = parsed.value;
      if (!Array.isArray(records)) return 'the body is not a JSON array of breaches';
      return { result: hibpToIncidents(records, { now }), rows: records.length, drop: [] };
    },
  },
  bonjourlafuite: {
    accept: 'text/csv, text/plain;q=0.9',
    parse(text) {
      const wrong = requireColumns(text, ';', ['date', 'processor', 'subcontractor', 'volume', 'data', 'links']);
      if (wrong) return wrong;
      const rows = parseBonjourLaFuiteCsv(text);
      return { result: bonjourLaFuiteToIncidents(rows), rows: rows.length, drop: [] };
    },
  },
  'hhs-ocr': {
    accept: 'text/csv, text/plain;q=0.9',
    parse(text, _now, previous) {
      const wrong = requireColumns(text, ',', ['Name of Covered Entity', 'State', 'Individuals Affected', 'Breach Submission Date']);
      if (wrong) return wrong;
      const file = parseHhsOcrCsv('portal export', text);
      // A case the newest export lists without its narrative keeps the one an earlier export gave.
      const earlier = new Map<string, string>();
      for (const record of snapshotRecords(previous).values()) {
        const narrative = earlierNarrative(record);
        if (narrative && record.provenance?.sourceId) earlier.set(caseKey(record.provenance.sourceId), narrative);
      }
      return { result: hhsOcrToIncidents([file], { earlier }), rows: file.rows.length, drop: [] };
    },
  },
};

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Fetches one feed once and updates its snapshot; never throws. See the module comment. */
export async function refreshFeed(feedName: RefreshableFeed, options: FeedRefreshOptions): Promise<RefreshOutcome> {
  const feed = FEEDS[feedName];
  const format = FORMATS[feedName];
  const label = FEED_LABEL[feedName];
  const now = (options.now ?? (() => new Date()))();
  const nowIso = iso(now);
  // First seen, to the second, rounded up: never before now, so a channel that subscribed before
  // this refresh (even earlier in the same second) gets the new breaches in its digest.
  const firstSeen = iso(new Date(Math.ceil(now.getTime() / 1000) * 1000));
  const path = snapshotPath(options.dataDir, feed);
  const shownUrl = redactUrl(options.url);
  const fail = (reason: string): RefreshOutcome => {
    options.log.warn(`${label} refresh: nothing changed: ${reason}`);
    return { kind: 'failed', feed: feedName, reason };
  };

  let previous: Snapshot | undefined;
  try {
    previous = readSnapshot(path);
  } catch (err) {
    return fail(`the current snapshot ${path} cannot be read (${(err as Error).message})`);
  }
  const before = previous ? previous.incidents.length + previous.merged.length : 0;
  // What the last run from this same URL saw: its Last-Modified, and how many rows it had.
  const lastInput = previous?.inputs.find((i) => i.url === shownUrl);
  const lastModified = typeof lastInput?.lastModified === 'string' ? lastInput.lastModified : undefined;
  const lastRows = typeof lastInput?.records === 'number' ? lastInput.records : undefined;

  let download;
  try {
    download = await downloadFeed(options.url, {
      accept: format.accept,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(lastModified ? { ifModifiedSince: lastModified } : {}),
    });
  } catch (err) {
    if (err instanceof FeedDownloadError) return fail(err.message);
    return fail(`the download failed (${(err as Error).message})`);
  }
  if (download.kind === 'not-modified') {
    options.log.info(`${label} refresh: nothing new (the feed is not modified since ${lastModified}); ${before} records left alone`);
    return { kind: 'unchanged', feed: feedName, unchanged: before };
  }

  const parsed = format.parse(download.text, now, previous);
  if (typeof parsed === 'string') return fail(parsed);
  const { result, rows, drop } = parsed;
  if (rows === 0) return fail('the feed lists no breach at all');
  if (lastRows !== undefined && rows < lastRows / 2) return fail(`the feed lists ${rows} rows, under half of the ${lastRows} it listed last time; probably cut off`);
  const skipped = [...result.skipped.values()].reduce((a, b) => a + b, 0);
  const unreadable = rows - result.incidents.length - skipped;
  if (unreadable > 0) {
    // Problems about a detail left out (a link that is not a URL) do not lose a record: show the others first.
    const lost = [...result.problems.filter((p) => !p.endsWith('(left out)')), ...result.problems.filter((p) => p.endsWith('(left out)'))];
    return fail(`${unreadable} record(s) cannot be read, e.g. ${lost.slice(0, 3).join('; ')}`);
  }
  const problems: string[] = [];
  const incidents = validIncidents(result.incidents, problems);
  if (problems.length > 0) return fail(`${problems.length} record(s) fail validation, e.g. ${problems.slice(0, 3).join('; ')}`);

  const report = buildSnapshot(incidents, {
    feed,
    previous,
    existing: options.existing(),
    addedAtForNew: firstSeen,
    keepMissing: true,
    drop: new Set(drop),
    generatedAt: nowIso,
    inputs: [{ url: shownUrl, fetchedAt: nowIso, records: rows, ...(download.lastModified ? { lastModified: download.lastModified } : {}) }],
  });
  const total = report.snapshot.incidents.length + report.snapshot.merged.length;
  if (!report.changed) {
    options.log.info(`${label} refresh: nothing new in ${rows} rows; ${total} records left alone, nothing written`);
    return { kind: 'unchanged', feed: feedName, unchanged: total };
  }
  try {
    writeFileAtomic(path, serializeSnapshot(report.snapshot));
  } catch (err) {
    return fail(`the snapshot could not be written (${(err as Error).message})`);
  }
  const unchanged = total - report.added.length - report.revised.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  options.log.info(
    `${label} refresh: ${plural(report.added.length, 'new record')}, ${report.revised.length} changed${report.removed.length ? `, ${report.removed.length} removed` : ''}, ${unchanged} left alone; snapshot written to ${path}`,
  );
  return { kind: 'updated', feed: feedName, added: report.added, revised: report.revised, removed: report.removed, unchanged, path };
}

/** The HIBP refresh (what the bot ran before every feed could refresh). */
export function refreshHibpSnapshot(options: FeedRefreshOptions): Promise<RefreshOutcome> {
  return refreshFeed('hibp', options);
}
