/**
 * Runs each active subscription's digest when its schedule says, and never skips one silently.
 *
 * It does not trust timers to fire on time (node-cron fires only for the second it is awake in,
 * and v4 catches nothing up): on every tick it asks the wall clock which slot each subscription
 * owes. A subscription's `nextRunAt` (in the store) is the first slot not yet run; once the clock
 * is past it, the digest runs once — however many slots passed (downtime, a clock jumped
 * forward, an event loop blocked through 09:00) — and `nextRunAt` moves to the first slot after
 * now. A local time that does not exist that day (02:30 on the spring-forward day) falls at the
 * change itself (see `cron-time.ts`). Ticks come every `tickMs` (30 s), and sooner when a slot is
 * due sooner, so a digest is at most a tick late and never early.
 *
 * A run that fails keeps `nextRunAt` where it was (a restart catches it up) and is tried again
 * after `failureBackoffMs`, not on every tick.
 */
import type { Subscription } from '../store/state-store.js';
import { nextOccurrence } from './cron-time.js';
import { runDigest, type DigestRunResult } from './digest-runner.js';
import type { FeatureDeps } from './feature-deps.js';
import { sweepOutbox } from './outbox-sweep.js';

export interface SchedulerOptions {
  /** Longest wait between two looks at the clock (default 30 s). */
  readonly tickMs?: number;
  /** After a failed run, how long before the next try of that subscription (default 5 min). */
  readonly failureBackoffMs?: number;
}

export class DigestScheduler {
  /** Each active subscription's first slot not yet run, as last read or written. */
  private readonly next = new Map<number, Date>();
  /** Subscriptions with a run in progress (a tick and `runNow` never overlap). */
  private readonly running = new Map<number, Promise<DigestRunResult | undefined>>();
  /** A failed subscription waits until then before its next try. */
  private readonly backoff = new Map<number, number>();
  /** Subscriptions of platforms this process cannot post to: never waited for; `told`: said once in the log. */
  private readonly noPoster = new Set<number>();
  private readonly told = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly tickMs: number;
  private readonly failureBackoffMs: number;

  constructor(
    private readonly deps: FeatureDeps,
    options: SchedulerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 30_000;
    this.failureBackoffMs = options.failureBackoffMs ?? 5 * 60_000;
  }

  /**
   * Reads the subscriptions and starts ticking. The first tick runs at once: what was due while
   * the bot was down is caught up. Resolves with that first tick's runs.
   */
  async start(): Promise<DigestRunResult[]> {
    await this.sync();
    // What a previous process left in the outbox (a retry due, a post cut short) goes first.
    if (this.deps.leases) await sweepOutbox(this.deps).catch((err: unknown) => this.deps.log.error('outbox delivery at start-up failed', err));
    const due = await this.dueSubscriptions();
    if (due.length) this.deps.log.info(`catching up ${due.length} digest${due.length === 1 ? '' : 's'} due since the last run`);
    const results = await Promise.all(due.map((s) => this.runNow(s.id)));
    this.arm();
    return results.filter((r): r is DigestRunResult => r !== undefined);
  }

  /**
   * Makes the schedule match the store: a new or rescheduled subscription gets its first slot
   * (the first occurrence after now), removed ones are forgotten.
   */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const active = await this.deps.store.subscriptions({ activeOnly: true });
    const ids = new Set(active.map((s) => s.id));
    for (const id of [...this.next.keys()]) if (!ids.has(id)) this.next.delete(id);
    const now = this.deps.now();
    for (const sub of active) {
      // Another process posts to a platform this one has no poster for (see dueSubscriptions).
      if (!this.deps.posters.has(sub.channel.platform)) this.noPoster.add(sub.id);
      if (sub.nextRunAt !== undefined) {
        this.next.set(sub.id, new Date(sub.nextRunAt));
        continue;
      }
      const first = nextOccurrence(sub.cron, sub.timeZone, now);
      if (!first) {
        this.next.delete(sub.id);
        this.deps.log.error(`digest for ${where(sub)} cannot be scheduled (“${sub.cron}” in ${sub.timeZone})`);
        continue;
      }
      this.next.set(sub.id, first);
      await this.deps.store.recordRun(sub.id, { nextRunAt: first });
    }
    this.arm();
  }

  /** When the subscription's digest runs next (its first slot not yet run). */
  nextRun(id: number): Date | undefined {
    return this.next.get(id);
  }

  /** Looks at the clock now: runs every subscription whose slot has come. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        // What is pending in the outbox first (a retry whose time came, a crashed process's post).
        if (this.deps.leases) await sweepOutbox(this.deps);
        const due = await this.dueSubscriptions();
        await Promise.all(due.map((s) => this.runNow(s.id)));
      } catch (err) {
        this.deps.log.error('digest schedule check failed', err);
      }
    })().finally(() => {
      this.ticking = undefined;
      this.arm();
    });
    return this.ticking;
  }

  /** Runs a subscription's digest now unless one is already running (then waits for that one). */
  runNow(id: number): Promise<DigestRunResult | undefined> {
    const current = this.running.get(id);
    if (current) return current;
    const run = (async () => {
      const sub = await this.deps.store.subscriptionById(id);
      const now = this.deps.now();
      // The slot after now: every slot up to now is covered by this run.
      const following = sub ? nextOccurrence(sub.cron, sub.timeZone, now) : undefined;
      // The slot this run is for: a run that finds it moved on (another process ran it) skips.
      const slot = sub?.nextRunAt !== undefined && Date.parse(sub.nextRunAt) <= now.getTime() ? new Date(sub.nextRunAt) : undefined;
      const result = await runDigest(this.deps, id, { ...(following ? { nextRunAt: following } : {}), ...(slot ? { slot } : {}) });
      if (result.status === 'failed') this.backoff.set(id, Math.max(now.getTime() + this.failureBackoffMs, result.notBefore?.getTime() ?? 0));
      else this.backoff.delete(id);
      if (result.status !== 'failed' && result.status !== 'skipped' && following) this.next.set(id, following);
      if (result.status === 'skipped') {
        const fresh = await this.deps.store.subscriptionById(id);
        if (fresh?.nextRunAt !== undefined) this.next.set(id, new Date(fresh.nextRunAt));
      }
      // A gone channel's subscription is now inactive: forget it.
      if (result.status === 'gone') await this.sync();
      return result;
    })()
      .catch((err: unknown) => {
        this.deps.log.error(`digest run for subscription ${id} failed`, err);
        return undefined;
      })
      .finally(() => {
        this.running.delete(id);
        this.arm();
      });
    this.running.set(id, run);
    return run;
  }

  /** Stops ticking; resolves once in-flight runs end or `graceMs` passes, whichever first. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopped = true;
    clearTimeout(this.timer);
    const inFlight = [...this.running.values()];
    if (inFlight.length === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      Promise.allSettled(inFlight).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    return finished;
  }

  /**
   * Active subscriptions whose first slot not yet run has come (read from the store: another
   * process may have run it). Only those of platforms this process can post to: a Discord-only
   * replica on a database shared with Slack replicas leaves Slack's digests to them.
   */
  private async dueSubscriptions(): Promise<Subscription[]> {
    const now = this.deps.now().getTime();
    const active = await this.deps.store.subscriptions({ activeOnly: true });
    return active.filter((s) => {
      if (s.nextRunAt === undefined) return false;
      if (!this.deps.posters.has(s.channel.platform)) {
        if (!this.told.has(s.id)) this.deps.log.warn(`digest for ${where(s)} is left to another process: no poster for platform "${s.channel.platform}" runs here`);
        this.told.add(s.id);
        this.noPoster.add(s.id);
        return false;
      }
      this.next.set(s.id, new Date(s.nextRunAt));
      return Date.parse(s.nextRunAt) <= now && (this.backoff.get(s.id) ?? 0) <= now && !this.running.has(s.id);
    });
  }

  /** The next look at the clock: at the earliest known slot, at most `tickMs` away. */
  private arm(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = this.deps.now().getTime();
    let wait = this.tickMs;
    for (const [id, at] of this.next) if (!this.running.has(id) && !this.noPoster.has(id)) wait = Math.min(wait, Math.max(at.getTime(), this.backoff.get(id) ?? 0) - now);
    this.timer = setTimeout(() => void this.tick(), Math.max(0, wait));
    this.timer.unref();
  }
}

function where(sub: Subscription): string {
  return `${sub.channel.platform}/${sub.channel.workspaceId}/${sub.channel.channelId}`;
}
