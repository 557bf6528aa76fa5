/**
 * The state store's contract: the same tests run against every engine (SQLite, PostgreSQL).
 * `open` gives a store on a fresh, empty database; `openPeer` a second connection to that same
 * database, as another process would have.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../src/store/state-store.js';

export interface StoreFactory {
  readonly engine: string;
  open(): Promise<StateStore>;
  openPeer(of: StateStore): Promise<StateStore>;
}

const A = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
const B = { platform: 'discord', workspaceId: 'G1', channelId: 'C1' };
const SETTINGS = { cron: '0 9 * * *', timeZone: 'Europe/Paris', language: 'fr' as const, filters: 'data:passwords', postEmpty: false };
const T = new Date('2027-01-10T07:00:00Z');
const later = (ms: number) => new Date(T.getTime() + ms);

export function storeContract(factory: StoreFactory): void {
  const opened: StateStore[] = [];
  const open = async () => {
    const s = await factory.open();
    opened.push(s);
    return s;
  };
  const peer = async (of: StateStore) => {
    const s = await factory.openPeer(of);
    opened.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of opened.splice(0)) if (!s.closed) await s.close();
  });

  describe(`GIVEN the ${factory.engine} state store`, () => {
    it('THEN subscriptions, watches and deliveries written are read back the same, also through another connection', async () => {
      const store = await open();
      const sub = await store.subscribe(A, SETTINGS, 'U1', T);
      expect(sub).toMatchObject({ ...SETTINGS, channel: A, active: true, createdAt: T.toISOString(), createdBy: 'U1' });
      expect(await store.addWatch(A, { name: 'Inbenta', key: 'inbenta', language: 'fr' }, 'U1', T)).toBe(true);
      expect(await store.recordDeliveries(A, ['x-1'], 'digest', T, ['m1'])).toBe(1);
      const other = await peer(store);
      expect(await other.subscription(A)).toEqual(sub);
      expect(await other.subscriptionById(sub.id)).toEqual(sub);
      expect((await other.watches(A)).map((w) => w.name)).toEqual(['Inbenta']);
      expect(await other.deliveries(A)).toEqual([{ channel: A, incidentId: 'x-1', kind: 'digest', deliveredAt: T.toISOString(), messageIds: ['m1'] }]);
      await store.close();
      expect(store.closed).toBe(true);
    });

    it('THEN two processes subscribing one channel at the same moment leave one subscription, with one of their settings', async () => {
      const store = await open();
      const other = await peer(store);
      const [a, b] = await Promise.all([store.subscribe(A, SETTINGS, 'U1', T), other.subscribe(A, { ...SETTINGS, filters: '' }, 'U2', later(1))]);
      expect(a.id).toBe(b.id);
      const subs = await store.subscriptions();
      expect(subs).toHaveLength(1);
      expect(['data:passwords', '']).toContain(subs[0]!.filters);
    });

    it('THEN an incident is delivered to a channel at most once, whatever posts it, and per channel', async () => {
      const store = await open();
      expect(await store.recordDeliveries(A, ['x-1', 'x-2'], 'alert', T, ['m1'])).toBe(2);
      expect(await store.recordDeliveries(A, ['x-2', 'x-3'], 'digest', T, ['m2'])).toBe(1);
      expect((await store.deliveries(A)).map((d) => `${d.incidentId}:${d.kind}`)).toEqual(['x-1:alert', 'x-2:alert', 'x-3:digest']);
      expect(await store.recordDeliveries(B, ['x-1'], 'digest', T, ['m3'])).toBe(1);
      expect([...(await store.deliveredIds(B))]).toEqual(['x-1']);
    });

    it('THEN a re-subscribe keeps the start date, applies the new settings and clears the expected run only if the schedule changed', async () => {
      const store = await open();
      const first = await store.subscribe(A, SETTINGS, 'U1', T);
      await store.recordRun(first.id, { nextRunAt: new Date('2027-01-10T08:00:00Z') });
      await store.subscribe(A, { ...SETTINGS, filters: '' }, 'U2', new Date('2027-01-12T00:00:00Z'));
      expect(await store.subscription(A)).toMatchObject({ id: first.id, createdAt: T.toISOString(), filters: '', nextRunAt: '2027-01-10T08:00:00.000Z' });
      await store.subscribe(A, { ...SETTINGS, cron: '30 8 * * *' }, 'U2', new Date('2027-01-12T00:00:00Z'));
      expect((await store.subscription(A))?.nextRunAt).toBeUndefined();
      await store.recordRun(first.id, { lastRunAt: later(1), nextRunAt: later(2), error: 'HTTP 503' });
      expect(await store.subscription(A)).toMatchObject({ lastRunAt: later(1).toISOString(), nextRunAt: later(2).toISOString(), lastError: 'HTTP 503' });
      await store.recordRun(first.id, { nextRunAt: null, error: null });
      const cleared = await store.subscription(A);
      expect(cleared?.nextRunAt).toBeUndefined();
      expect(cleared?.lastError).toBeUndefined();
      expect(await store.unsubscribe(A)).toBe(true);
      expect(await store.unsubscribe(A)).toBe(false);
      expect(await store.subscriptions()).toEqual([]);
    });

    it('THEN a gone channel pauses its subscription, drops its queued alerts and leaves the watch sweep; using the bot there again revives it', async () => {
      const store = await open();
      await store.subscribe(A, SETTINGS, 'U1', T);
      await store.addWatch(A, { name: 'Inbenta', key: 'inbenta', language: 'fr' }, 'U1', T);
      await store.addWatch(B, { name: 'Orange', key: 'orange', language: 'en' }, 'U1', T);
      expect(await store.queueAlerts([{ channel: A, incidentId: 'x-1', watchName: 'Inbenta' }], T)).toBe(1);
      await store.markChannelGone(A, 'channel_not_found', T);
      await store.markChannelGone(A, 'channel_not_found', T);
      expect(await store.isChannelGone(A)).toBe(true);
      expect(await store.subscription(A)).toMatchObject({ active: false, inactiveReason: 'channel_not_found' });
      expect(await store.subscriptions({ activeOnly: true })).toEqual([]);
      expect(await store.pendingAlerts()).toEqual([]);
      expect((await store.allWatches()).map((w) => w.name)).toEqual(['Orange']);
      await store.subscribe(A, SETTINGS, 'U1', T);
      expect(await store.isChannelGone(A)).toBe(false);
      expect((await store.subscription(A))?.active).toBe(true);
      expect((await store.allWatches()).map((w) => w.name).sort()).toEqual(['Inbenta', 'Orange']);
    });

    it('THEN alerts are queued once, never for an incident the channel already has, and leave the queue when delivered or dropped', async () => {
      const store = await open();
      await store.recordDeliveries(A, ['x-0'], 'digest', T, []);
      const alerts = [
        { channel: A, incidentId: 'x-0', watchName: 'Inbenta' },
        { channel: A, incidentId: 'x-1', watchName: 'Inbenta' },
        { channel: A, incidentId: 'x-2', watchName: 'Inbenta' },
      ];
      expect(await store.queueAlerts(alerts, T)).toBe(2);
      expect(await store.queueAlerts(alerts, T)).toBe(0);
      expect((await store.pendingAlerts()).map((a) => a.incidentId)).toEqual(['x-1', 'x-2']);
      await store.recordDeliveries(A, ['x-1'], 'alert', T, ['m']);
      expect((await store.pendingAlerts()).map((a) => a.incidentId)).toEqual(['x-2']);
      await store.dropPendingAlerts(A, ['x-2']);
      expect(await store.pendingAlerts()).toEqual([]);
      expect(await store.addWatch(A, { name: 'inbenta', key: 'inbenta', language: 'en' }, 'U', T)).toBe(true);
      expect(await store.addWatch(A, { name: 'INBENTA', key: 'inbenta', language: 'en' }, 'U', T)).toBe(false);
      expect(await store.removeWatch(A, 'inbenta')).toBe(true);
      expect(await store.removeWatch(A, 'inbenta')).toBe(false);
    });

    it('THEN the outbox stores an intent once per key, from any connection, and lists what is pending oldest first', async () => {
      const store = await open();
      const other = await peer(store);
      const first = await store.outboxAdd({ key: 'digest:A:1', channel: A, kind: 'digest', incidentIds: ['x-1', 'x-2'] }, T);
      expect(first).toEqual({ key: 'digest:A:1', channel: A, kind: 'digest', incidentIds: ['x-1', 'x-2'], state: 'pending', attempts: 0, createdAt: T.toISOString(), messageIds: [] });
      // The same key again, even with other contents and from another process: the stored intent, unchanged.
      expect(await other.outboxAdd({ key: 'digest:A:1', channel: B, kind: 'alert', incidentIds: ['y'] }, later(5))).toEqual(first);
      await other.outboxAdd({ key: 'alert:B:1', channel: B, kind: 'alert', incidentIds: ['y-1'] }, later(1));
      expect((await store.outboxPending()).map((i) => i.key)).toEqual(['digest:A:1', 'alert:B:1']);
      expect(await store.outboxDepth()).toBe(2);
      expect(await store.outboxItem('nope')).toBeUndefined();
    });

    it('THEN a sent item records its incidents as delivered with its messages, unqueues their alerts and leaves the pending list', async () => {
      const store = await open();
      await store.recordDeliveries(A, ['x-1'], 'alert', T, ['earlier']);
      await store.queueAlerts([{ channel: A, incidentId: 'x-2', watchName: 'Orange' }], T);
      await store.outboxAdd({ key: 'k1', channel: A, kind: 'digest', incidentIds: ['x-1', 'x-2', 'x-3'] }, T);
      await store.outboxSent('k1', ['m1', 'm2'], later(10));
      expect(await store.outboxItem('k1')).toMatchObject({ state: 'sent', messageIds: ['m1', 'm2'] });
      expect(await store.deliveries(A)).toEqual([
        { channel: A, incidentId: 'x-1', kind: 'alert', deliveredAt: T.toISOString(), messageIds: ['earlier'] },
        { channel: A, incidentId: 'x-2', kind: 'digest', deliveredAt: later(10).toISOString(), messageIds: ['m1', 'm2'] },
        { channel: A, incidentId: 'x-3', kind: 'digest', deliveredAt: later(10).toISOString(), messageIds: ['m1', 'm2'] },
      ]);
      expect(await store.pendingAlerts()).toEqual([]);
      expect(await store.outboxPending()).toEqual([]);
      expect(await store.outboxDepth()).toBe(0);
      // Marking it sent twice changes nothing; an unknown key is refused and records nothing.
      await store.outboxSent('k1', ['m1', 'm2'], later(20));
      expect((await store.deliveries(A)).map((d) => d.deliveredAt)).toEqual([T, later(10), later(10)].map((d) => d.toISOString()));
      await expect(store.outboxSent('missing', ['m9'], T)).rejects.toThrow(/no outbox item "missing"/);
      expect(await store.deliveries(B)).toEqual([]);
    });

    it('THEN a retry counts the attempt and keeps the item until its time; an abandoned item is no longer pending', async () => {
      const store = await open();
      await store.outboxAdd({ key: 'k1', channel: A, kind: 'alert', incidentIds: ['x-1'] }, T);
      await store.outboxAdd({ key: 'k2', channel: B, kind: 'alert', incidentIds: ['x-1'] }, T);
      await store.outboxRetryLater('k1', later(45_000), 'HTTP 429');
      await store.outboxRetryLater('k1', later(90_000), 'HTTP 503');
      expect(await store.outboxItem('k1')).toMatchObject({ state: 'pending', attempts: 2, notBefore: later(90_000).toISOString(), lastError: 'HTTP 503' });
      await store.outboxAbandon('k2', 'channel_not_found');
      expect(await store.outboxItem('k2')).toMatchObject({ state: 'abandoned', lastError: 'channel_not_found' });
      expect((await store.outboxPending()).map((i) => i.key)).toEqual(['k1']);
      // Once sent, a late retry or abandon does not bring it back.
      await store.outboxSent('k1', ['m'], later(100_000));
      await store.outboxRetryLater('k1', later(200_000), 'late');
      await store.outboxAbandon('k1', 'late');
      expect(await store.outboxItem('k1')).toMatchObject({ state: 'sent', attempts: 2 });
      await expect(store.outboxRetryLater('missing', T, 'x')).rejects.toThrow(/no outbox item "missing"/);
      await expect(store.outboxAbandon('missing', 'x')).rejects.toThrow(/no outbox item "missing"/);
    });

    it('THEN a lease goes to one holder until it expires or is released; its holder renews it', async () => {
      const store = await open();
      const other = await peer(store);
      expect(await store.acquireLease('digest:1', 'p1', 30_000, T)).toBe(true);
      expect(await other.acquireLease('digest:1', 'p2', 30_000, later(29_999))).toBe(false);
      // Renewed by its holder: the expiry moves.
      expect(await store.acquireLease('digest:1', 'p1', 30_000, later(20_000))).toBe(true);
      expect(await other.acquireLease('digest:1', 'p2', 30_000, later(30_000))).toBe(false);
      // Expired: another holder takes it over, and the first one no longer has it.
      expect(await other.acquireLease('digest:1', 'p2', 30_000, later(50_000))).toBe(true);
      expect(await store.acquireLease('digest:1', 'p1', 30_000, later(50_001))).toBe(false);
      // Released only by its holder.
      await store.releaseLease('digest:1', 'p1');
      expect(await store.acquireLease('digest:1', 'p1', 30_000, later(50_002))).toBe(false);
      await other.releaseLease('digest:1', 'p2');
      expect(await store.acquireLease('digest:1', 'p1', 30_000, later(50_003))).toBe(true);
      // Leases are independent of each other.
      expect(await other.acquireLease('alerts', 'p2', 30_000, later(50_003))).toBe(true);
    });

    it('THEN of several processes asking for a free lease at once, exactly one gets it', async () => {
      const store = await open();
      const peers = [store, await peer(store), await peer(store), await peer(store)];
      const won = await Promise.all(peers.flatMap((s, i) => [1, 2].map((k) => s.acquireLease('run:2027-01-10', `p${i}-${k}`, 60_000, T))));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('THEN lease rows expired before the cut-off are deleted (a crashed holder\'s lease, old request claims); live and recently expired ones stay', async () => {
      const store = await open();
      const day = 24 * 60 * 60_000;
      // A channel lease its holder crashed with, two days ago; a request claim (an hour) from yesterday morning; one from an hour ago; a live lease.
      expect(await store.acquireLease('post:slack/T1/C1', 'crashed', 60_000, later(-2 * day))).toBe(true);
      expect(await store.acquireLease('once:old-claim', 'claim-1', 60 * 60_000, later(-day - 2 * 60 * 60_000))).toBe(true);
      expect(await store.acquireLease('once:recent-claim', 'claim-2', 60 * 60_000, later(-2 * 60 * 60_000))).toBe(true);
      expect(await store.acquireLease('post:slack/T1/C2', 'alive', 60_000, T)).toBe(true);
      const other = await peer(store);
      expect(await other.pruneLeases(later(-day))).toBe(2);
      expect(await store.pruneLeases(later(-day))).toBe(0);
      // What stays still works as before: the live lease is held, the recent claim still refuses a repeat until it expires.
      expect(await other.acquireLease('post:slack/T1/C2', 'someone-else', 60_000, later(1_000))).toBe(false);
      expect(await other.acquireLease('once:recent-claim', 'claim-3', 60 * 60_000, later(-60 * 60_000 - 1))).toBe(false);
      // Later still, everything expired for long goes.
      expect(await store.pruneLeases(later(day))).toBe(2);
    });

    it('THEN outbox items sent or abandoned before the cut-off are deleted; pending ones stay however old, a kept key still refuses a second intent, deliveries stay', async () => {
      const store = await open();
      const day = 24 * 60 * 60_000;
      const item = (key: string, kind: 'digest' | 'alert', incidentIds: string[]) => ({ key, channel: A, kind, incidentIds });
      // Sent 31 days ago (written 40 days ago); abandoned 31 days ago; sent 29 days ago; written 40 days ago and sent only yesterday; pending for 60 days (still in flight).
      await store.outboxAdd(item('d:old-sent', 'digest', ['x-1']), later(-40 * day));
      await store.outboxSent('d:old-sent', ['m1'], later(-31 * day));
      await store.outboxAdd(item('a:old-abandoned', 'alert', ['x-2']), later(-32 * day));
      await store.outboxAbandon('a:old-abandoned', 'channel_not_found', later(-31 * day));
      await store.outboxAdd(item('d:recent-sent', 'digest', ['x-3']), later(-29 * day));
      await store.outboxSent('d:recent-sent', ['m3'], later(-29 * day));
      await store.outboxAdd(item('a:late-sent', 'alert', ['x-5']), later(-40 * day));
      await store.outboxSent('a:late-sent', ['m5'], later(-day));
      await store.outboxAdd(item('d:old-pending', 'digest', ['x-4']), later(-60 * day));
      const other = await peer(store);
      expect(await other.pruneOutbox(later(-30 * day))).toBe(2);
      expect(await store.pruneOutbox(later(-30 * day))).toBe(0);
      expect(await store.outboxItem('d:old-sent')).toBeUndefined();
      expect(await store.outboxItem('a:old-abandoned')).toBeUndefined();
      expect((await store.outboxPending()).map((i) => i.key)).toEqual(['d:old-pending']);
      // A key kept still names its post: the same intent again gets the sent item back, not a new one to post.
      expect(await store.outboxAdd(item('d:recent-sent', 'digest', ['x-9']), T)).toMatchObject({ state: 'sent', incidentIds: ['x-3'], messageIds: ['m3'] });
      expect(await store.outboxItem('a:late-sent')).toMatchObject({ state: 'sent' });
      // What the deleted items delivered stays delivered: an incident is still posted to the channel once.
      expect([...(await store.deliveredIds(A))].sort()).toEqual(['x-1', 'x-3', 'x-5']);
      // Much later, the closed rows go too; the pending one still stays.
      expect(await store.pruneOutbox(later(31 * day))).toBe(2);
      expect((await store.outboxPending()).map((i) => i.key)).toEqual(['d:old-pending']);
    });

    it('THEN meta values and a channel language are remembered, replaced and forgotten', async () => {
      const store = await open();
      expect(await store.getMeta('catalog')).toBeUndefined();
      await store.setMeta('catalog', '{"size":8105}');
      await store.setMeta('catalog', '{"size":8106}');
      expect(await (await peer(store)).getMeta('catalog')).toBe('{"size":8106}');
      expect(await store.deleteMeta('catalog')).toBe(true);
      expect(await store.deleteMeta('catalog')).toBe(false);
      expect(await (await peer(store)).getMeta('catalog')).toBeUndefined();
      expect(await store.channelLanguage(A)).toBeUndefined();
      await store.setChannelLanguage(A, 'fr');
      expect(await store.channelLanguage(A)).toBe('fr');
      expect(await store.channelLanguage(B)).toBeUndefined();
      await store.setChannelLanguage(A, 'en');
      expect(await store.channelLanguage(A)).toBe('en');
      await store.setChannelLanguage(A, null);
      expect(await store.channelLanguage(A)).toBeUndefined();
    });

    it('THEN the updated-notes switch is on by default, per channel, kept beside the language', async () => {
      const store = await open();
      expect(await store.channelUpdates(A)).toBe(true);
      await store.setChannelLanguage(A, 'fr');
      await store.setChannelUpdates(A, false);
      expect(await (await peer(store)).channelUpdates(A)).toBe(false);
      expect(await store.channelLanguage(A)).toBe('fr');
      expect(await store.channelUpdates(B)).toBe(true);
      await store.setChannelUpdates(A, true);
      expect(await store.channelUpdates(A)).toBe(true);
    });

    it('THEN a changed incident gets one update note per channel that had it (not gone, notes on), once, whichever process finds it first', async () => {
      const store = await open();
      const C = { platform: 'slack', workspaceId: 'T1', channelId: 'C3' };
      const D = { platform: 'slack', workspaceId: 'T1', channelId: 'C4' };
      await store.recordDeliveries(A, ['x-1', 'x-2'], 'digest', T, ['m1']);
      await store.recordDeliveries(B, ['x-1'], 'alert', T, ['m2']);
      await store.recordDeliveries(C, ['x-1'], 'digest', T, ['m3']);
      await store.recordDeliveries(D, ['x-1'], 'digest', T, ['m4']);
      await store.setChannelUpdates(C, false);
      await store.markChannelGone(D, 'channel_not_found', T);
      await store.noteVersions([{ incidentId: 'x-1', fingerprint: 'v1', facts: '{"count":1}' }, { incidentId: 'x-2', fingerprint: 'w1', facts: '{}' }], T);
      // A first sight never replaces what was seen.
      await store.noteVersions([{ incidentId: 'x-1', fingerprint: 'v9', facts: '{}' }], later(1));
      const seen = await store.deliveredVersions();
      expect([...seen.delivered].sort()).toEqual(['x-1', 'x-2']);
      expect(seen.versions.get('x-1')).toEqual({ incidentId: 'x-1', fingerprint: 'v1', facts: '{"count":1}' });

      const change = { incidentId: 'x-1', notify: true, from: 'v1', to: 'v2', before: '{"count":1}', after: '{"count":2}' };
      const key = (channel: { platform: string; channelId: string }, ids: readonly string[]) => `u:${channel.platform}/${channel.channelId}:${ids.join(',')}@v2`;
      const other = await peer(store);
      const [one, two] = await Promise.all([store.recordUpdates([change], later(2), key), other.recordUpdates([change], later(2), key)]);
      expect([one.recorded.length, two.recorded.length].sort()).toEqual([0, 1]);
      expect(one.notes + two.notes).toBe(2);
      const notes = (await store.outboxPending()).filter((i) => i.kind === 'update');
      expect(notes.map((n) => n.incidentIds)).toEqual([['x-1'], ['x-1']]);
      expect(notes.map((n) => `${n.channel.platform}/${n.channel.channelId}`).sort()).toEqual(['discord/C1', 'slack/C1']);
      expect(JSON.parse(notes[0]!.detail!)).toEqual([{ incidentId: 'x-1', before: '{"count":1}', after: '{"count":2}' }]);
      // Found again (a restart, a stale process): the version moved, nothing more.
      expect(await store.recordUpdates([change], later(3), key)).toEqual({ recorded: [], notes: 0 });
      // Sent: nothing is delivered by a note.
      await store.outboxSent(notes[0]!.key, ['m9'], later(4));
      expect((await store.deliveries(notes[0]!.channel)).map((d) => d.messageIds)).not.toContainEqual(['m9']);
      // The digest's view: changes found in its period to incidents the channel had then.
      expect(await store.updatesFor(A, T.toISOString(), later(10).toISOString())).toEqual([{ incidentId: 'x-1', before: '{"count":1}', after: '{"count":2}', detectedAt: later(2).toISOString() }]);
      expect(await store.updatesFor(A, later(2).toISOString(), later(10).toISOString())).toEqual([]);
      // A change not worth telling moves the version, records nothing, writes no note.
      expect(await store.recordUpdates([{ incidentId: 'x-2', notify: false, from: 'w1', to: 'w2', before: '{}', after: '{}' }], later(5), key)).toMatchObject({ notes: 0 });
      expect((await store.deliveredVersions()).versions.get('x-2')?.fingerprint).toBe('w2');
      expect(await store.updatesFor(A, T.toISOString(), later(10).toISOString())).toHaveLength(1);
    });

    it('THEN a closed store refuses work instead of losing it silently', async () => {
      const store = await open();
      await store.close();
      await expect(store.outboxAdd({ key: 'k', channel: A, kind: 'digest', incidentIds: ['x'] }, T)).rejects.toThrow();
      await expect(store.recordDeliveries(A, ['x'], 'digest', T, [])).rejects.toThrow();
    });
  });
}
