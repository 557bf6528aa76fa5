/**
 * Scheduled refresh of the HIBP snapshot from the live feed (`IMPORT_HIBP_URL`, e.g.
 * https://haveibeenpwned.com/api/v3/breaches, on `IMPORT_CRON`); off unless both are set.
 *
 * One run makes at most one request, with a descriptive User-Agent (HIBP's API refuses requests
 * without one), a timeout, and a conditional `If-Modified-Since`; runs closer together than
 * `minIntervalMs` (default 1 h) are skipped, whatever the cron says. The whole body must be a
 * JSON array of HIBP breaches that all map and pass the incident schema: a failed request, an
 * error status, a truncated, oversized or malformed body, or a single bad record changes
 * nothing, and the reason is logged. Otherwise the snapshot is rewritten atomically (temporary
 * file + rename), only if something changed:
 * - records already known keep their `addedAt`; new ones get `addedAt` = now (first seen), so
 *   digests and watch alerts announce them once;
 * - records missing from the feed are kept (a partial feed never deletes); breaches the feed
 *   marks retired are kept, flagged `retired` (they happened; HIBP only stopped searching them).
 * The catalog reloader picks the new file up; `onAdded` gets the new ids.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { BotContext, Logger, RunningService } from '../ports/index.js';
import { displayUrl } from '../app/logger.js';
import type { MatchableIncident } from './curated-merge.js';
import { FEEDS } from './feeds.js';
import { DEFAULT_DATA_FILE_LIMITS, parseDataJson } from '../core/data-files.js';
import { hibpToIncidents } from './hibp.js';
import { validIncidents } from './import-feed.js';
import { buildSnapshot, readSnapshot, serializeSnapshot, snapshotPath, writeFileAtomic, type Snapshot } from './snapshot.js';

export const USER_AGENT = 'breachbot/0.1 (catalog refresh of the public breach list; https://github.com/breachbot)';

export interface RefreshOptions {
  readonly url: string;
  readonly dataDir: string;
  /** Incidents in the catalog that are not HIBP's (curated, other feeds): merge targets. */
  readonly existing: () => readonly MatchableIncident[];
  readonly log: Logger;
  readonly now?: () => Date;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Bodies larger than this are refused (default 64 MB; the real list is about 1.5 MB). */
  readonly maxBytes?: number;
}

export type RefreshOutcome =
  | { readonly kind: 'updated'; readonly added: readonly string[]; readonly removed: readonly string[]; readonly path: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'failed'; readonly reason: string };

const FEED = FEEDS.hibp;

async function readBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new Error(`the body is ${declared} bytes, over the ${maxBytes}-byte limit`);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Read by chunks to stop early on an oversized body; a connection cut before Content-Length
  // bytes arrived makes the read throw ("terminated").
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`the body is over the ${maxBytes}-byte limit`);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/** Fetches the feed once and updates the HIBP snapshot; never throws. See the module comment. */
export async function refreshHibpSnapshot(options: RefreshOptions): Promise<RefreshOutcome> {
  const now = (options.now ?? (() => new Date()))();
  const nowIso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // First seen, to the second, rounded up: never before now, so a channel that subscribed before
  // this refresh (even earlier in the same second) gets the new breaches in its digest.
  const firstSeen = new Date(Math.ceil(now.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const path = snapshotPath(options.dataDir, FEED);
  const fail = (reason: string): RefreshOutcome => {
    options.log.warn(`HIBP refresh: nothing changed: ${reason}`);
    return { kind: 'failed', reason };
  };

  let previous: Snapshot | undefined;
  try {
    previous = readSnapshot(path);
  } catch (err) {
    return fail(`the current snapshot ${path} cannot be read (${(err as Error).message})`);
  }
  const lastModified = previous?.inputs.find((i) => typeof i.lastModified === 'string')?.lastModified as string | undefined;

  let response: Response;
  try {
    response = await fetch(options.url, {
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/json', ...(lastModified ? { 'If-Modified-Since': lastModified } : {}) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'follow',
    });
  } catch (err) {
    return fail(`the request to ${options.url} failed (${(err as Error).message})`);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { kind: 'unchanged' };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return fail(`${options.url} answered HTTP ${response.status}`);
  }
  let body: string;
  try {
    body = await readBody(response, options.maxBytes ?? 64 * 1024 * 1024);
  } catch (err) {
    return fail(`the body could not be read in full (${(err as Error).message})`);
  }
  // The body's text is never quoted in the log: only where it breaks.
  const parsedBody = parseDataJson(body, DEFAULT_DATA_FILE_LIMITS.maxJsonDepth);
  if (!parsedBody.ok) return fail(`the body is not JSON (${parsedBody.reason.replace(/^is not valid (incident )?JSON:? ?/, '') || 'unreadable'}); truncated or not the breach list`);
  const records = parsedBody.value;
  if (!Array.isArray(records)) return fail('the body is not a JSON array of breaches');
  if (records.length === 0) return fail('the feed lists no breach at all');

  const result = hibpToIncidents(records, { now });
  if (result.problems.length > 0) return fail(`${result.problems.length} record(s) cannot be read, e.g. ${result.problems.slice(0, 3).join('; ')}`);
  const problems: string[] = [];
  const incidents = validIncidents(result.incidents, problems);
  if (problems.length > 0) return fail(`${problems.length} record(s) fail validation, e.g. ${problems.slice(0, 3).join('; ')}`);

  const report = buildSnapshot(incidents, {
    feed: FEED,
    previous,
    existing: options.existing(),
    addedAtForNew: firstSeen,
    keepMissing: true,
    generatedAt: nowIso,
    inputs: [{ url: options.url, fetchedAt: nowIso, records: records.length, ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified') } : {}) }],
  });
  if (!report.changed) return { kind: 'unchanged' };
  try {
    writeFileAtomic(path, serializeSnapshot(report.snapshot));
  } catch (err) {
    return fail(`the snapshot could not be written (${(err as Error).message})`);
  }
  options.log.info(`HIBP refresh: ${report.added.length} new breach${report.added.length === 1 ? '' : 'es'}${report.removed.length ? `, ${report.removed.length} removed` : ''}; snapshot written to ${path}`);
  return { kind: 'updated', added: report.added, removed: report.removed, path };
}

export interface ImportRefreshService extends RunningService {
  /** Runs a refresh now (what the schedule calls), unless one ran less than `minIntervalMs` ago. */
  runNow(): Promise<RefreshOutcome | { kind: 'skipped'; reason: string }>;
}

/**
 * Schedules the refresh when `config.import.hibpUrl` and `config.import.cron` are both set
 * (in the digest's time zone); undefined otherwise.
 */
export function startImportRefresh(ctx: BotContext, onAdded?: (ids: string[]) => void, options: { minIntervalMs?: number } = {}): ImportRefreshService | undefined {
  const { hibpUrl, cron: expression } = ctx.config.import;
  if (!hibpUrl || !expression) return undefined;
  if (!cron.validate(expression)) {
    ctx.log.error(`HIBP refresh not started: IMPORT_CRON "${expression}" is not a valid cron expression`);
    return undefined;
  }
  const minIntervalMs = options.minIntervalMs ?? 60 * 60 * 1000;
  let lastRequest = -Infinity;
  let running: Promise<RefreshOutcome> | undefined;

  const runNow: ImportRefreshService['runNow'] = async () => {
    if (running) return running;
    if (Date.now() - lastRequest < minIntervalMs) return { kind: 'skipped', reason: 'the previous request was less than the minimum interval ago' };
    lastRequest = Date.now();
    running = refreshHibpSnapshot({
      url: hibpUrl,
      dataDir: ctx.config.dataDir,
      existing: () => ctx.holder.core.catalog.incidents.filter((i) => i.provenance.source !== FEED.name),
      log: ctx.log,
    }).finally(() => {
      running = undefined;
    });
    const outcome = await running;
    if (outcome.kind === 'updated' && outcome.added.length > 0) onAdded?.([...outcome.added]);
    return outcome;
  };

  const task: ScheduledTask = cron.schedule(
    expression,
    async () => {
      await runNow();
    },
    { name: 'hibp-refresh', noOverlap: true, timezone: ctx.config.digest.timeZone },
  );
  ctx.log.info(`HIBP refresh scheduled (${expression}, ${ctx.config.digest.timeZone}) from ${displayUrl(hibpUrl)}`);
  return {
    name: 'hibp-refresh',
    runNow,
    async stop() {
      await task.destroy();
      await running?.catch(() => undefined);
    },
  };
}
