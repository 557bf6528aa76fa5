/**
 * Discord interactions over HTTP, as Discord sends them to `/discord/interactions`: signed with
 * the application's Ed25519 key, answered in the HTTP response through the same router as the
 * gateway's; follow-ups after a deferral go to the fake Discord's REST on loopback.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, type CommandDefinition, type CommandRequest } from '../../commands/index.js';
import { createLogger } from '../../src/app/logger.js';
import { CoreHolder } from '../../src/core/core-holder.js';
import { discordPublicKey, verifyDiscordSignature } from '../../src/discord/verify-interaction.js';
import { BotMetrics } from '../../src/http/metrics.js';
import type { CommandHandler } from '../../src/ports/index.js';
import { seedCore } from '../helpers/catalog-fixtures.js';
import { FAKE_TOKEN, FakeDiscord, autocomplete, buttonPress, slashCommand } from './fake-discord.js';
import { schemaErrors } from './payload-schema.js';
import { startInteractionsEndpoint, type InteractionsEndpoint } from './fixtures.js';

const STRING = 3;

const slowCommand: CommandDefinition<CommandRequest> = {
  name: 'digest',
  discordName: 'breach-digest',
  description: { en: 'digest', fr: 'résumé' },
  usage: { en: '/breach digest <status>', fr: '/breach digest <status>' },
  examples: [],
  options: [],
  subcommands: ['status', 'slow'].map((name) => ({ name, description: { en: name, fr: name }, options: [] })),
  parseText: () => ({ command: 'digest' }),
  fromOptions: (_values, subcommand) => ({ command: 'digest', action: subcommand }) as CommandRequest,
};
const digestHandler: CommandHandler = {
  handles: (r) => (r as CommandRequest).command === 'digest',
  async handle(request) {
    const action = (request as { action?: string }).action;
    if (action === 'slow') await new Promise((r) => setTimeout(r, 300));
    return { kind: 'message', tone: 'success', outcome: { kind: 'watch-added', name: `Digest ${action}`, added: false, alreadyNamed: 0 }, incidents: [] };
  },
};

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const rawPublicKeyHex = (key: KeyObject) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
const PUBLIC_KEY_HEX = rawPublicKeyHex(publicKey);
const other = generateKeyPairSync('ed25519');

let fake: FakeDiscord;
let endpoint: InteractionsEndpoint;
let port: number;
const metrics = new BotMetrics();
const logLines: string[] = [];

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  const log = createLogger([FAKE_TOKEN], (l) => logLines.push(l));
  const commands = new Map([...COMMANDS, slowCommand].map((c) => [c.discordName, c as CommandDefinition<CommandRequest>]));
  endpoint = await startInteractionsEndpoint(fake.apiUrl, {
    publicKey: discordPublicKey(PUBLIC_KEY_HEX),
    deps: { holder: new CoreHolder(seedCore()), handlers: [digestHandler], log, commands, deferAfterMs: 50 },
    log,
    metrics,
  });
  ({ port } = endpoint);
});

afterAll(async () => {
  await endpoint?.close();
  await fake?.close();
});

const now = () => Math.floor(Date.now() / 1000);

async function post(body: string, options: { timestamp?: number; key?: KeyObject; signature?: string } = {}) {
  const timestamp = String(options.timestamp ?? now());
  const signature = options.signature ?? sign(null, Buffer.from(timestamp + body), options.key ?? privateKey).toString('hex');
  const res = await fetch(`http://127.0.0.1:${port}/discord/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as { type: number; data?: Record<string, any> }) : undefined };
}

const send = (payload: unknown, options?: Parameters<typeof post>[1]) => post(JSON.stringify(payload), options);

describe('GIVEN Discord checks the endpoint', () => {
  it('THEN a signed PING gets PONG', async () => {
    expect(await send({ type: 1, id: '1', application_id: '1', token: 't' })).toEqual({ status: 200, json: { type: 1 } });
  });

  it('THEN a PING signed with another key, or unsigned, gets 401 (Discord probes this before saving the URL)', async () => {
    expect((await send({ type: 1 }, { key: other.privateKey })).status).toBe(401);
    expect((await send({ type: 1 }, { signature: '' })).status).toBe(401);
    expect((await send({ type: 1 }, { signature: 'ab'.repeat(64) })).status).toBe(401);
  });

  it('THEN a correctly signed request dated an hour ahead or an hour old gets 401', async () => {
    expect((await send({ type: 1 }, { timestamp: now() + 3600 })).status).toBe(401);
    expect((await send({ type: 1 }, { timestamp: now() - 3600 })).status).toBe(401);
  });

  it('THEN the raw key check accepts what the private key signed and nothing else', () => {
    const key = discordPublicKey(PUBLIC_KEY_HEX);
    const body = Buffer.from('{"type":1}');
    const ts = String(now());
    const signature = sign(null, Buffer.concat([Buffer.from(ts), body]), privateKey).toString('hex');
    expect(verifyDiscordSignature({ rawBody: body, signature, timestamp: ts }, key)).toEqual({ ok: true });
    expect(verifyDiscordSignature({ rawBody: Buffer.from('{"type":2}'), signature, timestamp: ts }, key).ok).toBe(false);
    expect(() => discordPublicKey('not hex')).toThrow(/64 hexadecimal/);
  });
});

describe('GIVEN signed bodies that are not interactions', () => {
  for (const [label, body] of [
    ['JSON null', 'null'],
    ['broken JSON', '{"type":'],
    ['an array', '[2]'],
    ['an interaction without its token', JSON.stringify({ type: 2, id: '5', application_id: '1' })],
    ['a modal submit (not answered by the bot)', JSON.stringify({ type: 5, id: '5', application_id: '1', token: 't' })],
  ] as const) {
    it(`THEN ${label} gets 400`, async () => {
      expect((await post(body)).status).toBe(400);
    });
  }
});

describe('GIVEN a signed /breach query:inbenta', () => {
  it('THEN the HTTP response is the answer (type 4), valid, with Ticketmaster first; nothing went through REST', async () => {
    const before = fake.requests.length;
    const res = await send(slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]));
    expect(res.status).toBe(200);
    expect(res.json?.type).toBe(4);
    expect(res.json?.data?.embeds[0].title).toContain('Ticketmaster');
    expect(res.json?.data?.allowed_mentions).toEqual({ parse: [] });
    expect(schemaErrors('CreateMessageInteractionCallbackRequest', res.json)).toEqual([]);
    expect(fake.requests.length).toBe(before);
  });

  it('THEN the same interaction replayed gets 409 and no second answer', async () => {
    const payload = slashCommand('breach', [{ name: 'query', type: STRING, value: 'inbenta' }]);
    expect((await send(payload)).status).toBe(200);
    expect((await send(payload)).status).toBe(409);
  });
});

describe('GIVEN autocomplete and buttons over HTTP', () => {
  it('THEN autocomplete for "tick" answers type 8 with Ticketmaster', async () => {
    const res = await send(autocomplete('breach', [{ name: 'query', type: STRING, value: 'tick', focused: true }]));
    expect(res.json?.type).toBe(8);
    expect((res.json?.data?.choices as { name: string }[]).map((c) => c.name)).toContain('Ticketmaster');
  });

  it('THEN a Details button answers privately (ephemeral flag) with the incident', async () => {
    const res = await send(buttonPress('bb|d|ticketmaster-inbenta-2018'));
    expect(res.json?.type).toBe(4);
    expect(res.json?.data?.flags).toBe(64);
    expect(JSON.stringify(res.json?.data?.embeds)).toContain('Ticketmaster');
  });

  it('THEN a Next button updates the message it sits on (type 7)', async () => {
    const first = await send(slashCommand('breach', [{ name: 'query', type: STRING, value: 'breach' }]));
    const next = (first.json?.data?.components ?? []).flatMap((r: { components: { custom_id?: string; label: string }[] }) => r.components).find((b: { label: string }) => /next/i.test(b.label));
    expect(next?.custom_id).toBeDefined();
    const res = await send(buttonPress(next!.custom_id!));
    expect(res.json?.type).toBe(7);
  });
});

describe('GIVEN a command whose handler is slower than the deferral threshold', () => {
  it('THEN the HTTP response defers (type 5) and the answer comes as an edit of the original through REST', async () => {
    const payload = slashCommand('breach-digest', [{ name: 'slow', type: 1, options: [] }]);
    const res = await send(payload);
    expect(res.json?.type).toBe(5);
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(`/webhooks/`) && r.path.includes(payload.token));
    expect(JSON.stringify(edit.body)).toContain('Digest slow');
    expect(fake.requests.some((r) => r.path.includes('/callback'))).toBe(false);
  });
});

describe('GIVEN the metrics after these interactions', () => {
  it('THEN answers are counted by what the user asked for (search, show, autocomplete, digest) and how it came; refusals by reason', async () => {
    const text = await metrics.text();
    // Three /breach searches (two "inbenta", one "breach"); the replay was refused, not answered.
    expect(text).toMatch(/^breachbot_answers_total\{platform="discord",via="command",kind="search",outcome="ok"\} 3$/m);
    expect(text).toMatch(/^breachbot_answers_total\{platform="discord",via="autocomplete",kind="autocomplete",outcome="ok"\} 1$/m);
    // Details runs `show`; Next pages the search.
    expect(text).toMatch(/^breachbot_answers_total\{platform="discord",via="button",kind="show",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^breachbot_answers_total\{platform="discord",via="button",kind="search",outcome="ok"\} 1$/m);
    // The slow digest command: its deferral is its answer in time (the edit follows through REST).
    expect(text).toMatch(/^breachbot_answers_total\{platform="discord",via="command",kind="digest",outcome="ok"\} 1$/m);
    expect(text).not.toMatch(/kind="(command|button|mention)"/);
    expect(text).toMatch(/breachbot_requests_refused_total\{platform="discord",reason="bad-signature"\} [1-9]/);
    expect(text).toMatch(/breachbot_requests_refused_total\{platform="discord",reason="duplicate"\} 1/);
    expect(text).toMatch(/breachbot_answer_duration_seconds_count\{platform="discord",kind="search"\} 4/);
  });
});
