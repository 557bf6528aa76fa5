/**
 * Posting digests and alerts to a channel through the fake Slack Web API: split across
 * messages as the limits require, accepted only when Slack says ok, failures mapped to
 * retryable or gone, no hidden retries.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AcceptedPart, ChannelRef } from '../../src/ports/index.js';
import type { MessageAnswer } from '../../src/core/answer.js';
import { createSlackPoster } from '../../src/slack/slack-poster.js';
import { blockKitProblems, unsafeMarkup } from './block-kit-check.js';
import { BOT_TOKEN, FakeSlack, TEAM } from './fake-slack.js';
import { HOSTILE, coreOf, longestIncident, bundledCore } from './fixtures.js';

const channel: ChannelRef = { platform: 'slack', workspaceId: TEAM, channelId: 'C0DIGEST' };
const small: MessageAnswer = { kind: 'message', tone: 'info', outcome: { kind: 'watch-alert', names: [HOSTILE], clients: [] }, incidents: [bundledCore().incident('orange-2014-04')!, bundledCore().incident('ticketmaster-inbenta-2018')!] };
const bigCore = coreOf(Array.from({ length: 12 }, (_, i) => longestIncident(i)));
const big: MessageAnswer = { kind: 'message', tone: 'info', outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' }, incidents: bigCore.catalog.incidents };

let fake: FakeSlack;
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => fake.reset());

/** The incident ids a posted message shows (each incident section names its id in backticks). */
function shownIn(blocks: unknown): string[] {
  const ids = new Set(big.incidents.map((i) => i.id));
  return (blocks as { type: string; text?: { text: string }; accessory?: unknown }[])
    .filter((b) => b.type === 'section' && b.accessory && b.text)
    .map((b) => [...b.text!.text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).find((id) => ids.has(id)) ?? '?');
}

const poster = () => createSlackPoster({ token: BOT_TOKEN, apiUrl: fake.apiUrl, minIntervalMs: 0 });

describe('GIVEN a digest that fits one message', () => {
  it('THEN one chat.postMessage with valid, escaped blocks; the result carries its ts', async () => {
    const result = await poster().post(channel, small, 'en');
    const calls = fake.callsOf('chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params.channel).toBe('C0DIGEST');
    expect(calls[0]!.params.unfurl_links).toBe('false');
    const message = { text: String(calls[0]!.params.text), blocks: calls[0]!.params.blocks as unknown[] };
    expect(blockKitProblems(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
    const ts = expect.stringMatching(/^\d+\.\d+$/);
    expect(result).toEqual({ ok: true, messageIds: [ts], accepted: [{ messageId: ts, incidentIds: ['orange-2014-04', 'ticketmaster-inbenta-2018'] }], sent: 1 });
  });
});

describe('GIVEN a digest too big for one message', () => {
  it('THEN it is posted as several messages, each valid, all recorded', async () => {
    const result = await poster().post(channel, big, 'fr');
    const calls = fake.callsOf('chat.postMessage');
    expect(calls.length).toBeGreaterThan(1);
    for (const c of calls) expect(blockKitProblems({ text: String(c.params.text), blocks: c.params.blocks as unknown[] })).toEqual([]);
    expect(result.ok && result.messageIds.length).toBe(calls.length);
    expect(String(calls[1]!.params.text)).toContain(`(suite, 2/${calls.length})`);
    // Each accepted message names the incidents it shows: all 12, in order, each once.
    expect(result.accepted?.map((p) => p.messageId)).toEqual(result.ok ? result.messageIds : []);
    expect(result.accepted?.flatMap((p) => p.incidentIds)).toEqual(big.incidents.map((i) => i.id));
    result.accepted?.forEach((p, i) => expect(shownIn(calls[i]!.params.blocks)).toEqual(p.incidentIds));
  });

  it('THEN when a later part fails, the retry posts only the parts Slack did not accept', async () => {
    const p = poster();
    fake.on('chat.postMessage', (params) => ({ ok: true, channel: params.channel, ts: '1.000001' }), { status: 503, body: 'down' });
    const heard: AcceptedPart[] = [];
    const first = await p.post(channel, big, 'en', { onAccepted: (part) => void heard.push(part) });
    expect(first).toMatchObject({ ok: false, retryable: true, gone: false, reason: 'http_503' });
    const total = fake.callsOf('chat.postMessage').length;
    expect(total).toBe(2);
    // The failure still says which incidents reached the channel: those of message 1, exactly.
    const inFirst = shownIn(fake.callsOf('chat.postMessage')[0]!.params.blocks);
    expect(inFirst.length).toBeGreaterThan(0);
    expect(first.accepted).toEqual([{ messageId: '1.000001', incidentIds: inFirst }]);
    expect(heard).toEqual(first.accepted);
    fake.reset();
    heard.length = 0;
    const second = await p.post(channel, big, 'en', { onAccepted: (part) => void heard.push(part) });
    expect(second.ok).toBe(true);
    const reposted = fake.callsOf('chat.postMessage');
    expect(second.ok && second.messageIds[0]).toBe('1.000001');
    expect(second.ok && second.messageIds.length).toBe(reposted.length + 1);
    // The result covers every part, the remembered one included; the callback only the parts posted now.
    expect(second.accepted?.flatMap((part) => part.incidentIds)).toEqual(big.incidents.map((i) => i.id));
    expect(heard.flatMap((part) => part.incidentIds)).toEqual(big.incidents.map((i) => i.id).filter((id) => !inFirst.includes(id)));
  });
});

describe('GIVEN Slack refuses the post', () => {
  const cases: [string, Parameters<FakeSlack['on']>[1], Record<string, unknown>][] = [
    ['channel_not_found', { ok: false, error: 'channel_not_found' }, { retryable: false, gone: true, reason: 'channel_not_found' }],
    ['not_in_channel', { ok: false, error: 'not_in_channel' }, { retryable: false, gone: true }],
    ['is_archived', { ok: false, error: 'is_archived' }, { retryable: false, gone: true }],
    ['account_inactive', { ok: false, error: 'account_inactive' }, { retryable: false, gone: true }],
    ['invalid_auth', { ok: false, error: 'invalid_auth' }, { retryable: false, gone: true }],
    ['a malformed message (our bug)', { ok: false, error: 'invalid_blocks' }, { retryable: false, gone: false }],
    ['a Slack outage (500)', { status: 500, body: { ok: false } }, { retryable: true, gone: false, reason: 'http_500' }],
    ['a rate limit (429 Retry-After: 45)', { status: 429, headers: { 'retry-after': '45' }, body: { ok: false, error: 'ratelimited' } }, { retryable: true, gone: false, retryAfterMs: 45_000 }],
    ['a rate limit (429 Retry-After: 7)', { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } }, { retryable: true, gone: false, retryAfterMs: 7000 }],
  ];
  for (const [name, reply, expected] of cases) {
    it(`THEN ${name} maps to ${JSON.stringify(expected)}, after exactly one attempt`, async () => {
      fake.on('chat.postMessage', reply);
      const result = await poster().post(channel, small, 'en');
      expect(result).toMatchObject({ ok: false, ...expected });
      expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    });
  }

  it('THEN a network failure is retryable', async () => {
    // A port that was just open and is now closed: connection refused, on loopback.
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const closed = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await createSlackPoster({ token: BOT_TOKEN, apiUrl: `http://127.0.0.1:${closed}/api/`, minIntervalMs: 0 }).post(channel, small, 'en');
    expect(result).toMatchObject({ ok: false, retryable: true, gone: false, reason: 'network_error' });
  });

  it('THEN a channel of another platform is refused without a call', async () => {
    const result = await poster().post({ ...channel, platform: 'discord' }, small, 'en');
    expect(result).toMatchObject({ ok: false, retryable: false, gone: false });
    expect(fake.calls).toEqual([]);
  });
});

describe('GIVEN a post whose response is lost (Slack stored the message, then the connection dropped)', () => {
  it('THEN the retry finds the message by its metadata key in the channel history and posts nothing more: one message', async () => {
    const p = poster();
    fake.dropAfterStore = 1;
    const first = await p.post(channel, small, 'en', { key: 'digest:7:2027-01-10T08:00:00.000Z' });
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(fake.messagesIn('C0DIGEST')).toHaveLength(1);
    expect(fake.messagesIn('C0DIGEST')[0]!.metadata).toEqual({ event_type: 'breachbot_post', event_payload: { key: 'digest:7:2027-01-10T08:00:00.000Z.0' } });
    const again = await p.post(channel, small, 'en', { key: 'digest:7:2027-01-10T08:00:00.000Z', reconcile: true });
    expect(again).toMatchObject({ ok: true, messageIds: [fake.messagesIn('C0DIGEST')[0]!.ts] });
    expect(fake.callsOf('conversations.history')[0]!.params).toMatchObject({ channel: 'C0DIGEST', include_all_metadata: 'true' });
    expect(fake.messagesIn('C0DIGEST')).toHaveLength(1);
  });

  it('THEN a split post that lost part 2 posts only parts 3 and on after finding 1 and 2', async () => {
    const p = poster();
    let n = 0;
    fake.on('chat.postMessage', ...Array.from({ length: 2 }, () => (params: Record<string, unknown>) => {
      n++;
      const ts = `17000000${n}.000100`;
      fake.messages.push({ channel: String(params.channel), ts, text: String(params.text), blocks: params.blocks, metadata: params.metadata as never, at: Date.now() });
      return n === 2 ? { status: 500, body: { ok: false } } : { ok: true, channel: params.channel, ts };
    }));
    const first = await p.post(channel, big, 'en', { key: 'alert:x' });
    expect(first).toMatchObject({ ok: false, retryable: true });
    const total = (await poster().post({ ...channel, channelId: 'C0COUNT' }, big, 'en')).ok ? fake.messagesIn('C0COUNT').length : 0;
    expect(total).toBeGreaterThan(2);
    const again = await p.post(channel, big, 'en', { key: 'alert:x', reconcile: true });
    expect(again.ok).toBe(true);
    expect(fake.messagesIn('C0DIGEST')).toHaveLength(total);
    expect(new Set(fake.messagesIn('C0DIGEST').map((m) => m.metadata?.event_payload.key)).size).toBe(total);
  });

  it('THEN without the history scope nothing is posted again, and the reason names the scopes', async () => {
    fake.on('conversations.history', { ok: false, error: 'missing_scope', needed: 'channels:history' });
    const result = await poster().post(channel, small, 'en', { key: 'k', reconcile: true });
    expect(result).toMatchObject({ ok: false, retryable: true });
    expect(!result.ok && result.reason).toMatch(/channels:history and groups:history/);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });
});
