/**
 * Watchlist alerts. When the catalog gains incidents, those naming a channel's watched names
 * are queued in the store (so a crash or an outage loses none), then posted: one alert per
 * channel listing its new matches, each recorded as delivered as soon as the platform accepted
 * the message carrying it (so the digest does not repeat them; an alert split over several
 * messages can be accepted in part). What could not be posted stays queued for the next flush.
 */
import type { Incident } from '../core/incident-schema.js';
import type { StateStore, WatchEntry } from '../store/state-store.js';
import { channelKey, type ChannelRef } from '../ports/index.js';
import { alertAnswer } from './digest-messages.js';
import { channelLease } from './leases.js';
import { deliverItem } from './outbox.js';
import { alertKey } from './outbox-keys.js';
import type { OutboxItem } from '../store/state-store.js';
import { onTheirWay, watchNamesFor } from './outbox-sweep.js';
import { newestFirst } from './digest-selection.js';
import type { FeatureDeps } from './feature-deps.js';
import { incidentsNamingIn, type WatchCatalog } from './watch-matcher.js';
import type { IncidentRecords } from '../core/incident-records.js';
import { giveUpOldAlerts } from './give-up.js';

export interface WatchMatch {
  readonly channel: ChannelRef;
  readonly incidentId: string;
  readonly watchName: string;
}

/**
 * Which of `incidents` each watch entry names (one match per channel and incident). `catalog` is
 * the whole catalog they belong to: a watched word some name in it carries is matched exactly.
 */
export function matchWatches(
  incidents: readonly Incident[],
  watches: readonly WatchEntry[],
  accept: (entry: WatchEntry, incident: Incident) => boolean = () => true,
  catalog: WatchCatalog = incidents,
): WatchMatch[] {
  if (incidents.length === 0 || watches.length === 0) return [];
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const byKey = new Map<string, Set<string>>();
  const out: WatchMatch[] = [];
  const seen = new Set<string>();
  for (const entry of watches) {
    let ids = byKey.get(entry.key);
    if (!ids) byKey.set(entry.key, (ids = incidentsNamingIn(incidents, entry.name, catalog)));
    for (const id of ids) {
      const incident = byId.get(id)!;
      const key = `${channelKey(entry.channel)}\u0000${id}`;
      if (seen.has(key) || !accept(entry, incident)) continue;
      seen.add(key);
      out.push({ channel: entry.channel, incidentId: id, watchName: entry.name });
    }
  }
  return out;
}

/**
 * An alert is for an incident new to the channel's watch: added to the catalog after the watch
 * was. An old incident that comes back (a folder moved away and back, a file restored) is not news.
 */
export function newSinceWatch(entry: WatchEntry, incident: Incident): boolean {
  return Date.parse(incident.addedAt) > Date.parse(entry.addedAt);
}

/** Queues alerts for incidents the catalog (`catalog`, the new one) just gained; returns how many were queued. */
export async function queueAlertsFor(store: StateStore, added: readonly Incident[], now: Date, catalog: WatchCatalog = added): Promise<number> {
  return store.queueAlerts(matchWatches(added, await store.allWatches(), newSinceWatch, catalog), now);
}

/**
 * At start-up: queues alerts for incidents added to the catalog after a watch entry was made
 * and never delivered (the bot may have been down when they arrived). Which incidents are recent
 * is read from the compact form's dates: only those are read in full.
 */
export async function queueMissedAlerts(store: StateStore, incidents: IncidentRecords, now: Date): Promise<number> {
  const watches = await store.allWatches();
  if (watches.length === 0) return 0;
  const oldest = Math.min(...watches.map((w) => Date.parse(w.addedAt)));
  const recent: Incident[] = [];
  for (let i = 0; i < incidents.size; i++) if (incidents.addedAt[i]! > oldest) recent.push(incidents.get(i));
  return store.queueAlerts(
    matchWatches(recent, watches, newSinceWatch, incidents),
    now,
  );
}

export interface FlushReport {
  readonly posted: number;
  readonly failed: number;
  readonly gone: number;
}

/** Posts every queued alert, one message per channel, channels in parallel. */
export async function flushAlerts(deps: FeatureDeps): Promise<FlushReport> {
  const channels = new Map<string, ChannelRef>();
  // Only platforms this process can post to: another replica (sharing the database) posts the rest.
  for (const a of await deps.store.pendingAlerts()) if (deps.posters.has(a.channel.platform)) channels.set(channelKey(a.channel), a.channel);
  const report = { posted: 0, failed: 0, gone: 0 };
  await Promise.all(
    [...channels].map(([key, channel]) =>
      deps.queue
        .run(key, () => flushChannel(deps, channel))
        .then((outcome) => {
          report[outcome]++;
        })
        .catch((err: unknown) => {
          report.failed++;
          deps.log.error(`watch alert to ${key.replace(/\u0000/g, '/')} failed`, err);
        }),
    ),
  );
  return report;
}

async function flushChannel(deps: FeatureDeps, channel: ChannelRef): Promise<keyof FlushReport> {
  if (!deps.leases) return flushLocked(deps, channel);
  const claimed = await deps.leases.with(channelLease(channel), (lost) => flushLocked(deps, channel, lost));
  // Another process has the channel: it posts what is queued (it reads the same queue).
  return claimed.claimed ? claimed.value : 'posted';
}

async function flushLocked(deps: FeatureDeps, channel: ChannelRef, lost?: AbortSignal): Promise<keyof FlushReport> {
  const { log } = deps;
  const { store } = deps;
  const where = `${channel.platform}/${channel.workspaceId}/${channel.channelId}`;
  if (store.closed) return 'failed';
  // Read again under the lease: a digest, or another process, may have delivered some meanwhile.
  const key = channelKey(channel);
  const alerts = (await store.pendingAlerts()).filter((a) => channelKey(a.channel) === key);
  const delivered = await store.deliveredIds(channel);
  const onItsWay = await onTheirWay(store, channel);
  const core = deps.holder.core;
  const waiting = alerts.filter((a) => !delivered.has(a.incidentId) && !onItsWay.has(a.incidentId));
  const incidents = waiting.map((a) => core.incident(a.incidentId)).filter((i): i is Incident => i !== undefined);
  const stale = waiting.filter((a) => !core.incident(a.incidentId)).map((a) => a.incidentId);
  if (stale.length) await store.dropPendingAlerts(channel, stale);
  const done = alerts.filter((a) => delivered.has(a.incidentId)).map((a) => a.incidentId);
  if (done.length) await store.dropPendingAlerts(channel, done);
  if (incidents.length === 0) return 'posted';
  if (!deps.posters.get(channel.platform)) {
    log.warn(`watch alert to ${where} waits: no poster for platform "${channel.platform}" is running`);
    return 'failed';
  }
  incidents.sort(newestFirst);
  const now = deps.now();
  // The intent first: an alert the store cannot record is not posted (it stays queued).
  let item: OutboxItem;
  try {
    item = await store.outboxAdd({ key: alertKey(channel, incidents.map((i) => i.id), now), channel, kind: 'alert', incidentIds: incidents.map((i) => i.id) }, now);
  } catch (err) {
    log.error(`watch alert to ${where} not posted: the state database cannot record it (${(err as Error).message}); it stays queued`);
    return 'failed';
  }
  const { names, clients, language } = await watchNamesFor(store, channel, incidents, core.records);
  const outcome = await deliverItem(deps, item, alertAnswer(incidents, names, clients), language, false, lost);
  switch (outcome.kind) {
    case 'sent':
      log.info(`watch alert posted to ${where}: ${outcome.incidents.join(', ')}`);
      return 'posted';
    case 'unrecorded':
      return 'failed';
    case 'later':
      log.warn(`watch alert to ${where} not posted (${outcome.reason}); tried again from ${outcome.notBefore.toISOString()}, no sooner`);
      return 'failed';
    case 'abandoned':
      if (outcome.gone) {
        await store.markChannelGone(channel, outcome.reason, deps.now());
        log.warn(`channel ${where} is gone (${outcome.reason}): its digest and alerts are paused`);
        return 'gone';
      }
      await giveUpOldAlerts(deps, item, outcome.reason);
      return 'failed';
  }
}

