/**
 * Catalogs for the renderer tests: the bundled data, a record whose every field is hostile
 * markup, and records with every field at its longest, built through the real schema. And the
 * real Bolt app in HTTP mode on 127.0.0.1 over the bundled data, for the tests that post to it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoreHolder } from '../../src/core/core-holder.js';
import { createSlackApp, type SlackAppOptions, type SlackBot } from '../../src/slack/slack-app.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { CatalogBuilder } from '../../src/core/catalog.js';
import { DATA_CLASSES } from '../../src/core/data-classes.js';
import { TEXT_LIMITS, type IncidentInput } from '../../src/core/incident-schema.js';

export const DATA = resolve(import.meta.dirname, '../../data');

let bundled: BreachCore | undefined;

/**
 * The curated incidents only (data/incidents): what the tests assert on must not move when an
 * importer's snapshot under data/imported grows, and loading those would cost seconds per file.
 */
export function bundledCore(): BreachCore {
  const dir = join(DATA, 'incidents');
  bundled ??= coreOf(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as IncidentInput),
  );
  return bundled;
}

/** Everything a string could do to a Slack message. */
export const HOSTILE = '<!channel> <!here> <!everyone> <@U123> <@U123|boss> <!subteam^S1> @here @channel @everyone <#C123|general> *bold* _it_ ~gone~ `code` ```block``` > quote &amp; & <https://evil.example|click me> <mailto:x@y.z>';

export function coreOf(inputs: readonly IncidentInput[]): BreachCore {
  const builder = new CatalogBuilder();
  inputs.forEach((input, i) => {
    if (!builder.add(`fixture-${i}.json`, '', input)) throw new Error(`fixture ${i} is invalid`);
  });
  const catalog = builder.build();
  if (catalog.problems.length) throw new Error(catalog.problems.map((p) => p.message).join('; '));
  return new BreachCore(catalog);
}

const long = (seed: string, n: number) => `${seed} `.repeat(Math.ceil(n / (seed.length + 1))).slice(0, n);

export function hostileIncident(id = 'hostile-2024'): IncidentInput {
  const h = (n: number) => `${HOSTILE} ${n}`;
  return {
    id,
    title: { en: `Hostile ${h(1)}`, fr: `Hostile ${h(2)}` },
    organization: { name: `Hostile Org ${h(3)}`, aliases: [h(4)], country: 'FR', city: h(5), sector: h(6) },
    vendors: [{ name: `Evil Vendor ${h(7)}`, aliases: [], role: { en: h(8) } }],
    affected: [{ name: h(9), city: h(10), records: { count: 12, qualifier: 'exact', who: { en: h(11) } } }],
    dates: { occurred: { start: '2024-01' }, disclosed: '2024-02-03' },
    addedAt: '2026-11-23T09:00:00Z',
    records: { total: { count: 1000, qualifier: 'at-least', who: { en: h(12), fr: h(13) } } },
    dataClasses: ['Email addresses', 'Passwords'],
    otherDataClasses: [h(14)],
    cause: { en: h(15) },
    response: [{ type: 'notification', text: { en: h(16) } }],
    summary: { en: h(17), fr: h(18) },
    sources: [
      { publisher: h(19), title: h(20), language: 'en', url: 'https://news.example/a?x=1&y=<!channel>|<@U1>' },
      { title: h(21), language: 'fr', reference: h(22), attribution: h(23) },
    ],
    verified: false,
    flags: { sensitive: true },
    provenance: { source: 'curated', attribution: h(24) },
    unstated: [h(25)],
    established: [{ path: h(26), basis: 'article-clues', note: { en: h(27), fr: h(27) } }],
  };
}

/** A record with every field far past what any Slack limit allows (texts and names at or near the schema's caps). */
export function longestIncident(n: number, related: readonly string[] = []): IncidentInput {
  const text = (seed: string) => long(`${seed} ${n} ééé`, TEXT_LIMITS.short - 20);
  return {
    id: `longest-${n}`,
    title: { en: `Longest ${text('title')}`, fr: `Plus long ${text('titre')}` },
    organization: {
      name: `Longest Org ${n} ${long('name', TEXT_LIMITS.name - 20)}`,
      aliases: Array.from({ length: 30 }, (_, i) => `alias ${i} ${long('a', TEXT_LIMITS.name - 10)}`),
      domains: Array.from({ length: 20 }, (_, i) => `longest${n}-${i}.example.com`),
      country: 'FR',
      city: long('city', TEXT_LIMITS.name),
      sector: long('sector', TEXT_LIMITS.name),
    },
    vendors: Array.from({ length: 20 }, (_, i) => ({ name: `Vendor ${i} ${long('v', TEXT_LIMITS.name - 10)}`, aliases: [], role: { en: text('role'), fr: text('rôle') } })),
    affected: Array.from({ length: 60 }, (_, i) => ({ name: `Affected ${i} ${long('x', TEXT_LIMITS.name - 12)}`, city: long('c', 200), records: { count: 1_000_000 + i, qualifier: 'approximate' as const, who: { en: long('who', 300) } } })),
    affectedCount: { count: 5000, qualifier: 'at-least' },
    dates: { occurred: { start: '2020-01-01', end: '2023-12-31' }, discovered: '2024-01-02', disclosed: '2024-02-03' },
    addedAt: '2026-11-23T09:00:00Z',
    records: {
      total: { count: 1_234_567_890, qualifier: 'approximate', who: { en: long('customers', 2000), fr: long('clients', 2000) } },
      breakdown: Array.from({ length: 30 }, (_, i) => ({ count: 1000 * (i + 1), qualifier: 'exact' as const, who: { en: long('group', 500) } })),
    },
    dataClasses: DATA_CLASSES.map((c) => c.name),
    otherDataClasses: Array.from({ length: 40 }, (_, i) => `other ${i} ${long('o', 200)}`),
    cause: { en: text('cause'), fr: text('cause') },
    response: Array.from({ length: 20 }, (_, i) => ({ type: 'notification' as const, date: '2024-03-01', text: { en: `${i} ${text('response')}` } })),
    summary: { en: long(`summary ${n} ééé`, 3500), fr: long(`résumé ${n} ééé`, 3500) },
    sources: Array.from({ length: 30 }, (_, i) => ({
      publisher: long('Publisher', TEXT_LIMITS.name),
      title: `${i} ${text('source title')}`,
      date: '2024-02',
      language: 'en',
      // Long but real-world long; a pathological URL (thousands of characters) is shown as its label (mrkdwn tests).
      url: `https://news.example/${'path-'.repeat(60)}${i}?q=${'x'.repeat(100)}&lang=<fr>`,
      attribution: long(`Attribution ${i}`, 800),
    })),
    verified: false,
    flags: { fabricated: true, sensitive: true, spamList: true, malware: true, stealerLog: true },
    provenance: { source: 'curated', attribution: long('Provenance attribution', 2000) },
    unstated: Array.from({ length: 30 }, (_, i) => `unstated ${i} ${long('u', TEXT_LIMITS.name - 12)}`),
    established: Array.from({ length: 30 }, (_, i) => ({ path: `dates.disclosed.${i}`, basis: 'public-record' as const, note: { en: long('note', 1000), fr: long('note', 1000) } })),
    related: [...related],
  };
}

/**
 * The real Bolt app in HTTP mode over the bundled incidents, answering in English and only after
 * the listener finished (so a test sees side effects without polling), listening on 127.0.0.1.
 */
export async function startHttpSlackBot(options: Omit<SlackAppOptions, 'holder' | 'language' | 'processBeforeResponse'>): Promise<{ bot: SlackBot; port: number }> {
  const bot = await createSlackApp({ holder: new CoreHolder(bundledCore()), language: 'en', processBeforeResponse: true, ...options });
  try {
    const { port } = (await bot.start({ port: 0, host: '127.0.0.1' })) as { port: number };
    return { bot, port };
  } catch (error) {
    await bot.stop();
    throw error;
  }
}
