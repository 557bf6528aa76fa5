/**
 * `/breach stats` with its chart attached, through the real Bolt app and the real discord.js
 * client against the fake Slack and fake Discord on 127.0.0.1: the file uploaded is a PNG within
 * the platform's limit, with alt text, and it is the chart of exactly the numbers the text answer
 * shows; a refused upload leaves the text answer and says the chart is missing.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { Stats } from '../../src/core/answer.js';
import type { BreachCore } from '../../src/core/breach-core.js';
import { renderStatsChart, type StatsChart } from '../../src/charts/stats-chart.js';
import { ALT_TEXT_MAX, UPLOAD_LIMITS } from '../../src/charts/stats-attachment.js';
import { formatNumber } from '../../src/render/format.js';
import { createSlackApp, type SlackBot } from '../../src/slack/slack-app.js';
import { startDiscord, type DiscordService } from '../../src/discord/index.js';
import { discordPublicKey } from '../../src/discord/verify-interaction.js';
import { seedCore } from '../helpers/catalog-fixtures.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, mentionEvent, postEventToBot, postToBot, slashCommandForm } from '../slack/fake-slack.js';
import { DATA } from '../slack/fixtures.js';
import { APP_ID, ATTACHMENT_LIMIT, FAKE_TOKEN, FakeDiscord, slashCommand, type RecordedRequest } from '../discord/fake-discord.js';
import { startInteractionsEndpoint, type InteractionsEndpoint } from '../discord/fixtures.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const STRING = 3;
const EPHEMERAL = 64;

let core: BreachCore;
beforeAll(() => {
  core = seedCore();
});

function statsOf(query?: string): Stats {
  const answer = core.execute(query ? { command: 'stats', query } : { command: 'stats' });
  if (answer.kind !== 'stats') throw new Error(answer.kind);
  return answer.stats;
}

/** A PNG of the chart's size, within `limit`. */
function expectPngWithin(bytes: Buffer | undefined, limit: number): void {
  expect(bytes).toBeDefined();
  expect(bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes!.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect([bytes!.readUInt32BE(16), bytes!.readUInt32BE(20)]).toEqual([1200, 600]);
  expect(bytes!.length).toBeLessThanOrEqual(limit);
}

/** Each year and data type the chart draws that the text lists shows the same count there (`<label><sep><count>`). */
function expectSameNumbers(chart: StatsChart, text: string, sep: string): void {
  let compared = 0;
  for (const y of chart.years) {
    if (!new RegExp(`\\b${y.year}${sep}`).test(text)) continue;
    expect(text).toContain(`${y.year}${sep}${formatNumber(y.count, 'en')}`);
    compared++;
  }
  for (const c of chart.classes) {
    expect(text).toContain(`${c.label}${sep}${formatNumber(c.count, 'en')}`);
    compared++;
  }
  expect(compared).toBeGreaterThan(chart.classes.length);
}

describe('GIVEN the Slack app in HTTP mode against the fake Slack', () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let port: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, DATA_DIR: DATA });
    if (!loaded.ok || !loaded.config.slack) throw new Error('no slack config');
    const log = createLogger([BOT_TOKEN, SIGNING_SECRET], (l) => logLines.push(l));
    bot = await createSlackApp({ config: loaded.config.slack, holder: new CoreHolder(core), log, language: 'en', handlers: [], processBeforeResponse: true });
    ({ port } = (await bot.start({ port: 0, host: '127.0.0.1' })) as { port: number });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });
  beforeEach(() => fake.reset());

  it('WHEN /breach stats country:FR THEN the numbers come in the reply and their chart is uploaded to the channel: a PNG within 1 GB, alt text with those numbers', async () => {
    const res = await postToBot(port, slashCommandForm('stats country:FR', fake.responseUrl('stats1')));
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.json?.blocks);
    const chart = renderStatsChart(statsOf('country:FR'), 'en', 'country:FR');
    expect(fake.uploads).toHaveLength(1);
    const upload = fake.uploads[0]!;
    expectPngWithin(upload.bytes, UPLOAD_LIMITS.slack);
    expect(upload.length).toBe(upload.bytes!.length);
    expect(upload.bytes!.equals(chart.png)).toBe(true);
    expect(upload.filename).toBe('breachbot-stats-country-fr.png');
    expect(upload.altText).toBe(chart.alt);
    expect(upload.altText!.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(upload.completed).toEqual({ channel: 'C0CHANNEL', title: expect.stringContaining('country:FR') });
    expect(text).toContain(`${formatNumber(statsOf('country:FR').total, 'en')} incidents`);
    expectSameNumbers(chart, text, ' ');
    // Nothing else said: no "chart missing" note.
    expect(fake.responses.filter((r) => r.id === 'stats1')).toEqual([]);
  }, 60_000);

  it('WHEN the upload is refused (bot not in the channel) THEN the numbers are still the reply and a note says the chart is missing', async () => {
    fake.on('files.completeUploadExternal', { ok: false, error: 'not_in_channel' });
    const res = await postToBot(port, slashCommandForm('stats', fake.responseUrl('stats2')));
    expect(JSON.stringify(res.json?.blocks)).toContain(`${formatNumber(statsOf().total, 'en')} incidents`);
    const notes = fake.responses.filter((r) => r.id === 'stats2').map((r) => String(r.body.text));
    expect(notes).toEqual(['The chart could not be attached; the numbers above are complete.']);
    expect(logLines.some((l) => l.includes('stats chart was not attached') && l.includes('not_in_channel'))).toBe(true);
  }, 60_000);

  it('WHEN @breachbot stats is asked in a thread THEN the chart goes to that thread, under the numbers', async () => {
    await postEventToBot(port, mentionEvent('<@UBREACHBOT> stats', { ts: '1700000200.000100' }));
    expect(fake.callsOf('chat.postMessage')[0]?.params.thread_ts).toBe('1700000200.000100');
    expect(fake.uploads.map((u) => u.completed)).toEqual([{ channel: 'C0CHANNEL', threadTs: '1700000200.000100', title: expect.any(String) }]);
    expectPngWithin(fake.uploads[0]!.bytes, UPLOAD_LIMITS.slack);
  }, 60_000);
});

/** The PATCH of the reply that carries the chart. */
const isChartEdit = (r: RecordedRequest) => r.method === 'PATCH' && /\/messages\/(%40|@)original$/.test(r.path) && (r.files?.length ?? 0) > 0;

/** Each embed field line is "<label> — <count>". */
const embedText = (data: { embeds: { fields: { value: string }[] }[] }) => data.embeds.flatMap((e) => e.fields.map((f) => f.value)).join('\n');

describe('GIVEN the discord.js client on the gateway of the fake Discord', () => {
  let fake: FakeDiscord;
  let bot: DiscordService;
  const logLines: string[] = [];

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl, DATA_DIR: DATA });
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const log = createLogger([FAKE_TOKEN], (l) => logLines.push(l));
    bot = await startDiscord({ config: loaded.config, holder: new CoreHolder(core), log }, [], { readyTimeoutMs: 5000 });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('WHEN /breach-stats filters:country:FR THEN the embed answers first, then the reply gains the chart: a multipart PNG within the interaction limit, described by its alt text', async () => {
    const payload = slashCommand('breach-stats', [{ name: 'filters', type: STRING, value: 'country:FR' }]);
    fake.dispatch('INTERACTION_CREATE', payload);
    const callback = await fake.callback(payload.id);
    const edit = await fake.waitFor(isChartEdit, 30_000);
    expect(fake.requests.indexOf(callback)).toBeLessThan(fake.requests.indexOf(edit));
    const chart = renderStatsChart(statsOf('country:FR'), 'en', 'country:FR');
    expect(edit.files).toHaveLength(1);
    const file = edit.files![0]!;
    expectPngWithin(file.bytes, ATTACHMENT_LIMIT);
    expect(file.bytes.equals(chart.png)).toBe(true);
    expect(file.name).toBe(chart.filename);
    expect(edit.body.attachments).toEqual([{ id: '0', description: chart.alt }]);
    expect(chart.alt.length).toBeLessThanOrEqual(1024);
    expectSameNumbers(chart, embedText(callback.body.data), ' — ');
  }, 60_000);

  it('WHEN Discord refuses the attachment THEN the embed stays and an ephemeral follow-up says the chart is missing', async () => {
    fake.onRest = (r) => (isChartEdit(r) ? { status: 413, body: { message: 'Request entity too large', code: 40005 } } : undefined);
    try {
      const payload = slashCommand('breach-stats', []);
      fake.dispatch('INTERACTION_CREATE', payload);
      const callback = await fake.callback(payload.id);
      expect(callback.body.data.embeds[0].title).toContain(formatNumber(statsOf().total, 'en'));
      const note = await fake.waitFor((r) => r.method === 'POST' && r.path.endsWith(payload.token), 30_000);
      expect(note.body.content).toBe('The chart could not be attached; the numbers above are complete.');
      expect(note.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    } finally {
      fake.onRest = undefined;
    }
  }, 60_000);
});

describe('GIVEN Discord interactions over HTTP', () => {
  let fake: FakeDiscord;
  let endpoint: InteractionsEndpoint;
  let port: number;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    const log = createLogger([FAKE_TOKEN], () => undefined);
    const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    endpoint = await startInteractionsEndpoint(fake.apiUrl, { publicKey: discordPublicKey(hex), deps: { holder: new CoreHolder(core), handlers: [], log }, log });
    ({ port } = endpoint);
  });
  afterAll(async () => {
    await endpoint?.close();
    await fake?.close();
  });

  it('WHEN /breach-stats arrives as an HTTP request THEN the HTTP response carries the numbers and the chart follows as a multipart edit of that reply', async () => {
    const payload = slashCommand('breach-stats', [{ name: 'filters', type: STRING, value: 'country:FR' }], { locale: 'fr' });
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'), 'x-signature-timestamp': timestamp },
      body,
    });
    const json = (await res.json()) as { type: number; data: { embeds: { title: string }[] } };
    expect(json.type).toBe(4);
    const stats = statsOf('country:FR');
    expect(json.data.embeds[0]!.title).toContain(formatNumber(stats.total, 'fr'));
    const edit = await fake.waitFor(isChartEdit, 30_000);
    expect(edit.path).toContain(`/webhooks/${APP_ID}/${payload.token}/messages/`);
    const chart = renderStatsChart(stats, 'fr', 'country:FR');
    expectPngWithin(edit.files![0]!.bytes, ATTACHMENT_LIMIT);
    expect(edit.files![0]!.bytes.equals(chart.png)).toBe(true);
    expect(edit.body.attachments[0].description).toBe(chart.alt);
    expect(chart.alt).toMatch(/^Graphiques en barres\. /);
  }, 60_000);
});
