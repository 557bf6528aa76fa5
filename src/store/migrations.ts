/**
 * The state database's schema, as ordered migrations. Migration n brings a database from
 * `user_version` n-1 to n; start-up applies the missing ones in order, each in a transaction.
 * Never edit a released migration: append a new one.
 */
import type { Database } from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1: channels, subscriptions, watchlists, deliveries, pending alerts.
  `
  CREATE TABLE channels (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    gone_at      TEXT,
    gone_reason  TEXT,
    PRIMARY KEY (platform, workspace_id, channel_id)
  ) WITHOUT ROWID;

  CREATE TABLE subscriptions (
    id              INTEGER PRIMARY KEY,
    platform        TEXT NOT NULL,
    workspace_id    TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    cron            TEXT NOT NULL,
    time_zone       TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('en', 'fr')),
    filters         TEXT NOT NULL DEFAULT '',
    post_empty      INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    inactive_reason TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    last_run_at     TEXT,
    next_run_at     TEXT,
    last_error      TEXT,
    UNIQUE (platform, workspace_id, channel_id)
  );

  CREATE TABLE watches (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    language     TEXT NOT NULL CHECK (language IN ('en', 'fr')),
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (platform, workspace_id, channel_id, key)
  ) WITHOUT ROWID;

  -- "Never twice" is this primary key: one row per incident per channel, whatever posted it.
  CREATE TABLE deliveries (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    incident_id  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
    delivered_at TEXT NOT NULL,
    message_ids  TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (platform, workspace_id, channel_id, incident_id)
  ) WITHOUT ROWID;

  CREATE TABLE pending_alerts (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    incident_id  TEXT NOT NULL,
    watch_name   TEXT NOT NULL,
    queued_at    TEXT NOT NULL,
    PRIMARY KEY (platform, workspace_id, channel_id, incident_id)
  ) WITHOUT ROWID;
  `,
];

/** Applies the missing migrations in order; returns the schema version reached. */
export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`breachbot state: the database is at schema version ${current}, newer than this build knows (${migrations.length}); upgrade breachbot`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      // PRAGMA takes no bound parameters; v is a loop integer.
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}
