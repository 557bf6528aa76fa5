/**
 * Posting digests and alerts to a channel through the fake REST API: split posts, no mentions,
 * and what each Discord failure means for the caller (gone, retry later, give up), fast.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { MessageAnswer } from '../../src/core/answer.js';
import type { AcceptedPart, ChannelRef } from '../../src/ports/index.js';
import { createDiscordPoster, createPosterRest } from '../../src/discord/index.js';
import { CHANNEL_ID, FAKE_TOKEN, FakeDiscord } from './fake-discord.js';
import { coreOf, hugeIncident, HOSTILE_TEXT } from './fixtures.js';
import { limitProblems, schemaErrors } from './payload-schema.js';

let fake: FakeDiscord;
const channel: ChannelRef = { platform: 'discord', workspaceId: '1', channelId: CHANNEL_ID };
const core = coreOf(Array.from({ length: 30 }, (_, i) => hugeIncident(i, i % 2 === 0)));
const digest: MessageAnswer = { kind: 'message', tone: 'info', outcome: { kind: 'watch-alert', names: [HOSTILE_TEXT], clients: [] }, incidents: core.catalog.incidents };
const small: MessageAnswer = { ...digest, incidents: core.catalog.incidents.slice(0, 1) };

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.onRest = undefined;
  fake.requests.length = 0;
});

/** The incident ids a posted message shows: each embed's footer starts with its incident's id (cut with "…" when long). */
const shownIn = (body: { embeds: { footer: { text: string } }[] }) =>
  body.embeds.map((e) => {
    const shown = e.footer.text.split(' · ')[0]!.replace(/…$/, '');
    const ids = digest.incidents.map((i) => i.id).filter((id) => id.startsWith(shown));
    return ids.length === 1 ? ids[0]! : `? ${shown}`;
  });

const poster = () => createDiscordPoster(createPosterRest({ api: fake.apiUrl, token: FAKE_TOKEN }));
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`);

describe('GIVEN a digest of 30 long incidents, some full of mentions', () => {
  it('THEN it is posted as several messages, each valid and within limits, none allowing mentions', async () => {
    const result = await poster().post(channel, digest, 'en');
    expect(result.ok).toBe(true);
    const sent = posts();
    expect(sent.length).toBeGreaterThan(1);
    expect(result.ok && result.messageIds.length).toBe(sent.length);
    expect(sent.reduce((n, r) => n + r.body.embeds.length, 0)).toBe(30);
    // Each accepted message names the incidents it shows (one embed each): all 30, in order, each once.
    expect(result.accepted?.map((p) => p.messageId)).toEqual(result.ok ? result.messageIds : []);
    expect(result.accepted?.flatMap((p) => p.incidentIds)).toEqual(digest.incidents.map((i) => i.id));
    result.accepted?.forEach((p, i) => expect(shownIn(sent[i]!.body)).toEqual(p.incidentIds));
    for (const r of sent) {
      expect(r.body.allowed_mentions).toEqual({ parse: [] });
      expect(schemaErrors('MessageCreateRequest', r.body)).toEqual([]);
      expect(limitProblems(r.body)).toEqual([]);
      expect(JSON.stringify(r.body)).not.toMatch(/@everyone|@here|<@&/);
      expect(r.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    }
  });
});

describe('GIVEN Discord refusing the post', () => {
  const refuse = (status: number, body: unknown, headers?: Record<string, string>) => {
    fake.onRest = (r) => (r.path.includes('/channels/') ? { status, body, ...(headers ? { headers } : {}) } : undefined);
  };

  it.each([
    [404, 10003, 'Unknown Channel'],
    [403, 50001, 'Missing Access'],
    [403, 50013, 'Missing Permissions'],
    [404, 0, 'Not found'],
  ])('WHEN %i code %i THEN the channel is gone: stop posting there', async (status, code, message) => {
    refuse(status, { code, message });
    const result = await poster().post(channel, small, 'en');
    expect(result).toMatchObject({ ok: false, gone: true, retryable: false });
    expect(posts().length).toBe(1);
  });

  it('WHEN rate limited THEN it is retryable after what Discord said, at once rather than waited out', async () => {
    refuse(429, { message: 'You are being rate limited.', retry_after: 2.5, global: false }, { 'retry-after': '2.5', 'x-ratelimit-scope': 'user' });
    const started = Date.now();
    const result = await poster().post(channel, small, 'en');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ ok: false, retryable: true, gone: false });
    expect(!result.ok && result.retryAfterMs).toBeGreaterThanOrEqual(2500);
    expect(posts().length).toBe(1);
  });

  it.each([
    ['a header of 5 s and a body of 120 s', { 'retry-after': '5', 'x-ratelimit-scope': 'user' }],
    ['only the body (120 s)', { 'x-ratelimit-scope': 'user' }],
  ])('WHEN rate limited with %s THEN the wait is the longer one, 120 s, and nothing was retried behind the caller', async (_, headers) => {
    refuse(429, { message: 'You are being rate limited.', retry_after: 120, global: false }, headers);
    const result = await poster().post(channel, small, 'en');
    expect(result).toMatchObject({ ok: false, retryable: true, gone: false });
    expect(!result.ok && result.retryAfterMs).toBeGreaterThanOrEqual(120_000);
    expect(posts().length).toBe(1);
  });

  it('WHEN Discord fails with a 5xx THEN it is retryable, and the client did not retry by itself', async () => {
    refuse(502, { message: 'Bad Gateway' });
    const started = Date.now();
    const result = await poster().post(channel, small, 'en');
    expect(result).toMatchObject({ ok: false, retryable: true, gone: false });
    expect(posts().length).toBe(1);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('WHEN the payload is refused (400) THEN it is neither gone nor worth retrying', async () => {
    refuse(400, { code: 50035, message: 'Invalid Form Body' });
    expect(await poster().post(channel, small, 'en')).toMatchObject({ ok: false, retryable: false, gone: false });
  });

  it('WHEN the second part of a split post fails THEN the result names the part already posted', async () => {
    let n = 0;
    fake.onRest = (r) => (r.path.includes('/channels/') && ++n === 2 ? { status: 500, body: { message: 'oops' } } : undefined);
    const heard: AcceptedPart[] = [];
    const result = await poster().post(channel, digest, 'en', { onAccepted: (part) => void heard.push(part) });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(!result.ok && result.reason).toMatch(/after posting 1 part/);
    // Which incidents reached the channel: those of part 1, exactly, as its embeds show them.
    const inFirst = shownIn(posts()[0]!.body);
    expect(inFirst.length).toBeGreaterThan(0);
    expect(result.accepted).toEqual([{ messageId: expect.any(String), incidentIds: inFirst }]);
    expect(heard).toEqual(result.accepted);
  });

  it('WHEN a split post failed half-way THEN posting the same answer again sends only the parts Discord did not accept', async () => {
    const p = poster();
    let n = 0;
    fake.onRest = (r) => (r.path.includes('/channels/') && ++n === 2 ? { status: 503, body: { message: 'try later' } } : undefined);
    const first = await p.post(channel, digest, 'en');
    expect(first).toMatchObject({ ok: false, retryable: true });
    const firstPart = posts()[0]!.body;
    fake.onRest = undefined;
    const again = await p.post(channel, digest, 'en');
    expect(again.ok).toBe(true);
    const sent = posts();
    // Part 1 once (first try), part 2 refused once then posted, the rest once: every incident once.
    const accepted = sent.filter((_, i) => i !== 1);
    expect(accepted.reduce((k, r) => k + r.body.embeds.length, 0)).toBe(30);
    expect(sent.filter((r) => JSON.stringify(r.body) === JSON.stringify(firstPart))).toHaveLength(1);
    const footers = accepted.flatMap((r) => r.body.embeds.map((e: { footer: { text: string } }) => e.footer.text.split(' · ')[0]));
    expect(new Set(footers).size).toBe(30);
    // The ids of every part, the first one included, in order.
    expect(again.ok && again.messageIds.length).toBe(accepted.length);
    expect(again.accepted?.flatMap((p) => p.incidentIds)).toEqual(digest.incidents.map((i) => i.id));
    expect(again.accepted?.[0]).toEqual(first.accepted?.[0]);
  });

  it('WHEN the answer or the channel differs THEN nothing is skipped', async () => {
    const p = poster();
    let n = 0;
    fake.onRest = (r) => (r.path.includes('/channels/') && ++n === 2 ? { status: 503, body: { message: 'try later' } } : undefined);
    await p.post(channel, digest, 'en');
    fake.onRest = undefined;
    fake.requests.length = 0;
    const other: ChannelRef = { ...channel, channelId: '123456789012345678' };
    await p.post(other, digest, 'en');
    const toOther = fake.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${other.channelId}/messages`);
    expect(toOther.reduce((k, r) => k + r.body.embeds.length, 0)).toBe(30);
    fake.requests.length = 0;
    await p.post(channel, digest, 'fr');
    expect(posts().reduce((k, r) => k + r.body.embeds.length, 0)).toBe(30);
  });

  it('WHEN Discord cannot be reached THEN it is retryable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const result = await createDiscordPoster(createPosterRest({ api: `http://127.0.0.1:${port}/api`, token: FAKE_TOKEN })).post(channel, small, 'en');
    expect(result).toMatchObject({ ok: false, retryable: true, gone: false });
  });
});

describe('GIVEN a post whose response is lost (Discord stored the message, then the connection dropped)', () => {
  it('THEN the retry sends the same nonce with enforce_nonce, Discord returns the message it has, and the channel holds one', async () => {
    const p = poster();
    fake.messages.length = 0;
    fake.dropAfterStore = 1;
    const first = await p.post(channel, small, 'en', { key: 'digest:9:2027-01-10T08:00:00.000Z' });
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(fake.messagesIn(CHANNEL_ID)).toHaveLength(1);
    const again = await poster().post(channel, small, 'en', { key: 'digest:9:2027-01-10T08:00:00.000Z', reconcile: true });
    expect(again).toMatchObject({ ok: true, messageIds: [fake.messagesIn(CHANNEL_ID)[0]!.id] });
    expect(fake.messagesIn(CHANNEL_ID)).toHaveLength(1);
    for (const r of posts()) {
      expect(r.body.enforce_nonce).toBe(true);
      expect(String(r.body.nonce).length).toBeLessThanOrEqual(25);
      expect(schemaErrors('MessageCreateRequest', r.body)).toEqual([]);
    }
    expect(new Set(posts().map((r) => r.body.nonce)).size).toBe(1);
  });
});
