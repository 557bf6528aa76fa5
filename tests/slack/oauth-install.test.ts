/**
 * Many workspaces: "Add to Slack" through Bolt's installer against the fake Slack's
 * `oauth.v2.access` on loopback, installations kept in a store, every request and every digest
 * post made with its own workspace's token; uninstalling removes the token and pauses the
 * workspace's digests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { MemoryInstallationRecords } from '../../src/slack/installation-store.js';
import type { SlackBot } from '../../src/slack/slack-app.js';
import { createWorkspacePoster } from '../../src/slack/workspace-poster.js';
import { FakeSlack, SIGNING_SECRET, mentionEvent, sign } from './fake-slack.js';
import { DATA, startHttpSlackBot } from './fixtures.js';

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'c0ffee0123456789c0ffee0123456789';
const STATE_SECRET = 'a-state-secret-for-tests-only';

let fake: FakeSlack;
let bot: SlackBot;
let port: number;
const records = new MemoryInstallationRecords();
const removed: [string, string][] = [];
const logLines: string[] = [];

const tokenOf = (id: string) => `xoxb-${id}-0000-installed-token`;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const loaded = loadConfig({
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: DATA,
  });
  if (!loaded.ok || !loaded.config.slack) throw new Error(loaded.ok ? 'no slack config' : loaded.errors.join('; '));
  const log = createLogger([CLIENT_SECRET, STATE_SECRET], (l) => logLines.push(l));
  ({ bot, port } = await startHttpSlackBot({
    config: loaded.config.slack,
    log,
    installations: records,
    onWorkspaceRemoved: async (workspaceId, reason) => {
      removed.push([workspaceId, reason]);
    },
  }));
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const base = () => `http://127.0.0.1:${port}`;

/** The browser's trip: /slack/install → Slack's consent page (skipped) → /slack/oauth_redirect with the code. */
async function install(org: { team?: string; enterprise?: string }): Promise<{ status: number; text: string }> {
  const id = org.team ?? org.enterprise!;
  const grid = !org.team;
  fake.on('oauth.v2.access', (params) => ({
    ok: true,
    app_id: 'A0BREACHBOT',
    authed_user: { id: `U${id}ADMIN` },
    scope: 'commands,chat:write,app_mentions:read,users:read',
    token_type: 'bot',
    access_token: String(params.code) === `code-${id}` ? tokenOf(id) : 'xoxb-wrong',
    bot_user_id: `UB${id}`,
    team: grid ? null : { id, name: `Team ${id}` },
    enterprise: org.enterprise ? { id: org.enterprise, name: 'Grid' } : null,
    is_enterprise_install: grid,
  }));
  fake.on('auth.test', { ok: true, url: `https://${id}.slack.test/`, team_id: org.team ?? '', user_id: `UB${id}`, bot_id: `B${id}`, ...(grid ? { enterprise_id: id, is_enterprise_install: true } : {}) });
  const start = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location')!);
  expect(consent.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(consent.searchParams.get('scope')).toBe('app_mentions:read,channels:history,chat:write,commands,files:write,groups:history,users:read');
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const done = await fetch(`${base()}/slack/oauth_redirect?code=code-${id}&state=${encodeURIComponent(consent.searchParams.get('state')!)}`, { headers: { cookie } });
  return { status: done.status, text: await done.text() };
}

async function event(body: Record<string, unknown>): Promise<number> {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(raw, ts) }, body: raw });
  await res.text();
  return res.status;
}

const mentionFrom = (team: string, extra: Record<string, unknown> = {}) => ({ ...mentionEvent('<@UBOT> inbenta', { channel: `C${team}` }), team_id: team, ...extra });

describe('GIVEN three workspaces installing the app through "Add to Slack"', () => {
  it('THEN each install completes, and each installation is stored with its own token', async () => {
    for (const team of ['T1', 'T2', 'T3']) {
      const done = await install({ team });
      expect(done.status).toBe(200);
      expect(done.text).toContain('breachbot is installed');
    }
    expect([...records.records.keys()].sort()).toEqual(['T:T1', 'T:T2', 'T:T3']);
    expect(JSON.parse(records.records.get('T:T2')!).bot.token).toBe(tokenOf('T2'));
    const exchanges = fake.callsOf('oauth.v2.access');
    expect(exchanges.map((c) => c.params.client_id)).toEqual([CLIENT_ID, CLIENT_ID, CLIENT_ID]);
  });

  it('THEN a mention in each workspace is answered with that workspace\'s token', async () => {
    fake.reset();
    for (const team of ['T1', 'T2', 'T3']) expect(await event(mentionFrom(team))).toBe(200);
    const posts = fake.callsOf('chat.postMessage');
    expect(posts.map((p) => [p.params.channel, p.authorization])).toEqual([
      ['CT1', `Bearer ${tokenOf('T1')}`],
      ['CT2', `Bearer ${tokenOf('T2')}`],
      ['CT3', `Bearer ${tokenOf('T3')}`],
    ]);
  });

  it('THEN a digest post to a channel of T3 goes out with T3\'s token', async () => {
    fake.reset();
    const poster = createWorkspacePoster({ authorize: (q) => bot.authorize!(q), apiUrl: fake.apiUrl, minIntervalMs: 0 });
    const result = await poster.post({ platform: 'slack', workspaceId: 'T3', channelId: 'CT3DIGEST' }, { kind: 'message', tone: 'info', outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' }, incidents: [] }, 'en');
    expect(result.ok).toBe(true);
    expect(fake.callsOf('chat.postMessage').map((p) => p.authorization)).toEqual([`Bearer ${tokenOf('T3')}`]);
  });

  it('THEN the secrets never reach the log', () => {
    const text = logLines.join('\n');
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(tokenOf('T1'));
  });
});

describe('GIVEN an Enterprise Grid organization installing org-wide', () => {
  it('THEN the installation is kept for the organization and a mention from any of its workspaces uses the org token', async () => {
    expect((await install({ enterprise: 'E1' })).status).toBe(200);
    expect(records.records.has('E:E1')).toBe(true);
    fake.reset();
    expect(await event(mentionFrom('T9', { enterprise_id: 'E1', is_enterprise_install: true }))).toBe(200);
    expect(fake.callsOf('chat.postMessage').map((p) => p.authorization)).toEqual([`Bearer ${tokenOf('E1')}`]);
  });
});

describe('GIVEN an install with a forged or missing state', () => {
  it('THEN the redirect fails with a clear page and nothing is stored', async () => {
    const before = records.records.size;
    const res = await fetch(`${base()}/slack/oauth_redirect?code=code-T7&state=forged`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('was not installed');
    expect(records.records.size).toBe(before);
  });
});

describe('GIVEN workspace T2 uninstalls the app', () => {
  it('THEN its installation is removed, its digests are paused, and its requests are no longer answered', async () => {
    expect(await event({ type: 'event_callback', team_id: 'T2', api_app_id: 'A0BREACHBOT', event_id: 'EvUninstall', event_time: 1, event: { type: 'app_uninstalled', event_ts: '1.0' } })).toBe(200);
    expect(records.records.has('T:T2')).toBe(false);
    expect(removed).toEqual([['T2', 'app uninstalled']]);
    fake.reset();
    // Acknowledged (Slack must not retry), but nothing runs without the workspace's token.
    expect(await event(mentionFrom('T2'))).toBe(200);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
    const poster = createWorkspacePoster({ authorize: (q) => bot.authorize!(q), apiUrl: fake.apiUrl, minIntervalMs: 0 });
    const result = await poster.post({ platform: 'slack', workspaceId: 'T2', channelId: 'CT2' }, { kind: 'message', tone: 'info', outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' }, incidents: [] }, 'en');
    expect(result).toMatchObject({ ok: false, gone: true });
  });

  it('THEN T1 revoking the bot token removes T1 too, and T3 is still answered', async () => {
    expect(await event({ type: 'event_callback', team_id: 'T1', api_app_id: 'A0BREACHBOT', event_id: 'EvRevoke', event_time: 1, event: { type: 'tokens_revoked', tokens: { bot: ['UBT1'] }, event_ts: '1.0' } })).toBe(200);
    expect(records.records.has('T:T1')).toBe(false);
    expect(removed.at(-1)).toEqual(['T1', 'bot token revoked']);
    fake.reset();
    expect(await event(mentionFrom('T3'))).toBe(200);
    expect(fake.callsOf('chat.postMessage').map((p) => p.authorization)).toEqual([`Bearer ${tokenOf('T3')}`]);
  });
});

describe('GIVEN the many-workspace settings typed wrong', () => {
  it('THEN every missing or conflicting variable is named at once', () => {
    const loaded = loadConfig({ SLACK_CLIENT_ID: CLIENT_ID, SLACK_BOT_TOKEN: 'xoxb-0000000000-single-workspace', SLACK_MODE: 'socket' });
    expect(loaded.ok).toBe(false);
    const errors = loaded.ok ? [] : loaded.errors.join('\n');
    for (const name of ['SLACK_BOT_TOKEN must not be set with SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET is required', 'SLACK_STATE_SECRET is required', 'SLACK_MODE must be "http"', 'SLACK_SIGNING_SECRET is required']) expect(errors).toContain(name);
  });
});
