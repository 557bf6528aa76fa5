/**
 * A digest (or an alert) too big for one message is split; when the platform accepts the first
 * parts and a later one fails for good, or the bot stops between tries, the incidents of the
 * accepted parts are recorded as delivered — those exactly — and the next run, in the same
 * process or after a restart on the same database file, posts only the rest, once. Through the
 * real Slack and Discord posters against stand-in APIs on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedPart, ChannelPoster, ChannelRef, PostResult } from '../../src/ports/index.js';
import type { MessageAnswer } from '../../src/core/answer.js';
import { createSlackPoster } from '../../src/slack/index.js';
import { createDiscordPoster, createPosterRest } from '../../src/discord/index.js';
import { createTextPoster } from '../../src/terminal/text-poster.js';
import { postWithRetry, startDigests, type Digests, type RetryPolicy } from '../../src/digest/index.js';
import { readRunFailure } from '../../src/digest/run-failure.js';
import { SqliteStateStore } from '../../src/store/sqlite-state-store.js';
import { coreOf, conversation, incident, OLD_INCIDENTS, testContext, until } from './fixtures.js';
import { startStandInApi, type StandInApi } from '../helpers/stand-in-api.js';

type Platform = 'slack' | 'discord';

interface Call {
  readonly platform: Platform;
  readonly channel: string;
  readonly status: number;
  /** The incidents the message shows, in order. */
  readonly incidentIds: readonly string[];
  /** The platform's id for an accepted message. */
  readonly messageId?: string;
  readonly label: string;
}

const calls: Call[] = [];
const scripts = new Map<string, number[]>();
const slackHistory: { channel: string; ts: string; metadata: unknown }[] = [];
const discordNonces = new Map<string, string>();
let api: StandInApi;
let dir: string;
let n = 0;

/** Slack: the incident sections (those with a Details button) show the id in backticks. */
function slackIncidentIds(blocks: { type: string; text?: { text: string }; accessory?: unknown }[]): string[] {
  return blocks.filter((b) => b.type === 'section' && b.accessory && b.text).map((b) => /`(partial-\d+)`/.exec(b.text!.text)?.[1] ?? '?');
}

/** Discord: one embed per incident, its footer starting with the id. */
function discordIncidentIds(embeds: { footer?: { text: string } }[]): string[] {
  return embeds.map((e) => e.footer?.text.split(' · ')[0] ?? '?');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'breachbot-partial-'));
  api = await startStandInApi((req, raw, send) => {
    if (req.url === '/api/chat.postMessage') {
      const body = Object.fromEntries(new URLSearchParams(raw));
      const channel = String(body.channel);
      const status = scripts.get(channel)?.shift() ?? 200;
      const messageId = status === 200 ? `${Math.floor(Date.now() / 1000)}.${String(++n).padStart(6, '0')}` : undefined;
      calls.push({ platform: 'slack', channel, status, incidentIds: slackIncidentIds(JSON.parse(body.blocks ?? '[]')), label: String(body.text), ...(messageId ? { messageId } : {}) });
      if (messageId && body.metadata) slackHistory.push({ channel, ts: messageId, metadata: JSON.parse(body.metadata) as unknown });
      return messageId ? send(200, { ok: true, channel, ts: messageId }) : send(status, { ok: false });
    }
    // Reconciliation: the channel's history with each message's metadata, newest first.
    if (req.url === '/api/conversations.history') {
      const body = Object.fromEntries(new URLSearchParams(raw));
      const messages = slackHistory.filter((m) => m.channel === body.channel).reverse().map((m) => ({ type: 'message', ts: m.ts, metadata: m.metadata }));
      return send(200, { ok: true, messages, has_more: false });
    }
    const m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(req.url ?? '');
    if (m && req.method === 'POST') {
      const channel = m[1]!;
      const body = JSON.parse(raw) as { content?: string; embeds: { footer?: { text: string } }[]; nonce?: string; enforce_nonce?: boolean };
      // A nonce already used in the channel: Discord returns that message, creating none (status 208 here, to tell).
      const earlier = body.enforce_nonce && body.nonce ? discordNonces.get(`${channel}/${body.nonce}`) : undefined;
      if (earlier) {
        calls.push({ platform: 'discord', channel, status: 208, incidentIds: discordIncidentIds(body.embeds), label: body.content ?? '', messageId: earlier });
        return send(200, { id: earlier, channel_id: channel });
      }
      const status = scripts.get(channel)?.shift() ?? 200;
      const messageId = status === 200 ? String(900000000000000000n + BigInt(++n)) : undefined;
      calls.push({ platform: 'discord', channel, status, incidentIds: discordIncidentIds(body.embeds), label: body.content ?? '', ...(messageId ? { messageId } : {}) });
      if (messageId && body.nonce) discordNonces.set(`${channel}/${body.nonce}`, messageId);
      return messageId ? send(200, { id: messageId, channel_id: channel }) : send(status, { code: 0, message: 'Internal Server Error' });
    }
    send(404, { message: `no route ${req.method} ${req.url}` });
  });
});

let running: Digests | undefined;
afterEach(async () => {
  await running?.service.stop();
  running = undefined;
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * 30 new incidents, newest first partial-30 … partial-01. With three sources each, the digest
 * takes three messages on both platforms (Slack: 13 + 13 + 4 by size; Discord: 10 + 10 + 10 embeds).
 */
const FRESH = Array.from({ length: 30 }, (_, i) =>
  incident(`partial-${String(i + 1).padStart(2, '0')}`, {
    organization: { name: `Partial Org ${i + 1}` },
    addedAt: `2099-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`,
    sources: Array.from({ length: 3 }, (_, k) => ({
      title: `Report ${k + 1} on the incident at Partial Org ${i + 1}, with details of what leaked and when`,
      url: `https://example.org/reports/partial-${i + 1}/${k + 1}`,
      language: 'en' as const,
    })),
  }),
);
const ALL_IDS = FRESH.map((i) => i.id).sort();

const CHANNELS: Record<Platform, ChannelRef> = {
  slack: { platform: 'slack', workspaceId: 'T1', channelId: 'C0PARTIAL' },
  discord: { platform: 'discord', workspaceId: '200000000000000000', channelId: '310000000000000000' },
};

function posterFor(platform: Platform): ChannelPoster {
  return platform === 'slack'
    ? createSlackPoster({ token: 'xoxb-0000000000-test-token-for-loopback', apiUrl: `${api.url}/api/`, minIntervalMs: 0 })
    : createDiscordPoster(createPosterRest({ api: `${api.url}/api`, token: 'MTAwMDAwMDAwMDAwMDAwMDAw.GaBcDe.test-token-for-loopback-only' }));
}

const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

/** "A process": a fresh store on the file, a fresh poster (nothing remembered in memory), the catalog with the 30. */
async function boot(platform: Platform, file: string, options: { retry?: RetryPolicy; now?: () => Date } = {}) {
  const ctx = testContext([...OLD_INCIDENTS, ...FRESH]);
  const store = new SqliteStateStore(file);
  running = await startDigests(ctx, [posterFor(platform)], { store, retry: options.retry ?? FAST, ...(options.now ? { now: options.now } : {}) });
  return { ctx, store, digests: running };
}

/** Subscribes the channel while only the old incidents are in the catalog, then the 30 arrive. */
async function subscribed(platform: Platform, file: string, retry?: RetryPolicy) {
  const ctx = testContext();
  const store = new SqliteStateStore(file);
  running = await startDigests(ctx, [posterFor(platform)], { store, retry: retry ?? FAST });
  const ch = CHANNELS[platform];
  await running.handler.handle({ command: 'digest', action: 'subscribe' }, conversation(ch.channelId, { platform, workspaceId: ch.workspaceId }));
  ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
  return { ctx, store, digests: running, sub: (await store.subscription(ch))! };
}

const callsTo = (ch: ChannelRef) => calls.filter((c) => c.channel === ch.channelId);
const acceptedIds = (list: readonly Call[]) => list.filter((c) => c.status === 200).flatMap((c) => c.incidentIds);

describe.each(['slack', 'discord'] as const)('GIVEN a 30-incident digest split in 3 parts on %s', (platform) => {
  const ch = CHANNELS[platform];

  it('WHEN parts 1 and 2 are accepted and part 3 fails every retry THEN exactly their incidents are recorded, and the outbox retry posts only the rest, once', async () => {
    calls.length = 0;
    const file = join(dir, `${platform}-same-process.sqlite`);
    const { store, digests, sub } = await subscribed(platform, file);
    // Part 1, part 2, then part 3 refused on each of the 3 tries (parts 1–2 are not sent again).
    scripts.set(ch.channelId, [200, 200, 500, 500, 500]);

    const first = await digests.scheduler.runNow(sub.id);
    expect(first?.status).toBe('failed');
    const tried = callsTo(ch);
    expect(tried.map((c) => c.status)).toEqual([200, 200, 500, 500, 500]);
    // Three distinct parts: 1 and 2 accepted, 3 (the same each try) refused; together the 30, newest first.
    const [p1, p2, p3] = tried;
    expect(p3!.label).toMatch(/3\/3/);
    expect(tried.slice(3).every((c) => JSON.stringify(c.incidentIds) === JSON.stringify(p3!.incidentIds))).toBe(true);
    expect([...p1!.incidentIds, ...p2!.incidentIds, ...p3!.incidentIds]).toEqual(FRESH.map((i) => i.id).reverse());
    expect(p1!.incidentIds.length).toBeGreaterThan(0);
    expect(p2!.incidentIds.length).toBeGreaterThan(0);
    expect(p3!.incidentIds.length).toBeGreaterThan(0);

    // Recorded: the incidents of parts 1–2, nothing else, each with the message that carried it.
    const inFirstTwo = [...p1!.incidentIds, ...p2!.incidentIds];
    expect([...await store.deliveredIds(ch)].sort()).toEqual([...inFirstTwo].sort());
    expect([...(first?.incidents ?? [])].sort()).toEqual([...inFirstTwo].sort());
    for (const d of (await store.deliveries(ch))) expect(d.messageIds).toEqual([(p1!.incidentIds.includes(d.incidentId) ? p1 : p2)!.messageId]);
    expect(readRunFailure((await store.subscription(ch))?.lastError)).toMatchObject({ kind: 'refused', tries: 3 });

    // The digest stays in the outbox: a new run has nothing to add (the 10 are on their way)...
    expect((await digests.scheduler.runNow(sub.id))?.status).toBe('nothing-new');
    expect(callsTo(ch)).toHaveLength(5);
    // ...and its retry, once due, finds parts 1–2 already in the channel and posts part 3 only, once.
    await new Promise((r) => setTimeout(r, 50));
    await digests.scheduler.tick();
    const next = callsTo(ch).slice(5).filter((c) => c.status === 200);
    expect(next).toHaveLength(1);
    expect(next[0]!.incidentIds).toEqual(p3!.incidentIds);
    expect(next[0]!.label).toMatch(/3\/3/);
    expect([...await store.deliveredIds(ch)].sort()).toEqual(ALL_IDS);
    expect(await store.outboxPending()).toEqual([]);
    expect((await digests.scheduler.runNow(sub.id))?.status).toBe('nothing-new');
    // Every incident reached the channel exactly once.
    expect(acceptedIds(callsTo(ch)).sort()).toEqual(ALL_IDS);
  });

  it('WHEN the bot restarts after such a failure THEN the next process, from the outbox on the same database file, posts only the rest, once', async () => {
    calls.length = 0;
    const file = join(dir, `${platform}-restart.sqlite`);
    const before = await subscribed(platform, file);
    scripts.set(ch.channelId, [200, 200, 500, 500, 500]);
    expect((await before.digests.scheduler.runNow(before.sub.id))?.status).toBe('failed');
    const nextRunAt = (await before.store.subscription(ch))!.nextRunAt!;
    const recorded = [...await before.store.deliveredIds(ch)];
    await before.digests.service.stop();
    running = undefined;
    expect(recorded).toHaveLength(acceptedIds(callsTo(ch)).length);

    // A new process after the scheduled time: the failed run is caught up at start-up.
    const after = await boot(platform, file, { now: () => new Date(Date.parse(nextRunAt) + 60_000) });
    await until(async () => (await after.store.deliveredIds(ch)).size === 30, 'caught up after the restart');
    // Parts 1–2 found (Slack: in the history; Discord: their nonces return the messages it has), part 3 posted.
    const retried = callsTo(ch).slice(5).filter((c) => c.status === 200);
    expect(retried).toHaveLength(1);
    expect([...retried[0]!.incidentIds].sort()).toEqual(ALL_IDS.filter((id) => !recorded.includes(id)));
    expect(acceptedIds(callsTo(ch)).sort()).toEqual(ALL_IDS);
    expect((await after.digests.scheduler.runNow((await after.store.subscription(ch))!.id))?.status).toBe('nothing-new');
    expect(callsTo(ch).filter((c) => c.status === 200)).toHaveLength(3);
  });

  it('WHEN the bot dies while waiting to retry part 3 THEN parts 1–2 are on file already, and the restart posts only the rest, once', async () => {
    calls.length = 0;
    const file = join(dir, `${platform}-between-tries.sqlite`);
    // A minute before the second try: the bot dies during that wait.
    const before = await subscribed(platform, file, { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    scripts.set(ch.channelId, [200, 200, 500]);
    const run = before.digests.scheduler.runNow(before.sub.id);
    await until(() => callsTo(ch).length === 3, 'part 3 refused once');
    const [p1, p2, p3] = callsTo(ch);

    // What a crash now would leave on file, read as the next process would: parts 1–2, recorded as each was accepted.
    const onFile = new SqliteStateStore(file);
    expect([...await onFile.deliveredIds(ch)].sort()).toEqual([...p1!.incidentIds, ...p2!.incidentIds].sort());
    const nextRunAt = (await onFile.subscription(ch))!.nextRunAt!;
    await onFile.close();
    await before.digests.service.stop();
    running = undefined;
    expect((await run)?.status).toBe('failed');

    const after = await boot(platform, file, { now: () => new Date(Date.parse(nextRunAt) + 60_000) });
    await until(async () => (await after.store.deliveredIds(ch)).size === 30, 'caught up after the restart');
    const retried = callsTo(ch).slice(3).filter((c) => c.status === 200);
    expect(retried).toHaveLength(1);
    expect(retried[0]!.incidentIds).toEqual(p3!.incidentIds);
    expect(acceptedIds(callsTo(ch)).sort()).toEqual(ALL_IDS);
  });
});

describe('GIVEN a watch alert naming 30 new incidents, split in 3 parts on Discord', () => {
  it('WHEN part 3 fails every retry THEN parts 1–2 are recorded and unqueued, and the outbox retry posts only the rest, once', async () => {
    calls.length = 0;
    const ch = { ...CHANNELS.discord, channelId: '320000000000000000' };
    const ctx = testContext();
    const store = new SqliteStateStore(':memory:');
    running = await startDigests(ctx, [posterFor('discord')], { store, retry: FAST });
    await running.handler.handle({ command: 'watch', action: 'add', name: 'Partial Org' }, conversation(ch.channelId, { platform: 'discord', workspaceId: ch.workspaceId }));
    ctx.holder.swap(coreOf([...OLD_INCIDENTS, ...FRESH]));
    scripts.set(ch.channelId, [200, 200, 500, 500, 500]);

    await running.onCatalogAdded(FRESH);
    const tried = callsTo(ch);
    expect(tried.map((c) => c.status)).toEqual([200, 200, 500, 500, 500]);
    const inFirstTwo = acceptedIds(tried);
    expect(inFirstTwo).toHaveLength(20);
    expect([...await store.deliveredIds(ch)].sort()).toEqual([...inFirstTwo].sort());
    expect((await store.pendingAlerts()).map((a) => a.incidentId).sort()).toEqual([...tried[2]!.incidentIds].sort());

    // Another catalog change adds nothing (the 10 are on their way); the outbox retry posts them, once.
    await running.onCatalogAdded([FRESH[0]!]);
    expect(callsTo(ch)).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 50));
    await running.scheduler.tick();
    const next = callsTo(ch).slice(5).filter((c) => c.status === 200);
    expect(next).toHaveLength(1);
    expect(next[0]!.incidentIds).toEqual(tried[2]!.incidentIds);
    expect((await store.pendingAlerts())).toEqual([]);
    expect(acceptedIds(callsTo(ch)).sort()).toEqual(ALL_IDS);
  });
});

describe('GIVEN posters that report accepted parts in different ways', () => {
  const answer: MessageAnswer = { kind: 'message', tone: 'info', outcome: { kind: 'digest', since: '2026-11-01T00:00:00Z', timeZone: 'UTC' }, incidents: FRESH.slice(0, 4) };
  const ch: ChannelRef = { platform: 'fake', workspaceId: 'W1', channelId: 'P' };

  it('THEN postWithRetry hands each accepted part on once, from the callback or the result, across tries and a final failure', async () => {
    // Accepts one more part per try, says so only in its result, and reports an id the answer does not hold.
    let tries = 0;
    const poster: ChannelPoster = {
      platform: 'fake',
      async post(): Promise<PostResult> {
        tries++;
        const accepted: AcceptedPart[] = Array.from({ length: tries }, (_, k) => ({ messageId: `m${k + 1}`, incidentIds: [FRESH[k]!.id, ...(k === 0 ? ['not-in-the-answer'] : [])] }));
        return { ok: false, retryable: true, gone: false, reason: 'HTTP 503', accepted };
      },
    };
    const heard: AcceptedPart[] = [];
    const result = await postWithRetry(poster, ch, answer, 'en', FAST, undefined, (part) => void heard.push(part));
    expect(result).toMatchObject({ ok: false, attempts: 3 });
    const expected = [1, 2, 3].map((k) => ({ messageId: `m${k}`, incidentIds: [FRESH[k - 1]!.id] }));
    expect(heard).toEqual(expected);
    expect(result.accepted).toEqual(expected);
  });

  it('THEN the text poster reports one message carrying every incident', async () => {
    const heard: AcceptedPart[] = [];
    const result = await createTextPoster(() => undefined).post(ch, answer, 'en', { onAccepted: (part) => void heard.push(part) });
    expect(result).toEqual({ ok: true, messageIds: ['text-1'], accepted: [{ messageId: 'text-1', incidentIds: answer.incidents.map((i) => i.id) }] });
    expect(heard).toEqual(result.accepted);
  });
});
