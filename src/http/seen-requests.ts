/**
 * "Has this request already been acted on?" Slack retries an event it thinks was lost (same
 * `event_id`, new signature), and anyone holding a signed request can replay it within the
 * 5-minute window; either way the bot must act once. A key is claimed once: the first claim wins,
 * later claims within `ttlMs` lose.
 *
 * In memory for one process (bounded: past `maxKeys` the oldest claims are forgotten first, so a
 * flood of distinct keys costs memory up to the bound, never more). Several replicas behind a load
 * balancer share the claims through the state store instead (a retry may reach another replica).
 */
import { createHash, randomUUID } from 'node:crypto';

export interface SeenRequests {
  /** True the first time `key` is claimed within `ttlMs`; false for a repeat. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/** Keys are hashed: what the bot remembers is fixed-size whatever a request carries. */
export function requestKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}

export class MemorySeenRequests implements SeenRequests {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.expiries.size;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry > now) return false;
    // Re-inserted so the Map's order stays the order of claims (oldest first).
    this.expiries.delete(key);
    this.expiries.set(key, now + ttlMs);
    this.evict(now);
    return true;
  }

  private evict(now: number): void {
    for (const [key, expiry] of this.expiries) {
      if (this.expiries.size <= this.maxKeys && expiry > now) break;
      this.expiries.delete(key);
    }
  }
}

/** What the state store offers that shared claims need: its atomic leases. */
export interface LeaseStore {
  acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
}

/**
 * Claims shared by every replica through the state store's leases: each claim asks for the lease
 * `once:<key>` under a holder name of its own, so of two replicas receiving the same retry, the
 * store's one atomic statement lets exactly one through. A local memory in front answers repeats
 * this process already saw without a round trip.
 */
export class StoreSeenRequests implements SeenRequests {
  private readonly local = new MemorySeenRequests(10_000);

  constructor(
    private readonly store: LeaseStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(await this.local.claim(key, ttlMs))) return false;
    return this.store.acquireLease(`once:${key}`, randomUUID(), ttlMs, this.now());
  }
}
