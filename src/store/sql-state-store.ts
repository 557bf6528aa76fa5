/**
 * The state store, written once over `SqlDriver`: SQLite and PostgreSQL run the same statements,
 * so they keep the same semantics (the contract tests run against both). Every multi-row change
 * is one transaction; "never twice" is the deliveries primary key, and a lease is taken by one
 * conditional upsert, so processes sharing a database cannot both win.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Lang } from '../core/lang.js';
import type { ChannelRef } from '../ports/channel.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';
import type {
  Delivery,
  DeliveryKind,
  IncidentChange,
  IncidentUpdate,
  IncidentVersion,
  OutboxKind,
  NewOutboxItem,
  OutboxItem,
  OutboxState,
  PendingAlert,
  StateStore,
  StoreHealth,
  StoreProblem,
  Subscription,
  SubscriptionSettings,
  WatchEntry,
} from './state-store.js';

interface ChannelCols {
  platform: string;
  workspace_id: string;
  channel_id: string;
}

interface SubscriptionRow extends ChannelCols {
  id: number;
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

interface WatchRow extends ChannelCols {
  key: string;
  name: string;
  language: Lang;
  added_at: string;
  added_by: string;
}

interface OutboxRow extends ChannelCols {
  key: string;
  kind: OutboxKind;
  detail?: string | null;
  incident_ids: string;
  state: OutboxState;
  attempts: number;
  not_before: string | null;
  created_at: string;
  last_error: string | null;
  message_ids: string;
}

const ch = (r: ChannelCols): ChannelRef => ({ platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id });
/** The channel's three key columns, in WHERE_CHANNEL's order. */
const at3 = (c: ChannelRef): SqlValue[] => [c.platform, c.workspaceId, c.channelId];
const WHERE_CHANNEL = 'platform = ? AND workspace_id = ? AND channel_id = ?';

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: Number(r.id),
    channel: ch(r),
    cron: r.cron,
    timeZone: r.time_zone,
    language: r.language,
    filters: r.filters,
    postEmpty: Number(r.post_empty) === 1,
    active: Number(r.active) === 1,
    ...(r.inactive_reason ? { inactiveReason: r.inactive_reason } : {}),
    createdAt: r.created_at,
    createdBy: r.created_by,
    ...(r.last_run_at ? { lastRunAt: r.last_run_at } : {}),
    ...(r.next_run_at ? { nextRunAt: r.next_run_at } : {}),
    ...(r.last_error ? { lastError: r.last_error } : {}),
  };
}

function toWatch(r: WatchRow): WatchEntry {
  return { channel: ch(r), name: r.name, key: r.key, language: r.language, addedAt: r.added_at, addedBy: r.added_by };
}

function toOutbox(r: OutboxRow): OutboxItem {
  return {
    key: r.key,
    channel: ch(r),
    kind: r.kind,
    ...(r.detail ? { detail: r.detail } : {}),
    incidentIds: JSON.parse(r.incident_ids) as string[],
    state: r.state,
    attempts: Number(r.attempts),
    ...(r.not_before ? { notBefore: r.not_before } : {}),
    createdAt: r.created_at,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    messageIds: JSON.parse(r.message_ids) as string[],
  };
}

async function one<T>(q: SqlExecutor, sql: string, params: readonly SqlValue[]): Promise<T | undefined> {
  return (await q.all<T>(sql, params))[0];
}

/** The meta key holding the database's identity, made once when it is created. */
export const IDENTITY_KEY = 'store_id';

export interface IdentityOptions {
  /**
   * A file beside the database (or anywhere the bot keeps between runs) remembering which
   * database it last ran with; a database that is not that one is reported. None: not checked.
   */
  readonly markerFile?: string;
}

function readMarker(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function writeMarker(file: string, id: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${id}\n`);
  renameSync(tmp, file);
}

export class SqlStateStore implements StateStore {
  protected identity: string | undefined;
  /** Found at open, or while running (deleted, replaced): reported until the process ends. */
  protected readonly problems: StoreProblem[] = [];

  constructor(
    protected readonly driver: SqlDriver,
    /** A file path, or a URL without its password. */
    readonly location: string,
    private readonly identityOptions: IdentityOptions = {},
  ) {}

  /**
   * Takes note of the database's identity (`created`: made just now, the database was new) and
   * holds it against the marker file: a different one means the state was lost or swapped since
   * the last run. The marker then names this database, so the next start-up compares with it.
   */
  protected noteIdentity(id: string, created: boolean, now = new Date()): void {
    this.identity = id;
    const marker = this.identityOptions.markerFile;
    if (!marker) return;
    const last = readMarker(marker);
    if (last && last !== id) {
      this.problems.push(
        created
          ? { kind: 'missing', since: now.toISOString(), detail: `the state database ${this.location} was missing at start-up and a new, empty one was created (the last run used database ${last}): subscriptions, watchlists and delivery records were lost` }
          : { kind: 'replaced', since: now.toISOString(), detail: `the state database at ${this.location} is not the one the last run used (${id}, expected ${last}): it was replaced since the last run` },
      );
    }
    if (last !== id) writeMarker(marker, id);
  }

  /** Makes the identity if the database has none (the first of several processes wins), then notes it. */
  protected async establishIdentity(): Promise<void> {
    const fresh = randomUUID();
    await this.driver.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [IDENTITY_KEY, fresh]);
    const id = (await this.getMeta(IDENTITY_KEY))!;
    this.noteIdentity(id, id === fresh);
  }

  async health(): Promise<StoreHealth> {
    if (!this.closed) {
      const live = await this.liveProblem();
      if (live && live.kind !== 'unreachable' && !this.problems.some((p) => p.kind === live.kind)) this.problems.push(live);
      if (live?.kind === 'unreachable') return this.report([...this.problems, live]);
    }
    return this.report(this.problems);
  }

  private report(problems: readonly StoreProblem[]): StoreHealth {
    return { engine: this.driver.engine, location: this.location, ...(this.identity ? { identity: this.identity } : {}), ok: problems.length === 0, problems: [...problems] };
  }

  /** What is wrong now: the database gone from under the bot, swapped, or not answering. */
  protected async liveProblem(): Promise<StoreProblem | undefined> {
    const since = new Date().toISOString();
    try {
      const id = await this.getMeta(IDENTITY_KEY);
      if (id === this.identity) return undefined;
      return id === undefined
        ? { kind: 'deleted', since, detail: `the state in ${this.location} was deleted while the bot ran` }
        : { kind: 'replaced', since, detail: `the state database at ${this.location} was replaced while the bot ran (${id}, expected ${this.identity})` };
    } catch (err) {
      const message = (err as Error).message;
      if (/relation .* does not exist|no such table/i.test(message)) return { kind: 'deleted', since, detail: `the state tables in ${this.location} were deleted while the bot ran` };
      return { kind: 'unreachable', since, detail: `the state database ${this.location} does not answer: ${message}` };
    }
  }

  get closed(): boolean {
    return this.driver.closed;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  // ── subscriptions ──────────────────────────────────────────────────────────

  subscribe(channel: ChannelRef, settings: SubscriptionSettings, by: string, at: Date): Promise<Subscription> {
    const now = at.toISOString();
    return this.driver.transaction(async (tx) => {
      await tx.run(`UPDATE channels SET gone_at = NULL, gone_reason = NULL WHERE ${WHERE_CHANNEL}`, at3(channel));
      const values: SqlValue[] = [settings.cron, settings.timeZone, settings.language, settings.filters, settings.postEmpty ? 1 : 0];
      // Insert unless the channel has one; a replica subscribing the same channel at the same moment waits here, then updates.
      const inserted = await tx.run(
        `INSERT INTO subscriptions (cron, time_zone, language, filters, post_empty, platform, workspace_id, channel_id, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, workspace_id, channel_id) DO NOTHING`,
        [...values, ...at3(channel), now, by, now],
      );
      if (inserted === 0) {
        const existing = (await this.subscriptionIn(tx, channel))!;
        // A new schedule means a new expected run: the scheduler sets it.
        const rescheduled = existing.cron !== settings.cron || existing.timeZone !== settings.timeZone;
        await tx.run(
          `UPDATE subscriptions SET cron = ?, time_zone = ?, language = ?, filters = ?, post_empty = ?,
             active = 1, inactive_reason = NULL, updated_at = ?${rescheduled ? ', next_run_at = NULL' : ''}
           WHERE ${WHERE_CHANNEL}`,
          [...values, now, ...at3(channel)],
        );
      }
      return (await this.subscriptionIn(tx, channel))!;
    });
  }

  async unsubscribe(channel: ChannelRef): Promise<boolean> {
    return (await this.driver.run(`DELETE FROM subscriptions WHERE ${WHERE_CHANNEL}`, at3(channel))) > 0;
  }

  subscription(channel: ChannelRef): Promise<Subscription | undefined> {
    return this.subscriptionIn(this.driver, channel);
  }

  private async subscriptionIn(q: SqlExecutor, channel: ChannelRef): Promise<Subscription | undefined> {
    const row = await one<SubscriptionRow>(q, `SELECT * FROM subscriptions WHERE ${WHERE_CHANNEL}`, at3(channel));
    return row ? toSubscription(row) : undefined;
  }

  async subscriptionById(id: number): Promise<Subscription | undefined> {
    const row = await one<SubscriptionRow>(this.driver, 'SELECT * FROM subscriptions WHERE id = ?', [id]);
    return row ? toSubscription(row) : undefined;
  }

  async subscriptions(options: { readonly activeOnly?: boolean } = {}): Promise<Subscription[]> {
    const rows = await this.driver.all<SubscriptionRow>(`SELECT * FROM subscriptions${options.activeOnly ? ' WHERE active = 1' : ''} ORDER BY id`);
    return rows.map(toSubscription);
  }

  async recordRun(id: number, run: { readonly lastRunAt?: Date; readonly nextRunAt?: Date | null; readonly error?: string | null }): Promise<void> {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    if (run.lastRunAt) {
      sets.push('last_run_at = ?');
      values.push(run.lastRunAt.toISOString());
    }
    if (run.nextRunAt !== undefined) {
      sets.push('next_run_at = ?');
      values.push(run.nextRunAt ? run.nextRunAt.toISOString() : null);
    }
    if (run.error !== undefined) {
      sets.push('last_error = ?');
      values.push(run.error);
    }
    if (sets.length) await this.driver.run(`UPDATE subscriptions SET ${sets.join(', ')} WHERE id = ?`, [...values, id]);
  }

  // ── channels ───────────────────────────────────────────────────────────────

  markChannelGone(channel: ChannelRef, reason: string, at: Date): Promise<void> {
    const when = at.toISOString();
    return this.driver.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO channels (platform, workspace_id, channel_id, gone_at, gone_reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET gone_at = excluded.gone_at, gone_reason = excluded.gone_reason`,
        [...at3(channel), when, reason],
      );
      await tx.run(`UPDATE subscriptions SET active = 0, inactive_reason = ? WHERE ${WHERE_CHANNEL}`, [reason, ...at3(channel)]);
      await tx.run(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL}`, at3(channel));
    });
  }

  async isChannelGone(channel: ChannelRef): Promise<boolean> {
    const row = await one<{ gone_at: string | null }>(this.driver, `SELECT gone_at FROM channels WHERE ${WHERE_CHANNEL}`, at3(channel));
    return Boolean(row?.gone_at);
  }

  // ── watchlists ─────────────────────────────────────────────────────────────

  addWatch(channel: ChannelRef, entry: { readonly name: string; readonly key: string; readonly language: Lang }, by: string, at: Date): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await tx.run(`UPDATE channels SET gone_at = NULL, gone_reason = NULL WHERE ${WHERE_CHANNEL}`, at3(channel));
      const added = await tx.run(
        `INSERT INTO watches (platform, workspace_id, channel_id, key, name, language, added_at, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [...at3(channel), entry.key, entry.name, entry.language, at.toISOString(), by],
      );
      return added > 0;
    });
  }

  async removeWatch(channel: ChannelRef, key: string): Promise<boolean> {
    return (await this.driver.run(`DELETE FROM watches WHERE ${WHERE_CHANNEL} AND key = ?`, [...at3(channel), key])) > 0;
  }

  async watches(channel: ChannelRef): Promise<WatchEntry[]> {
    const rows = await this.driver.all<WatchRow>(`SELECT * FROM watches WHERE ${WHERE_CHANNEL} ORDER BY added_at, key`, at3(channel));
    return rows.map(toWatch);
  }

  async allWatches(): Promise<WatchEntry[]> {
    const rows = await this.driver.all<WatchRow>(
      `SELECT w.* FROM watches w LEFT JOIN channels c
         ON c.platform = w.platform AND c.workspace_id = w.workspace_id AND c.channel_id = w.channel_id
       WHERE c.gone_at IS NULL ORDER BY w.platform, w.workspace_id, w.channel_id, w.added_at, w.key`,
    );
    return rows.map(toWatch);
  }

  // ── deliveries and alerts ──────────────────────────────────────────────────

  recordDeliveries(channel: ChannelRef, incidentIds: readonly string[], kind: DeliveryKind, at: Date, messageIds: readonly string[]): Promise<number> {
    return this.driver.transaction((tx) => this.deliverIn(tx, channel, incidentIds, kind, at, messageIds));
  }

  private async deliverIn(tx: SqlExecutor, channel: ChannelRef, incidentIds: readonly string[], kind: DeliveryKind, at: Date, messageIds: readonly string[]): Promise<number> {
    let added = 0;
    const ids = JSON.stringify(messageIds);
    for (const id of incidentIds) {
      added += await tx.run(
        `INSERT INTO deliveries (platform, workspace_id, channel_id, incident_id, kind, delivered_at, message_ids)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [...at3(channel), id, kind, at.toISOString(), ids],
      );
      await tx.run(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL} AND incident_id = ?`, [...at3(channel), id]);
    }
    return added;
  }

  async deliveredIds(channel: ChannelRef): Promise<Set<string>> {
    const rows = await this.driver.all<{ incident_id: string }>(`SELECT incident_id FROM deliveries WHERE ${WHERE_CHANNEL}`, at3(channel));
    return new Set(rows.map((r) => r.incident_id));
  }

  async deliveries(channel: ChannelRef): Promise<Delivery[]> {
    const rows = await this.driver.all<ChannelCols & { incident_id: string; kind: DeliveryKind; delivered_at: string; message_ids: string }>(
      `SELECT * FROM deliveries WHERE ${WHERE_CHANNEL} ORDER BY delivered_at, incident_id`,
      at3(channel),
    );
    return rows.map((r) => ({ channel: ch(r), incidentId: r.incident_id, kind: r.kind, deliveredAt: r.delivered_at, messageIds: JSON.parse(r.message_ids) as string[] }));
  }

  queueAlerts(alerts: readonly Omit<PendingAlert, 'queuedAt'>[], at: Date): Promise<number> {
    return this.driver.transaction(async (tx) => {
      let queued = 0;
      for (const a of alerts) {
        queued += await tx.run(
          `INSERT INTO pending_alerts (platform, workspace_id, channel_id, incident_id, watch_name, queued_at)
           SELECT ?, ?, ?, ?, ?, ?
           WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE ${WHERE_CHANNEL} AND incident_id = ?)
           ON CONFLICT DO NOTHING`,
          [...at3(a.channel), a.incidentId, a.watchName, at.toISOString(), ...at3(a.channel), a.incidentId],
        );
      }
      return queued;
    });
  }

  async pendingAlerts(): Promise<PendingAlert[]> {
    const rows = await this.driver.all<ChannelCols & { incident_id: string; watch_name: string; queued_at: string }>(
      'SELECT * FROM pending_alerts ORDER BY queued_at, platform, workspace_id, channel_id, incident_id',
    );
    return rows.map((r) => ({ channel: ch(r), incidentId: r.incident_id, watchName: r.watch_name, queuedAt: r.queued_at }));
  }

  async dropPendingAlerts(channel: ChannelRef, incidentIds?: readonly string[]): Promise<void> {
    if (!incidentIds) {
      await this.driver.run(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL}`, at3(channel));
      return;
    }
    await this.driver.transaction(async (tx) => {
      for (const id of incidentIds) await tx.run(`DELETE FROM pending_alerts WHERE ${WHERE_CHANNEL} AND incident_id = ?`, [...at3(channel), id]);
    });
  }

  // ── outbox ─────────────────────────────────────────────────────────────────

  outboxAdd(item: NewOutboxItem, at: Date): Promise<OutboxItem> {
    const now = at.toISOString();
    return this.driver.transaction(async (tx) => {
      await this.outboxInsert(tx, item, now);
      return toOutbox((await one<OutboxRow>(tx, 'SELECT * FROM outbox WHERE key = ?', [item.key]))!);
    });
  }

  /** Writes an item unless its key is stored; 1 when it was new. */
  private outboxInsert(tx: SqlExecutor, item: NewOutboxItem, now: string): Promise<number> {
    return tx.run(
      `INSERT INTO outbox (key, platform, workspace_id, channel_id, kind, incident_ids, detail, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
      [item.key, ...at3(item.channel), item.kind, JSON.stringify(item.incidentIds), item.detail ?? null, now, now],
    );
  }

  outboxSent(key: string, messageIds: readonly string[], at: Date): Promise<void> {
    return this.driver.transaction(async (tx) => {
      const row = await one<OutboxRow>(tx, 'SELECT * FROM outbox WHERE key = ?', [key]);
      if (!row) throw new Error(`breachbot state: no outbox item "${key}" to mark sent`);
      await tx.run(`UPDATE outbox SET state = 'sent', message_ids = ?, updated_at = ?, not_before = NULL WHERE key = ?`, [JSON.stringify(messageIds), at.toISOString(), key]);
      // A note about incidents the channel has: nothing new is delivered.
      if (row.kind !== 'update') await this.deliverIn(tx, ch(row), JSON.parse(row.incident_ids) as string[], row.kind, at, messageIds);
    });
  }

  async outboxRetryLater(key: string, notBefore: Date, error: string): Promise<void> {
    const changed = await this.driver.run(
      `UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?, updated_at = ? WHERE key = ? AND state = 'pending'`,
      [notBefore.toISOString(), error, new Date().toISOString(), key],
    );
    if (changed === 0) await this.requirePending(key, 'retry');
  }

  async outboxAbandon(key: string, reason: string, at: Date = new Date()): Promise<void> {
    const changed = await this.driver.run(`UPDATE outbox SET state = 'abandoned', last_error = ?, updated_at = ? WHERE key = ? AND state = 'pending'`, [
      reason,
      at.toISOString(),
      key,
    ]);
    if (changed === 0) await this.requirePending(key, 'abandon');
  }

  /** Retrying or abandoning an item already sent or abandoned changes nothing; an unknown key is a bug. */
  private async requirePending(key: string, what: string): Promise<void> {
    if (!(await this.outboxItem(key))) throw new Error(`breachbot state: no outbox item "${key}" to ${what}`);
  }

  async outboxPending(): Promise<OutboxItem[]> {
    const rows = await this.driver.all<OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_at, key`);
    return rows.map(toOutbox);
  }

  async outboxDepth(): Promise<number> {
    const row = await one<{ n: number | string }>(this.driver, `SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'`, []);
    return Number(row?.n ?? 0);
  }

  async outboxItem(key: string): Promise<OutboxItem | undefined> {
    const row = await one<OutboxRow>(this.driver, 'SELECT * FROM outbox WHERE key = ?', [key]);
    return row ? toOutbox(row) : undefined;
  }

  async pruneOutbox(closedBefore: Date): Promise<number> {
    // `updated_at` of a closed item is when it was sent or abandoned (ISO text: compared bytewise on both engines).
    return this.driver.run(`DELETE FROM outbox WHERE state IN ('sent', 'abandoned') AND updated_at < ?`, [closedBefore.toISOString()]);
  }

  // ── leases ─────────────────────────────────────────────────────────────────

  async acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const t = now.getTime();
    // One statement: insert, or take over an expired lease, or renew our own; anything else changes no row.
    const changed = await this.driver.run(
      `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
      [name, holder, t + ttlMs, t],
    );
    return changed > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.driver.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]);
  }

  async pruneLeases(expiredBefore: Date): Promise<number> {
    return this.driver.run('DELETE FROM leases WHERE expires_at < ?', [expiredBefore.getTime()]);
  }

  // ── meta and channel settings ──────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return (await one<{ value: string }>(this.driver, 'SELECT value FROM meta WHERE key = ?', [key]))?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.driver.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async deleteMeta(key: string): Promise<boolean> {
    return (await this.driver.run('DELETE FROM meta WHERE key = ?', [key])) > 0;
  }

  async channelLanguage(channel: ChannelRef): Promise<Lang | undefined> {
    const row = await one<{ language: Lang | null }>(this.driver, `SELECT language FROM channel_settings WHERE ${WHERE_CHANNEL}`, at3(channel));
    return row?.language ?? undefined;
  }

  async channelUpdates(channel: ChannelRef): Promise<boolean> {
    const row = await one<{ updates: number | null }>(this.driver, `SELECT updates FROM channel_settings WHERE ${WHERE_CHANNEL}`, at3(channel));
    return row?.updates === null || row?.updates === undefined || Number(row.updates) === 1;
  }

  async setChannelUpdates(channel: ChannelRef, on: boolean): Promise<void> {
    await this.driver.run(
      `INSERT INTO channel_settings (platform, workspace_id, channel_id, updates) VALUES (?, ?, ?, ?)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET updates = excluded.updates`,
      [...at3(channel), on ? 1 : 0],
    );
  }

  // ── incident versions and updates ──────────────────────────────────────────

  async deliveredVersions(): Promise<{ delivered: Set<string>; versions: Map<string, IncidentVersion> }> {
    const delivered = await this.driver.all<{ incident_id: string }>('SELECT DISTINCT incident_id FROM deliveries');
    const versions = await this.driver.all<{ incident_id: string; fingerprint: string; facts: string }>('SELECT incident_id, fingerprint, facts FROM incident_versions');
    return {
      delivered: new Set(delivered.map((r) => r.incident_id)),
      versions: new Map(versions.map((r) => [r.incident_id, { incidentId: r.incident_id, fingerprint: r.fingerprint, facts: r.facts }])),
    };
  }

  async noteVersions(versions: readonly IncidentVersion[], at: Date): Promise<void> {
    if (versions.length === 0) return;
    await this.driver.transaction(async (tx) => {
      for (const v of versions) {
        await tx.run('INSERT INTO incident_versions (incident_id, fingerprint, facts, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING', [v.incidentId, v.fingerprint, v.facts, at.toISOString()]);
      }
    });
  }

  recordUpdates(changes: readonly IncidentChange[], at: Date, keyFor: (channel: ChannelRef, incidentIds: readonly string[]) => string): Promise<{ recorded: IncidentChange[]; notes: number }> {
    const when = at.toISOString();
    if (changes.length === 0) return Promise.resolve({ recorded: [], notes: 0 });
    return this.driver.transaction(async (tx) => {
      const recorded: IncidentChange[] = [];
      for (const c of changes) {
        // Only from the version this process saw: of two processes finding the same change, one records it.
        const moved = await tx.run('UPDATE incident_versions SET fingerprint = ?, facts = ?, seen_at = ? WHERE incident_id = ? AND fingerprint = ?', [c.to, c.after, when, c.incidentId, c.from]);
        if (moved === 0 || !c.notify) continue;
        await tx.run(
          `INSERT INTO incident_updates (incident_id, fingerprint, from_fingerprint, before_facts, after_facts, detected_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (incident_id, from_fingerprint, fingerprint) DO UPDATE SET detected_at = excluded.detected_at`,
          [c.incidentId, c.to, c.from, c.before, c.after, when],
        );
        recorded.push(c);
      }
      if (recorded.length === 0) return { recorded, notes: 0 };
      const byId = new Map(recorded.map((c) => [c.incidentId, c]));
      const rows = await tx.all<ChannelCols & { incident_id: string }>(
        `SELECT d.platform, d.workspace_id, d.channel_id, d.incident_id FROM deliveries d
           LEFT JOIN channels c ON c.platform = d.platform AND c.workspace_id = d.workspace_id AND c.channel_id = d.channel_id
           LEFT JOIN channel_settings s ON s.platform = d.platform AND s.workspace_id = d.workspace_id AND s.channel_id = d.channel_id
         WHERE d.incident_id IN (${recorded.map(() => '?').join(', ')}) AND d.delivered_at <= ? AND c.gone_at IS NULL AND (s.updates IS NULL OR s.updates = 1)
         ORDER BY d.platform, d.workspace_id, d.channel_id, d.incident_id`,
        [...recorded.map((c) => c.incidentId), when],
      );
      const perChannel = new Map<string, { channel: ChannelRef; ids: string[] }>();
      for (const r of rows) {
        const k = `${r.platform}\u0000${r.workspace_id}\u0000${r.channel_id}`;
        const entry = perChannel.get(k) ?? { channel: ch(r), ids: [] };
        entry.ids.push(r.incident_id);
        perChannel.set(k, entry);
      }
      let notes = 0;
      for (const { channel, ids } of perChannel.values()) {
        const detail = JSON.stringify(ids.map((id) => ({ incidentId: id, before: byId.get(id)!.before, after: byId.get(id)!.after })));
        notes += await this.outboxInsert(tx, { key: keyFor(channel, ids), channel, kind: 'update', incidentIds: ids, detail }, when);
      }
      return { recorded, notes };
    });
  }

  async updatesFor(channel: ChannelRef, since: string, until: string): Promise<IncidentUpdate[]> {
    const rows = await this.driver.all<{ incident_id: string; before_facts: string; after_facts: string; detected_at: string }>(
      `SELECT u.incident_id, u.before_facts, u.after_facts, u.detected_at FROM incident_updates u
         JOIN deliveries d ON d.incident_id = u.incident_id AND d.platform = ? AND d.workspace_id = ? AND d.channel_id = ?
       WHERE u.detected_at > ? AND u.detected_at <= ? AND d.delivered_at <= u.detected_at
       ORDER BY u.detected_at, u.incident_id`,
      [...at3(channel), since, until],
    );
    return rows.map((r) => ({ incidentId: r.incident_id, before: r.before_facts, after: r.after_facts, detectedAt: r.detected_at }));
  }

  async setChannelLanguage(channel: ChannelRef, lang: Lang | null): Promise<void> {
    await this.driver.run(
      `INSERT INTO channel_settings (platform, workspace_id, channel_id, language) VALUES (?, ?, ?, ?)
       ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET language = excluded.language`,
      [...at3(channel), lang],
    );
  }
}
