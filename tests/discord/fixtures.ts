/**
 * Catalogs for renderer tests: the biggest records the schema allows us to imagine (every list
 * long, every text thousands of characters) and records full of mentions and markdown. And the
 * interactions endpoint on a loopback server of its own, for the tests that post to it.
 */
import type { Logger } from '../../src/app/logger.js';
import { BreachCore } from '../../src/core/breach-core.js';
import { restBase } from '../../src/discord/discord-client.js';
import { DiscordHttpInteractions, type DiscordHttpOptions } from '../../src/discord/http-interactions.js';
import { HttpServer } from '../../src/http/http-server.js';
import { MemorySeenRequests } from '../../src/http/seen-requests.js';
import { CatalogBuilder } from '../../src/core/catalog.js';
import { DATA_CLASSES } from '../../src/core/data-classes.js';
import { TEXT_LIMITS, type IncidentInput } from '../../src/core/incident-schema.js';

const HOSTILE = '@everyone @here <@&123456789012345678> <@123456789012345678> <#123456789012345678> **bold** __u__ `code` ||spoiler|| [click](https://evil.example/x) # heading\n> quote\n- item';

const long = (seed: string, n: number) => `${seed} `.repeat(Math.ceil(n / (seed.length + 1))).slice(0, n);

/** A record with every list long and every text far past Discord's limits (titles and names at the schema's caps). */
export function hugeIncident(i: number, hostile = false): IncidentInput {
  const text = (n: number) => (hostile ? long(HOSTILE, n) : long(`Megacorp${i} leaked everything`, n));
  return {
    id: `megacorp-${i}-${'x'.repeat(60)}`,
    title: { en: `Megacorp${i} ${text(TEXT_LIMITS.short - 20)}`, fr: `Megacorp${i} ${text(TEXT_LIMITS.short - 20)}` },
    organization: { name: `Megacorp${i} ${text(TEXT_LIMITS.name - 20)}`, aliases: Array.from({ length: 30 }, (_, k) => `Alias${k} ${text(100)}`), country: 'FR', city: text(200), sector: text(200) },
    vendors: Array.from({ length: 30 }, (_, k) => ({ name: `Vendor${k} ${text(100)}`, role: { en: text(400), fr: text(400) } })),
    affected: Array.from({ length: 40 }, (_, k) => ({ name: `Affected${k} ${text(100)}`, city: text(50), records: { count: 123456789 + k, qualifier: 'at-least' as const, who: { en: text(80) } } })),
    affectedCount: { count: 999999, qualifier: 'approximate' },
    dates: { occurred: { start: '2020-01-02', end: '2021-03-04' }, discovered: '2021-03-05', disclosed: '2021-04-01' },
    addedAt: '2026-11-23T10:00:00Z',
    records: { total: { count: 1234567890, qualifier: 'at-least', who: { en: text(300), fr: text(300) } }, breakdown: Array.from({ length: 20 }, (_, k) => ({ count: 1000 + k, qualifier: 'exact' as const, who: { en: text(100) } })) },
    dataClasses: DATA_CLASSES.map((c) => c.name),
    otherDataClasses: Array.from({ length: 30 }, (_, k) => `Other${k} ${text(100)}`),
    cause: { en: text(TEXT_LIMITS.short), fr: text(TEXT_LIMITS.short) },
    response: Array.from({ length: 30 }, (_, k) => ({ type: 'notification' as const, date: '2021-04-02', text: { en: `Step ${k} ${text(300)}` } })),
    summary: { en: text(8000), fr: text(8000) },
    sources: Array.from({ length: 30 }, (_, k) => ({
      publisher: text(100),
      title: `Source ${k} ${text(500)}`,
      date: '2021-04',
      language: 'en',
      url: `https://news.example/article-${k}_(${'y'.repeat(200)})?q=${i}`,
      attribution: text(300),
    })),
    verified: false,
    flags: { fabricated: true, sensitive: true, spamList: true, malware: true, stealerLog: true },
    provenance: { source: 'test', attribution: text(500) },
    unstated: Array.from({ length: 20 }, (_, k) => `field${k} ${text(100)}`),
    established: Array.from({ length: 20 }, (_, k) => ({ path: `dates.disclosed${k}`, basis: 'public-record' as const, note: { en: text(400), fr: text(400) } })),
    related: [],
  };
}

export function coreOf(records: readonly IncidentInput[]): BreachCore {
  const builder = new CatalogBuilder();
  records.forEach((r, i) => builder.add(`test-${i}.json`, '', r));
  const catalog = builder.build();
  if (catalog.problems.length) throw new Error(catalog.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new BreachCore(catalog);
}

export const HOSTILE_TEXT = HOSTILE;

export interface InteractionsEndpoint {
  /** The loopback port `/discord/interactions` is served on. */
  readonly port: number;
  /** Closes the server, then stops the interactions (pending follow-ups). */
  close(): Promise<void>;
}

/**
 * `/discord/interactions` on a server of its own on 127.0.0.1, remembering requests in memory,
 * with follow-ups going to the fake Discord's REST at `apiUrl`.
 */
export async function startInteractionsEndpoint(
  apiUrl: string,
  options: Omit<DiscordHttpOptions, 'seen' | 'api'> & { readonly log: Logger },
): Promise<InteractionsEndpoint> {
  const interactions = new DiscordHttpInteractions({ ...options, seen: new MemorySeenRequests(), api: restBase(apiUrl)! });
  const server = new HttpServer(options.log);
  const close = async () => {
    await server.close();
    await interactions.stop();
  };
  try {
    interactions.mount(server);
    return { port: await server.listen(0, '127.0.0.1'), close };
  } catch (error) {
    await close();
    throw error;
  }
}
