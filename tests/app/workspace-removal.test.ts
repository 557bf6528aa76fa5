/**
 * What replicas share through the state store (SQLite here; the same statements run on
 * PostgreSQL): claims on requests already acted on, Slack installations, and the pause of a
 * workspace that removed the app.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseWorkspace } from '../../src/app/pause-workspace.js';
import { StoreSeenRequests } from '../../src/http/seen-requests.js';
import { StateStoreInstallationRecords, StoredInstallations } from '../../src/slack/installation-store.js';
import { buildSlackManifest } from '../../src/slack/manifest.js';
import { SqliteStateStore } from '../../src/store/index.js';

let path: string;
let a: SqliteStateStore;
let b: SqliteStateStore;

beforeAll(() => {
  path = join(mkdtempSync(join(tmpdir(), 'breachbot-shared-')), 'state.sqlite');
  // Two stores on one database file: two replicas sharing it.
  a = new SqliteStateStore(path);
  b = new SqliteStateStore(path);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

const settings = { cron: '0 9 * * *', timeZone: 'Europe/Paris', language: 'en' as const, filters: '', postEmpty: false };

describe('GIVEN two replicas sharing one state store', () => {
  it('THEN a request claimed by one is a repeat for the other, within its time to live', async () => {
    const one = new StoreSeenRequests(a);
    const two = new StoreSeenRequests(b);
    expect(await one.claim('event-Ev1', 60_000)).toBe(true);
    expect(await two.claim('event-Ev1', 60_000)).toBe(false);
    expect(await one.claim('event-Ev1', 60_000)).toBe(false);
    expect(await two.claim('event-Ev2', 60_000)).toBe(true);
  });

  it('THEN an installation stored by one replica authorizes requests on the other, and its deletion too', async () => {
    const writer = new StoredInstallations(new StateStoreInstallationRecords(a));
    const reader = new StoredInstallations(new StateStoreInstallationRecords(b));
    await writer.storeInstallation({ team: { id: 'T1' }, enterprise: undefined, isEnterpriseInstall: false, bot: { token: 'xoxb-T1-token', scopes: ['chat:write'], id: 'B1', userId: 'UB1' }, user: { id: 'U1', token: undefined, scopes: undefined }, authVersion: 'v2' } as never);
    expect((await reader.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-T1-token');
    await reader.deleteInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(writer.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/no Slack installation/);
  });
});

describe('GIVEN a workspace that removes the app', () => {
  it('THEN its channels with a digest or a watchlist are paused, other workspaces and platforms untouched', async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const ch = (platform: string, workspaceId: string, channelId: string) => ({ platform, workspaceId, channelId });
    await a.subscribe(ch('slack', 'T2', 'C1'), settings, 'U1', at);
    await a.subscribe(ch('slack', 'T3', 'C9'), settings, 'U1', at);
    await a.subscribe(ch('discord', 'T2', 'C1'), settings, 'U1', at);
    await a.addWatch(ch('slack', 'T2', 'C2'), { name: 'Orange', key: 'orange', language: 'en' }, 'U1', at);
    expect(await pauseWorkspace(a, 'slack', 'T2', 'app uninstalled')).toBe(2);
    const active = (await b.subscriptions({ activeOnly: true })).map((s) => `${s.channel.platform}:${s.channel.workspaceId}:${s.channel.channelId}`).sort();
    expect(active).toEqual(['discord:T2:C1', 'slack:T3:C9']);
    expect((await b.allWatches()).filter((w) => w.channel.workspaceId === 'T2' && w.channel.platform === 'slack')).toEqual([]);
    const paused = await b.subscription(ch('slack', 'T2', 'C1'));
    expect(paused?.active).toBe(false);
  });
});

describe('GIVEN the manifest writer asked for distribution', () => {
  it('THEN the manifest has the redirect URL, the removal events, org-wide deploy and token rotation when asked', () => {
    const m = buildSlackManifest({ httpUrl: 'https://bot.example.com/', distribute: { tokenRotation: true } }) as { oauth_config: { redirect_urls: string[] }; settings: Record<string, unknown> & { event_subscriptions: { bot_events: string[] } } };
    expect(m.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'app_uninstalled', 'tokens_revoked']);
    expect(m.settings.org_deploy_enabled).toBe(true);
    expect(m.settings.token_rotation_enabled).toBe(true);
    const single = buildSlackManifest({ httpUrl: 'https://bot.example.com' }) as { oauth_config: Record<string, unknown>; settings: Record<string, unknown> };
    expect(single.oauth_config.redirect_urls).toBeUndefined();
    expect(single.settings.org_deploy_enabled).toBe(false);
  });
});
