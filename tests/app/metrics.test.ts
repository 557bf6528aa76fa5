/**
 * `/metrics` as an operator reads it, one family at a time, on a bot started by `startServing`
 * (Slack over HTTP with the fake Slack, the state in SQLite, a feed refresh pointed at a stand-in
 * that fails): answers by platform, how they came and what was asked (bounded whatever users
 * type), watch-alert posts, failures and retries, the outbox depth, the catalog size, reload and
 * refresh durations. Each one is read before and after what should move it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { startServing } from '../../src/app/start.js';
import { loadConfig } from '../../src/config/env.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { RunningService } from '../../src/ports/index.js';
import { encodeState } from '../../src/slack/button-state.js';
import { seedDataDir } from '../helpers/catalog-fixtures.js';
import { incidentInput, until } from '../digest/fixtures.js';
import { BOT_TOKEN, FakeSlack, blockActionForm, mentionEvent, postEventToBot, postToBot, slackHttpEnv, slashCommandForm } from '../slack/fake-slack.js';

let slack: FakeSlack;
let feed: Server;
let dataDir: string;
let port: number;
const services: RunningService[] = [];

beforeAll(async () => {
  slack = await new FakeSlack().start();
  // The feed the refresh downloads: down (503), as a feed sometimes is.
  feed = createServer((_req, res) => res.writeHead(503).end());
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  dataDir = seedDataDir();
  const loaded = loadConfig({
    DATA_DIR: dataDir,
    STATE_DB: join(dataDir, 'state.sqlite'),
    ...slackHttpEnv(slack),
    SLACK_ADMIN_USER_IDS: 'U0ASKER',
    IMPORT_HIBP_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/breaches`,
    // Every fifth second (node-cron's six fields).
    IMPORT_CRON: '*/5 * * * * *',
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const log = createLogger([BOT_TOKEN], () => undefined);
  ({ port } = await startServing({ config: loaded.config, holder: new CoreHolder(new BreachCore(loadCatalog(dataDir))), log }, services, { listen: { port: 0, host: '127.0.0.1' } }));
});

afterAll(async () => {
  for (const s of services.splice(0).reverse()) await s.stop();
  await slack?.stop();
  await new Promise((r) => feed?.close(r));
});

const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
/** A sample's value, 0 when absent. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};
const slash = async (text: string, channel = 'C0CHANNEL') => {
  const res = await postToBot(port, slashCommandForm(text, slack.responseUrl(`r${Math.random().toString(36).slice(2)}`), 'U0ASKER', channel));
  expect(res.status).toBe(200);
  return res;
};
const answers = (via: string, kind: string) => `breachbot_answers_total{platform="slack",via="${via}",kind="${kind}",outcome="ok"}`;

/** Writes an incident file into the data folder: the reloader picks it up. */
function addIncident(id: string, organization: string): void {
  writeFileSync(join(dataDir, 'incidents', `${id}.json`), JSON.stringify(incidentInput(id, { organization: { name: organization }, addedAt: new Date().toISOString() })));
}

describe('GIVEN the bot answering Slack', () => {
  it('THEN each answer is counted under what the user asked for: search, stats, help, show, latest, a typo, a mention and a button', async () => {
    await slash('inbenta');
    await slash('stats');
    await slash('help');
    await slash('show ticketmaster-inbenta-2018');
    await slash('latest');
    await slash('digest frobnicate');
    expect((await postEventToBot(port, mentionEvent('<@UBREACHBOT> stats country:FR'))).status).toBe(200);
    const value = encodeState({ r: { command: 'show', id: 'ticketmaster-inbenta-2018' }, l: 'en' })!;
    expect((await postToBot(port, blockActionForm({ action_id: 'breach_run:show:0', value }, slack.responseUrl('button')))).status).toBe(200);
    let text = '';
    await until(async () => sample((text = await metrics()), answers('button', 'show')) === 1 && sample(text, answers('mention', 'stats')) === 1, 'the mention and the click to be answered');
    for (const kind of ['search', 'stats', 'help', 'show', 'latest', 'usage']) expect(sample(text, answers('command', kind)), kind).toBe(1);
    expect(text).toMatch(/^breachbot_answer_duration_seconds_count\{platform="slack",kind="stats"\} 2$/m);
  });

  it('THEN two hundred different questions add no series: the labels never carry what users type', async () => {
    const before = (await metrics()).split('\n').filter((l) => l.startsWith('breachbot_answers_total{')).length;
    for (let i = 0; i < 200; i++) await slash(`zq${i.toString(36)}x${Math.random().toString(36).slice(2, 8)}`);
    const after = await metrics();
    expect(after.split('\n').filter((l) => l.startsWith('breachbot_answers_total{'))).toHaveLength(before);
    expect(sample(after, answers('command', 'search'))).toBe(201);
    expect(after).not.toMatch(/zq\w+x/);
  });
});

describe('GIVEN a feed refresh scheduled every second, against a feed that is down', () => {
  it('THEN the refresh duration histogram counts failed refreshes of that feed', async () => {
    await until(async () => sample(await metrics(), 'breachbot_import_refresh_duration_seconds_count{feed="hibp",outcome="failed"}') >= 1, 'a refresh', 20_000);
  });
});

describe('GIVEN the data folder changing while the bot runs', () => {
  it('THEN a good new file raises the catalog size and counts a reload; a broken one counts a rejected reload and the size stays', async () => {
    const before = await metrics();
    expect(sample(before, 'breachbot_catalog_incidents')).toBe(9);
    addIncident('metrics-new-one', 'Omicron Metrics');
    await until(async () => sample(await metrics(), 'breachbot_catalog_incidents') === 10, 'the reload', 20_000);
    expect(sample(await metrics(), 'breachbot_catalog_reload_duration_seconds_count{outcome="reloaded"}')).toBe(1);
    writeFileSync(join(dataDir, 'incidents', 'metrics-broken.json'), '{ "id": "metrics-broken", ');
    await until(async () => sample(await metrics(), 'breachbot_catalog_reload_duration_seconds_count{outcome="rejected"}') === 1, 'the rejected reload', 20_000);
    expect(sample(await metrics(), 'breachbot_catalog_incidents')).toBe(10);
    // Fixed (removed): later files are accepted again (the alerts below need them).
    unlinkSync(join(dataDir, 'incidents', 'metrics-broken.json'));
  });
});

describe('GIVEN channels watching a name, and Slack failing or rate limiting the alerts', () => {
  const alert = (outcome: string) => `breachbot_channel_posts_total{platform="slack",kind="alert",outcome="${outcome}"}`;

  it('THEN an alert refused once (500) and posted on its retry counts one failure, one retry and one post; the outbox is empty again', async () => {
    await slash('watch add Zeta Corp', 'CWATCH1');
    slack.on('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
    addIncident('metrics-zeta-one', 'Zeta Corp');
    await until(async () => sample(await metrics(), alert('ok')) === 1, 'the alert', 20_000);
    const text = await metrics();
    expect(sample(text, alert('failed'))).toBe(1);
    expect(sample(text, 'breachbot_channel_post_retries_total{platform="slack",kind="alert"}')).toBe(1);
    expect(sample(text, 'breachbot_outbox_depth')).toBe(0);
    expect(slack.messagesIn('CWATCH1')).toHaveLength(1);
  });

  it('THEN an alert rate limited for 45 s waits in the outbox: the depth shows it', async () => {
    await slash('watch add Ypsilon Ltd', 'CWATCH2');
    slack.on('chat.postMessage', { status: 429, headers: { 'retry-after': '45' }, body: { ok: false, error: 'ratelimited' } });
    addIncident('metrics-ypsilon-one', 'Ypsilon Ltd');
    await until(async () => sample(await metrics(), 'breachbot_outbox_depth') === 1, 'the alert to wait in the outbox', 20_000);
    expect(sample(await metrics(), alert('failed'))).toBe(2);
    expect(slack.messagesIn('CWATCH2')).toHaveLength(0);
  });
});
