/**
 * What the digests and watchlists remember between runs and restarts, behind a small interface
 * so a server database can replace the embedded one without touching anything else:
 * subscriptions, watchlists, what was delivered where (only once the platform accepted it),
 * alerts waiting to be posted, and each subscription's run bookkeeping.
 */
import type { ChannelRef } from '../ports/index.js';
import type { Lang } from '../core/lang.js';

export interface SubscriptionSettings {
  /** Cron expression (5 or 6 fields), read in `timeZone`. */
  readonly cron: string;
  readonly timeZone: string;
  readonly language: Lang;
  /** Filters in the search syntax, "" for none. */
  readonly filters: string;
  /** Post a digest even when nothing is new. */
  readonly postEmpty: boolean;
}

export interface Subscription extends SubscriptionSettings {
  readonly id: number;
  readonly channel: ChannelRef;
  /** False once the channel is gone (deleted, bot removed); set again by a new subscribe. */
  readonly active: boolean;
  readonly inactiveReason?: string;
  /** ISO date-time: incidents added after it are the channel's to receive. */
  readonly createdAt: string;
  readonly createdBy: string;
  /** ISO date-time of the last completed run (posted, or nothing to post). */
  readonly lastRunAt?: string;
  /** ISO date-time of the run the scheduler expects next; a past one at start-up was missed. */
  readonly nextRunAt?: string;
  /** Why the last run could not post, if it could not. */
  readonly lastError?: string;
}

export interface WatchEntry {
  readonly channel: ChannelRef;
  /** As typed. */
  readonly name: string;
  /** Folded words, the entry's identity in its channel ("Inbenta" and "inbenta" are one entry). */
  readonly key: string;
  readonly language: Lang;
  readonly addedAt: string;
  readonly addedBy: string;
}

export type DeliveryKind = 'digest' | 'alert';

export interface Delivery {
  readonly channel: ChannelRef;
  readonly incidentId: string;
  readonly kind: DeliveryKind;
  readonly deliveredAt: string;
  readonly messageIds: readonly string[];
}

export interface PendingAlert {
  readonly channel: ChannelRef;
  readonly incidentId: string;
  /** The watch entry that matched, as typed. */
  readonly watchName: string;
  readonly queuedAt: string;
}

export interface StateStore {
  /** Creates or updates the channel's subscription; a re-subscribe keeps its start date and reactivates it. */
  subscribe(channel: ChannelRef, settings: SubscriptionSettings, by: string, at: Date): Subscription;
  /** True when there was a subscription to remove. */
  unsubscribe(channel: ChannelRef): boolean;
  subscription(channel: ChannelRef): Subscription | undefined;
  subscriptionById(id: number): Subscription | undefined;
  subscriptions(options?: { readonly activeOnly?: boolean }): Subscription[];
  /** Run bookkeeping: a completed run (last and next run), or only the next expected one. */
  recordRun(id: number, run: { readonly lastRunAt?: Date; readonly nextRunAt?: Date | null; readonly error?: string | null }): void;

  /** The channel no longer exists or removed the bot: its subscription goes inactive, its alerts are dropped. */
  markChannelGone(channel: ChannelRef, reason: string, at: Date): void;
  isChannelGone(channel: ChannelRef): boolean;

  /** False when the channel already watches that name. */
  addWatch(channel: ChannelRef, entry: { readonly name: string; readonly key: string; readonly language: Lang }, by: string, at: Date): boolean;
  removeWatch(channel: ChannelRef, key: string): boolean;
  watches(channel: ChannelRef): WatchEntry[];
  /** Every entry of every channel that is not gone. */
  allWatches(): WatchEntry[];

  /** Records incidents as delivered to a channel; returns how many were new (the rest already were). */
  recordDeliveries(channel: ChannelRef, incidentIds: readonly string[], kind: DeliveryKind, at: Date, messageIds: readonly string[]): number;
  deliveredIds(channel: ChannelRef): Set<string>;
  deliveries(channel: ChannelRef): Delivery[];

  /** Queues alerts (ignoring ones queued or delivered already); returns how many were queued. */
  queueAlerts(alerts: readonly Omit<PendingAlert, 'queuedAt'>[], at: Date): number;
  pendingAlerts(): PendingAlert[];
  dropPendingAlerts(channel: ChannelRef, incidentIds?: readonly string[]): void;

  close(): void;
  readonly closed: boolean;
}

