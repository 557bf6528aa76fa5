/**
 * The state store on SQLite (better-sqlite3): one file (STATE_DB, default var/breachbot.sqlite,
 * its folder created), migrations applied on open, WAL journal so a crash never leaves a torn
 * write, `:memory:` for tests. Synchronous by design: every call is a few microseconds and
 * never waits on the network.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelRef } from '../ports/index.js';
import type { Lang } from '../core/lang.js';
import { migrate } from './migrations.js';
import type { Delivery, DeliveryKind, PendingAlert, StateStore, Subscription, SubscriptionSettings, WatchEntry } from './state-store.js';

interface SubscriptionRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  cron: string;
  time_zone: string;
  language: Lang;
  filters: string;
  post_empty: number;
  active: number;
  inactive_reason: string | null;
  created_at: string;
  created_by: string;
  last_run_at: string | null;
  next_run_at: string | null;
  last_error: string | null;
}

interface ChannelCols {
  platform: string;
  workspace_id: string;
  channel_id: string;
}

const ch = (r: ChannelCols): ChannelRef => ({ platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id });
const params = (c: ChannelRef) => ({ platform: c.platform, workspace_id: c.workspaceId, channel_id: c.channelId });
const WHERE_CHANNEL = 'platform = @platform AND workspace_id = @workspace_id AND channel_id = @channel_id';

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    channel: ch(r),
    cron: r.cron,
    timeZone: r.time_zone,
    language: r.language,
    filters: r.filters,
    postEmpty: r.post_empty === 1,
    active: r.active === 1,
    ...(r.inactive_reason ? { inactiveReason: r.inactive_reason } : {}),
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...(r.last_run_at ? { lastRunAt: r.last_run_at } : {}),
    ...(r.next_run_at ? { nextRunAt: r.next_run_at } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}

export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database;
  readonly schemaVersion: number;

  /** Opens (creating if needed) the database at `file`, or an in-memory one for ":memory:". */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.schemaVersion = migrate(this.db);
  }

  get closed(): boolean {
    return !this.db.open;
  }

  /** The SQLite journal mode in effect ("wal" for a file, "memory" for ":memory:"). */
  get journalMode(): string {
    return String(this.db.pragma('journal_mode', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  subscribe(channel: ChannelRef, settings: SubscriptionSettings, by: string, at: Date): Subscription {
    const now = at.toISOString();
    const run = this.db.transaction(() => {
      this.db.prepare(`UPDATE channels SET gone_at = NULL, gone_reason = NULL WHERE ${WHERE_CHANNEL}`).run(params(channel));
      const existing = this.subscription(channel);
      const values = {
        ...params(channel),
        cron: settings.cron,
        time_zone: settings.timeZone,
        language: settings.language,
        filters: settings.filters,
        post_empty: settings.postEmpty ? 1 : 0,
        now,
        by,
      };
      if (!existing) {
        this.db
          .prepare(
            `INSERT INTO subscriptions (platform, workspace_id, channel_id, cron, time_zone, language, filters, post_empty, created_at, created_by, updated_at)
             VALUES (@platform, @workspace_id, @channel_id, @cron, @time_zone, @language, @filters, @post_empty, @now, @by, @now)`,
          )
          .run(values);
      } else {
        // A new schedule means a new expected run: the scheduler sets it.
        const rescheduled = existing.cron !== settings.cron || existing.timeZone !== settings.timeZone;
        this.db
          .prepare(
            `UPDATE subscriptions SET cron = @cron, time_zone = @time_zone, language = @language, filters = @filters, post_empty = @post_empty,
               active = 1, inactive_reason = NULL, updated_at = @now${rescheduled ? ', next_run_at = NULL' : ''}
             WHERE ${WHERE_CHANNEL}`,
          )
          .run(values);
      }
      return this.subscription(channel)!;
    });
    return run();
  }

  unsubscribe(channel: ChannelRef): boolean {
    return this.db.prepare(`DELETE FROM subscriptions WHERE ${WHERE_CHANNEL}`).run(params(channel)).changes > 0;
  }

  subscription(channel: ChannelRef): Subscription | undefined {
    const row = this.db.prepare(`SELECT * FROM subscriptions WHERE ${WHERE_CHANNEL}`).get(params(channel)) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : undefined;
  }

  subscriptionById(id: number): Subscription | undefined {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : undefined;
  }

  subscriptions(options: { readonly activeOnly?: boolean } = {}): Subscription[] {
    const rows = this.db.prepare(`SELECT * FROM subscriptions${options.activeOnly ? ' WHERE active = 1' : ''} ORDER BY id`).all() as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  recordRun(id: number, run: { readonly lastRunAt?: Date; readonly nextRunAt?: Date | null; readonly error?: string | null }): void {
    const sets: string[] = [];
    const values: Record<string, unknown> = { id };
    if (run.lastRunAt) {
      sets.push('last_run_at = @last');
      values.last = run.lastRunAt.toISOString();
    }
    if (run.nextRunAt !== undefined) {
      sets.push('next_run_at = @next');
      values.next = run.nextRunAt ? run.nextRunAt.toISOString() : null;
    }
    if (run.error !== undefined) {
      sets.push('last_error = @error');
      values.error = run.error;
    }
    if (sets.length) this.db.prepare(`UPDATE subscriptions SET ${sets.join(', ')} WHERE id = @id`).run(values);
  }

  markChannelGone(channel: ChannelRef, reason: string, at: Date): void {
    const p = { ...params(channel), at: at.toISOString(), reason };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO channels (platform, workspace_id, channel_id, gone_at, gone_reason) VALUES (@platform, @workspace_id, @channel_id, @at, @reason)
           ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET gone_at = @at, gone_reason = @reason`,
        )
        .run(p);
      this.db.prepare(`UPDATE subscriptions SET active = 0, inactive_reason = @reason WHERE ${WHERE_CHANNEL}`).run(p);
      this.db.prepare(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL}`).run(params(channel));
    })();
  }

  isChannelGone(channel: ChannelRef): boolean {
    const row = this.db.prepare(`SELECT gone_at FROM channels WHERE ${WHERE_CHANNEL}`).get(params(channel)) as { gone_at: string | null } | undefined;
    return Boolean(row?.gone_at);
  }

  addWatch(channel: ChannelRef, entry: { readonly name: string; readonly key: string; readonly language: Lang }, by: string, at: Date): boolean {
    return this.db.transaction(() => {
      this.db.prepare(`UPDATE channels SET gone_at = NULL, gone_reason = NULL WHERE ${WHERE_CHANNEL}`).run(params(channel));
      return (
        this.db
          .prepare(
            `INSERT OR IGNORE INTO watches (platform, workspace_id, channel_id, key, name, language, added_at, added_by)
             VALUES (@platform, @workspace_id, @channel_id, @key, @name, @language, @at, @by)`,
          )
          .run({ ...params(channel), key: entry.key, name: entry.name, language: entry.language, at: at.toISOString(), by }).changes > 0
      );
    })();
  }

  removeWatch(channel: ChannelRef, key: string): boolean {
    return this.db.prepare(`DELETE FROM watches WHERE ${WHERE_CHANNEL} AND key = @key`).run({ ...params(channel), key }).changes > 0;
  }

  watches(channel: ChannelRef): WatchEntry[] {
    const rows = this.db.prepare(`SELECT * FROM watches WHERE ${WHERE_CHANNEL} ORDER BY added_at, key`).all(params(channel)) as WatchRow[];
    return rows.map(toWatch);
  }

  allWatches(): WatchEntry[] {
    const rows = this.db
      .prepare(
        `SELECT w.* FROM watches w LEFT JOIN channels c USING (platform, workspace_id, channel_id)
         WHERE c.gone_at IS NULL ORDER BY w.platform, w.workspace_id, w.channel_id, w.added_at`,
      )
      .all() as WatchRow[];
    return rows.map(toWatch);
  }

  recordDeliveries(channel: ChannelRef, incidentIds: readonly string[], kind: DeliveryKind, at: Date, messageIds: readonly string[]): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO deliveries (platform, workspace_id, channel_id, incident_id, kind, delivered_at, message_ids)
       VALUES (@platform, @workspace_id, @channel_id, @incident_id, @kind, @at, @ids)`,
    );
    const unqueue = this.db.prepare(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL} AND incident_id = @incident_id`);
    return this.db.transaction(() => {
      let added = 0;
      for (const id of incidentIds) {
        const p = { ...params(channel), incident_id: id };
        added += insert.run({ ...p, kind, at: at.toISOString(), ids: JSON.stringify(messageIds) }).changes;
        unqueue.run(p);
      }
      return added;
    })();
  }

  deliveredIds(channel: ChannelRef): Set<string> {
    const rows = this.db.prepare(`SELECT incident_id FROM deliveries WHERE ${WHERE_CHANNEL}`).pluck().all(params(channel)) as string[];
    return new Set(rows);
  }

  deliveries(channel: ChannelRef): Delivery[] {
    const rows = this.db.prepare(`SELECT * FROM deliveries WHERE ${WHERE_CHANNEL} ORDER BY delivered_at, incident_id`).all(params(channel)) as (ChannelCols & {
      incident_id: string;
      kind: DeliveryKind;
      delivered_at: string;
      message_ids: string;
    })[];
    return rows.map((r) => ({ channel: ch(r), incidentId: r.incident_id, kind: r.kind, deliveredAt: r.delivered_at, messageIds: JSON.parse(r.message_ids) as string[] }));
  }

  queueAlerts(alerts: readonly Omit<PendingAlert, 'queuedAt'>[], at: Date): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO pending_alerts (platform, workspace_id, channel_id, incident_id, watch_name, queued_at)
       SELECT @platform, @workspace_id, @channel_id, @incident_id, @watch_name, @at
       WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE ${WHERE_CHANNEL} AND incident_id = @incident_id)`,
    );
    return this.db.transaction(() => {
      let queued = 0;
      for (const a of alerts) queued += insert.run({ ...params(a.channel), incident_id: a.incidentId, watch_name: a.watchName, at: at.toISOString() }).changes;
      return queued;
    })();
  }

  pendingAlerts(): PendingAlert[] {
    const rows = this.db.prepare('SELECT * FROM pending_alerts ORDER BY queued_at, platform, workspace_id, channel_id, incident_id').all() as (ChannelCols & {
      incident_id: string;
      watch_name: string;
      queued_at: string;
    })[];
    return rows.map((r) => ({ channel: ch(r), incidentId: r.incident_id, watchName: r.watch_name, queuedAt: r.queued_at }));
  }

  dropPendingAlerts(channel: ChannelRef, incidentIds?: readonly string[]): void {
    if (!incidentIds) {
      this.db.prepare(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL}`).run(params(channel));
      return;
    }
    const del = this.db.prepare(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL} AND incident_id = @incident_id`);
    this.db.transaction(() => {
      for (const id of incidentIds) del.run({ ...params(channel), incident_id: id });
    })();
  }
}

interface WatchRow extends ChannelCols {
  key: string;
  name: string;
  language: Lang;
  added_at: string;
  added_by: string;
}

function toWatch(r: WatchRow): WatchEntry {
  return { channel: ch(r), name: r.name, key: r.key, language: r.language, addedAt: r.added_at, addedBy: r.added_by };
}

/** Opens the state database named by the config (`STATE_DB`). */
export function openStateStore(file: string): SqliteStateStore {
  return new SqliteStateStore(file);
}
