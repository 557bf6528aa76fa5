import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';

const dir = mkdtempSync(join(tmpdir(), 'breachbot-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const B = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const SETTINGS = { cron: '0 9 * * *', timeZone: 'Europe/Paris', language: 'fr' as const, filters: 'data:passwords', postEmpty: false };
const T = new Date('2027-01-10T07:00:00Z');

describe('GIVEN the SQLite state store', () => {
  it('THEN a new file gets its folder, the schema at the latest version and WAL; reopening keeps everything', () => {
    const file = join(dir, 'a', 'b', 'state.sqlite');
    const store = new SqliteStateStore(file);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.journalMode).toBe('wal');
    store.subscribe(A, SETTINGS, 'U1', T);
    store.addWatch(A, { name: 'Inbenta', key: 'inbenta', language: 'fr' }, 'U1', T);
    store.recordDeliveries(A, ['x-1'], 'digest', T, ['m1']);
    store.close();
    expect(store.closed).toBe(true);

    const again = new SqliteStateStore(file);
    expect(again.subscription(A)).toMatchObject({ ...SETTINGS, channel: A, active: true, createdAt: T.toISOString(), createdBy: 'U1' });
    expect(again.watches(A).map((w) => w.name)).toEqual(['Inbenta']);
    expect(again.deliveries(A)).toEqual([{ channel: A, incidentId: 'x-1', kind: 'digest', deliveredAt: T.toISOString(), messageIds: ['m1'] }]);
    again.close();
  });

  it('THEN migrations run in order from any older version, and a newer database is refused', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ['CREATE TABLE one (x)', 'CREATE TABLE two (y)'])).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(migrate(db, ['CREATE TABLE one (x)', 'CREATE TABLE two (y)', 'ALTER TABLE two ADD COLUMN z'])).toBe(3);
    expect(db.prepare("SELECT name FROM pragma_table_info('two')").pluck().all()).toEqual(['y', 'z']);
    expect(() => migrate(db, ['CREATE TABLE one (x)'])).toThrow(/schema version 3, newer than this build knows \(1\)/);
    db.close();
  });

  it('THEN an incident is delivered to a channel at most once, whatever posts it, and per channel', () => {
    const store = new SqliteStateStore(':memory:');
    expect(store.recordDeliveries(A, ['x-1', 'x-2'], 'alert', T, ['m1'])).toBe(2);
    expect(store.recordDeliveries(A, ['x-2', 'x-3'], 'digest', T, ['m2'])).toBe(1);
    expect(store.deliveries(A).map((d) => `${d.incidentId}:${d.kind}`)).toEqual(['x-1:alert', 'x-2:alert', 'x-3:digest']);
    expect(store.recordDeliveries(B, ['x-1'], 'digest', T, ['m3'])).toBe(1);
    expect([...store.deliveredIds(B)]).toEqual(['x-1']);
    store.close();
  });

  it('THEN a re-subscribe keeps the start date, applies the new settings and clears the expected run only if the schedule changed', () => {
    const store = new SqliteStateStore(':memory:');
    const first = store.subscribe(A, SETTINGS, 'U1', T);
    store.recordRun(first.id, { nextRunAt: new Date('2027-01-10T08:00:00Z') });
    store.subscribe(A, { ...SETTINGS, filters: '' }, 'U2', new Date('2027-01-12T00:00:00Z'));
    expect(store.subscription(A)).toMatchObject({ id: first.id, createdAt: T.toISOString(), filters: '', nextRunAt: '2027-01-10T08:00:00.000Z' });
    store.subscribe(A, { ...SETTINGS, cron: '30 8 * * *' }, 'U2', new Date('2027-01-12T00:00:00Z'));
    expect(store.subscription(A)?.nextRunAt).toBeUndefined();
    expect(store.unsubscribe(A)).toBe(true);
    expect(store.unsubscribe(A)).toBe(false);
    store.close();
  });

  it('THEN a gone channel pauses its subscription, drops its queued alerts and leaves the watch sweep; using the bot there again revives it', () => {
    const store = new SqliteStateStore(':memory:');
    store.subscribe(A, SETTINGS, 'U1', T);
    store.addWatch(A, { name: 'Inbenta', key: 'inbenta', language: 'fr' }, 'U1', T);
    store.addWatch(B, { name: 'Orange', key: 'orange', language: 'en' }, 'U1', T);
    expect(store.queueAlerts([{ channel: A, incidentId: 'x-1', watchName: 'Inbenta' }], T)).toBe(1);
    store.markChannelGone(A, 'channel_not_found', T);
    expect(store.isChannelGone(A)).toBe(true);
    expect(store.subscription(A)).toMatchObject({ active: false, inactiveReason: 'channel_not_found' });
    expect(store.subscriptions({ activeOnly: true })).toEqual([]);
    expect(store.pendingAlerts()).toEqual([]);
    expect(store.allWatches().map((w) => w.name)).toEqual(['Orange']);
    store.subscribe(A, SETTINGS, 'U1', T);
    expect(store.isChannelGone(A)).toBe(false);
    expect(store.subscription(A)?.active).toBe(true);
    expect(store.allWatches().map((w) => w.name).sort()).toEqual(['Inbenta', 'Orange']);
    store.close();
  });

  it('THEN alerts are queued once, never for an incident the channel already has, and leave the queue when delivered', () => {
    const store = new SqliteStateStore(':memory:');
    store.recordDeliveries(A, ['x-0'], 'digest', T, []);
    const alerts = [
      { channel: A, incidentId: 'x-0', watchName: 'Inbenta' },
      { channel: A, incidentId: 'x-1', watchName: 'Inbenta' },
    ];
    expect(store.queueAlerts(alerts, T)).toBe(1);
    expect(store.queueAlerts(alerts, T)).toBe(0);
    expect(store.pendingAlerts().map((a) => a.incidentId)).toEqual(['x-1']);
    store.recordDeliveries(A, ['x-1'], 'alert', T, ['m']);
    expect(store.pendingAlerts()).toEqual([]);
    expect(store.addWatch(A, { name: 'inbenta', key: 'inbenta', language: 'en' }, 'U', T)).toBe(true);
    expect(store.addWatch(A, { name: 'INBENTA', key: 'inbenta', language: 'en' }, 'U', T)).toBe(false);
    store.close();
  });
});
