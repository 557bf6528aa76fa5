/**
 * What the digest and watch features answer, as typed outcomes with their facts
 * (core/feature-outcome.ts): no words here and no platform. src/render/feature-words.ts words
 * them in the reader's language; each adapter spells the commands they point to.
 */
import type { ErrorAnswer, MessageAnswer } from '../core/answer.js';
import type { ChannelStatus, DigestOutcome, FeatureOutcome, VendorClient } from '../core/feature-outcome.js';
import type { Incident } from '../core/incident-schema.js';
import type { ParsedQuery } from '../core/query-parser.js';
import type { StoreProblem, Subscription, WatchEntry } from '../store/state-store.js';
import { readRunFailure } from './run-failure.js';

export type { VendorClient };

export function message(tone: MessageAnswer['tone'], outcome: FeatureOutcome, incidents: readonly Incident[] = []): MessageAnswer {
  return { kind: 'message', tone, outcome, incidents };
}

function digestOutcome(sub: Pick<Subscription, 'timeZone'>, since: string, query?: ParsedQuery): DigestOutcome {
  return { kind: 'digest', since, timeZone: sub.timeZone, ...(query ? { filters: query } : {}) };
}

/** The digest post: counts, what it covers, the incidents newest first, and a pointer to `show`. */
export function digestAnswer(incidents: readonly Incident[], sub: Pick<Subscription, 'timeZone'>, since: string, query?: ParsedQuery): MessageAnswer {
  return message('info', digestOutcome(sub, since, query), incidents);
}

/** The watchlist alert: which new incidents name which watched names (and, for a watched vendor, whose leak it is behind). */
export function alertAnswer(incidents: readonly Incident[], watchNames: readonly string[], clients: readonly VendorClient[] = []): MessageAnswer {
  return message('info', { kind: 'watch-alert', names: watchNames, clients }, incidents);
}

export function refusedMessage(what: 'digest' | 'watch'): MessageAnswer {
  return message('error', { kind: 'refused', what });
}

export function badFiltersMessage(error: ErrorAnswer): MessageAnswer {
  return message('error', { kind: 'bad-filters', error });
}

export function invalidScheduleMessage(cron: string): MessageAnswer {
  return message('error', { kind: 'invalid-schedule', cron });
}

export function subscribedMessage(sub: Subscription, updated: boolean, query: ParsedQuery | undefined, nextRun: Date | undefined): MessageAnswer {
  return message('success', { kind: 'subscribed', updated, subscription: sub, ...(query ? { filters: query } : {}), ...(nextRun ? { nextRun: nextRun.toISOString() } : {}) });
}

export function unsubscribedMessage(removed: boolean): MessageAnswer {
  return message(removed ? 'success' : 'info', { kind: 'unsubscribed', removed });
}

export interface StatusInput {
  readonly sub: Subscription | undefined;
  readonly query: ParsedQuery | undefined;
  readonly nextRun: Date | undefined;
  readonly delivered: number;
  readonly watches: readonly WatchEntry[];
  /** What the next digest would hold if it went now (an active subscription whose filters read): its new incidents. */
  readonly pending?: readonly Incident[];
  /** How many incidents the channel had that the next digest would list as updated (with `pending`). */
  readonly pendingUpdates?: number;
  /** Whether the channel gets "updated" notes. */
  readonly updates: boolean;
  /** The state database lost, replaced or unreachable: what is shown may be incomplete. */
  readonly stateProblems?: readonly StoreProblem[];
}

function channelStatus(input: StatusInput): ChannelStatus {
  const breaches = input.pending?.filter((i) => i.kind === 'breach').length ?? 0;
  return {
    ...(input.sub ? { subscription: { ...input.sub, lastFailure: readRunFailure(input.sub.lastError) } } : {}),
    ...(input.query ? { filters: input.query } : {}),
    ...(input.nextRun ? { nextRun: input.nextRun.toISOString() } : {}),
    delivered: input.delivered,
    watches: input.watches.map((w) => w.name),
    ...(input.pending ? { pending: { breaches, attacks: input.pending.length - breaches, updated: input.pendingUpdates ?? 0 } } : {}),
    updates: input.updates,
    stateProblems: (input.stateProblems ?? []).map((p) => p.kind),
  };
}

/** `/breach digest status`: the digest, and the watchlist on one line. */
export function statusMessage(input: StatusInput): MessageAnswer {
  return message('info', { kind: 'digest-status', status: channelStatus(input) });
}

/** `/breach status` (everyone): what `digest status` says of the digest, then what `watch list` says. */
export function channelStatusMessage(input: StatusInput): MessageAnswer {
  return message('info', { kind: 'channel-status', status: channelStatus(input) });
}

export function notSubscribedPreview(): MessageAnswer {
  return message('info', { kind: 'nothing-to-preview' });
}

/** The digest as it would be posted, introduced as a preview. */
export function previewMessage(digest: MessageAnswer, sub: Subscription, nextRun: Date | undefined, willPost: boolean): MessageAnswer {
  const when = nextRun ? { nextRun: nextRun.toISOString() } : {};
  if (!willPost || digest.outcome.kind !== 'digest') return message('info', { kind: 'preview', timeZone: sub.timeZone, ...when });
  return message('info', { kind: 'preview', timeZone: sub.timeZone, ...when, digest: digest.outcome }, digest.incidents);
}

export function watchAddedMessage(name: string, alreadyNamed: number, added: boolean): MessageAnswer {
  return message(added ? 'success' : 'info', { kind: 'watch-added', name, alreadyNamed, added });
}

export function watchRemovedMessage(name: string, removed: boolean): MessageAnswer {
  return message(removed ? 'success' : 'info', { kind: 'watch-removed', name, removed });
}

export function watchFullMessage(max: number): MessageAnswer {
  return message('error', { kind: 'watch-full', max });
}

export function watchListMessage(watches: readonly WatchEntry[]): MessageAnswer {
  return message('info', { kind: 'watch-list', names: watches.map((w) => w.name) });
}

export function internalErrorMessage(): ErrorAnswer {
  return { kind: 'error', code: 'internal' };
}
