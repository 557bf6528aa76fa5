/**
 * The state database's schema, as ordered migrations, one list for both engines: migration n
 * brings a database from version n-1 to n, with the SQL of each engine side by side so they
 * cannot drift apart. Start-up applies the missing ones in order, each in a transaction
 * (SQLite records the version in `user_version`, PostgreSQL in `schema_migrations`).
 * Never edit a released migration: append a new one (a new table = one more entry).
 */
export interface Migration {
  /** What it adds, for the log and `schema_migrations`. */
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** The tables of migration 1, in the SQL both engines read the same way. */
const V1_COMMON = (idColumn: string, withoutRowid: string) => `
  CREATE TABLE channels (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    gone_at      TEXT,
    gone_reason  TEXT,
    PRIMARY KEY (platform, workspace_id, channel_id)
  )${withoutRowid};

  CREATE TABLE subscriptions (
    ${idColumn},
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
  )${withoutRowid};

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
  )${withoutRowid};

  CREATE TABLE pending_alerts (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    incident_id  TEXT NOT NULL,
    watch_name   TEXT NOT NULL,
    queued_at    TEXT NOT NULL,
    PRIMARY KEY (platform, workspace_id, channel_id, incident_id)
  )${withoutRowid};
`;

/** Migration 2: the outbox, leases, meta and channel settings. */
const V2_COMMON = (withoutRowid: string) => `
  -- A post intended, written before it is made; 'sent' only together with its deliveries.
  CREATE TABLE outbox (
    key          TEXT NOT NULL PRIMARY KEY,
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
    incident_ids TEXT NOT NULL DEFAULT '[]',
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'abandoned')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    last_error   TEXT,
    message_ids  TEXT NOT NULL DEFAULT '[]'
  )${withoutRowid};
  CREATE INDEX outbox_by_state ON outbox (state, created_at);

  -- One row per lease; expires_at in epoch milliseconds, compared in the statement that takes it.
  CREATE TABLE leases (
    name       TEXT NOT NULL PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  )${withoutRowid};

  CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
  )${withoutRowid};

  CREATE TABLE channel_settings (
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    language     TEXT CHECK (language IN ('en', 'fr')),
    PRIMARY KEY (platform, workspace_id, channel_id)
  )${withoutRowid};
`;

/**
 * Migration 3: "updated" notes. A channel's switch for them (`channel_settings.updates`, NULL =
 * on), the facts each delivered incident had when the bot last looked (`incident_versions`), the
 * changes found since (`incident_updates`, what the notes and digests tell), and outbox items of
 * kind 'update' carrying what changed (`outbox.detail`). SQLite cannot change a CHECK, so its
 * outbox is copied into a new table; PostgreSQL swaps the constraint.
 */
const V3_TABLES = (withoutRowid: string) => `
  -- The facts (count, sources, affected organizations) of an incident some channel received, as last seen.
  CREATE TABLE incident_versions (
    incident_id TEXT NOT NULL PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    facts       TEXT NOT NULL,
    seen_at     TEXT NOT NULL
  )${withoutRowid};

  -- One row per change found: the facts before and after, and when it was found.
  CREATE TABLE incident_updates (
    incident_id      TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    from_fingerprint TEXT NOT NULL,
    before_facts     TEXT NOT NULL,
    after_facts      TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    PRIMARY KEY (incident_id, from_fingerprint, fingerprint)
  )${withoutRowid};
  CREATE INDEX incident_updates_by_time ON incident_updates (detected_at);

  ALTER TABLE channel_settings ADD COLUMN updates INTEGER;
`;

const V3_SQLITE = `${V3_TABLES(' WITHOUT ROWID')}
  CREATE TABLE outbox_v3 (
    key          TEXT NOT NULL PRIMARY KEY,
    platform     TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    channel_id   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('digest', 'alert', 'update')),
    incident_ids TEXT NOT NULL DEFAULT '[]',
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'abandoned')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    last_error   TEXT,
    message_ids  TEXT NOT NULL DEFAULT '[]',
    detail       TEXT
  ) WITHOUT ROWID;
  INSERT INTO outbox_v3 (key, platform, workspace_id, channel_id, kind, incident_ids, state, attempts, not_before, created_at, updated_at, last_error, message_ids)
    SELECT key, platform, workspace_id, channel_id, kind, incident_ids, state, attempts, not_before, created_at, updated_at, last_error, message_ids FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_v3 RENAME TO outbox;
  CREATE INDEX outbox_by_state ON outbox (state, created_at);
`;

const V3_POSTGRES = `${V3_TABLES('')}
  ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
  ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('digest', 'alert', 'update'));
  ALTER TABLE outbox ADD COLUMN detail TEXT;
`;

/**
 * PostgreSQL compares text by the database's locale unless told otherwise; SQLite compares bytes.
 * Every text column of ours is "C" (bytewise) in PostgreSQL, so both order ids and dates alike.
 */
const bytewise = (sql: string) => sql.replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'channels, subscriptions, watchlists, deliveries, pending alerts',
    sqlite: V1_COMMON('id INTEGER PRIMARY KEY', ' WITHOUT ROWID'),
    postgres: bytewise(V1_COMMON('id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY', '')),
  },
  {
    name: 'outbox, leases, meta, channel settings',
    sqlite: V2_COMMON(' WITHOUT ROWID'),
    postgres: bytewise(V2_COMMON('')),
  },
  {
    name: 'updated notes: incident versions and updates, the channel switch, update outbox items',
    sqlite: V3_SQLITE,
    postgres: bytewise(V3_POSTGRES),
  },
];

export function newerSchemaError(found: number, known: number): Error {
  return new Error(`breachbot state: the database is at schema version ${found}, newer than this build knows (${known}); upgrade breachbot`);
}
