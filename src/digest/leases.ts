/**
 * Exactly one process posts to a channel at a time, however many run on one database: whoever
 * posts (a digest run, an alert, a retry from the outbox) first takes the channel's lease in the
 * store. A lease expires (`ttlMs`) unless its holder renews it while it works (every third of
 * the TTL), so a process that crashed or froze mid-post is taken over once its lease runs out.
 * Inside one process, the per-channel queue still orders the work; the lease orders processes.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ChannelRef } from '../ports/index.js';

/** What the leases need of the store. */
export interface LeaseStore {
  acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  pruneLeases(expiredBefore: Date): Promise<number>;
}

/**
 * How long an expired lease row stays before it is deleted: a day, so an operator looking at a
 * crash still finds who held what; every request claim (`once:…`, an hour) and channel lease
 * (a minute) is long expired by then.
 */
export const EXPIRED_LEASE_KEPT_MS = 24 * 60 * 60_000;

/** How often each process deletes lease rows expired for more than `EXPIRED_LEASE_KEPT_MS` (any process may: it is one idempotent statement). */
export const LEASE_PRUNE_EVERY_MS = 60 * 60_000;

/** Deletes the lease rows (channel leases, request claims) expired for more than a day; logs how many when any. */
export async function pruneExpiredLeases(store: LeaseStore, now: Date, log: { info(message: string): void; warn(message: string, err?: unknown): void }): Promise<number> {
  try {
    const pruned = await store.pruneLeases(new Date(now.getTime() - EXPIRED_LEASE_KEPT_MS));
    if (pruned > 0) log.info(`leases: ${pruned} row${pruned === 1 ? '' : 's'} expired for more than a day deleted (channel leases, request claims)`);
    return pruned;
  } catch (err) {
    log.warn('leases: expired rows could not be deleted this time', err);
    return 0;
  }
}

/** This process's name as a lease holder: host, pid and a random part (two instances in one process differ). */
export function holderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The lease guarding posts to a channel. */
export function channelLease(channel: ChannelRef): string {
  return `post:${channel.platform}/${channel.workspaceId}/${channel.channelId}`;
}

/** `error`: the store could not be asked (read-only, full, locked, unreachable): nobody here posts. */
export type Claimed<T> = { readonly claimed: true; readonly value: T } | { readonly claimed: false; readonly error?: string };

export class Leases {
  constructor(
    private readonly store: LeaseStore,
    readonly holder: string,
    private readonly now: () => Date,
    /** How long a lease lasts without renewal (default 60 s). */
    readonly ttlMs = 60_000,
  ) {}

  /**
   * Runs `work` holding the lease `name`, renewing it meanwhile; `{ claimed: false }` when
   * another holder has it (or the store cannot say: then nobody here posts). `work` gets a signal
   * aborted if the lease is lost mid-way (a renewal refused): it should stop before its next post.
   */
  async with<T>(name: string, work: (lost: AbortSignal) => Promise<T>): Promise<Claimed<T>> {
    let got: boolean;
    try {
      got = await this.store.acquireLease(name, this.holder, this.ttlMs, this.now());
    } catch (err) {
      return { claimed: false, error: (err as Error).message };
    }
    if (!got) return { claimed: false };
    const lost = new AbortController();
    const renew = setInterval(() => {
      this.store.acquireLease(name, this.holder, this.ttlMs, this.now()).then(
        (still) => {
          if (!still) lost.abort();
        },
        () => lost.abort(),
      );
    }, Math.max(1_000, Math.floor(this.ttlMs / 3)));
    renew.unref();
    try {
      return { claimed: true, value: await work(lost.signal) };
    } finally {
      clearInterval(renew);
      await this.store.releaseLease(name, this.holder).catch(() => undefined);
    }
  }
}
