/**
 * Gateway mode for larger installs: with DISCORD_SHARDS=auto, discord.js asks the (fake) Discord
 * how many shards to open and runs them all in this process; each shard identifies with its own
 * [id, count], and an interaction arriving on either shard is answered once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { startDiscord, type DiscordService } from '../../src/discord/index.js';
import { BotMetrics } from '../../src/http/metrics.js';
import { seedCore } from '../helpers/catalog-fixtures.js';
import { FAKE_TOKEN, FakeDiscord, slashCommand } from './fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordService;
const metrics = new BotMetrics();

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  fake.recommendedShards = 2;
  const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_SHARDS: 'auto' });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  bot = await startDiscord({ config: loaded.config, holder: new CoreHolder(seedCore()), log: createLogger([FAKE_TOKEN], () => undefined) }, [], { readyTimeoutMs: 25_000, metrics });
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('GIVEN DISCORD_SHARDS=auto and a gateway recommending 2 shards', () => {
  it('THEN two connections identify, as shard 0 of 2 and shard 1 of 2', () => {
    expect(fake.connections).toBe(2);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.client.ws.shards.size).toBe(2);
  });

  it('THEN an interaction on each shard is answered once', async () => {
    for (const shard of [0, 1]) {
      const payload = slashCommand('breach', [{ name: 'query', type: 3, value: 'inbenta' }]);
      fake.dispatch('INTERACTION_CREATE', payload, shard);
      const cb = await fake.callback(payload.id);
      expect((cb.body as { type: number }).type).toBe(4);
      await new Promise((r) => setTimeout(r, 100));
      expect(fake.requests.filter((r) => r.path.includes(`/interactions/${payload.id}/`))).toHaveLength(1);
    }
    // Gateway answers are counted as the HTTP endpoint's are: by what was asked.
    expect(await metrics.text()).toMatch(/^breachbot_answers_total\{platform="discord",via="command",kind="search",outcome="ok"\} 2$/m);
  });
});

describe('GIVEN DISCORD_SHARDS set wrong', () => {
  it('THEN the variable is named with what it should be', () => {
    const loaded = loadConfig({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_SHARDS: 'many' });
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? '' : loaded.errors.join('\n')).toContain('DISCORD_SHARDS must be "auto" or a shard count');
  });
});
