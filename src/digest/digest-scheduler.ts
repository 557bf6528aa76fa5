/**
 * One node-cron task per active subscription, on its own schedule and time zone. It only
 * schedules: the work is `runDigest`. node-cron 4 has no catch-up of runs missed while the
 * process was down, so the store keeps each subscription's next expected run and `start()`
 * runs once, right away, every subscription whose expected run is already past.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../ports/index.js';
import type { Subscription } from '../store/state-store.js';
import { runDigest, type DigestRunResult } from './digest-runner.js';
import type { FeatureDeps } from './feature-deps.js';

interface Scheduled {
  readonly task: ScheduledTask;
  readonly cron: string;
  readonly timeZone: string;
}

function cronLogger(log: Logger) {
  return {
    info: () => undefined,
    debug: () => undefined,
    warn: (m: string) => log.warn(`node-cron: ${m}`),
    error: (m: string | Error, e?: Error) => log.error(`node-cron: ${m instanceof Error ? m.message : m}`, e),
  };
}

export class DigestScheduler {
  private readonly tasks = new Map<number, Scheduled>();
  /** Subscriptions with a run in progress (a catch-up and a cron fire never overlap either). */
  private readonly running = new Map<number, Promise<DigestRunResult | undefined>>();
  private stopped = false;

  constructor(private readonly deps: FeatureDeps) {}

  /** Schedules every active subscription, then runs the ones whose expected run passed while down. */
  async start(): Promise<DigestRunResult[]> {
    const now = this.deps.now().getTime();
    const missed = (await this.deps.store.subscriptions({ activeOnly: true })).filter((s) => s.nextRunAt !== undefined && Date.parse(s.nextRunAt) <= now);
    await this.sync();
    if (missed.length) this.deps.log.info(`catching up ${missed.length} digest${missed.length === 1 ? '' : 's'} missed while the bot was down`);
    const results = await Promise.all(missed.map((s) => this.runNow(s.id)));
    return results.filter((r): r is DigestRunResult => r !== undefined);
  }

  /** Makes the tasks match the store: new subscriptions scheduled, changed ones rescheduled, removed ones dropped. */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const active = new Map((await this.deps.store.subscriptions({ activeOnly: true })).map((s) => [s.id, s]));
    if (this.stopped) return;
    for (const [id, scheduled] of this.tasks) {
      const sub = active.get(id);
      if (!sub || sub.cron !== scheduled.cron || sub.timeZone !== scheduled.timeZone) {
        void scheduled.task.destroy();
        this.tasks.delete(id);
      }
    }
    for (const sub of active.values()) if (!this.tasks.has(sub.id)) await this.schedule(sub);
  }

  /** When the subscription's task fires next. */
  nextRun(id: number): Date | undefined {
    return this.tasks.get(id)?.task.getNextRun() ?? undefined;
  }

  /** Runs a subscription's digest now unless one is already running (then waits for that one). */
  runNow(id: number): Promise<DigestRunResult | undefined> {
    const current = this.running.get(id);
    if (current) return current;
    const run = runDigest(this.deps, id, { nextRunAt: this.nextRun(id) ?? null })
      .then(async (result) => {
        // A gone channel's subscription is now inactive: drop its task.
        if (result.status === 'gone') await this.sync();
        return result;
      })
      .catch((err: unknown) => {
        this.deps.log.error(`digest run for subscription ${id} failed`, err);
        return undefined;
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, run);
    return run;
  }

  /** Stops every task; resolves once in-flight runs end or `graceMs` passes, whichever first. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopped = true;
    for (const { task } of this.tasks.values()) void task.destroy();
    this.tasks.clear();
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

  private async schedule(sub: Subscription): Promise<void> {
    const where = `${sub.channel.platform}/${sub.channel.workspaceId}/${sub.channel.channelId}`;
    let task: ScheduledTask;
    try {
      task = cron.schedule(sub.cron, () => this.runNow(sub.id), { timezone: sub.timeZone, name: `digest:${where}`, noOverlap: true, logger: cronLogger(this.deps.log) });
    } catch (err) {
      this.deps.log.error(`digest for ${where} cannot be scheduled (“${sub.cron}” in ${sub.timeZone})`, err);
      return;
    }
    this.tasks.set(sub.id, { task, cron: sub.cron, timeZone: sub.timeZone });
    // A new (or rescheduled) subscription: remember when it first fires, so a restart can tell a missed run.
    if (sub.nextRunAt === undefined) await this.deps.store.recordRun(sub.id, { nextRunAt: task.getNextRun() });
  }
}
