/**
 * A non-admin's subscribe is refused, and `/breach status` (`/breach-status` on Discord) answers
 * everyone, on both platforms' real adapters: the Bolt app in HTTP
 * mode (signed slash commands) and the discord.js client (interactions over the gateway), each
 * against its stand-in on 127.0.0.1, with the real digest handler behind them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { startDigests, type Digests } from '../../src/digest/index.js';
import { createSlackApp, type SlackBot } from '../../src/slack/slack-app.js';
import { startDiscord, type DiscordService } from '../../src/discord/index.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { coreOf, OLD_INCIDENTS } from './fixtures.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, TEAM, postToBot, slashCommandForm } from '../slack/fake-slack.js';
import { APP_ID, CHANNEL_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID, slashCommand, type CommandOption } from '../discord/fake-discord.js';
import { incident } from './fixtures.js';

const SUBCOMMAND = 1;
const STRING = 3;
const MANAGE_CHANNELS = String(1 << 4);
const ADMINISTRATOR = String(1 << 3);
const MANAGE_GUILD = String(1 << 5);

let slackFake: FakeSlack;
let discordFake: FakeDiscord;
let slackBot: SlackBot;
let discordBot: DiscordService;
let slackPort: number;
let digests: Digests;
let holder: CoreHolder;

beforeAll(async () => {
  slackFake = await new FakeSlack().start();
  discordFake = await new FakeDiscord().start();
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackFake.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0CONFADMIN',
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: discordFake.apiUrl,
  });
  if (!loaded.ok || !loaded.config.slack) throw new Error(loaded.ok ? 'no slack config' : loaded.errors.join('; '));
  const log = createLogger([BOT_TOKEN, SIGNING_SECRET, FAKE_TOKEN], () => undefined);
  holder = new CoreHolder(coreOf(OLD_INCIDENTS));
  const ctx = { config: loaded.config, holder, log };
  digests = await startDigests(ctx, [], { store: new SqliteStateStore(':memory:') });
  slackBot = await createSlackApp({ config: loaded.config.slack, holder: ctx.holder, log, language: 'en', handlers: [digests.handler], processBeforeResponse: true });
  ({ port: slackPort } = (await slackBot.start({ port: 0, host: '127.0.0.1' })) as { port: number });
  discordBot = await startDiscord(ctx, [digests.handler], { readyTimeoutMs: 5000 });
});

afterAll(async () => {
  await discordBot?.stop();
  await slackBot?.stop();
  await digests?.service.stop();
  await discordFake?.close();
  await slackFake?.stop();
});

async function slackSlash(text: string, user: string, command = 'digest'): Promise<string> {
  const id = `r${Math.random().toString(36).slice(2)}`;
  await postToBot(slackPort, slashCommandForm(`${command} ${text}`, slackFake.responseUrl(id), user));
  const body = slackFake.responses.find((r) => r.id === id)?.body;
  return JSON.stringify(body ?? {});
}

async function discordSlash(sub: string, options: { name: string; type: number; value: string }[], permissions: string, command = 'breach-digest'): Promise<string> {
  return discordCommand(command, [{ name: sub, type: SUBCOMMAND, options }], permissions);
}

/** A command as Discord sends it; the answer's JSON (the callback's data, or the edit after a deferral). */
async function discordCommand(command: string, options: CommandOption[], permissions: string, locale = 'en-US'): Promise<string> {
  // Discord sends the channel as an object too (discord.js reads its id from there).
  const payload = { ...slashCommand(command, options, { permissions, locale }), channel: { id: CHANNEL_ID, type: 0 } };
  discordFake.dispatch('INTERACTION_CREATE', payload);
  const callback = await discordFake.callback(payload.id);
  const body = callback.body as { type: number; data?: unknown };
  if (body.type !== 5) return JSON.stringify(body.data);
  // Deferred: the answer comes as an edit of the original reply.
  const edit = await discordFake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token));
  return JSON.stringify(edit.body);
}

describe('GIVEN the Slack adapter', () => {
  it('THEN a plain member\'s subscribe is refused with a clear message and nothing is stored; a configured admin\'s works', async () => {
    const refused = await slackSlash('subscribe 08:30 Europe/Paris', 'U0PLAIN');
    expect(refused).toContain("Only channel admins (workspace admins and the users the bot is configured to trust) can change this channel's digest");
    expect(refused).toContain('anyone can see it with `/breach digest status`.');
    expect((await digests.store.subscriptions()).filter((s) => s.channel.platform === 'slack')).toEqual([]);
    const status = await slackSlash('status', 'U0PLAIN');
    expect(status).toContain('This channel has no digest subscription');

    const ok = await slackSlash('subscribe 08:30 Europe/Paris', 'U0CONFADMIN');
    expect(ok).toContain('Subscribed: this channel will get a digest');
    expect((await digests.store.subscriptions()).filter((s) => s.channel.platform === 'slack')).toMatchObject([{ channel: { workspaceId: TEAM, channelId: 'C0CHANNEL' }, cron: '30 8 * * *', createdBy: 'U0CONFADMIN' }]);
  });

  it("THEN a plain member's watch add and unsubscribe are refused too; a workspace admin (users.info) may watch; everyone may list", async () => {
    const slackChannel = { platform: 'slack', workspaceId: TEAM, channelId: 'C0CHANNEL' };
    const refused = await slackSlash('add Orange', 'U0PLAIN', 'watch');
    expect(refused).toContain("Only channel admins (workspace admins and the users the bot is configured to trust) can change this channel's watchlist");
    expect((await digests.store.watches(slackChannel))).toEqual([]);
    expect(await slackSlash('unsubscribe', 'U0PLAIN')).toContain('Only channel admins');
    expect((await digests.store.subscription(slackChannel))).toBeDefined();

    slackFake.admins.add('U0WSADMIN');
    expect(await slackSlash('add Orange', 'U0WSADMIN', 'watch')).toContain('Watching “Orange”');
    expect((await digests.store.watches(slackChannel))).toMatchObject([{ name: 'Orange', addedBy: 'U0WSADMIN' }]);
    const list = await slackSlash('list', 'U0PLAIN', 'watch');
    expect(list).toContain('Orange');
    expect(list).not.toContain('Only channel admins');
  });

  it("THEN a plain member's /breach status shows the channel's digest and watchlist, and changes nothing", async () => {
    const status = await slackSlash('', 'U0PLAIN', 'status');
    expect(status).not.toContain('Only channel admins');
    expect(status).toMatch(/This channel has been subscribed to the digest since [^"]+\\nWhen: every day at 08:30 \(Europe\/Paris\), in English/);
    expect(status).toContain('In the next digest so far: nothing new');
    expect(status).toContain('This channel is alerted when a new incident names:\\n• Orange');
    const slackChannel = { platform: 'slack', workspaceId: TEAM, channelId: 'C0CHANNEL' };
    expect((await digests.store.subscription(slackChannel))).toMatchObject({ createdBy: 'U0CONFADMIN' });
    expect((await digests.store.watches(slackChannel)).map((w) => w.name)).toEqual(['Orange']);
  });
});

describe('GIVEN the Discord adapter', () => {
  it('THEN a member without Manage Channels is refused with a clear message; one with it subscribes', async () => {
    const refused = await discordSlash('subscribe', [{ name: 'time', type: STRING, value: '08:30' }], '0');
    expect(refused).toContain("Only channel admins (the Manage Server or Manage Channels permission) can change this channel's digest");
    // It names the command as Discord spells it: there is no "/breach digest" on Discord.
    expect(refused).toContain('anyone can see it with `/breach-status`.');
    expect((await digests.store.subscriptions()).filter((s) => s.channel.platform === 'discord')).toEqual([]);

    const ok = await discordSlash('subscribe', [{ name: 'time', type: STRING, value: '08:30' }], MANAGE_CHANNELS);
    expect(ok).toContain('Subscribed: this channel will get a digest');
    expect((await digests.store.subscriptions()).filter((s) => s.channel.platform === 'discord')).toMatchObject([{ channel: { workspaceId: GUILD_ID, channelId: CHANNEL_ID }, cron: '30 8 * * *' }]);
  });

  it("THEN a plain member's /breach-watch add is refused; Administrator or Manage Server may watch; everyone may list", async () => {
    const discordChannel = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    const name = (value: string) => [{ name: 'name', type: STRING, value }];
    const refused = await discordSlash('add', name('Orange'), '0', 'breach-watch');
    expect(refused).toContain("Only channel admins (the Manage Server or Manage Channels permission) can change this channel's watchlist");
    expect(refused).toContain('anyone can see it with `/breach-status`.');
    expect((await digests.store.watches(discordChannel))).toEqual([]);

    expect(await discordSlash('add', name('Orange'), ADMINISTRATOR, 'breach-watch')).toContain('Watching “Orange”');
    expect(await discordSlash('add', name('Inbenta'), MANAGE_GUILD, 'breach-watch')).toContain('Watching “Inbenta”');
    expect((await digests.store.watches(discordChannel)).map((w) => w.name).sort()).toEqual(['Inbenta', 'Orange']);
    const list = await discordSlash('list', [], '0', 'breach-watch');
    expect(list).toContain('Inbenta');
    expect(list).not.toContain('Only channel admins');
  });

  it("THEN a member without any permission runs /breach-status and sees the channel's subscription, what the next digest holds and its watchlist", async () => {
    // An incident enters the catalog after the channel subscribed: the next digest would hold it.
    holder.swap(coreOf([...OLD_INCIDENTS, incident('fresh-2027', { organization: { name: 'Fresh' }, addedAt: new Date(Date.now() + 1_000).toISOString() })]));
    const status = await discordCommand('breach-status', [], '0');
    expect(status).not.toContain('Only');
    expect(status).toMatch(/This channel has been subscribed to the digest since [^"]+\\nWhen: every day at 08:30 \(Europe\/Paris\), in English/);
    expect(status).toContain('In the next digest so far: 1 new incident (1 breach)');
    expect(status).toMatch(/This channel is alerted when a new incident names:\\n• (Inbenta\\n• Orange|Orange\\n• Inbenta)/);
    // Nothing a member without rights cannot run is suggested as the way to look.
    expect(status).not.toContain('/breach-digest status');
    expect(status).not.toContain('/breach-watch list');

    const fr = await discordCommand('breach-status', [], '0', 'fr');
    expect(fr).toContain('Ce canal est abonné au résumé depuis le');
    expect(fr).toContain('Dans le prochain résumé, pour l’instant\u202f: 1 nouvel incident (1 fuite de données)');
    expect(fr).toContain('Ce canal est alerté quand un nouvel incident cite\u202f:');
    expect((await digests.store.deliveredIds({ platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID })).size).toBe(0);
  });
});
