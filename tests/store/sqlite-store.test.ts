import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { migrateSqlite } from '../../src/store/sqlite-driver.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import type { StateStore } from '../../src/store/state-store.js';
import { storeContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'breachbot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = new WeakMap<StateStore, string>();
let n = 0;
storeContract({
  engine: 'SQLite',
  async open() {
    const file = join(dir, `contract-${++n}.sqlite`);
    const store = new SqliteStateStore(file);
    files.set(store, file);
    return store;
  },
  async openPeer(of) {
    return new SqliteStateStore(files.get(of)!);
  },
});

const A = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const T = new Date('2027-01-10T07:00:00Z');

describe('GIVEN a SQLite state file', () => {
  it('THEN a new file gets its folder, the schema at the latest version and WAL; reopening keeps everything', async () => {
    const file = join(dir, 'a', 'b', 'state.sqlite');
    const store = new SqliteStateStore(file);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.journalMode).toBe('wal');
    await store.recordDeliveries(A, ['x-1'], 'digest', T, ['m1']);
    await store.close();
    const again = new SqliteStateStore(file);
    expect([...(await again.deliveredIds(A))]).toEqual(['x-1']);
    await again.close();
  });

  it('THEN migrations run in order from any older version, keep the data, and a newer database is refused', async () => {
    const file = join(dir, 'old.sqlite');
    // A database written by the release that had only migration 1.
    const db = new Database(file);
    expect(migrateSqlite(db, MIGRATIONS.slice(0, 1))).toBe(1);
    db.prepare(`INSERT INTO deliveries (platform, workspace_id, channel_id, incident_id, kind, delivered_at) VALUES ('slack', 'T1', 'C1', 'x-1', 'digest', ?)`).run(T.toISOString());
    db.close();
    const store = new SqliteStateStore(file);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect([...(await store.deliveredIds(A))]).toEqual(['x-1']);
    expect(await store.outboxDepth()).toBe(0);
    await store.close();

    // A database of the release before "updated" notes (migration 2) keeps its outbox, and takes update items.
    const v2 = join(dir, 'v2.sqlite');
    const db2 = new Database(v2);
    expect(migrateSqlite(db2, MIGRATIONS.slice(0, 2))).toBe(2);
    db2.prepare(`INSERT INTO outbox (key, platform, workspace_id, channel_id, kind, incident_ids, created_at, updated_at) VALUES ('d:1', 'slack', 'T1', 'C1', 'digest', '["x-1"]', ?, ?)`).run(T.toISOString(), T.toISOString());
    db2.close();
    const upgraded = new SqliteStateStore(v2);
    expect(upgraded.schemaVersion).toBe(3);
    expect((await upgraded.outboxPending()).map((i) => [i.key, i.kind, i.incidentIds])).toEqual([['d:1', 'digest', ['x-1']]]);
    await upgraded.outboxAdd({ key: 'u:1', channel: A, kind: 'update', incidentIds: ['x-1'], detail: '[]' }, T);
    expect((await upgraded.outboxItem('u:1'))?.detail).toBe('[]');
    expect(await upgraded.channelUpdates(A)).toBe(true);
    await upgraded.close();

    const mem = new Database(':memory:');
    const steps = [{ sqlite: 'CREATE TABLE one (x)' }, { sqlite: 'CREATE TABLE two (y)' }, { sqlite: 'ALTER TABLE two ADD COLUMN z' }];
    expect(migrateSqlite(mem, steps.slice(0, 2))).toBe(2);
    expect(migrateSqlite(mem, steps)).toBe(3);
    expect(mem.prepare("SELECT name FROM pragma_table_info('two')").pluck().all()).toEqual(['y', 'z']);
    expect(() => migrateSqlite(mem, steps.slice(0, 1))).toThrow(/schema version 3, newer than this build knows \(1\)/);
    mem.close();
  });

  it('WHEN another process holds the write lock THEN a write waits without blocking the event loop, and goes through once the lock is released', async () => {
    const file = join(dir, 'locked.sqlite');
    const store = new SqliteStateStore(file, { lockWaitMs: 10_000 });
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    let done = false;
    const write = store.outboxAdd({ key: 'k', channel: A, kind: 'digest', incidentIds: ['x'] }, T).then(() => (done = true));
    // The event loop keeps turning while the write waits: other work (an acknowledgement) runs.
    let turns = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 5));
      turns++;
    }
    expect(turns).toBe(20);
    expect(done).toBe(false);
    holder.exec('COMMIT');
    await write;
    expect(await store.outboxDepth()).toBe(1);
    holder.close();
    await store.close();
  });

  it('WHEN the lock is held longer than the store waits THEN the write is refused with the reason, and nothing is written', async () => {
    const file = join(dir, 'locked-long.sqlite');
    const store = new SqliteStateStore(file, { lockWaitMs: 50 });
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    await expect(store.outboxAdd({ key: 'k', channel: A, kind: 'digest', incidentIds: ['x'] }, T)).rejects.toThrow(/stayed locked by another process/);
    holder.exec('ROLLBACK');
    holder.close();
    expect(await store.outboxDepth()).toBe(0);
    await store.close();
  });
});

describe('GIVEN a SQLite state file the bot ran with before', () => {
  it('THEN reopening it is healthy, and its identity is kept in the file and in the marker beside it', async () => {
    const file = join(dir, 'kept.sqlite');
    const first = new SqliteStateStore(file);
    const id = (await first.health()).identity;
    await first.close();
    expect(existsSync(`${file}.identity`)).toBe(true);
    const again = new SqliteStateStore(file);
    expect(await again.health()).toEqual({ engine: 'sqlite', location: file, identity: id, ok: true, problems: [] });
    await again.close();
  });

  it('WHEN the file went missing between runs THEN the new, empty database says state was lost', async () => {
    const file = join(dir, 'lost.sqlite');
    const first = new SqliteStateStore(file);
    await first.subscribe(A, { cron: '0 9 * * *', timeZone: 'Europe/Paris', language: 'en', filters: '', postEmpty: false }, 'U1', T);
    await first.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) unlinkSync(f);
    const fresh = new SqliteStateStore(file);
    const health = await fresh.health();
    expect(health.ok).toBe(false);
    expect(health.problems).toMatchObject([{ kind: 'missing', detail: expect.stringMatching(/was missing at start-up.*subscriptions, watchlists and delivery records were lost/) }]);
    // Reported for this run; the next start-up compares with the new database.
    await fresh.close();
    const next = new SqliteStateStore(file);
    expect((await next.health()).ok).toBe(true);
    await next.close();
  });

  it('WHEN another database file was put in its place between runs THEN it is reported as replaced', async () => {
    const file = join(dir, 'swapped.sqlite');
    const other = join(dir, 'other.sqlite');
    await new SqliteStateStore(file).close();
    await new SqliteStateStore(other).close();
    copyFileSync(other, file);
    const store = new SqliteStateStore(file);
    expect((await store.health()).problems.map((p) => p.kind)).toEqual(['replaced']);
    await store.close();
  });

  it('WHEN the file is deleted or replaced while the bot runs THEN health reports it from then on', async () => {
    const file = join(dir, 'deleted-live.sqlite');
    const store = new SqliteStateStore(file);
    expect((await store.health()).ok).toBe(true);
    unlinkSync(file);
    // SQLite itself keeps writing to the deleted file without a word.
    await store.setMeta('still', 'writes');
    const health = await store.health();
    expect(health.problems).toMatchObject([{ kind: 'deleted', detail: expect.stringContaining(file) }]);
    expect((await store.health()).problems).toHaveLength(1);
    await store.close();

    const swapped = join(dir, 'swapped-live.sqlite');
    const live = new SqliteStateStore(swapped);
    await new SqliteStateStore(join(dir, 'intruder.sqlite')).close();
    renameSync(join(dir, 'intruder.sqlite'), swapped);
    expect((await live.health()).problems.map((p) => p.kind)).toEqual(['replaced']);
    await live.close();
  });
});
