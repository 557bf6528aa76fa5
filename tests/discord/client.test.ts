/**
 * The real discord.js Client against the fake Discord on 127.0.0.1: slash commands, autocomplete,
 * buttons, French, command handlers (deferred when slow, admin-only), failures, reconnection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import type { CommandHandler, Conversation } from '../../src/ports/index.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { seedCore } from '../helpers/catalog-fixtures.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { CatalogBuilder } from '../../src/core/catalog.js';
import { COMMANDS, type CommandDefinition, type CommandRequest } from '../../commands/index.js';
import { startDiscord, type DiscordService } from '../../src/discord/index.js';
import { APP_ID, CHANNEL_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID, USER_ID, autocomplete, buttonPress, slashCommand, type RecordedRequest, type Who } from './fake-discord.js';
import { limitProblems, schemaErrors } from './payload-schema.js';

const DATA = resolve(import.meta.dirname, '../../data');
const SUBCOMMAND = 1;
const STRING = 3;
const EPHEMERAL = 64;

/** A feature command beside the core's, like the digest: admin-only, with subcommands; its handler decides who may do what. */
const digestCommand: CommandDefinition<CommandRequest> = {
  name: 'digest',
  discordName: 'breach-digest',
  discordNameFr: 'fuite-resume',
  description: { en: 'Daily digest of new breaches', fr: 'Résumé quotidien des nouvelles fuites' },
  usage: { en: '/breach digest <status>', fr: '/breach digest <status>' },
  examples: [],
  options: [],
  subcommands: ['status', 'slow', 'fail', 'slowfail'].map((name) => ({ name, description: { en: name, fr: name }, options: [] })),
  adminOnly: true,
  parseText: () => ({ command: 'digest' }),
  fromOptions: (_values, subcommand) => ({ command: 'digest', action: subcommand }) as CommandRequest,
};

/** A core command marked admin-only: no handler decides for it, so the adapter refuses non-admins itself. */
const adminStatsCommand: CommandDefinition<CommandRequest> = {
  name: 'admin-stats',
  discordName: 'breach-admin-stats',
  description: { en: 'Catalog counts (admins)', fr: 'Chiffres du catalogue (admins)' },
  usage: { en: '/breach admin-stats', fr: '/breach admin-stats' },
  examples: [],
  options: [],
  adminOnly: true,
  parseText: () => ({ command: 'stats' }),
  fromOptions: () => ({ command: 'stats' }),
};

const conversations: Conversation[] = [];
const digestHandler: CommandHandler = {
  handles: (r) => (r as CommandRequest).command === 'digest',
  async handle(request, conversation) {
    conversations.push(conversation);
    const action = (request as { action?: string }).action;
    if (action === 'slow' || action === 'slowfail') await new Promise((r) => setTimeout(r, 200));
    if (action === 'fail' || action === 'slowfail') throw new Error(`digest store exploded; token ${FAKE_TOKEN}`);
    // A typed outcome that carries what was asked, so the tests can see it in the reply (hostile mention included).
    return { kind: 'message', tone: 'success', outcome: { kind: 'watch-added', name: `Digest ${action} for <#${conversation.channelId}>`, added: false, alreadyNamed: 0 }, incidents: [] };
  },
};

let fake: FakeDiscord;
let bot: DiscordService;
let holder: CoreHolder;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl, DATA_DIR: DATA });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  // The curated seed catalog: its counts and pages do not move when the bundled imports grow.
  holder = new CoreHolder(seedCore());
  const log = createLogger([FAKE_TOKEN], (l) => logLines.push(l));
  const commands = new Map([...COMMANDS, digestCommand, adminStatsCommand].map((c) => [c.discordName, c as CommandDefinition<CommandRequest>]));
  bot = await startDiscord({ config: loaded.config, holder, log }, [digestHandler], { readyTimeoutMs: 5000, deferAfterMs: 50, commands });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** Sends an interaction and returns its callback. */
async function interact(payload: { id: string }): Promise<RecordedRequest> {
  fake.dispatch('INTERACTION_CREATE', payload);
  return fake.callback(payload.id);
}

const buttons = (data: { components?: { components: { custom_id?: string; label: string; disabled?: boolean }[] }[] }) => (data.components ?? []).flatMap((r) => r.components);

describe('GIVEN the bot logged in to the fake Discord with the curated catalog', () => {
  it('THEN it connected with the Guilds intent only and registered nothing', () => {
    expect(bot.client.options.intents.toArray()).toEqual(['Guilds']);
    expect(fake.requests.some((r) => r.method === 'PUT' || r.path.includes('/commands'))).toBe(false);
  });

  it('WHEN /breach query:inbenta THEN the callback embeds put Ticketmaster first, with no mentions allowed', async () => {
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]));
    expect(cb.body.type).toBe(4);
    const data = cb.body.data;
    expect(data.embeds[0].title).toContain('Ticketmaster');
    const fieldNames = data.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(fieldNames).toEqual(expect.arrayContaining(['When', 'Data', 'Vendor', 'Sources']));
    expect(data.embeds[0].fields.find((f: { name: string }) => f.name === 'Vendor').value).toContain('Inbenta Technologies');
    // The sources give no count: said, not left out.
    expect(data.embeds[0].fields.find((f: { name: string }) => f.name === 'How many').value).toBe('not stated');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags ?? 0).toBe(0);
    expect(schemaErrors('CreateMessageInteractionCallbackRequest', cb.body)).toEqual([]);
    expect(limitProblems(data)).toEqual([]);
  });

  it('WHEN autocomplete for "tick" THEN Ticketmaster is among at most 25 choices', async () => {
    const started = Date.now();
    const cb = await interact(autocomplete('breach', [{ name: 'query', type: STRING, value: 'tick', focused: true }]));
    // Discord allows 3 s and no deferring; on loopback the round trip is a few milliseconds.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cb.body.type).toBe(8);
    const choices = cb.body.data.choices as { name: string; value: string }[];
    expect(choices.map((c) => c.name)).toContain('Ticketmaster');
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(schemaErrors('ApplicationCommandAutocompleteCallbackRequest', cb.body)).toEqual([]);
  });

  it('WHEN autocomplete on /breach-show id THEN choices are incident ids', async () => {
    const cb = await interact(autocomplete('breach-show', [{ name: 'id', type: STRING, value: 'orange', focused: true }]));
    const values = (cb.body.data.choices as { value: string }[]).map((c) => c.value);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(holder.core.incident(v)).toBeDefined();
  });

  it('WHEN the Next button of /breach query:breach is pressed THEN the message is updated to page 2', async () => {
    const first = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'breach' }]));
    expect(first.body.data.content).toContain('page 1 of 2');
    const next = buttons(first.body.data).find((b) => b.label.includes('Next'))!;
    expect(next.disabled).toBeFalsy();
    const cb = await interact(buttonPress(next.custom_id!));
    expect(cb.body.type).toBe(7);
    expect(cb.body.data.content).toContain('page 2 of 2');
    expect(cb.body.data.content).not.toContain('changed');
    expect(cb.body.data.embeds[0].title).toMatch(/^6\. /);
    expect(buttons(cb.body.data).find((b) => b.label.includes('Next'))!.disabled).toBe(true);
    expect(schemaErrors('UpdateMessageInteractionCallbackRequest', cb.body)).toEqual([]);
  });

  it('WHEN /breach-latest pages forward THEN page 2 of the latest incidents comes back', async () => {
    const first = await interact(slashCommand('breach-latest', []));
    const next = buttons(first.body.data).find((b) => b.label.includes('Next'))!;
    const cb = await interact(buttonPress(next.custom_id!));
    expect(cb.body.data.content).toContain('page 2 of 2');
  });

  it('WHEN the locale is fr THEN the answer is in French, names and buttons included', async () => {
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }], { locale: 'fr' }));
    const data = cb.body.data;
    expect(data.content).toContain('1 incident pour');
    expect(data.embeds[0].title).toContain('Ticketmaster\u202f: un logiciel malveillant');
    expect(data.embeds[0].fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Quand', 'Données', 'Prestataire']));
    expect(buttons(data)[0]!.label).toMatch(/^Détails/);
  });

  it('WHEN a details button is pressed THEN the incident comes back in full, to the presser only', async () => {
    const cb = await interact(buttonPress('bb|d|ticketmaster-inbenta-2018'));
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.embeds[0].description).toContain('Inbenta');
    expect(cb.body.data.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('Response');
  });

  it('WHEN a button refers to an incident no longer in the catalog THEN it says so kindly, ephemerally', async () => {
    const cb = await interact(buttonPress('bb|d|gone-2020'));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('no longer in the catalog');
  });

  it('WHEN a page button was made before the catalog changed THEN the new page comes with a notice', async () => {
    const cb = await interact(buttonPress('bb|p|2|5|42|breach'));
    expect(cb.body.type).toBe(7);
    expect(cb.body.data.content).toContain('The catalog has changed');
    expect(cb.body.data.content).toContain('page 2 of 2');
  });

  it('WHEN the core is swapped (a reload) THEN the next request reads the new one', async () => {
    const previous = holder.core;
    holder.swap(new BreachCore(new CatalogBuilder().build()));
    try {
      const cb = await interact(buttonPress('bb|d|ticketmaster-inbenta-2018'));
      expect(cb.body.data.content).toContain('no longer in the catalog');
    } finally {
      holder.swap(previous);
    }
  });

  it('WHEN a button id is not one of ours THEN an ephemeral note asks to try again', async () => {
    const cb = await interact(buttonPress('something-else'));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('older version');
  });

  it('WHEN a query holds mentions and markdown THEN nothing can ping and the text is shown inert', async () => {
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: '@everyone <@&123456789012345678> **boom** @here' }]));
    const data = cb.body.data;
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/@everyone|@here|<@&/);
    expect(text).not.toContain('**boom**');
  });

  it('WHEN /breach is sent with an empty query THEN the usage comes back ephemerally', async () => {
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: '   ' }]));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('Usage: `/breach query:…');
  });

  it('WHEN the query is too long THEN the error is ephemeral and worded', async () => {
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'x'.repeat(6000) }]));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('the limit is 200');
  });

  it('WHEN /breach-help THEN help is ephemeral and lists the Discord commands', async () => {
    const cb = await interact(slashCommand('breach-help', []));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    const names = cb.body.data.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['/breach query:… [data] [year] [country] [vendor]', '/breach-latest [page]', '/breach-status']));
  });

  it('WHEN /breach-stats THEN counts come back in one embed within limits', async () => {
    const cb = await interact(slashCommand('breach-stats', []));
    expect(cb.body.data.embeds[0].title).toContain('incidents in the catalog');
    expect(limitProblems(cb.body.data)).toEqual([]);
  });
});

describe('GIVEN a command handler beside the core (an admin-only digest)', () => {
  const digest = (action: string, permissions = '32', who: Who = {}) => slashCommand('breach-digest', [{ name: action, type: SUBCOMMAND, options: [] }], { permissions, ...who });

  it('WHEN a member who can manage the server runs it THEN the handler gets who asked, where, from the payload', async () => {
    const cb = await interact(digest('status', String(1 << 5))); // ManageGuild
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.content).toContain('Digest status');
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(conversations.at(-1)).toEqual({ platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID, userId: USER_ID, isAdmin: true, language: 'en' });
  });

  it('WHEN it comes from another channel, server and user, in French THEN the conversation says so', async () => {
    const who = { channelId: '777777777777777777', guildId: '888888888888888888', userId: '999999999999999999', locale: 'fr' };
    const cb = await interact(digest('status', String(1 << 4), who)); // ManageChannels
    expect(cb.body.data.content).toContain('Digest status');
    expect(cb.body.data.content).toContain('est déjà dans la liste de veille');
    expect(conversations.at(-1)).toEqual({ platform: 'discord', workspaceId: who.guildId, channelId: who.channelId, userId: who.userId, isAdmin: true, language: 'fr' });
  });

  it('WHEN a plain member runs it (the server opened it to everyone) THEN the handler decides, told the member is no admin', async () => {
    const cb = await interact(digest('status', '0'));
    expect(cb.body.data.content).toContain('Digest status');
    expect(conversations.at(-1)).toMatchObject({ channelId: CHANNEL_ID, userId: USER_ID, isAdmin: false });
  });

  it('WHEN an administrator runs it THEN it is allowed too', async () => {
    const cb = await interact(digest('status', String(1 << 3))); // Administrator
    expect(cb.body.data.content).toContain('Digest status');
    expect(conversations.at(-1)!.isAdmin).toBe(true);
  });

  it('WHEN it is used in a DM with the bot THEN there is no server and no admin', async () => {
    const cb = await interact(slashCommand('breach-digest', [{ name: 'status', type: SUBCOMMAND, options: [] }], { dm: true, channelId: '666666666666666666' }));
    expect(cb.body.data.content).toContain('Digest status');
    expect(conversations.at(-1)).toEqual({ platform: 'discord', workspaceId: 'dm', channelId: '666666666666666666', userId: USER_ID, isAdmin: false, language: 'en' });
  });

  it('WHEN a payload names no channel object (only the deprecated channel_id) THEN no handler runs under a made-up channel', async () => {
    const before = conversations.length;
    const { channel: _channel, ...payload } = digest('status');
    const cb = await interact(payload);
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('Discord did not say which channel');
    expect(conversations.length).toBe(before);
  });

  it('WHEN a plain member runs an admin-only command no handler decides for THEN the adapter refuses it ephemerally', async () => {
    const refused = await interact(slashCommand('breach-admin-stats', [], { permissions: '0' }));
    expect(refused.body.data.flags).toBe(EPHEMERAL);
    expect(refused.body.data.content).toContain('Only members who can manage');
    expect(refused.body.data.embeds ?? []).toEqual([]);
    const allowed = await interact(slashCommand('breach-admin-stats', [], { permissions: String(1 << 4) }));
    expect(allowed.body.data.embeds[0].title).toContain('incidents in the catalog');
  });

  it('WHEN the handler is slow THEN the reply is deferred, then edited', async () => {
    const payload = digest('slow');
    const cb = await interact(payload);
    expect(cb.body.type).toBe(5);
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token) && r.path.endsWith('/messages/%40original'));
    expect(edit.body.content).toContain('Digest slow');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(schemaErrors('IncomingWebhookUpdateForInteractionCallbackRequestPartial', edit.body)).toEqual([]);
  });

  it('WHEN the handler throws THEN the error is logged without the token, answered ephemerally, and the bot keeps serving', async () => {
    const cb = await interact(digest('fail'));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain('something went wrong');
    const logged = logLines.join('\n');
    expect(logged).toContain('digest store exploded');
    expect(logged).not.toContain(FAKE_TOKEN);
    const after = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]));
    expect(after.body.data.embeds[0].title).toContain('Ticketmaster');
  });

  it('WHEN the handler throws after the reply was deferred THEN the deferral is removed and an ephemeral follow-up says so', async () => {
    const payload = digest('slowfail');
    const cb = await interact(payload);
    expect(cb.body.type).toBe(5);
    await fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(payload.token));
    const follow = await fake.waitFor((r) => r.method === 'POST' && r.path === `/api/v10/webhooks/${APP_ID}/${payload.token}`);
    expect(follow.body.flags).toBe(EPHEMERAL);
    expect(follow.body.content).toContain('something went wrong');
  });
});

describe('GIVEN Discord misbehaving', () => {
  it('WHEN the interaction callback fails THEN it is logged and the bot keeps serving', async () => {
    const payload = slashCommand('breach', [{ name: 'query', type: STRING, value: 'orange' }]);
    fake.onRest = (r) => (r.path.includes(`/interactions/${payload.id}/`) ? { status: 400, body: { code: 50035, message: 'Invalid Form Body' } } : undefined);
    try {
      fake.dispatch('INTERACTION_CREATE', payload);
      await fake.waitFor((r) => r.path.includes(`/interactions/${payload.id}/`));
      const deadline = Date.now() + 3000;
      while (!logLines.some((l) => l.includes('/breach failed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(logLines.some((l) => l.includes('/breach failed'))).toBe(true);
    } finally {
      fake.onRest = undefined;
    }
    const after = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]));
    expect(after.body.data.embeds[0].title).toContain('Ticketmaster');
  });

  it('WHEN the gateway connection drops THEN discord.js reconnects by itself and answers again', async () => {
    const sessionsBefore = fake.identifies + fake.resumes;
    fake.dropConnections();
    const deadline = Date.now() + 15_000;
    while (fake.identifies + fake.resumes === sessionsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(fake.identifies + fake.resumes).toBeGreaterThan(sessionsBefore);
    await new Promise((r) => setTimeout(r, 50));
    const cb = await interact(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]));
    expect(cb.body.data.embeds[0].title).toContain('Ticketmaster');
  });
});

describe('GIVEN Discord refusing the token at start-up', () => {
  it('THEN startDiscord fails with an error that does not contain the token, and leaves nothing running', async () => {
    const refusing = await new FakeDiscord().start();
    refusing.onRest = () => ({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
    try {
      const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: refusing.apiUrl });
      if (!loaded.ok) throw new Error(loaded.errors.join('; '));
      const error = await startDiscord({ config: loaded.config, holder, log: createLogger([FAKE_TOKEN], () => undefined) }, [], { readyTimeoutMs: 3000 }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String(error?.message)).not.toContain(FAKE_TOKEN);
      // What `npm start` prints after "could not start:": the variable to fix, and how.
      expect(error?.message).toMatch(/^Discord refused DISCORD_TOKEN \(An invalid token was provided\): .*Reset Token/);
      expect(refusing.connections).toBe(0);
    } finally {
      await refusing.close();
    }
  });

  it('THEN an address nothing answers at is named as DISCORD_API_URL, without the token', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const error = await startDiscord({ config: loaded.config, holder, log: createLogger([FAKE_TOKEN], () => undefined) }, [], { readyTimeoutMs: 3000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(`Discord could not be reached at DISCORD_API_URL (http://127.0.0.1:${port}/api) (ECONNREFUSED); check the network and DISCORD_API_URL.`);
  });
});
