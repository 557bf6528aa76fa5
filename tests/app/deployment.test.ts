/**
 * breachbot deployed as a platform team would run it, on one machine: one PostgreSQL (the
 * throwaway server of the test setup), two Slack HTTP replicas and two Discord interaction
 * replicas behind a small round-robin proxy on loopback, the fake Slack (with `oauth.v2.access`)
 * and the fake Discord's REST. Three workspaces install the app through the OAuth flow; each is
 * answered with its own token; Slack's retries reaching the other replica do not answer twice;
 * one Slack and one Discord replica killed mid-run change nothing a user sees. Then digests for
 * 3 workspaces × 2 channels, every replica's scheduler on the shared database (the date moved by
 * the test, timers real): each posted once with its workspace's token, though the replica posting
 * one is killed mid-post while watch alerts are in flight; `/metrics` summed over the replicas
 * counts exactly what Slack received.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { startServing } from '../../src/app/start.js';
import { loadConfig } from '../../src/config/env.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { loadCatalog } from '../../src/core/catalog.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { BotMetrics } from '../../src/http/metrics.js';
import type { RunningService } from '../../src/ports/index.js';
import { seedDataDir } from '../helpers/catalog-fixtures.js';
import { dropSchemas, freshSchema, POSTGRES_URL } from '../helpers/postgres.js';
import { FAKE_TOKEN, FakeDiscord, slashCommand } from '../discord/fake-discord.js';
import { FakeSlack, SIGNING_SECRET, mentionEvent, sign as slackSign, slashCommandForm } from '../slack/fake-slack.js';
import { incidentInput, until } from '../digest/fixtures.js';

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
  /** Its counters (read in-process once it is dead: what it had counted when killed). */
  readonly metrics: BotMetrics;
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
let databaseUrl: string;
let dataDir: string;
let slackEnv: Record<string, string>;

async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const loaded = loadConfig({ DATA_DIR: dataDir, STATE_DB: join(mkdtempSync(join(tmpdir(), `breachbot-${name}-`)), 'state.sqlite'), ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const log = createLogger([CLIENT_SECRET, FAKE_TOKEN], (l) => logLines.push(`${name} ${l}`));
  const services: RunningService[] = [];
  // Every replica's scheduler looks at the clock often (the test moves the date), and each is its own lease holder.
  const digests = { tickMs: 100, holder: name, alertRetryMs: 500, graceMs: 0 };
  const { port, metrics } = await startServing({ config: loaded.config, holder: new CoreHolder(new BreachCore(loadCatalog(dataDir))), log }, services, { listen: { port: 0, host: '127.0.0.1' }, digests });
  return { name, port, services, metrics, alive: true };
}

/**
 * Kills a replica as a crash would, seen from outside: its port refuses connections, its posts in
 * flight are abandoned at once (no grace), its store connection is closed, so nothing it still
 * holds (a channel's lease, an outbox item) is released or recorded.
 */
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
  databaseUrl = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  dataDir = seedDataDir();
  const common = { DATABASE_URL: databaseUrl, DIGEST_CRON: '0 9 * * *', DIGEST_TZ: 'UTC' };
  slackEnv = { ...common, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_API_URL: slack.apiUrl };
  const discordEnv = { ...common, DISCORD_PUBLIC_KEY: PUBLIC_KEY, DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl };
  // One after the other: the first applies the migrations, the others find them applied.
  slackReplicas.push(await startReplica('slack-1', slackEnv), await startReplica('slack-2', slackEnv));
  discordReplicas.push(await startReplica('discord-1', discordEnv), await startReplica('discord-2', discordEnv));
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

/** `/breach <text>` typed by a workspace admin in one of the team's channels, through the proxy. */
async function slashIn(team: string, channel: string, text: string): Promise<number> {
  const form = { ...slashCommandForm(text, slack.responseUrl(`${team}-${channel}-${text.length}`), 'U0ASKER', channel), team_id: team };
  const raw = new URLSearchParams(form).toString();
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base()}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSign(raw, ts) }, body: raw });
  await res.text();
  return res.status;
}

/** A query on the shared database, as an operator would look. */
async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new incident file in the shared data folder: every replica's reloader picks it up. */
function addIncident(id: string, organization: string): void {
  writeFileSync(join(dataDir, 'incidents', `${id}.json`), JSON.stringify(incidentInput(id, { organization: { name: organization }, addedAt: new Date().toISOString() })));
}

const metricsOf = async (r: Replica) => (r.alive ? (await fetch(`http://127.0.0.1:${r.port}/metrics`)).text() : r.metrics.text());
const sampleOf = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1) ?? 0);
const keyOf = (m: { metadata?: { event_payload: Record<string, unknown> } }) => String(m.metadata?.event_payload.key ?? '');
const CHANNELS = TEAMS.flatMap((team) => [`C${team}a`, `C${team}b`].map((channel) => ({ team, channel })));

describeWithPostgres('GIVEN 3 workspaces × 2 channels subscribed to the 09:00 digest, every replica scheduling against the shared PostgreSQL', () => {
  afterAll(() => {
    vi.useRealTimers();
  });

  it('THEN each channel gets its digest once, with its workspace\'s token, and each watch alert once, though the Slack replica posting a digest is killed mid-post while alerts are in flight; /metrics summed over the replicas counts what Slack received', async () => {
    // A third Slack replica joins, so two race for every digest (one Slack replica was killed above).
    slackReplicas.push(await startReplica('slack-3', slackEnv));
    const slackAlive = () => slackReplicas.filter((r) => r.alive);
    const alive = () => [...slackReplicas, ...discordReplicas].filter((r) => r.alive);
    expect(slackAlive().length).toBeGreaterThanOrEqual(2);
    // The date moves as the test says; timers stay real (PostgreSQL's client and the schedulers' ticks).
    vi.useFakeTimers({ toFake: ['Date'] });
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    vi.setSystemTime(new Date(`${day}T08:50:00Z`));
    slack.reset();
    slack.admins.add('U0ASKER');

    for (const { team, channel } of CHANNELS) expect(await slashIn(team, channel, 'digest subscribe')).toBe(200);
    for (const team of TEAMS) expect(await slashIn(team, `C${team}a`, 'watch add Zeta Corp')).toBe(200);
    await until(async () => (await sql('SELECT 1 FROM subscriptions WHERE active = 1')).length === 6 && (await sql('SELECT 1 FROM watches')).length === 3, 'the subscriptions and watches');

    // A new breach at 08:55, after the subscriptions: every replica reloads it (the catalog gauge says when).
    vi.setSystemTime(new Date(`${day}T08:55:00Z`));
    addIncident('deploy-alpha', 'Deploy Alpha Networks');
    await until(async () => (await Promise.all(alive().map(metricsOf))).every((t) => sampleOf(t, 'breachbot_catalog_incidents') === 10), 'every replica to reload', 30_000);

    // 09:00: the first digest Slack receives is stored but never answered — its replica is stuck mid-post.
    slack.hangAfterStore = 1;
    vi.setSystemTime(new Date(`${day}T09:00:01Z`));
    await until(() => slack.held.length === 1 && slack.messages.length === 6, 'the six digests (one hung)', 30_000);
    const hungChannel = slack.held[0]!;
    const [lease] = await sql<{ holder: string }>('SELECT holder FROM leases WHERE name LIKE $1', [`post:slack/%/${hungChannel}`]);
    const stuck = slackReplicas.find((r) => r.name === lease?.holder)!;
    expect(stuck?.alive).toBe(true);
    // While the outbox holds that digest (the five others recorded as sent), a surviving replica's /metrics shows the depth.
    const survivor = slackAlive().find((r) => r !== stuck)!;
    await until(async () => sampleOf(await metricsOf(survivor), 'breachbot_outbox_depth') === 1, 'the outbox depth to show the stuck digest', 30_000);

    // A breach naming the watched vendor: the alerts start, and the stuck replica is killed meanwhile.
    addIncident('deploy-zeta', 'Zeta Corp');
    await until(() => slack.messages.some((m) => keyOf(m).startsWith('a:')), 'the first alert', 30_000);
    await kill(stuck);
    // Past the dead replica's lease (60 s): the survivor takes its channel over, finds the hung digest by its key.
    vi.setSystemTime(new Date(`${day}T09:02:30Z`));
    const digests = () => slack.messages.filter((m) => keyOf(m).startsWith('d:'));
    const alerts = () => slack.messages.filter((m) => keyOf(m).startsWith('a:'));
    await until(async () => alerts().length >= 3 && (await sql('SELECT 1 FROM outbox WHERE state = $1', ['pending'])).length === 0 && (await sql('SELECT 1 FROM pending_alerts')).length === 0, 'the alerts and the takeover', 30_000);
    // A few more ticks of every scheduler: nothing else may come.
    await new Promise((r) => setTimeout(r, 1_000));

    for (const { team, channel } of CHANNELS) {
      const here = slack.messagesIn(channel);
      expect(here.filter((m) => keyOf(m).startsWith('d:')), `${channel}'s digest`).toHaveLength(1);
      expect(here.filter((m) => keyOf(m).startsWith('a:')), `${channel}'s alert`).toHaveLength(channel.endsWith('a') ? 1 : 0);
      for (const call of slack.callsOf('chat.postMessage').filter((c) => c.params.channel === channel)) expect(call.authorization).toBe(`Bearer ${tokenOf(team)}`);
    }
    const shown = (m: { text: string; blocks: unknown }) => JSON.stringify([m.text, m.blocks]);
    expect(digests().every((m) => shown(m).includes('Deploy Alpha Networks'))).toBe(true);
    expect(alerts().every((m) => shown(m).includes('Zeta Corp') && !shown(m).includes('Deploy Alpha'))).toBe(true);
    expect(slack.messages).toHaveLength(9);
    // Nothing was posted twice: the hung digest was found by its key, not posted again.
    expect(slack.callsOf('chat.postMessage')).toHaveLength(9);
    expect(slack.callsOf('conversations.history').some((c) => c.params.channel === hungChannel)).toBe(true);

    // /metrics: every replica's counters (the dead one's as it left them) add up to what Slack received: new messages
    // count `ok`, an earlier try's message found in the channel counts `found`.
    const texts = await Promise.all([...slackReplicas, ...discordReplicas].map(metricsOf));
    const sum = (series: string) => texts.reduce((n, t) => n + sampleOf(t, series), 0);
    // Slack received 6 digests: 5 new messages confirmed as posted, and the hung one, which its replica never heard back about, found by the survivor.
    expect(sum('breachbot_channel_posts_total{platform="slack",kind="digest",outcome="ok"}')).toBe(5);
    expect(sum('breachbot_channel_posts_total{platform="slack",kind="alert",outcome="ok"}')).toBe(3);
    expect(sum('breachbot_channel_post_retries_total{platform="slack",kind="digest"}')).toBeGreaterThanOrEqual(1);
    expect(sum('breachbot_channel_posts_total{platform="slack",kind="digest",outcome="found"}')).toBe(1);
    // (An alert the killed replica posted but never recorded would be found too: counted `found`, not `ok`, by the survivor.)
    // The Discord replicas have no Slack poster: they left Slack's channels alone.
    for (const r of discordReplicas) expect(await metricsOf(r)).not.toMatch(/breachbot_channel_posts_total\{platform="slack"/);
    expect(sampleOf(await metricsOf(survivor), 'breachbot_outbox_depth')).toBe(0);
  }, 180_000);
});
