import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { PostgresDriver } from '../../src/store/postgres-driver.js';
import { PostgresStateStore } from '../../src/store/postgres-state-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { dropSchemas, freshSchema, POSTGRES_URL } from '../helpers/postgres.js';
import { storeContract } from './store-contract.js';

const schemas: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'breachbot-pg-marker-'));
afterAll(async () => {
  await dropSchemas(schemas);
  rmSync(dir, { recursive: true, force: true });
});

const schemaOf = new WeakMap<StateStore, string>();
const openIn = async (schema: string, markerFile?: string) => {
  const store = await PostgresStateStore.open(POSTGRES_URL, { schema, ...(markerFile ? { markerFile } : {}) });
  schemaOf.set(store, schema);
  return store;
};

describe.skipIf(!POSTGRES_URL)('PostgreSQL', () => {
  storeContract({
    engine: 'PostgreSQL',
    async open() {
      const schema = freshSchema();
      schemas.push(schema);
      return openIn(schema);
    },
    async openPeer(of) {
      return openIn(schemaOf.get(of)!);
    },
  });

  describe('GIVEN a PostgreSQL state database', () => {
    it('THEN migrations are recorded by version, and replicas starting together migrate it once', async () => {
      const schema = freshSchema();
      schemas.push(schema);
      const stores = await Promise.all([1, 2, 3].map(() => openIn(schema)));
      expect(stores.map((s) => s.schemaVersion)).toEqual([MIGRATIONS.length, MIGRATIONS.length, MIGRATIONS.length]);
      const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
      await client.connect();
      const { rows } = await client.query('SELECT version, name FROM schema_migrations ORDER BY version');
      await client.end();
      expect(rows).toEqual(MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
      // One identity, whichever replica made it.
      const ids = await Promise.all(stores.map(async (s) => (await s.health()).identity));
      expect(new Set(ids).size).toBe(1);
      for (const s of stores) await s.close();
    });

    it('THEN a database of the release before updated notes (migration 2) keeps its outbox and takes update items', async () => {
      const schema = freshSchema();
      schemas.push(schema);
      const old = new PostgresDriver(POSTGRES_URL, { schema });
      expect(await old.migrate(MIGRATIONS.slice(0, 2))).toBe(2);
      await old.run(`INSERT INTO outbox (key, platform, workspace_id, channel_id, kind, incident_ids, created_at, updated_at) VALUES ('d:1', 'slack', 'T1', 'C1', 'digest', '["x-1"]', ?, ?)`, ['2027-01-10T07:00:00.000Z', '2027-01-10T07:00:00.000Z']);
      await old.close();
      const store = await openIn(schema);
      expect(store.schemaVersion).toBe(3);
      expect((await store.outboxPending()).map((i) => [i.key, i.kind, i.incidentIds])).toEqual([['d:1', 'digest', ['x-1']]]);
      const channel = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
      await store.outboxAdd({ key: 'u:1', channel, kind: 'update', incidentIds: ['x-1'], detail: '[]' }, new Date('2027-01-10T08:00:00Z'));
      expect((await store.outboxItem('u:1'))?.detail).toBe('[]');
      await expect(store.outboxAdd({ key: 'z:1', channel, kind: 'bogus' as never, incidentIds: [] }, new Date())).rejects.toThrow(/outbox_kind_check/);
      await store.close();
    });

    it('THEN a server that cannot be reached is an error at open naming the database, never its password', async () => {
      const url = POSTGRES_URL.replace(/\/\/([^@/]*)@127\.0\.0\.1:\d+/, '//breachbot:s3cret-pw@127.0.0.1:1');
      const failure = await PostgresStateStore.open(url, { schema: freshSchema() }).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(failure).toMatch(/cannot open PostgreSQL at postgres:\/\/breachbot:\*\*\*@127\.0\.0\.1:1\//);
      expect(failure).not.toContain('s3cret-pw');
    });

    it('WHEN the database is replaced, or its tables dropped while the bot runs THEN health says so and keeps saying it', async () => {
      const marker = join(dir, 'pg.identity');
      const first = freshSchema();
      const second = freshSchema();
      schemas.push(first, second);
      const store = await openIn(first, marker);
      expect(await store.health()).toMatchObject({ engine: 'postgres', ok: true, problems: [] });
      const id = readFileSync(marker, 'utf8').trim();
      expect((await store.health()).identity).toBe(id);
      await store.close();

      // Next start-up on another (empty) database: the marker names the old one.
      const other = await openIn(second, marker);
      const health = await other.health();
      expect(health.ok).toBe(false);
      expect(health.problems.map((p) => p.kind)).toEqual(['missing']);
      expect(health.location).not.toMatch(/:[^:@/]*@/);

      // Its tables dropped under it while it runs.
      await dropSchemas([second]);
      expect((await other.health()).problems.map((p) => p.kind)).toEqual(['missing', 'deleted']);
      await other.close();
      writeFileSync(marker, 'not-a-database-we-know\n');
      const third = await openIn(first, marker);
      expect((await third.health()).problems.map((p) => p.kind)).toEqual(['replaced']);
      await third.close();
    });
  });
});
