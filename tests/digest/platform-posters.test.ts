/**
 * The digest through the real Slack and Discord posters (src/slack, src/discord) against
 * stand-in APIs on 127.0.0.1: what each platform receives, a 5xx retried then accepted and
 * recorded with the platform's message ids, a gone channel paused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackPoster } from '../../src/slack/index.js';
import { createDiscordPoster, createPosterRest } from '../../src/discord/index.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext } from './fixtures.js';
import { startStandInApi, type StandInApi } from '../helpers/stand-in-api.js';

interface Call {
  readonly platform: 'slack' | 'discord';
  readonly channel: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
}
type Reply = { status: number; slackError?: string; discordCode?: number };

const calls: Call[] = [];
let historyLookups = 0;
const scripts = new Map<string, Reply[]>();
let api: StandInApi;
let n = 0;

beforeAll(async () => {
  api = await startStandInApi((req, raw, send) => {
    if (req.url === '/api/chat.postMessage') {
      // Slack's Web API client posts form-encoded, with blocks as a JSON string.
      const body = Object.fromEntries(new URLSearchParams(raw)) as Record<string, unknown>;
      const channel = String(body.channel);
      const reply = scripts.get(channel)?.shift() ?? { status: 200 };
      calls.push({ platform: 'slack', channel, status: reply.status, body: { ...body, blocks: JSON.parse(String(body.blocks ?? '[]')) } });
      if (reply.status !== 200) return send(reply.status, { ok: false });
      if (reply.slackError) return send(200, { ok: false, error: reply.slackError });
      return send(200, { ok: true, channel, ts: `1700000000.${String(++n).padStart(6, '0')}` });
    }
    // After a 5xx the bot cannot tell whether Slack stored the message: it looks in the history first.
    if (req.url === '/api/conversations.history') {
      historyLookups++;
      return send(200, { ok: true, messages: [], has_more: false });
    }
    const m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(req.url ?? '');
    if (m && req.method === 'POST') {
      const channel = m[1]!;
      const reply = scripts.get(channel)?.shift() ?? { status: 200 };
      calls.push({ platform: 'discord', channel, status: reply.status, body: JSON.parse(raw) as Record<string, unknown> });
      if (reply.status !== 200) return send(reply.status, { code: reply.discordCode ?? 0, message: reply.status === 404 ? 'Unknown Channel' : 'Internal Server Error' });
      return send(200, { id: String(900000000000000000n + BigInt(++n)), channel_id: channel });
    }
    send(404, { message: `no route ${req.method} ${req.url}` });
  });
});
afterAll(async () => {
  await api.close();
});

let digests: Digests | undefined;
afterEach(async () => {
  await digests?.service.stop();
  digests = undefined;
});

const FRESH = [
  incident('fresh-one', { organization: { name: 'Fresh One' }, addedAt: '2099-01-01T00:00:00Z' }),
  incident('fresh-two', { organization: { name: 'Fresh Two' }, addedAt: '2099-01-02T00:00:00Z' }),
];

async function setUp() {
  const ctx = testContext();
  const slack = createSlackPoster({ token: 'xoxb-0000000000-test-token-for-loopback', apiUrl: `${api.url}/api/`, minIntervalMs: 0 });
  const discord = createDiscordPoster(createPosterRest({ api: `${api.url}/api`, token: 'MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.test-token-for-loopback-only' }));
  digests = await startDigests(ctx, [slack, discord], { store: new SqliteStateStore(':memory:'), retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
  return { ctx, digests };
}

describe('GIVEN digests posted through the Slack and Discord posters', () => {
  it('THEN each platform gets the digest (after a 5xx retry) and the platform\'s message ids are recorded', async () => {
    const { ctx, digests } = await setUp();
    const slackChannel = { platform: 'slack', workspaceId: 'T1', channelId: 'C0DIGEST' };
    const discordChannel = { platform: 'discord', workspaceId: '200000000000000000', channelId: '300000000000000000' };
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('C0DIGEST', { platform: 'slack', workspaceId: 'T1' }));
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('300000000000000000', { platform: 'discord', workspaceId: '200000000000000000', language: 'fr' }));
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
    scripts.set('C0DIGEST', [{ status: 500 }]);
    scripts.set('300000000000000000', [{ status: 502 }]);

    const runs = await Promise.all((await digests.store.subscriptions()).map((s) => digests.scheduler.runNow(s.id)));
    expect(runs.map((r) => r?.status)).toEqual(['posted', 'posted']);

    const slackCalls = calls.filter((c) => c.channel === 'C0DIGEST');
    expect(slackCalls.map((c) => c.status)).toEqual([500, 200]);
    expect(historyLookups).toBe(1);
    const posted = JSON.stringify(slackCalls[1]!.body);
    expect(slackCalls[1]!.body.text).toMatch(/^Breach digest: 2 new incidents/);
    expect(posted.indexOf('fresh-two')).toBeLessThan(posted.indexOf('fresh-one'));
    expect((await digests.store.deliveries(slackChannel)).map((d) => d.messageIds[0])).toEqual([expect.stringMatching(/^1700000000\.\d{6}$/), expect.stringMatching(/^1700000000\.\d{6}$/)]);

    const discordCalls = calls.filter((c) => c.channel === '300000000000000000');
    expect(discordCalls.map((c) => c.status)).toEqual([502, 200]);
    expect(String(discordCalls[1]!.body.content)).toMatch(/^Résumé des fuites\u202f: 2 nouveaux incidents/);
    expect(discordCalls[1]!.body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(discordCalls[1]!.body)).toContain('/breach-show id:fresh-two');
    expect((await digests.store.deliveredIds(discordChannel))).toEqual(new Set(['fresh-one', 'fresh-two']));
  });

  it('THEN a Slack channel_not_found and a Discord Unknown Channel pause those subscriptions after one try', async () => {
    const { ctx, digests } = await setUp();
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('C0GONE', { platform: 'slack', workspaceId: 'T1' }));
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('400000000000000000', { platform: 'discord', workspaceId: '200000000000000000' }));
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
    scripts.set('C0GONE', [{ status: 200, slackError: 'channel_not_found' }]);
    scripts.set('400000000000000000', [{ status: 404, discordCode: 10003 }]);
    const runs = await Promise.all((await digests.store.subscriptions()).map((s) => digests.scheduler.runNow(s.id)));
    expect(runs.map((r) => r?.status)).toEqual(['gone', 'gone']);
    expect(calls.filter((c) => c.channel === 'C0GONE')).toHaveLength(1);
    expect(calls.filter((c) => c.channel === '400000000000000000')).toHaveLength(1);
    expect((await digests.store.subscriptions({ activeOnly: true }))).toEqual([]);
    expect((await digests.store.subscriptions()).map((s) => s.inactiveReason)).toEqual(['channel_not_found', expect.stringMatching(/^Discord 404 \(code 10003\)/)]);
  });
});
