/**
 * `npm run discord:deploy`: registers the commands to one guild when DISCORD_GUILD_ID is set,
 * globally otherwise; refuses with the variable's name when configuration is missing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { main } from '../../src/discord/deploy-commands.js';
import { APP_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID } from './fake-discord.js';
import { schemaErrors } from './payload-schema.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

const run = async (env: Record<string, string>) => {
  const out: string[] = [];
  const code = await main(env, (l) => out.push(l));
  return { code, out: out.join('\n') };
};

describe('GIVEN a token and an application id', () => {
  it('WHEN DISCORD_GUILD_ID is set THEN every command is PUT to that guild, valid per the schema', async () => {
    const { code, out } = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(0);
    const put = fake.requests.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.path)).toEqual([`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    expect(put[0]!.body.map((b: { name: string }) => b.name)).toEqual(COMMANDS.map((c) => c.discordName));
    // What Discord receives: the commands that change channel settings need Manage Channels by default.
    const permissions = Object.fromEntries(put[0]!.body.map((b: { name: string; default_member_permissions?: string }) => [b.name, b.default_member_permissions ?? null]));
    expect(permissions).toMatchObject({ breach: null, 'breach-show': null, 'breach-digest': String(1 << 4), 'breach-watch': String(1 << 4) });
    // Discord applies default permissions to a whole command: the read-only status has none, so every member has it.
    expect(permissions['breach-status']).toBeNull();
    const status = put[0]!.body.find((b: { name: string }) => b.name === 'breach-status');
    expect(status).toMatchObject({ type: 1, name_localizations: { fr: 'fuite-statut' }, description_localizations: { fr: expect.stringContaining('visibles par tous') } });
    expect(status).not.toHaveProperty('default_member_permissions');
    expect(status).not.toHaveProperty('options');
    for (const b of put[0]!.body) {
      const body = b.default_member_permissions != null ? { ...b, default_member_permissions: Number(b.default_member_permissions) } : b;
      expect(schemaErrors('ApplicationCommandCreateRequest', body)).toEqual([]);
    }
    expect(out).toContain(`in server ${GUILD_ID}`);
    expect(out).not.toContain(FAKE_TOKEN);
  });

  it('WHEN no guild is set THEN the commands are registered globally', async () => {
    const { code, out } = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: `${fake.apiUrl}/v10/` });
    expect(code).toBe(0);
    expect(fake.requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([`/api/v10/applications/${APP_ID}/commands`]);
    expect(out).toContain('global commands');
  });
});

describe('GIVEN missing or malformed configuration', () => {
  it('WHEN the application id is missing THEN it names the variable and registers nothing', async () => {
    const { code, out } = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(1);
    expect(out).toContain('DISCORD_APPLICATION_ID');
    expect(fake.requests).toEqual([]);
  });

  it('WHEN the token is malformed THEN it names DISCORD_TOKEN without printing it', async () => {
    const { code, out } = await run({ DISCORD_TOKEN: 'not-a-token-secret-value', DISCORD_APPLICATION_ID: APP_ID });
    expect(code).toBe(1);
    expect(out).toContain('DISCORD_TOKEN');
    expect(out).not.toContain('not-a-token-secret-value');
  });

  it('WHEN Discord refuses the token THEN it fails with exit code 1', async () => {
    fake.onRest = (r) => (r.method === 'PUT' ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined);
    try {
      const { code, out } = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl });
      expect(code).toBe(1);
      expect(out).toContain('401: Unauthorized');
      expect(out).not.toContain(FAKE_TOKEN);
    } finally {
      fake.onRest = undefined;
    }
  });
});
