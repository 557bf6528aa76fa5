/**
 * What the bot remembers between runs, restarts and processes, behind one asynchronous
 * interface that SQLite (the default, one file) and PostgreSQL (`DATABASE_URL`, for several
 * replicas) both implement with the same semantics: subscriptions, watchlists, what was
 * delivered where (only once the platform accepted it), alerts waiting to be posted, each
 * subscription's run bookkeeping, the outbox of posts intended, leases that let one process of
 * many do a job, small facts (`meta`) and per-channel settings.
 */
import type { Lang } from '../core/lang.js';
import type { ChannelRef } from '../ports/channel.js';

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

/** What an outbox item posts: a digest, an alert (both deliver incidents), or an "updated" note (about incidents delivered before). */
export type OutboxKind = DeliveryKind | 'update';

/** The facts of an incident a channel received, as last seen (see digest/incident-facts.ts). */
export interface IncidentVersion {
  readonly incidentId: string;
  readonly fingerprint: string;
  /** JSON of the facts, kept to say later what changed. */
  readonly facts: string;
}

/** An incident whose facts changed from one version to another. */
export interface IncidentChange {
  readonly incidentId: string;
  /** A change worth telling (a count, a new source, a newly named organization); otherwise only the version moves. */
  readonly notify: boolean;
  readonly from: string;
  readonly to: string;
  /** JSON of the facts before and after. */
  readonly before: string;
  readonly after: string;
}

/** A change recorded, with when it was found. */
export interface IncidentUpdate {
  readonly incidentId: string;
  readonly before: string;
  readonly after: string;
  readonly detectedAt: string;
}

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

export type OutboxState = 'pending' | 'sent' | 'abandoned';

/**
 * A post the bot intends to make, written before it is made: if it cannot be written, nothing
 * is posted; once the platform accepted it, `outboxSent` marks it and records its incidents as
 * delivered in one transaction.
 */
export interface OutboxItem {
  /** The idempotency key: the same intent always gets the same key, and is stored once. */
  readonly key: string;
  readonly channel: ChannelRef;
  readonly kind: OutboxKind;
  /** An update note: JSON of what changed (`{ incidentId, before, after }[]`). */
  readonly detail?: string;
  readonly incidentIds: readonly string[];
  readonly state: OutboxState;
  /** Tries that failed so far. */
  readonly attempts: number;
  /** ISO date-time before which it must not be tried again (a platform's Retry-After). */
  readonly notBefore?: string;
  readonly createdAt: string;
  readonly lastError?: string;
  /** The platform's ids of the messages it became, once sent. */
  readonly messageIds: readonly string[];
}

export interface NewOutboxItem {
  readonly key: string;
  readonly channel: ChannelRef;
  readonly kind: OutboxKind;
  readonly incidentIds: readonly string[];
  readonly detail?: string;
}

/**
 * State that went missing: the database is not the one the bot last ran with. `missing`: a new,
 * empty one was created where the last one was; `replaced`: another database is there;
 * `deleted`: it was removed while the bot ran (writes go nowhere lasting); `unreachable`: it does
 * not answer. Subscriptions, watchlists and delivery records may be lost: the operator must know.
 */
export interface StoreProblem {
  readonly kind: 'missing' | 'replaced' | 'deleted' | 'unreachable';
  /** ISO date-time it was noticed. */
  readonly since: string;
  /** For the operator's log, in English, naming the file or database (never a password). */
  readonly detail: string;
}

/** Which engine holds the state, and whether it is still the one the bot last ran with. */
export interface StoreHealth {
  readonly engine: 'sqlite' | 'postgres';
  /** Where: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  /** The database's own identity (kept in it, and in a marker file beside it). */
  readonly identity?: string;
  readonly ok: boolean;
  readonly problems: readonly StoreProblem[];
}

export interface StateStore {
  /** Creates or updates the channel's subscription; a re-subscribe keeps its start date and reactivates it. */
  subscribe(channel: ChannelRef, settings: SubscriptionSettings, by: string, at: Date): Promise<Subscription>;
  /** True when there was a subscription to remove. */
  unsubscribe(channel: ChannelRef): Promise<boolean>;
  subscription(channel: ChannelRef): Promise<Subscription | undefined>;
  subscriptionById(id: number): Promise<Subscription | undefined>;
  subscriptions(options?: { readonly activeOnly?: boolean }): Promise<Subscription[]>;
  /** Run bookkeeping: a completed run (last and next run), or only the next expected one. */
  recordRun(id: number, run: { readonly lastRunAt?: Date; readonly nextRunAt?: Date | null; readonly error?: string | null }): Promise<void>;

  /** The channel no longer exists or removed the bot: its subscription goes inactive, its alerts are dropped. */
  markChannelGone(channel: ChannelRef, reason: string, at: Date): Promise<void>;
  isChannelGone(channel: ChannelRef): Promise<boolean>;

  /** False when the channel already watches that name. */
  addWatch(channel: ChannelRef, entry: { readonly name: string; readonly key: string; readonly language: Lang }, by: string, at: Date): Promise<boolean>;
  removeWatch(channel: ChannelRef, key: string): Promise<boolean>;
  watches(channel: ChannelRef): Promise<WatchEntry[]>;
  /** Every entry of every channel that is not gone. */
  allWatches(): Promise<WatchEntry[]>;

  /** Records incidents as delivered to a channel; returns how many were new (the rest already were). */
  recordDeliveries(channel: ChannelRef, incidentIds: readonly string[], kind: DeliveryKind, at: Date, messageIds: readonly string[]): Promise<number>;
  deliveredIds(channel: ChannelRef): Promise<Set<string>>;
  deliveries(channel: ChannelRef): Promise<Delivery[]>;

  /** Queues alerts (ignoring ones queued or delivered already); returns how many were queued. */
  queueAlerts(alerts: readonly Omit<PendingAlert, 'queuedAt'>[], at: Date): Promise<number>;
  pendingAlerts(): Promise<PendingAlert[]>;
  dropPendingAlerts(channel: ChannelRef, incidentIds?: readonly string[]): Promise<void>;

  /**
   * Writes the intent to post, before posting. Idempotent on `key`: a key already stored
   * returns the stored item unchanged, whatever its state. Rejects when it cannot write
   * (read-only, full, locked too long, unreachable): then nothing may be posted.
   */
  outboxAdd(item: NewOutboxItem, at: Date): Promise<OutboxItem>;
  /** In ONE transaction: the item is sent, its incidents are delivered to its channel (and leave the alert queue); an update note delivers nothing. */
  outboxSent(key: string, messageIds: readonly string[], at: Date): Promise<void>;
  /** A try failed: attempts + 1, not to be tried before `notBefore`. */
  outboxRetryLater(key: string, notBefore: Date, error: string): Promise<void>;
  /** Given up for good (the channel is gone, the post can never succeed), at `at` (default: now). */
  outboxAbandon(key: string, reason: string, at?: Date): Promise<void>;
  /** Items still to post (their `notBefore` may lie ahead), oldest first. */
  outboxPending(): Promise<OutboxItem[]>;
  /** How many items are pending. */
  outboxDepth(): Promise<number>;
  outboxItem(key: string): Promise<OutboxItem | undefined>;
  /**
   * Deletes the items sent or abandoned before `closedBefore` (when they were marked so), and
   * only those: a pending item stays however old it is, since its key is what keeps a post in
   * flight from being made twice. Returns how many went.
   */
  pruneOutbox(closedBefore: Date): Promise<number>;

  /**
   * Takes or renews the lease `name` for `ttlMs` from `now`: true when it was free, expired, or
   * already held by `holder`; false while another holder's lease runs. One atomic statement, so
   * of several processes racing, exactly one gets it.
   */
  acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Gives the lease up if `holder` holds it (no effect otherwise). */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * Deletes the lease rows that expired before `expiredBefore` (channels' leases of processes
   * long gone, request claims past their lifetime): an expired row is free to take anyway, so
   * this only keeps the table from growing. Returns how many went.
   */
  pruneLeases(expiredBefore: Date): Promise<number>;

  /** Small facts kept with the state, e.g. the catalog last seen. */
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** True when there was a value to forget. */
  deleteMeta(key: string): Promise<boolean>;

  /** The language a channel chose (`/breach langue fr`); undefined when it chose none. */
  channelLanguage(channel: ChannelRef): Promise<Lang | undefined>;
  /** null forgets the channel's choice. */
  setChannelLanguage(channel: ChannelRef, lang: Lang | null): Promise<void>;

  /** Whether the channel gets "updated" notes (`/breach updates on|off`); on unless it turned them off. */
  channelUpdates(channel: ChannelRef): Promise<boolean>;
  setChannelUpdates(channel: ChannelRef, on: boolean): Promise<void>;

  /** Incidents delivered to any channel, and the version last seen of those that have one. */
  deliveredVersions(): Promise<{ readonly delivered: Set<string>; readonly versions: Map<string, IncidentVersion> }>;
  /** First sight of incidents' facts (a version already stored is kept). */
  noteVersions(versions: readonly IncidentVersion[], at: Date): Promise<void>;
  /**
   * In ONE transaction: each change whose incident is still at `from` moves to `to` and is
   * recorded (a change another process recorded first is skipped), and every channel that had
   * received one of those incidents by `at`, is not gone and takes notes gets ONE outbox item of
   * kind 'update' (key from `keyFor`, idempotent) carrying what changed. Returns the changes
   * recorded by this call and how many notes were written.
   */
  recordUpdates(changes: readonly IncidentChange[], at: Date, keyFor: (channel: ChannelRef, incidentIds: readonly string[]) => string): Promise<{ readonly recorded: readonly IncidentChange[]; readonly notes: number }>;
  /** Changes found in (since, until] to incidents the channel had received when they were found. */
  updatesFor(channel: ChannelRef, since: string, until: string): Promise<IncidentUpdate[]>;

  /**
   * Whether the database is still the one the bot last ran with, checked now: problems found at
   * open (missing, replaced) stay reported for the life of the process.
   */
  health(): Promise<StoreHealth>;

  close(): Promise<void>;
  readonly closed: boolean;
}
