/**
 * When the bot opens a port. The operations routes (/healthz, /readyz, /metrics) share the one
 * HTTP server with Slack's and Discord's HTTP endpoints; Socket Mode and the Discord gateway need
 * no port, and an operator running one of them on a laptop or a host with other services does not
 * expect one taken behind their back. So: the bot listens when PORT is set, or when a platform
 * needs the server (SLACK_MODE=http, "Add to Slack", DISCORD_PUBLIC_KEY); otherwise not.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { startServing } from '../../src/app/start.js';
import { loadConfig, type Config } from '../../src/config/env.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import type { RunningService } from '../../src/ports/index.js';
import { seedCore, seedDataDir } from '../helpers/catalog-fixtures.js';
import { APP_TOKEN, BOT_TOKEN, FakeSlack, SIGNING_SECRET, slashCommandForm } from '../slack/fake-slack.js';
import { FAKE_TOKEN } from '../discord/fake-discord.js';
import { until } from '../digest/fixtures.js';

const PUBLIC_KEY = 'ab'.repeat(32);

function config(env: Record<string, string>): Config {
  const loaded = loadConfig({ DATA_DIR: '/tmp', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.config;
}

describe('GIVEN each way of running the platforms', () => {
  it.each([
    ['Slack Socket Mode, PORT unset', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN }, false],
    ['Discord gateway, PORT unset', { DISCORD_TOKEN: FAKE_TOKEN }, false],
    ['Slack Socket Mode and the Discord gateway, PORT unset', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, DISCORD_TOKEN: FAKE_TOKEN }, false],
    ['Slack Socket Mode with PORT=9464 (for /metrics)', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, PORT: '9464' }, true],
    ['Slack HTTP mode, PORT unset (3000)', { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET }, true],
    ['Discord interactions endpoint, PORT unset (3000)', { DISCORD_PUBLIC_KEY: PUBLIC_KEY }, true],
  ])('THEN %s: listens is %s', (_label, env, listens) => {
    expect(config(env).listens).toBe(listens);
  });
});

describe('GIVEN the bot started in Slack Socket Mode', () => {
  let slack: FakeSlack | undefined;
  const services: RunningService[] = [];
  afterEach(async () => {
    for (const s of services.splice(0).reverse()) await s.stop();
    await slack?.stop();
  });

  async function start(env: Record<string, string>): Promise<{ port: number | undefined; lines: string[] }> {
    slack = await new FakeSlack().start();
    const lines: string[] = [];
    const dataDir = seedDataDir();
    const cfg = config({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: slack.apiUrl, DATA_DIR: dataDir, STATE_DB: join(dataDir, 'state.sqlite'), ...env });
    const { port } = await startServing({ config: cfg, holder: new CoreHolder(seedCore()), log: createLogger([BOT_TOKEN, APP_TOKEN], (l) => lines.push(l)) }, services);
    return { port, lines: lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
  }

  it('WHEN PORT is unset THEN no port is opened, the log says how to get the operations routes, and Slack is answered over the socket', async () => {
    const { port, lines } = await start({});
    expect(port).toBeUndefined();
    expect(lines).toContain('http: not listening (Socket Mode / Discord gateway only): set PORT to serve /healthz, /readyz and /metrics');
    expect(lines.some((l) => l.startsWith('http: listening'))).toBe(false);
    const ack = await slack!.envelope('slash_commands', slashCommandForm('inbenta', slack!.responseUrl('socket')));
    expect(JSON.stringify(ack.payload)).toContain('Ticketmaster');
  });

  it('WHEN PORT is set (0: any free port) THEN /healthz, /readyz and /metrics answer on it, /metrics counting the answers given over the socket', async () => {
    const { port, lines } = await start({ PORT: '0' });
    expect(port).toBeGreaterThan(0);
    expect(lines.find((l) => l.startsWith('http: listening'))).toBe(`http: listening on port ${port} (GET /healthz, /readyz, /metrics)`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    await slack!.envelope('slash_commands', slashCommandForm('stats', slack!.responseUrl('socket-stats')));
    // The ack goes back first; the answer is counted once the listener is done.
    const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    await until(async () => /^breachbot_answers_total\{platform="slack",via="command",kind="stats",outcome="ok"\} 1$/m.test(await metrics()), 'the answer to be counted');
    expect(await metrics()).toMatch(/^breachbot_catalog_incidents 9$/m);
  });
});
