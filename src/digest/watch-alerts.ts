/**
 * Watchlist alerts. When the catalog gains incidents, those naming a channel's watched names
 * are queued in the store (so a crash or an outage loses none), then posted: one alert per
 * channel listing its new matches, each recorded as delivered as soon as the platform accepted
 * the message carrying it (so the digest does not repeat them; an alert split over several
 * messages can be accepted in part). What could not be posted stays queued for the next flush.
 */
import type { Incident } from '../core/incident-schema.js';
import { type AcceptedPart, channelKey, type ChannelRef } from '../ports/index.js';
import type { PendingAlert, StateStore, WatchEntry } from '../store/state-store.js';
import { postWithRetry } from './delivery.js';
import { alertAnswer, type VendorClient } from './digest-messages.js';
import { newestFirst } from './digest-selection.js';
import type { FeatureDeps } from './feature-deps.js';
import { incidentsNamingIn, watchedAs } from './watch-matcher.js';

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
  catalog: readonly Incident[] = incidents,
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
export async function queueAlertsFor(store: StateStore, added: readonly Incident[], now: Date, catalog: readonly Incident[] = added): Promise<number> {
  return store.queueAlerts(matchWatches(added, await store.allWatches(), newSinceWatch, catalog), now);
}

/**
 * At start-up: queues alerts for incidents added to the catalog after a watch entry was made
 * and never delivered (the bot may have been down when they arrived).
 */
export async function queueMissedAlerts(store: StateStore, incidents: readonly Incident[], now: Date): Promise<number> {
  const watches = await store.allWatches();
  if (watches.length === 0) return 0;
  const oldest = Math.min(...watches.map((w) => Date.parse(w.addedAt)));
  const recent = incidents.filter((i) => Date.parse(i.addedAt) > oldest);
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
  const byChannel = new Map<string, PendingAlert[]>();
  for (const a of await deps.store.pendingAlerts()) {
    const k = channelKey(a.channel);
    byChannel.set(k, [...(byChannel.get(k) ?? []), a]);
  }
  const report = { posted: 0, failed: 0, gone: 0 };
  await Promise.all(
    [...byChannel].map(([key, alerts]) =>
      deps.queue
        .run(key, () => flushChannel(deps, alerts))
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

async function flushChannel(deps: FeatureDeps, alerts: readonly PendingAlert[]): Promise<keyof FlushReport> {
  const { store, log } = deps;
  const channel = alerts[0]!.channel;
  const where = `${channel.platform}/${channel.workspaceId}/${channel.channelId}`;
  if (store.closed) return 'failed';
  // Read again inside the channel's queue: a digest may have delivered some meanwhile.
  const delivered = await store.deliveredIds(channel);
  const core = deps.holder.core;
  const waiting = alerts.filter((a) => !delivered.has(a.incidentId));
  const incidents = waiting.map((a) => core.incident(a.incidentId)).filter((i): i is Incident => i !== undefined);
  const stale = waiting.filter((a) => !core.incident(a.incidentId)).map((a) => a.incidentId);
  if (stale.length) await store.dropPendingAlerts(channel, stale);
  if (incidents.length === 0) {
    await store.dropPendingAlerts(channel, alerts.map((a) => a.incidentId));
    return 'posted';
  }
  const poster = deps.posters.get(channel.platform);
  if (!poster) {
    log.warn(`watch alert to ${where} waits: no poster for platform "${channel.platform}" is running`);
    return 'failed';
  }
  incidents.sort(newestFirst);
  const names = waiting.filter((a) => incidents.some((i) => i.id === a.incidentId)).map((a) => a.watchName);
  const clients = waiting.flatMap((a): VendorClient[] => {
    const incident = incidents.find((i) => i.id === a.incidentId);
    const as = incident ? watchedAs(incident, a.watchName, core.catalog.incidents) : undefined;
    return incident && as?.kind === 'vendor' ? [{ vendor: as.vendor, client: incident.organization.name }] : [];
  });
  const language = (await store.watches(channel))[0]?.language ?? 'en';
  // Each message the platform accepts is recorded (and unqueued) at once, even if a later one fails.
  const recorded = new Set<string>();
  const record = async (part: AcceptedPart) => {
    if (store.closed || part.incidentIds.length === 0) return;
    await store.recordDeliveries(channel, part.incidentIds, 'alert', deps.now(), [part.messageId]);
    for (const id of part.incidentIds) recorded.add(id);
  };
  const result = await postWithRetry(poster, channel, alertAnswer(incidents, names, channel.platform, clients), language, deps.retry, deps.signal, record, deps.holds);
  if (store.closed) {
    log.warn(`watch alert to ${where} ${result.ok ? 'posted' : 'abandoned'} at shutdown${recorded.size ? `; ${[...recorded].join(', ')} recorded as delivered` : ''}; whatever else was accepted is not recorded and may be posted again`);
    return 'failed';
  }
  for (const part of result.accepted) await record(part);
  const rest = incidents.filter((i) => !recorded.has(i.id)).map((i) => i.id);
  if (result.ok) {
    log.info(`watch alert posted to ${where}: ${[...recorded].join(', ')}`);
    if (rest.length) log.warn(`watch alert to ${where}: the ${channel.platform} poster did not confirm ${rest.join(', ')}; they stay queued`);
    return 'posted';
  }
  const partly = recorded.size ? `; ${[...recorded].join(', ')} in the messages accepted recorded as delivered` : '';
  if (result.gone) {
    await store.markChannelGone(channel, result.reason, deps.now());
    log.warn(`channel ${where} is gone (${result.reason}): its digest and alerts are paused${partly}`);
    return 'gone';
  }
  log.warn(`watch alert to ${where} not posted after ${result.attempts} tries (${result.reason})${partly}; ${rest.join(', ')} stay${rest.length === 1 ? 's' : ''} queued`);
  return 'failed';
}
