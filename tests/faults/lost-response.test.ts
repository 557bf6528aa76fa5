/**
 * Fault matrix: a lost response. Slack (or Discord) stores the digest, then the connection
 * drops before the bot hears back. Through the real Slack and Discord posters against the fakes:
 * the retry reconciles (Slack: the message found in the channel history by its metadata key;
 * Discord: the same nonce, enforced) and the channel holds the digest once, recorded.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { createDiscordPoster, createPosterRest } from '../../src/discord/index.js';
import { createSlackPoster } from '../../src/slack/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { conversation, coreOf, incident, OLD_INCIDENTS, testContext } from '../digest/fixtures.js';
import { CHANNEL_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID } from '../discord/fake-discord.js';
import { BOT_TOKEN, FakeSlack, TEAM } from '../slack/fake-slack.js';

let slack: FakeSlack;
let discord: FakeDiscord;
let digests: Digests | undefined;
beforeAll(async () => {
  slack = await new FakeSlack().start();
  discord = await new FakeDiscord().start();
});
afterEach(async () => {
  await digests?.service.stop();
  digests = undefined;
});
afterAll(async () => {
  await slack.stop();
  await discord.close();
});

const FRESH = [incident('lost-one', { addedAt: '2099-01-01T00:00:00Z' }), incident('lost-two', { addedAt: '2099-01-02T00:00:00Z' })];

async function boot() {
  const ctx = testContext();
  const posters = [
    createSlackPoster({ token: BOT_TOKEN, apiUrl: slack.apiUrl, minIntervalMs: 0 }),
    createDiscordPoster(createPosterRest({ api: discord.apiUrl, token: FAKE_TOKEN })),
  ];
  const store = new SqliteStateStore(':memory:');
  digests = await startDigests(ctx, posters, { store, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
  return { ctx, store, digests };
}

describe('GIVEN a subscribed channel and a lost response', () => {
  it('WHEN Slack stores the digest and drops the connection THEN the retry finds it by its metadata key: one message, recorded', async () => {
    const { ctx, store, digests } = await boot();
    const channel = { platform: 'slack', workspaceId: TEAM, channelId: 'C0LOST' };
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation('C0LOST', { platform: 'slack', workspaceId: TEAM }));
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
    slack.dropAfterStore = 1;
    const sub = (await store.subscription(channel))!;
    const run = await digests.scheduler.runNow(sub.id);
    expect(run?.status).toBe('posted');
    expect(slack.messagesIn('C0LOST')).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('conversations.history')).toHaveLength(1);
    expect(await store.deliveredIds(channel)).toEqual(new Set(['lost-one', 'lost-two']));
    // Nothing left for the next run.
    expect((await digests.scheduler.runNow(sub.id))?.status).toBe('nothing-new');
    expect(slack.messagesIn('C0LOST')).toHaveLength(1);
  });

  it('WHEN Discord stores the digest and drops the connection THEN the retry sends the same nonce: one message, recorded', async () => {
    const { ctx, store, digests } = await boot();
    const channel = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    await digests.handler.handle({ command: 'digest', action: 'subscribe' }, conversation(CHANNEL_ID, { platform: 'discord', workspaceId: GUILD_ID }));
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
    discord.messages.length = 0;
    discord.dropAfterStore = 1;
    const sub = (await store.subscription(channel))!;
    expect((await digests.scheduler.runNow(sub.id))?.status).toBe('posted');
    expect(discord.messagesIn(CHANNEL_ID)).toHaveLength(1);
    const tries = discord.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`);
    expect(tries).toHaveLength(2);
    expect(tries[0]!.body.nonce).toBe(tries[1]!.body.nonce);
    expect(await store.deliveredIds(channel)).toEqual(new Set(['lost-one', 'lost-two']));
  });
});
