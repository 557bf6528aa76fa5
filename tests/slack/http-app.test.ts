/**
 * The real Bolt app in HTTP mode on 127.0.0.1, driven by signed requests as Slack sends them,
 * its Web API calls and response_url posts going to the fake Slack on loopback.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandHandler, Conversation } from '../../src/ports/index.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig, type SlackConfig } from '../../src/config/env.js';
import { answerToBlocks } from '../../src/slack/answer-blocks.js';
import { createSlackApp, type SlackBot } from '../../src/slack/slack-app.js';
import { blockKitProblems, buttons, displayedTexts, unsafeMarkup } from './block-kit-check.js';
import { DATA, bundledCore } from './fixtures.js';
import {
  BOT_TOKEN,
  FakeSlack,
  SIGNING_SECRET,
  TEAM,
  blockActionForm,
  mentionEvent,
  postEventToBot,
  postToBot,
  sign,
  slashCommandForm,
} from './fake-slack.js';

type Json = Record<string, unknown>;
type Blocks = readonly Json[];

const conversations: Conversation[] = [];
let handlerFails = false;
const digestHandler: CommandHandler = {
  handles: (r) => (r as { command?: string }).command === 'digest',
  async handle(request, conversation) {
    conversations.push(conversation);
    if (handlerFails) throw new Error(`digest store exploded with ${BOT_TOKEN}`);
    return { kind: 'message', tone: 'success', outcome: { kind: 'watch-added', name: `Digest ${(request as { action: string }).action} <!channel>`, added: false, alreadyNamed: 0 }, incidents: [] };
  },
};

let fake: FakeSlack;
let bot: SlackBot;
let port: number;
let slack: SlackConfig;
const holder = new CoreHolder(bundledCore());
const logLines: string[] = [];

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0CONFADMIN',
    DATA_DIR: DATA,
  });
  if (!loaded.ok || !loaded.config.slack) throw new Error(loaded.ok ? 'no slack config' : loaded.errors.join('; '));
  slack = loaded.config.slack;
  const log = createLogger([BOT_TOKEN, SIGNING_SECRET], (l) => logLines.push(l));
  bot = await createSlackApp({ config: slack, holder, log, language: 'en', handlers: [digestHandler], processBeforeResponse: true });
  ({ port } = (await bot.start({ port: 0, host: '127.0.0.1' })) as { port: number });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
  handlerFails = false;
});

const blocksOf = (body: Json | undefined): Blocks => (body?.blocks ?? []) as Blocks;
const sectionText = (block: Json | undefined) => ((block?.text as { text?: string } | undefined)?.text ?? '') as string;

async function slash(text: string, options: { user?: string; responseId?: string } = {}) {
  const responseId = options.responseId ?? `r${Math.random().toString(36).slice(2)}`;
  const res = await postToBot(port, slashCommandForm(text, fake.responseUrl(responseId), options.user));
  return { ...res, responseId, responses: () => fake.responses.filter((r) => r.id === responseId).map((r) => r.body) };
}

async function click(button: { action_id: string; value: string }, options: { ephemeral?: boolean; user?: string } = {}) {
  const responseId = `a${Math.random().toString(36).slice(2)}`;
  const res = await postToBot(port, blockActionForm(button, fake.responseUrl(responseId), options));
  return { status: res.status, responses: fake.responses.filter((r) => r.id === responseId).map((r) => r.body) };
}

describe('GIVEN the app starts', () => {
  it("THEN Bolt's auth.test went to SLACK_API_URL with the bot token", () => {
    const auth = fake.callsOf('auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('THEN a token Slack refuses stops start-up with a message naming the variable, never the token', async () => {
    fake.on('auth.test', { ok: false, error: 'invalid_auth' });
    const failing = createSlackApp({ config: { ...slack }, holder, log: createLogger([], () => {}), language: 'en' });
    await expect(failing).rejects.toThrow(/SLACK_BOT_TOKEN \(invalid_auth\)/);
    await failing.catch((e: Error) => expect(e.message).not.toContain(BOT_TOKEN));
  });
});

describe('GIVEN a signed /breach inbenta', () => {
  it('THEN the ack carries the ephemeral Block Kit answer, Ticketmaster first', async () => {
    const res = await slash('inbenta');
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    const blocks = blocksOf(res.json);
    expect(sectionText(blocks[0])).toBe('*1 incident for “inbenta”*');
    expect(sectionText(blocks[1])).toMatch(/^\*1\. Ticketmaster UK: malware on Inbenta's customer-support product/);
    const expected = answerToBlocks(holder.core.execute({ command: 'search', query: 'inbenta' }), 'en');
    expect(res.json).toEqual({ response_type: 'ephemeral', text: expected.text, blocks: expected.blocks });
    expect(blockKitProblems({ text: String(res.json?.text), blocks })).toEqual([]);
  });

  it('THEN a French question gets a French answer', async () => {
    const res = await slash('fuites de mots de passe chez orange');
    expect(displayedTexts({ text: '', blocks: blocksOf(res.json) }).join('\n')).toMatch(/Quand|Aucun incident/);
  });

  it('THEN /breach alone answers with the usage and the help', async () => {
    const res = await slash('');
    expect(sectionText(blocksOf(res.json)[0])).toBe('*Usage:* `/breach &lt;query&gt;`');
  });

  it('THEN a feature command typed wrong says what was wrong, with its usage and examples, and runs nothing', async () => {
    const before = conversations.length;
    const res = await slash('watch add');
    expect(res.json?.response_type).toBe('ephemeral');
    const blocks = blocksOf(res.json);
    expect(blocks.map(sectionText).slice(0, 2)).toEqual([':warning: add needs a vendor or organization name', '*Usage:* `/breach watch add &lt;name&gt; | remove &lt;name&gt; | list`']);
    expect(JSON.stringify(blocks.at(-1))).toContain('`/breach watch add Inbenta`');
    expect(blocks).toHaveLength(3);
    expect(String(res.json?.text)).toContain('add needs a vendor or organization name');
    expect(blockKitProblems({ text: String(res.json?.text), blocks })).toEqual([]);
    expect(conversations.length).toBe(before);
  });

  it('THEN a bad digest time is named, escaped, in the answer', async () => {
    const res = await slash('digest subscribe 25:00 Europe/Paris');
    expect(sectionText(blocksOf(res.json)[0])).toBe(':warning: not a time of day: 25:00 (use HH:MM, e.g. 08:30)');
    const tz = await slash('digest subscribe 08:30 Mars/Olympus_Mons');
    expect(sectionText(blocksOf(tz.json)[0])).toBe(':warning: unknown time zone: Mars/Olympus_Mons (use an IANA name such as Europe/Paris)');
  });

  it('THEN a core command typed wrong gets its usage and the whole help', async () => {
    const res = await slash('show');
    const blocks = blocksOf(res.json);
    expect(sectionText(blocks[0])).toBe('*Usage:* `/breach show &lt;id&gt;`');
    expect(blocks.length).toBeGreaterThan(3);
  });

  it('THEN a query the core rejects gets its message, ephemeral', async () => {
    const res = await slash(`orange ${'a'.repeat(10_000)}`);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(sectionText(blocksOf(res.json)[0])).toMatch(/^:warning: Your query is \d+ characters long; the limit is 200/);
  });
});

describe('GIVEN a Slack user whose language is French', () => {
  it('THEN a bare name gets a French answer, an English question an English one, and the locale is asked once', async () => {
    fake.locales.set('U0FRANCOISE', 'fr-FR');
    const before = fake.callsOf('users.info').length;
    const bare = await slash('inbenta', { user: 'U0FRANCOISE' });
    expect(sectionText(blocksOf(bare.json)[0])).toBe('*1 incident pour «\u202finbenta\u202f»*');
    const english = await slash('what leaked at inbenta', { user: 'U0FRANCOISE' });
    expect(sectionText(blocksOf(english.json)[0])).toMatch(/^\*1 incident for “/);
    const again = await slash('latest', { user: 'U0FRANCOISE' });
    expect(sectionText(blocksOf(again.json)[0])).toMatch(/^\*Les incidents les plus récents/);
    const lookups = fake.callsOf('users.info').slice(before);
    expect(lookups).toHaveLength(1);
    expect(String(lookups[0]!.params.include_locale)).toBe('true');
  });

  it('THEN an English user asking in French gets French, and a bare name stays in the default language', async () => {
    fake.locales.set('U0JOHN', 'en-US');
    expect(sectionText(blocksOf((await slash('orange fevrier 2014', { user: 'U0JOHN' })).json)[0])).toMatch(/^\*\d+ incidents? pour «/);
    expect(sectionText(blocksOf((await slash('inbenta', { user: 'U0JOHN' })).json)[0])).toBe('*1 incident for “inbenta”*');
  });

  it('THEN when Slack cannot say, the default language answers and the bot keeps serving', async () => {
    fake.on('users.info', { ok: false, error: 'user_not_found' });
    const res = await slash('inbenta', { user: 'U0GHOST' });
    expect(sectionText(blocksOf(res.json)[0])).toBe('*1 incident for “inbenta”*');
  });
});

describe('GIVEN hostile text typed in Slack (as Slack encodes it: broadcasts and mentions in <...>, a typed < as &lt;)', () => {
  const typed = '<!channel> orange <!here> <@U0VICTIM> &lt;!everyone&gt; @here *bold* ```x``` <https://evil.example|click>';

  it('THEN the slash command answer pings no one and keeps every Block Kit rule', async () => {
    const res = await slash(typed);
    const message = { text: String(res.json?.text), blocks: blocksOf(res.json) };
    expect(message.blocks.length).toBeGreaterThan(0);
    expect(unsafeMarkup(message)).toEqual([]);
    expect(blockKitProblems(message)).toEqual([]);
    // Broadcasts and mentions never reach the core; what the user typed literally is shown escaped.
    expect(JSON.stringify(message)).not.toContain('U0VICTIM');
  });

  it('THEN 10,000 characters of it are refused with the core message, short and safe', async () => {
    // Literally typed (Slack sends it escaped), so it reaches the core: Slack-encoded broadcasts would be dropped first.
    const res = await slash(`${typed} ${'&lt;!channel&gt; @everyone '.repeat(500)}`.slice(0, 10_000));
    const message = { text: String(res.json?.text), blocks: blocksOf(res.json) };
    expect(sectionText(message.blocks[0])).toMatch(/^:warning: Your query is \d+ characters long; the limit is 200/);
    expect(JSON.stringify(message).length).toBeLessThan(2000);
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('THEN a mention carrying it is answered in the thread without pinging anyone', async () => {
    const before = fake.callsOf('chat.postMessage').length;
    await postEventToBot(port, mentionEvent(`<@UBREACHBOT> ${typed}`, { ts: '1700000500.000100' }));
    const posted = fake.callsOf('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.params.thread_ts).toBe('1700000500.000100');
    const message = { text: String(posted[0]!.params.text), blocks: posted[0]!.params.blocks as Blocks };
    expect(unsafeMarkup(message)).toEqual([]);
    expect(blockKitProblems(message)).toEqual([]);
  });
});

describe('GIVEN requests Slack did not sign', () => {
  it('THEN a bad signature is refused with 401 and nothing runs', async () => {
    const execute = vi.spyOn(holder.core, 'execute');
    const before = conversations.length;
    const form = slashCommandForm('inbenta', fake.responseUrl('unsigned'));
    const res = await postToBot(port, form, { signature: sign(new URLSearchParams(form).toString(), Math.floor(Date.now() / 1000), 'f'.repeat(32)) });
    expect(res.status).toBe(401);
    const digest = await postToBot(port, slashCommandForm('digest status', fake.responseUrl('unsigned')), { signature: 'v0=deadbeef' });
    expect(digest.status).toBe(401);
    expect(execute).not.toHaveBeenCalled();
    expect(conversations.length).toBe(before);
    expect(fake.responses.filter((r) => r.id === 'unsigned')).toEqual([]);
  });

  it('THEN a correctly signed request older than 5 minutes is refused and nothing runs', async () => {
    const execute = vi.spyOn(holder.core, 'execute');
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postToBot(port, slashCommandForm('inbenta', fake.responseUrl('old')), { timestamp: old });
    expect(res.status).toBe(401);
    expect(execute).not.toHaveBeenCalled();
  });
});

describe('GIVEN the buttons of an answer', () => {
  it('THEN Next on page 1 replaces the private answer with page 2', async () => {
    const first = await slash('latest');
    const next = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_run:next')!;
    expect(next).toBeDefined();
    const clicked = await click(next, { ephemeral: true });
    expect(clicked.status).toBe(200);
    expect(clicked.responses).toHaveLength(1);
    const page2 = clicked.responses[0]!;
    expect(page2).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(sectionText(blocksOf(page2)[0])).toBe('*Latest incidents (page 2 of 2)*');
    expect(sectionText(blocksOf(page2)[1])).toMatch(/^\*6\. /);
    expect(buttons(blocksOf(page2)).map((b) => b.action_id)).toContain('breach_run:prev');
  });

  it('THEN Details shows the incident with Back, and Back returns to the list', async () => {
    const first = await slash('inbenta');
    const details = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_run:show:0')!;
    const shown = (await click(details)).responses[0]!;
    expect(sectionText(blocksOf(shown)[0])).toMatch(/^\*Ticketmaster UK: .*`ticketmaster-inbenta-2018`/);
    const back = buttons(blocksOf(shown)).find((b) => b.action_id === 'breach_run:back')!;
    const list = (await click(back)).responses[0]!;
    expect(sectionText(blocksOf(list)[0])).toBe('*1 incident for “inbenta”*');
  });

  it('THEN a click on a message everyone sees answers the clicker alone, leaving the message as it is', async () => {
    const first = await slash('latest');
    const next = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_run:next')!;
    const clicked = await click(next, { ephemeral: false });
    expect(clicked.responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('THEN after a restart (a new app, nothing in memory) the buttons of an earlier answer still page', async () => {
    const first = await slash('latest');
    const next = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_run:next')!;
    const restarted = await createSlackApp({ config: slack, holder: new CoreHolder(bundledCore()), log: createLogger([], () => {}), language: 'en', processBeforeResponse: true });
    const { port: port2 } = (await restarted.start({ port: 0, host: '127.0.0.1' })) as { port: number };
    try {
      const responseId = `restart${Math.random().toString(36).slice(2)}`;
      const res = await postToBot(port2, blockActionForm(next, fake.responseUrl(responseId), { ephemeral: true }));
      expect(res.status).toBe(200);
      const page2 = fake.responses.find((r) => r.id === responseId)!.body;
      expect(sectionText(blocksOf(page2)[0])).toBe('*Latest incidents (page 2 of 2)*');
    } finally {
      await restarted.stop();
    }
  });

  it('THEN a page button made before the catalog changed shows the current page, saying the catalog changed', async () => {
    const first = await slash('latest');
    const next = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_run:next')!;
    const state = JSON.parse(next.value) as { t: number };
    const latest = holder.core.execute({ command: 'latest' });
    expect(state.t).toBe(latest.kind === 'results' ? latest.total : -1);
    const stale = { ...next, value: JSON.stringify({ ...state, t: state.t + 3 }) };
    const page2 = (await click(stale, { ephemeral: true })).responses[0]!;
    expect(JSON.stringify(blocksOf(page2)[0])).toContain('The catalog has changed since this answer: here are the current results.');
    expect(sectionText(blocksOf(page2)[1])).toBe('*Latest incidents (page 2 of 2)*');
    expect(blockKitProblems({ text: String(page2.text), blocks: blocksOf(page2) })).toEqual([]);
  });

  it('THEN a Details button whose incident left the catalog says so kindly, in the language of the answer', async () => {
    const gone = { action_id: 'breach_run:show:0', value: JSON.stringify({ r: { command: 'show', id: 'orange-1999-01' }, l: 'fr', b: { command: 'search', query: 'orange', page: 1 } }) };
    const answer = (await click(gone, { ephemeral: true })).responses[0]!;
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(blocksOf(answer)[0])).toContain("Cet incident n'est plus au catalogue");
    expect(sectionText(blocksOf(answer)[1])).toContain('orange-1999-01');
  });

  it('THEN a button whose value was tampered with gets a notice, not an error', async () => {
    const clicked = await click({ action_id: 'breach_run:next', value: '{"r":{"command":"rm -rf"},"l":"en"}' });
    expect(sectionText(blocksOf(clicked.responses[0])[0])).toBe('This button no longer works: run the command again.');
  });

  it('THEN Post to channel posts the answer with chat.postMessage, credits the user, and removes the private copy', async () => {
    const first = await slash('inbenta');
    const post = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_post')!;
    const before = fake.callsOf('chat.postMessage').length;
    const clicked = await click(post, { user: 'U0SHARER' });
    const posted = fake.callsOf('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    const params = posted[0]!.params;
    expect(params.channel).toBe('C0CHANNEL');
    expect(posted[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const blocks = params.blocks as Blocks;
    expect(sectionText(blocks[1])).toMatch(/^\*1\. Ticketmaster UK/);
    expect(buttons(blocks).map((b) => b.action_id)).toEqual(['breach_run:show:0']);
    expect(JSON.stringify(blocks.at(-1))).toContain('Shared by <@U0SHARER> with /breach');
    expect(blockKitProblems({ text: String(params.text), blocks })).toEqual([]);
    expect(clicked.responses).toEqual([{ delete_original: true }]);
  });

  it('THEN when the bot is not in the channel, the answer goes through the response_url instead', async () => {
    const first = await slash('orange');
    const post = buttons(blocksOf(first.json)).find((b) => b.action_id === 'breach_post')!;
    fake.on('chat.postMessage', { ok: false, error: 'not_in_channel' });
    const clicked = await click(post);
    expect(clicked.responses).toHaveLength(2);
    expect(clicked.responses[0]).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(sectionText(blocksOf(clicked.responses[0])[0])).toMatch(/incidents for “orange”/);
    expect(clicked.responses[1]).toEqual({ delete_original: true });
  });
});

describe('GIVEN an @breachbot mention', () => {
  it('THEN the answer is posted in a thread under the question', async () => {
    const before = fake.callsOf('chat.postMessage').length;
    const event = mentionEvent('<@UBREACHBOT> what leaked at Orange?', { ts: '1700000200.000100' });
    expect((await postEventToBot(port, event)).status).toBe(200);
    const posted = fake.callsOf('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.params).toMatchObject({ channel: 'C0CHANNEL', thread_ts: '1700000200.000100' });
    const blocks = posted[0]!.params.blocks as Blocks;
    expect(sectionText(blocks[1])).toMatch(/Orange/);
    expect(buttons(blocks).some((b) => b.action_id === 'breach_post')).toBe(false);
    expect(unsafeMarkup({ text: String(posted[0]!.params.text), blocks })).toEqual([]);
  });

  it('THEN inside a thread it answers in that thread, in French when asked in French', async () => {
    const before = fake.callsOf('chat.postMessage').length;
    await postEventToBot(port, mentionEvent("<@UBREACHBOT> qu'est-ce qui a fuité chez Orange ?", { ts: '1700000300.000200', threadTs: '1700000299.000001' }));
    const posted = fake.callsOf('chat.postMessage').slice(before);
    expect(posted[0]!.params.thread_ts).toBe('1700000299.000001');
    expect(JSON.stringify(posted[0]!.params.blocks)).toContain('*Quand\u202f:*');
  });

  it('THEN a question the core rejects is answered to the asker alone', async () => {
    const before = fake.callsOf('chat.postEphemeral').length;
    await postEventToBot(port, mentionEvent(`<@UBREACHBOT> ${'orange '.repeat(40)}`, { user: 'U0LONG' }));
    const sent = fake.callsOf('chat.postEphemeral').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toMatchObject({ channel: 'C0CHANNEL', user: 'U0LONG' });
    expect(JSON.stringify(sent[0]!.params.blocks)).toContain(':warning:');
  });
});

describe('GIVEN an @breachbot mention typed wrong', () => {
  it('THEN what was wrong is told to the asker alone, in the thread', async () => {
    const before = fake.callsOf('chat.postEphemeral').length;
    const posts = fake.callsOf('chat.postMessage').length;
    await postEventToBot(port, mentionEvent('<@UBREACHBOT> watch remove', { user: 'U0TYPO', ts: '1700000400.000100' }));
    const sent = fake.callsOf('chat.postEphemeral').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.params).toMatchObject({ channel: 'C0CHANNEL', user: 'U0TYPO', thread_ts: '1700000400.000100' });
    expect(sectionText((sent[0]!.params.blocks as Blocks)[0])).toBe(':warning: remove needs a vendor or organization name');
    expect(fake.callsOf('chat.postMessage').length).toBe(posts);
  });
});

describe('GIVEN a command beside the core (digest)', () => {
  it('THEN it is acked at once, handled with the Conversation, and answered through the response_url', async () => {
    fake.admins.add('U0WSADMIN');
    const res = await slash('digest status', { user: 'U0WSADMIN' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const conversation = conversations.at(-1)!;
    expect(conversation).toEqual({ platform: 'slack', workspaceId: TEAM, channelId: 'C0CHANNEL', userId: 'U0WSADMIN', isAdmin: true, language: 'en' });
    const answer = res.responses()[0]!;
    expect(answer.response_type).toBe('ephemeral');
    expect(sectionText(blocksOf(answer)[0])).toBe(":white_check_mark: “Digest status &lt;!channel&gt;” is already on this channel's watchlist.");
  });

  it('THEN admins are workspace admins (users.info) or the configured ids; others are not', async () => {
    await slash('digest status', { user: 'U0PLAIN' });
    expect(conversations.at(-1)!.isAdmin).toBe(false);
    // Admin lookups (the language lookups carry include_locale).
    const adminLookups = () => fake.callsOf('users.info').filter((c) => String(c.params.include_locale) !== 'true').length;
    const lookups = adminLookups();
    await slash('digest status', { user: 'U0CONFADMIN' });
    expect(conversations.at(-1)!.isAdmin).toBe(true);
    expect(adminLookups()).toBe(lookups);
  });

  it('THEN a handler that throws is logged without the token, the user gets an apology, and the app keeps serving', async () => {
    handlerFails = true;
    const res = await slash('digest status');
    expect(sectionText(blocksOf(res.responses()[0])[0])).toBe(':warning: Sorry, something went wrong on our side. Please try again in a moment.');
    const logged = logLines.filter((l) => l.includes('digest store exploded'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(BOT_TOKEN);
    handlerFails = false;
    const after = await slash('inbenta');
    expect(sectionText(blocksOf(after.json)[1])).toMatch(/Ticketmaster/);
  });

  it('THEN an exception in the core is answered with the apology in the ack', async () => {
    vi.spyOn(holder.core, 'execute').mockImplementationOnce(() => {
      throw new Error('index corrupted');
    });
    const res = await slash('orange');
    expect(res.json?.response_type).toBe('ephemeral');
    expect(sectionText(blocksOf(res.json)[0])).toMatch(/^:warning: Sorry, something went wrong/);
  });
});
