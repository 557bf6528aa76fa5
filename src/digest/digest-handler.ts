/**
 * Answers `/breach digest ...`, `/breach watch ...` and `/breach status` for every platform:
 * refuses a non-admin's changes, reads filters with the core's parser, stores the settings and
 * re-syncs the scheduler.
 * Every reply is a `message` answer worded in both languages.
 */
import type { Answer } from '../core/answer.js';
import type { ChannelRef, CommandHandler, Conversation } from '../ports/index.js';
import type { Config } from '../config/env.js';
import { changesSettings, isFeatureRequest, MAX_WATCH_ENTRIES, type DigestRequest, type WatchRequest } from './digest-requests.js';
import {
  badFiltersMessage,
  channelStatusMessage,
  digestAnswer,
  internalErrorMessage,
  invalidScheduleMessage,
  notSubscribedPreview,
  previewMessage,
  refusedMessage,
  statusMessage,
  type StatusInput,
  subscribedMessage,
  unsubscribedMessage,
  watchAddedMessage,
  watchFullMessage,
  watchListMessage,
  watchRemovedMessage,
} from './digest-messages.js';
import { compileFilters, selectDigestFromRecords } from './digest-selection.js';
import { updatesForDigest } from './incident-updates.js';
import { withUpdates } from './update-notes.js';
import type { FeatureDeps } from './feature-deps.js';
import { isValidCron, timeToCron } from './schedule.js';
import { incidentsNaming, watchKey } from './watch-matcher.js';

/** What the handler needs of the scheduler. */
export interface ScheduleControl {
  sync(): Promise<void>;
  nextRun(subscriptionId: number): Date | undefined;
}

export class DigestCommandHandler implements CommandHandler {
  constructor(
    private readonly deps: FeatureDeps,
    private readonly defaults: Config['digest'],
    private readonly schedule: ScheduleControl,
  ) {}

  handles(request: unknown): boolean {
    return isFeatureRequest(request);
  }

  async handle(request: unknown, conversation: Conversation): Promise<Answer> {
    if (!isFeatureRequest(request)) return { kind: 'error', code: 'unknown-command', detail: String((request as { command?: unknown })?.command ?? '') };
    if (request.command !== 'status' && changesSettings(request) && !conversation.isAdmin) return refusedMessage(request.command);
    try {
      if (request.command === 'status') return channelStatusMessage(await this.statusOf(conversation));
      return request.command === 'digest' ? await this.digest(request, conversation) : await this.watch(request, conversation);
    } catch (err) {
      this.deps.log.error(`${request.command}${'action' in request ? ` ${request.action}` : ''} failed`, err);
      return internalErrorMessage();
    }
  }

  private channelOf(c: Conversation): ChannelRef {
    return { platform: c.platform, workspaceId: c.workspaceId, channelId: c.channelId };
  }

  /** What `digest status` and `status` report: the subscription, what its next digest would hold so far, the "updated" notes switch, the watchlist. */
  private async statusOf(conversation: Conversation): Promise<StatusInput> {
    const { store, holder } = this.deps;
    const channel = this.channelOf(conversation);
    const [sub, delivered, watches, health, updates] = await Promise.all([store.subscription(channel), store.deliveredIds(channel), store.watches(channel), store.health(), store.channelUpdates(channel)]);
    const core = holder.core;
    const compiled = sub ? compileFilters(core, sub.filters) : undefined;
    // The same selection the digest run and `digest preview` make, new incidents and updates section alike.
    const pending = sub?.active && compiled?.ok ? selectDigestFromRecords({ records: core.records, since: sub.createdAt, delivered, matchesId: compiled.matchesId }) : undefined;
    const pendingUpdates = sub && pending ? await updatesForDigest(store, channel, sub.lastRunAt ?? sub.createdAt, this.deps.now(), (id) => core.incident(id), new Set(pending.map((i) => i.id))) : undefined;
    return {
      updates,
      ...(pendingUpdates ? { pendingUpdates: pendingUpdates.length } : {}),
      sub,
      query: compiled?.ok ? compiled.query : undefined,
      nextRun: sub ? this.schedule.nextRun(sub.id) : undefined,
      delivered: delivered.size,
      watches,
      stateProblems: health.problems,
      ...(pending ? { pending } : {}),
    };
  }

  private async digest(request: DigestRequest, conversation: Conversation): Promise<Answer> {
    const { store, holder } = this.deps;
    const channel = this.channelOf(conversation);
    switch (request.action) {
      case 'subscribe': {
        const filters = request.filters ?? '';
        const compiled = compileFilters(holder.core, filters);
        if (!compiled.ok) return badFiltersMessage(compiled.error);
        const cron = request.time ? timeToCron(request.time) : this.defaults.cron;
        if (!isValidCron(cron)) return invalidScheduleMessage(cron);
        const existing = await store.subscription(channel);
        const sub = await store.subscribe(
          channel,
          { cron, timeZone: request.timeZone ?? this.defaults.timeZone, language: conversation.language, filters, postEmpty: request.postEmpty ?? existing?.postEmpty ?? false },
          conversation.userId,
          this.deps.now(),
        );
        await this.schedule.sync();
        return subscribedMessage(sub, existing !== undefined, compiled.query, this.schedule.nextRun(sub.id));
      }
      case 'unsubscribe': {
        const removed = await store.unsubscribe(channel);
        await this.schedule.sync();
        return unsubscribedMessage(removed);
      }
      case 'status':
        return statusMessage(await this.statusOf(conversation));
      case 'preview': {
        const sub = await store.subscription(channel);
        if (!sub) return notSubscribedPreview();
        const core = holder.core;
        const compiled = compileFilters(core, sub.filters);
        if (!compiled.ok) return badFiltersMessage(compiled.error);
        const selected = selectDigestFromRecords({ records: core.records, since: sub.createdAt, delivered: await store.deliveredIds(channel), matchesId: compiled.matchesId });
        const since = sub.lastRunAt ?? sub.createdAt;
        // The updates section the digest would carry (digest-runner.ts does the same).
        const updates = await updatesForDigest(store, channel, since, this.deps.now(), (id) => core.incident(id), new Set(selected.map((i) => i.id)));
        const digest = withUpdates(digestAnswer(selected, sub, since, compiled.query), updates);
        return previewMessage(digest, sub, this.schedule.nextRun(sub.id), selected.length > 0 || updates.length > 0 || sub.postEmpty);
      }
    }
  }

  private async watch(request: WatchRequest, conversation: Conversation): Promise<Answer> {
    const { store, holder } = this.deps;
    const channel = this.channelOf(conversation);
    switch (request.action) {
      case 'add': {
        const key = watchKey(request.name);
        const current = await store.watches(channel);
        if (!current.some((w) => w.key === key) && current.length >= MAX_WATCH_ENTRIES) return watchFullMessage(MAX_WATCH_ENTRIES);
        const added = await store.addWatch(channel, { name: request.name, key, language: conversation.language }, conversation.userId, this.deps.now());
        return watchAddedMessage(request.name, added ? incidentsNaming(holder.core, request.name).size : 0, added);
      }
      case 'remove':
        return watchRemovedMessage(request.name, await store.removeWatch(channel, watchKey(request.name)));
      case 'list':
        return watchListMessage(await store.watches(channel));
    }
  }
}
