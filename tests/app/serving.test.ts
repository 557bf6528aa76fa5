/**
 * The bot as deployed: one HTTP server carrying Slack's route, Discord's interactions endpoint
 * and the operations routes, started by `startServing` from a configuration, with digests and the
 * state store beside them. Slack and Discord are the fakes on loopback.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { startServing } from '../../src/app/start.js';
import { loadConfig } from '../../src/config/env.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { RunningService } from '../../src/ports/index.js';
import { seedDataDir } from '../helpers/catalog-fixtures.js';
import { BOT_TOKEN, FakeSlack, postToBot, slackHttpEnv, slashCommandForm } from '../slack/fake-slack.js';
import { FAKE_TOKEN, FakeDiscord, slashCommand } from '../discord/fake-discord.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');

let slack: FakeSlack;
let discord: FakeDiscord;
const services: RunningService[] = [];
let port: number;
const logLines: string[] = [];

beforeAll(async () => {
  slack = await new FakeSlack().start();
  discord = await new FakeDiscord().start();
  const dataDir = seedDataDir();
  const loaded = loadConfig({
    DATA_DIR: dataDir,
    STATE_DB: join(dataDir, 'state.sqlite'),
    ...slackHttpEnv(slack),
    DISCORD_PUBLIC_KEY: PUBLIC_KEY,
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const log = createLogger([BOT_TOKEN, FAKE_TOKEN], (l) => logLines.push(l));
  const holder = new CoreHolder(new BreachCore(loadCatalog(dataDir)));
  ({ port } = await startServing({ config: loaded.config, holder, log }, services, { listen: { port: 0, host: '127.0.0.1' } }));
});

afterAll(async () => {
  for (const s of services.splice(0).reverse()) await s.stop();
  await slack?.stop();
  await discord?.close();
});

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('GIVEN the bot serving Slack (HTTP) and Discord (interactions endpoint) on one port', () => {
  it('THEN /healthz answers 200', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, text: '{"status":"ok"}' });
  });

  it('THEN /readyz answers 200 naming the catalog and the store as ok', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ status: 'ready', checks: { catalog: 'ok', store: 'ok' } });
  });

  it('THEN a Slack command and a Discord command are both answered on that port', async () => {
    const answer = await postToBot(port, slashCommandForm('inbenta', slack.responseUrl('s1')));
    expect(String(answer.json?.text)).toContain('Ticketmaster');
    const body = JSON.stringify(slashCommand('breach', [{ name: 'query', type: 3, value: 'inbenta' }]));
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-timestamp': ts, 'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex') },
      body,
    });
    const json = (await res.json()) as { type: number; data: { embeds: { title: string }[] } };
    expect(json.type).toBe(4);
    expect(json.data.embeds[0]!.title).toContain('Ticketmaster');
  });

  it('THEN no gateway connection was opened for Discord', () => {
    expect(discord.connections).toBe(0);
    expect(discord.requests.some((r) => r.path.endsWith('/gateway/bot'))).toBe(false);
  });

  it('THEN /metrics shows both answers, the catalog size and Node process metrics, in Prometheus text', async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toMatch(/breachbot_answers_total\{platform="slack",via="command",kind="search",outcome="ok"\} 1/);
    expect(res.text).toMatch(/breachbot_answers_total\{platform="discord",via="command",kind="search",outcome="ok"\} 1/);
    expect(res.text).toMatch(/breachbot_answer_duration_seconds_bucket\{le="\+Inf",platform="slack",kind="search"\} 1/);
    expect(res.text).toMatch(/^breachbot_catalog_incidents 9$/m);
    expect(res.text).toMatch(/^breachbot_outbox_depth 0$/m);
    expect(res.text).toContain('breachbot_process_resident_memory_bytes');
    expect(res.text).toContain('# TYPE breachbot_channel_posts_total counter');
  });

  it('THEN an unknown path gets 404 and a wrong method 405', async () => {
    expect((await get('/nothing')).status).toBe(404);
    expect((await get('/slack/events')).status).toBe(405);
  });

  it('THEN the start-up log is JSON lines naming the routes, with no token in it', () => {
    const started = logLines.map((l) => JSON.parse(l) as { msg: string }).find((l) => l.msg.startsWith('http: listening'));
    expect(started?.msg).toContain('POST /slack/events, POST /discord/interactions, GET /healthz, /readyz, /metrics');
    expect(logLines.join('\n')).not.toContain(BOT_TOKEN);
    expect(logLines.join('\n')).not.toContain(FAKE_TOKEN);
  });

  it('THEN once the state store is closed, /readyz answers 503 naming the store', async () => {
    const digests = services.find((s) => s.name === 'digests')!;
    await digests.stop();
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual({ status: 'not ready', checks: { catalog: 'ok', store: 'failing' } });
    expect((await get('/healthz')).status).toBe(200);
  });
});
