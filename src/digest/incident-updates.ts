/**
 * "Updated" notes: when the catalog changes an incident a channel already received (a revised
 * count, a new source, a newly named affected organization; see incident-facts.ts), that channel
 * gets one short note, through the same outbox, keys and leases as digests and alerts.
 *
 * Found by comparing each delivered incident's facts with the version the store last saw (set
 * when it was first delivered), at start-up and after every catalog reload: a change made while
 * the bot was down, or by another process's refresh, is found too. The store moves the version,
 * records the change and writes one outbox item per channel in one transaction, keyed by channel
 * and versions, so a crash loses none and several processes write each note once; channels that
 * turned notes off (`/breach updates off`) or are gone get none. The digest lists the changes
 * found since its last run apart from the new incidents (`updatesForDigest`).
 */
import type { Incident } from '../core/incident-schema.js';
import type { Lang } from '../core/lang.js';
import type { ChannelRef } from '../ports/index.js';
import type { IncidentChange, IncidentUpdate, IncidentVersion, StateStore } from '../store/state-store.js';
import type { FeatureDeps } from './feature-deps.js';
import { changeBetween, parseFacts, versionOf } from './incident-facts.js';
import { updateKey } from './outbox-keys.js';
import type { IncidentRevision } from './update-notes.js';

export interface UpdateScan {
  /** Changes worth a note recorded by this scan. */
  readonly changed: number;
  /** Notes written to the outbox (one per channel). */
  readonly notes: number;
}

/** Compares every delivered incident with the version last seen; records changes and writes the notes. */
export async function findUpdates(deps: FeatureDeps): Promise<UpdateScan> {
  const { store } = deps;
  if (store.closed) return { changed: 0, notes: 0 };
  const core = deps.holder.core;
  const { delivered, versions } = await store.deliveredVersions();
  const fresh: IncidentVersion[] = [];
  const changes: IncidentChange[] = [];
  for (const id of delivered) {
    const incident = core.incident(id);
    if (!incident) continue;
    const now = versionOf(incident);
    const seen = versions.get(id);
    if (!seen) fresh.push(now);
    else if (seen.fingerprint !== now.fingerprint) {
      const notify = changeBetween(parseFacts(seen.facts), parseFacts(now.facts)) !== undefined;
      changes.push({ incidentId: id, notify, from: seen.fingerprint, to: now.fingerprint, before: seen.facts, after: now.facts });
    }
  }
  const at = deps.now();
  await store.noteVersions(fresh, at);
  const to = new Map(changes.map((c) => [c.incidentId, c.to]));
  const { recorded, notes } = await store.recordUpdates(changes, at, (channel, ids) => updateKey(channel, ids.map((id) => `${id}@${to.get(id)}`)));
  const told = recorded.filter((c) => c.notify);
  if (told.length) deps.log.info(`updated incidents: ${told.map((c) => c.incidentId).join(', ')}; ${notes} note${notes === 1 ? '' : 's'} to post`);
  return { changed: told.length, notes };
}

/** First sight of what a channel was just sent: the version later changes are measured from. */
export async function noteDelivered(store: StateStore, incidents: readonly Incident[], at: Date): Promise<void> {
  if (incidents.length) await store.noteVersions(incidents.map(versionOf), at);
}

/** Changes as told: each incident's name from the catalog (its id when gone), only what is worth telling. */
export function revisionsOf(updates: readonly Pick<IncidentUpdate, 'incidentId' | 'before' | 'after'>[], incident: (id: string) => Incident | undefined): IncidentRevision[] {
  const out: IncidentRevision[] = [];
  for (const u of updates) {
    const change = changeBetween(parseFacts(u.before), parseFacts(u.after));
    if (change) out.push({ incidentId: u.incidentId, name: incident(u.incidentId)?.organization.name ?? u.incidentId, change });
  }
  return out;
}

/** The changes of an update item's `detail` (what it was written with). */
export function detailUpdates(detail: string | undefined): Pick<IncidentUpdate, 'incidentId' | 'before' | 'after'>[] {
  if (!detail) return [];
  const parsed = JSON.parse(detail) as unknown;
  return Array.isArray(parsed) ? (parsed as Pick<IncidentUpdate, 'incidentId' | 'before' | 'after'>[]) : [];
}

/** The channel's language for a note nobody asked for: its setting, else its digest's, else its watchlist's, else English. */
export async function postingLanguage(store: StateStore, channel: ChannelRef): Promise<Lang> {
  return (await store.channelLanguage(channel)) ?? (await store.subscription(channel))?.language ?? (await store.watches(channel))[0]?.language ?? 'en';
}

/**
 * The changes a digest lists: found since its last run, to incidents the channel had, latest
 * change per incident, leaving out incidents the digest announces as new.
 */
export async function updatesForDigest(store: StateStore, channel: ChannelRef, since: string, until: Date, incident: (id: string) => Incident | undefined, exclude: ReadonlySet<string>): Promise<IncidentRevision[]> {
  const rows = (await store.updatesFor(channel, since, until.toISOString())).filter((u) => !exclude.has(u.incidentId));
  // Several changes to one incident in the period: from the first version to the last.
  const merged = new Map<string, Pick<IncidentUpdate, 'incidentId' | 'before' | 'after'>>();
  for (const u of rows) merged.set(u.incidentId, { incidentId: u.incidentId, before: merged.get(u.incidentId)?.before ?? u.before, after: u.after });
  return revisionsOf([...merged.values()], incident);
}
