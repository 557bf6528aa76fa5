/**
 * Socket Mode, the default: the app opens its connection through SLACK_API_URL (so a stand-in
 * or a proxy really replaces Slack), and answers a slash command envelope in its ack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import type { RunningService } from '../../src/ports/index.js';
import { startSlack } from '../../src/slack/index.js';
import { APP_TOKEN, BOT_TOKEN, FakeSlack, slashCommandForm } from './fake-slack.js';
import { DATA, bundledCore } from './fixtures.js';

let fake: FakeSlack;
let bot: RunningService;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl, DATA_DIR: DATA });
  if (!loaded.ok || !loaded.config.slack) throw new Error('bad test config');
  expect(loaded.config.slack.mode).toBe('socket');
  // The entry point the app calls, with the context it passes.
  bot = await startSlack({ config: loaded.config, holder: new CoreHolder(bundledCore()), log: createLogger([BOT_TOKEN, APP_TOKEN], () => {}) }, []);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe('GIVEN SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL', () => {
  it('THEN auth.test and apps.connections.open reach the stand-in, each with its own token', () => {
    expect(fake.callsOf('auth.test')[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(fake.callsOf('apps.connections.open')[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(fake.sockets).toHaveLength(1);
  });

  it('THEN a /breach envelope is acked with the Block Kit answer', async () => {
    const ack = await fake.envelope('slash_commands', slashCommandForm('inbenta', fake.responseUrl('socket')));
    const payload = ack.payload as { response_type: string; blocks: { text?: { text: string } }[] };
    expect(payload.response_type).toBe('ephemeral');
    expect(payload.blocks[1]?.text?.text).toMatch(/^\*1\. Ticketmaster UK/);
  });
});

describe('GIVEN an app-level token Slack refuses', () => {
  it('THEN start-up fails with a message naming SLACK_APP_TOKEN, not the token', async () => {
    const other = await new FakeSlack().start();
    try {
      other.on('apps.connections.open', { ok: false, error: 'invalid_auth' });
      const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: other.apiUrl, DATA_DIR: DATA });
      if (!loaded.ok) throw new Error('bad test config');
      const started = startSlack({ config: loaded.config, holder: new CoreHolder(bundledCore()), log: createLogger([], () => {}) }, []);
      await expect(started).rejects.toThrow(/SLACK_APP_TOKEN/);
      await started.catch((e: Error) => expect(e.message).not.toContain(APP_TOKEN));
    } finally {
      await other.stop();
    }
  });
});
