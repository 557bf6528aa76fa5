/**
 * breachbot deployed as a platform team would run it, on one machine: one PostgreSQL (the
 * throwaway server of the test setup), two Slack HTTP replicas and two Discord interaction
 * replicas behind a small round-robin proxy on loopback, the fake Slack (with `oauth.v2.access`)
 * and the fake Discord's REST. Three workspaces install the app through the OAuth flow; each is
 * answered with its own token; Slack's retries reaching the other replica do not answer twice;
 * one Slack and one Discord replica killed mid-run change nothing a user sees.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { startServing } from '../../src/app/start.js';
import { loadConfig } from '../../src/config/env.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { RunningService } from '../../src/ports/index.js';
import { seedDataDir } from '../helpers/catalog-fixtures.js';
import { dropSchemas, freshSchema, POSTGRES_URL } from '../helpers/postgres.js';
import { FAKE_TOKEN, FakeDiscord, slashCommand } from '../discord/fake-discord.js';
import { FakeSlack, SIGNING_SECRET, mentionEvent, sign as slackSign } from '../slack/fake-slack.js';

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'c0ffee0123456789c0ffee0123456789';
const STATE_SECRET = 'a-state-secret-for-tests-only';
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
const tokenOf = (team: string) => `xoxb-${team}-0000-installed-token`;

interface Replica {
  readonly name: string;
  port: number;
  readonly services: RunningService[];
  alive: boolean;
}

/** A round-robin proxy: /slack/* to the Slack pool, /discord/* to the Discord pool, anything else to all; a dead backend is skipped. */
class RoundRobinProxy {
  private server?: Server;
  private turn = 0;
  port = 0;
  constructor(private readonly pools: (path: string) => Replica[]) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const pool = this.pools(req.url ?? '/');
        const first = this.turn++;
        const tryFrom = (attempt: number) => {
          if (attempt >= pool.length) {
            res.writeHead(502).end();
            return;
          }
          const backend = pool[(first + attempt) % pool.length]!;
          const out = request({ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' } }, (answer: IncomingMessage) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          // A replica that is gone refuses the connection: the next one gets the request.
          out.on('error', () => tryFrom(attempt + 1));
          out.end(body);
        };
        tryFrom(0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

const describeWithPostgres = POSTGRES_URL ? describe : describe.skip;

let slack: FakeSlack;
let discord: FakeDiscord;
let proxy: RoundRobinProxy;
const slackReplicas: Replica[] = [];
const discordReplicas: Replica[] = [];
const schemas: string[] = [];
const logLines: string[] = [];

async function startReplica(name: string, env: Record<string, string>, dataDir: string): Promise<Replica> {
  const loaded = loadConfig({ DATA_DIR: dataDir, STATE_DB: join(mkdtempSync(join(tmpdir(), `breachbot-${name}-`)), 'state.sqlite'), ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const log = createLogger([CLIENT_SECRET, FAKE_TOKEN], (l) => logLines.push(`${name} ${l}`));
  const services: RunningService[] = [];
  const { port } = await startServing({ config: loaded.config, holder: new CoreHolder(new BreachCore(loadCatalog(dataDir))), log }, services, { listen: { port: 0, host: '127.0.0.1' } });
  return { name, port, services, alive: true };
}

async function kill(replica: Replica): Promise<void> {
  replica.alive = false;
  for (const s of replica.services.splice(0).reverse()) await s.stop().catch(() => undefined);
}

beforeAll(async () => {
  if (!POSTGRES_URL) return;
  slack = await new FakeSlack().start();
  discord = await new FakeDiscord().start();
  const schema = freshSchema('deploy');
  schemas.push(schema);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const databaseUrl = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dataDir = seedDataDir();
  const common = { DATABASE_URL: databaseUrl };
  const slackEnv = { ...common, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_API_URL: slack.apiUrl };
  const discordEnv = { ...common, DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl };
  // One after the other: the first applies the migrations, the others find them applied.
  slackReplicas.push(await startReplica('slack-1', slackEnv, dataDir), await startReplica('slack-2', slackEnv, dataDir));
  discordReplicas.push(await startReplica('discord-1', discordEnv, dataDir), await startReplica('discord-2', discordEnv, dataDir));
  proxy = await new RoundRobinProxy((path) => (path.startsWith('/discord/') ? discordReplicas : path.startsWith('/slack/') ? slackReplicas : [...slackReplicas, ...discordReplicas])).start();
});

afterAll(async () => {
  await proxy?.stop();
  for (const r of [...slackReplicas, ...discordReplicas]) await kill(r);
  await slack?.stop();
  await discord?.close();
  await dropSchemas(schemas);
});

const base = () => `http://127.0.0.1:${proxy.port}`;

async function install(team: string): Promise<number> {
  slack.on('oauth.v2.access', {
    ok: true,
    app_id: 'A0BREACHBOT',
    authed_user: { id: `U${team}ADMIN` },
    scope: 'commands,chat:write',
    token_type: 'bot',
    access_token: tokenOf(team),
    bot_user_id: `UB${team}`,
    team: { id: team, name: `Team ${team}` },
    enterprise: null,
    is_enterprise_install: false,
  });
  slack.on('auth.test', { ok: true, url: `https://${team}.slack.test/`, team_id: team, user_id: `UB${team}`, bot_id: `B${team}` });
  const start = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const done = await fetch(`${base()}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  await done.text();
  return done.status;
}

async function slackEvent(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<number> {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSign(raw, ts), ...headers }, body: raw });
  await res.text();
  return res.status;
}

async function discordCommand(query: string): Promise<{ type: number; data: { embeds: { title: string }[] } }> {
  const body = JSON.stringify(slashCommand('breach', [{ name: 'query', type: 3, value: query }]));
  const ts = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${base()}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-timestamp': ts, 'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex') }, body });
  return (await res.json()) as never;
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

const TEAMS = ['T1', 'T2', 'T3'];
const mention = (team: string, n: number) => ({ ...mentionEvent('<@UBOT> inbenta', { channel: `C${team}`, ts: `17000${n}0000.00010${TEAMS.indexOf(team)}` }), team_id: team });
const repliesIn = (team: string) => slack.callsOf('chat.postMessage').filter((c) => c.params.channel === `C${team}`);

describeWithPostgres('GIVEN two Slack and two Discord replicas behind a round-robin proxy, sharing one PostgreSQL', () => {
  it('THEN three workspaces install the app through "Add to Slack" (install and redirect on different replicas)', async () => {
    for (const team of TEAMS) expect(await install(team)).toBe(200);
    expect(slack.callsOf('oauth.v2.access')).toHaveLength(3);
  });

  it('THEN a mention in each workspace is answered once, with that workspace\'s token, even when Slack retries it to the other replica', async () => {
    slack.reset();
    for (const team of TEAMS) {
      const event = mention(team, 1);
      expect(await slackEvent(event)).toBe(200);
      expect(await slackEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    }
    await waitFor(() => slack.callsOf('chat.postMessage').length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    for (const team of TEAMS) expect(repliesIn(team).map((c) => c.authorization)).toEqual([`Bearer ${tokenOf(team)}`]);
  });

  it('THEN a Discord command is answered by either replica', async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await discordCommand('inbenta');
      expect(answer.type).toBe(4);
      expect(answer.data.embeds[0]!.title).toContain('Ticketmaster');
    }
    expect(discord.connections).toBe(0);
  });

  it('THEN with one Slack and one Discord replica killed mid-run, every workspace is still answered once and Discord still answers', async () => {
    await kill(slackReplicas[0]!);
    await kill(discordReplicas[0]!);
    slack.reset();
    for (const team of TEAMS) {
      const event = mention(team, 2);
      expect(await slackEvent(event)).toBe(200);
      expect(await slackEvent(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    }
    await waitFor(() => slack.callsOf('chat.postMessage').length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    for (const team of TEAMS) expect(repliesIn(team).map((c) => c.authorization)).toEqual([`Bearer ${tokenOf(team)}`]);
    for (let i = 0; i < 2; i++) expect((await discordCommand('inbenta')).type).toBe(4);
  });

  it('THEN /metrics on the surviving replicas shows the answers', async () => {
    const text = (await Promise.all([...slackReplicas, ...discordReplicas].filter((r) => r.alive).map(async (r) => (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text()))).join('\n');
    expect(text).toMatch(/breachbot_answers_total\{platform="slack",via="mention",kind="search",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/breachbot_answers_total\{platform="discord",via="command",kind="search",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/breachbot_requests_refused_total\{platform="slack",reason="duplicate"\} [1-9]/);
  });
});
