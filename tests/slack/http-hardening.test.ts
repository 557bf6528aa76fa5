/**
 * Hostile requests against the real Bolt app in HTTP mode on 127.0.0.1: signed requests from
 * the wrong time, retried and replayed requests, signed bodies of the wrong shape. The bot must
 * refuse or ignore each, act once on what Slack repeats, and keep serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/env.js';
import { MemorySeenRequests } from '../../src/http/seen-requests.js';
import type { SlackBot } from '../../src/slack/slack-app.js';
import { verifySlackSignature } from '../../src/slack/verify-request.js';
import { buttons } from './block-kit-check.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, blockActionForm, mentionEvent, postToBot, sign, slashCommandForm } from './fake-slack.js';
import { DATA, startHttpSlackBot } from './fixtures.js';

let fake: FakeSlack;
let bot: SlackBot;
let port: number;
const logLines: string[] = [];
const outcomes: string[] = [];

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const loaded = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_MODE: 'http', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, DATA_DIR: DATA });
  if (!loaded.ok || !loaded.config.slack) throw new Error('bad test config');
  const log = createLogger([BOT_TOKEN, SIGNING_SECRET], (l) => logLines.push(l));
  ({ bot, port } = await startHttpSlackBot({ config: loaded.config.slack, log, onRequest: (o) => outcomes.push(o) }));
});

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const now = () => Math.floor(Date.now() / 1000);

/** POSTs any body, signed (or not) as the options say. */
async function postRaw(body: string, contentType: string, options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}) {
  const timestamp = options.timestamp ?? now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': options.signature ?? sign(body, timestamp), ...options.headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GIVEN a correctly signed /breach dated away from now', () => {
  const cases: [string, number, number][] = [
    ['one year ahead', 365 * 24 * 3600, 401],
    ['one hour ahead', 3600, 401],
    ['six minutes ahead', 360, 401],
    ['six minutes old', -360, 401],
    ['one hour old', -3600, 401],
    ['four minutes ahead (clock skew)', 240, 200],
    ['four minutes old', -240, 200],
  ];
  for (const [label, offset, status] of cases) {
    it(`THEN ${label} is ${status === 200 ? 'answered' : 'refused with 401'}`, async () => {
      const body = form(slashCommandForm('inbenta', fake.responseUrl('ts')));
      const res = await postRaw(body, FORM, { timestamp: now() + offset });
      expect(res.status).toBe(status);
      if (status === 200) expect(res.text).toContain('Ticketmaster');
      else expect(res.text).toBe('');
    });
  }

  it('THEN the refusal is logged with its reason, without the signature or the secret', () => {
    const refused = logLines.filter((l) => l.includes('request refused (401)'));
    expect(refused.some((l) => /ahead of our clock/.test(l))).toBe(true);
    expect(refused.some((l) => /s old/.test(l))).toBe(true);
    expect(logLines.join('\n')).not.toContain(SIGNING_SECRET);
  });
});

describe('GIVEN requests that are not signed by Slack', () => {
  it('THEN a wrong secret, a missing signature, a malformed signature or timestamp each get 401', async () => {
    const body = form(slashCommandForm('inbenta', fake.responseUrl('x')));
    const ts = now();
    expect((await postRaw(body, FORM, { signature: sign(body, ts, 'f'.repeat(32)), timestamp: ts })).status).toBe(401);
    expect((await postRaw(body, FORM, { signature: '' })).status).toBe(401);
    expect((await postRaw(body, FORM, { signature: 'v1=abc' })).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': FORM, 'x-slack-request-timestamp': 'soon', 'x-slack-signature': sign(body, ts) }, body });
    expect(res.status).toBe(401);
    // A body altered after signing.
    expect((await postRaw(`${body}x`, FORM, { signature: sign(body, ts), timestamp: ts })).status).toBe(401);
  });
});

describe('GIVEN Slack retries a mention event (same event_id, new signature, X-Slack-Retry-Num)', () => {
  it('THEN the thread gets one reply, and each retry is acknowledged with 200', async () => {
    fake.reset();
    const event = mentionEvent('<@UBREACHBOT> inbenta', { ts: '1700009000.000100' });
    const body = JSON.stringify(event);
    expect((await postRaw(body, 'application/json')).status).toBe(200);
    for (const n of [1, 2, 3]) {
      const res = await postRaw(body, 'application/json', { timestamp: now() + n, headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } });
      expect(res.status).toBe(200);
    }
    await waitFor(() => fake.callsOf('chat.postMessage').length > 1, 500);
    const replies = fake.callsOf('chat.postMessage').filter((c) => c.params.thread_ts === '1700009000.000100');
    expect(replies).toHaveLength(1);
    expect(logLines.some((l) => l.includes('already handled (Slack retry 3, http_timeout)'))).toBe(true);
  });

  it('THEN a different event in the same thread is still answered', async () => {
    fake.reset();
    await postRaw(JSON.stringify(mentionEvent('<@UBREACHBOT> inbenta', { threadTs: '1700009000.000100' })), 'application/json');
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

describe('GIVEN one signed "Post to channel" click replayed three times within 5 minutes', () => {
  it('THEN the answer is posted to the channel once', async () => {
    const first = await postToBot(port, slashCommandForm('inbenta', fake.responseUrl('p0')));
    const post = buttons((first.json?.blocks ?? []) as unknown[]).find((b) => b.action_id === 'breach_post')!;
    expect(post).toBeDefined();
    fake.reset();
    const body = form(blockActionForm(post, fake.responseUrl('p1')));
    const ts = now();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postRaw(body, FORM, { timestamp: ts })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('THEN a second, genuine click on the same button (a new trigger) posts again', async () => {
    const first = await postToBot(port, slashCommandForm('inbenta', fake.responseUrl('p2')));
    const post = buttons((first.json?.blocks ?? []) as unknown[]).find((b) => b.action_id === 'breach_post')!;
    fake.reset();
    await postToBot(port, blockActionForm(post, fake.responseUrl('p3')));
    await postToBot(port, blockActionForm(post, fake.responseUrl('p4')));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
  });
});

describe('GIVEN correctly signed bodies of the wrong shape', () => {
  const cases: [string, string, string][] = [
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"event_callback"', 'application/json'],
    ['broken JSON', '{"type":', 'application/json'],
    ['an object without a type', '{"event":{}}', 'application/json'],
    ['an event_callback without its event', '{"type":"event_callback","event_id":"Ev1"}', 'application/json'],
    ['an event_callback whose event is null', '{"type":"event_callback","event_id":"Ev1","event":null}', 'application/json'],
    ['a payload field that is not JSON', form({ payload: '{not json' }), FORM],
    ['a payload field that is null', form({ payload: 'null' }), FORM],
    ['a payload without a type', form({ payload: '{"actions":[]}' }), FORM],
    ['block_actions without actions', form({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [] }) }), FORM],
    ['block_actions without a user', form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'breach_post', value: 'x' }] }) }), FORM],
    ['a form that is no slash command', form({ hello: 'world' }), FORM],
    ['a slash command without its channel', form({ command: '/breach', team_id: 'T1', user_id: 'U1', text: 'x' }), FORM],
    ['an unknown content type', 'hello', 'text/plain'],
  ];
  for (const [label, body, type] of cases) {
    it(`THEN ${label} gets 400`, async () => {
      const res = await postRaw(body, type);
      expect(res.status).toBe(400);
    });
  }

  it('THEN the bot still answers afterwards, and each refusal says why in the log', async () => {
    const res = await postToBot(port, slashCommandForm('inbenta', fake.responseUrl('after')));
    expect(res.status).toBe(200);
    expect(String(res.json?.text)).toContain('Ticketmaster');
    expect(logLines.filter((l) => l.includes('signed request refused (400)')).length).toBeGreaterThanOrEqual(cases.length);
    expect(logLines.some((l) => l.includes('the body is not a JSON object'))).toBe(true);
  });

  it('THEN a body over 1 MB gets 413', async () => {
    const res = await postRaw(JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(1_100_000) }), 'application/json');
    expect(res.status).toBe(413);
  });

  it('THEN every refusal and duplicate was counted by outcome', () => {
    for (const o of ['accepted', 'duplicate', 'bad-signature', 'malformed', 'too-large']) expect(outcomes).toContain(o);
  });
});

describe('GIVEN the signature check alone', () => {
  const body = 'token=x&command=%2Fbreach';
  const at = 1_800_000_000;
  it('THEN it accepts exactly 5 minutes either way and refuses one second more', () => {
    for (const skew of [-300, 0, 300]) expect(verifySlackSignature({ rawBody: body, timestamp: String(at + skew), signature: sign(body, at + skew) }, SIGNING_SECRET, at * 1000)).toEqual({ ok: true });
    for (const skew of [-301, 301]) expect(verifySlackSignature({ rawBody: body, timestamp: String(at + skew), signature: sign(body, at + skew) }, SIGNING_SECRET, at * 1000).ok).toBe(false);
  });
});

describe('GIVEN many distinct requests', () => {
  it('THEN the memory of handled requests stays within its bound, forgetting the oldest first', async () => {
    let t = 0;
    const seen = new MemorySeenRequests(100, () => t);
    for (let i = 0; i < 1000; i++) expect(await seen.claim(`k${i}`, 60_000)).toBe(true);
    expect(seen.size).toBe(100);
    expect(await seen.claim('k999', 60_000)).toBe(false);
    expect(await seen.claim('k0', 60_000)).toBe(true);
    t = 61_000;
    expect(await seen.claim('k999', 60_000)).toBe(true);
  });
});
