/**
 * Posts what is still pending in the outbox once its time has come: a digest or alert that
 * could not be posted earlier, or whose process crashed or lost its response. Run on every
 * scheduler tick, by every process: each channel's items go to whoever holds its lease, and each
 * item is reconciled before it is posted (its earlier try may have reached the channel).
 */
import { channelKey, type ChannelRef } from '../ports/index.js';
import type { Answer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import type { Lang } from '../core/lang.js';
import { alertAnswer, digestAnswer, type VendorClient } from './digest-messages.js';
import { digestKeySince } from './outbox-keys.js';
import { detailUpdates, postingLanguage, revisionsOf, updatesForDigest } from './incident-updates.js';
import { updateNoteAnswer, withUpdates } from './update-notes.js';
import { compileFilters, newestFirst } from './digest-selection.js';
import type { FeatureDeps } from './feature-deps.js';
import { channelLease } from './leases.js';
import { deliverItem, type ItemOutcome } from './outbox.js';
import { giveUpOldAlerts } from './give-up.js';
import type { OutboxItem, StateStore } from '../store/state-store.js';
import { watchedAs, type WatchCatalog } from './watch-matcher.js';

/** Incidents already in a pending outbox item for `channel`: on their way, not to be picked again. */
export async function onTheirWay(store: StateStore, channel: ChannelRef): Promise<Set<string>> {
  const key = channelKey(channel);
  const out = new Set<string>();
  // An update note is about incidents the channel has: it carries none to it.
  for (const item of await store.outboxPending()) if (item.kind !== 'update' && channelKey(item.channel) === key) for (const id of item.incidentIds) out.add(id);
  return out;
}

/**
 * The names on the channel's watchlist that name any of `incidents` (what an alert says it is
 * about), and the vendors watched through whom a client was hit. Worked out from the watchlist
 * each time, so a retry from the outbox words the alert as its first try did.
 */
export async function watchNamesFor(
  store: StateStore,
  channel: ChannelRef,
  incidents: readonly Incident[],
  catalog: WatchCatalog,
): Promise<{ names: string[]; clients: VendorClient[]; language: Lang }> {
  const watches = await store.watches(channel);
  const names: string[] = [];
  const clients: VendorClient[] = [];
  for (const w of watches) {
    for (const incident of incidents) {
      const as = watchedAs(incident, w.name, catalog);
      if (!as) continue;
      if (!names.includes(w.name)) names.push(w.name);
      if (as.kind === 'vendor') clients.push({ vendor: as.vendor, client: incident.organization.name });
    }
  }
  return { names: names.length ? names : incidents.map((i) => i.organization.name), clients, language: watches[0]?.language ?? 'en' };
}

/** The message an item posts, rebuilt from the store and the catalog; undefined when there is nothing left to post. */
export async function answerForItem(deps: FeatureDeps, item: OutboxItem): Promise<{ answer: Answer; language: Lang } | undefined> {
  const { store } = deps;
  const core = deps.holder.core;
  const incidents = item.incidentIds.map((id) => core.incident(id)).filter((i): i is Incident => i !== undefined).sort(newestFirst);
  if (item.kind === 'digest') {
    const sub = await store.subscription(item.channel);
    if (!sub || !sub.active) return undefined;
    const since = digestKeySince(item.key) ?? sub.lastRunAt ?? sub.createdAt;
    // The updates section as the first try had it: changes found between the last digest and the item's writing.
    const updates = await updatesForDigest(store, item.channel, since, new Date(item.createdAt), (id) => core.incident(id), new Set(item.incidentIds));
    if (incidents.length === 0 && updates.length === 0 && !sub.postEmpty) return undefined;
    const filters = compileFilters(core, sub.filters);
    return { answer: withUpdates(digestAnswer(incidents, sub, since, filters.ok ? filters.query : undefined), updates), language: sub.language };
  }
  if (item.kind === 'update') {
    // A channel that turned notes off since it was written gets none.
    if (!(await store.channelUpdates(item.channel))) return undefined;
    const revisions = revisionsOf(detailUpdates(item.detail), (id) => core.incident(id));
    if (revisions.length === 0) return undefined;
    return { answer: updateNoteAnswer(revisions), language: await postingLanguage(store, item.channel) };
  }
  if (incidents.length === 0) return undefined;
  const { names, clients, language } = await watchNamesFor(store, item.channel, incidents, core.records);
  return { answer: alertAnswer(incidents, names, clients), language };
}

/** Delivers one pending item (the caller holds the channel); re-read first: another process may have sent it. */
async function sweepItem(deps: FeatureDeps, key: string, lost: AbortSignal | undefined): Promise<ItemOutcome | undefined> {
  const { store } = deps;
  const item = (await store.outboxPending()).find((i) => i.key === key);
  if (!item) return undefined;
  if (item.notBefore !== undefined && Date.parse(item.notBefore) > deps.now().getTime()) return undefined;
  const where = `${item.channel.platform}/${item.channel.workspaceId}/${item.channel.channelId}`;
  const built = await answerForItem(deps, item);
  if (!built) {
    await store.outboxAbandon(item.key, 'nothing left to post (incidents gone from the catalog, or the subscription removed)', deps.now());
    return undefined;
  }
  const outcome = await deliverItem(deps, item, built.answer, built.language, true, lost);
  if (outcome.kind === 'sent') deps.log.info(`${item.kind} posted to ${where} from the outbox: ${outcome.incidents.length} incident(s)${item.attempts ? ` (try ${outcome.attempts})` : ''}`);
  else if (outcome.kind === 'abandoned' && outcome.gone) {
    await store.markChannelGone(item.channel, outcome.reason, deps.now());
    deps.log.warn(`channel ${where} is gone (${outcome.reason}): its digest and alerts are paused`);
  } else if (outcome.kind === 'abandoned' && item.kind === 'alert') await giveUpOldAlerts(deps, item, outcome.reason);
  else if (outcome.kind === 'abandoned') deps.log.warn(`${item.kind} for ${where} given up: ${outcome.reason}`);
  return outcome;
}

/**
 * Posts every pending item whose time has come, channel by channel (in parallel across channels,
 * under each channel's lease). Resolves with how many were sent.
 */
export async function sweepOutbox(deps: FeatureDeps): Promise<number> {
  const { store } = deps;
  if (store.closed) return 0;
  const now = deps.now().getTime();
  // Only platforms this process can post to: another replica (sharing the database) posts the rest.
  // A post accepted but not recorded waits its turn to be looked for again (see give-up.ts).
  const due = (await store.outboxPending()).filter((i) => deps.posters.has(i.channel.platform) && (i.notBefore === undefined || Date.parse(i.notBefore) <= now) && (deps.unrecorded?.due(i.key, now) ?? true));
  const byChannel = new Map<string, OutboxItem[]>();
  for (const item of due) byChannel.set(channelKey(item.channel), [...(byChannel.get(channelKey(item.channel)) ?? []), item]);
  let sent = 0;
  await Promise.all(
    [...byChannel].map(([key, items]) =>
      deps.queue
        .run(key, async () => {
          const work = async (lost?: AbortSignal) => {
            for (const item of items) {
              if (lost?.aborted || store.closed) return;
              if ((await sweepItem(deps, item.key, lost))?.kind === 'sent') sent++;
            }
          };
          if (deps.leases) await deps.leases.with(channelLease(items[0]!.channel), work);
          else await work();
        })
        .catch((err: unknown) => deps.log.error(`outbox delivery to ${key.replace(/\u0000/g, '/')} failed`, err)),
    ),
  );
  return sent;
}
