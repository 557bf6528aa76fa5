/**
 * Shared fixtures for the digest tests: incidents, a core over them, a context with a logger
 * whose lines the tests read, and the config.
 */
import { CoreHolder } from '../../src/core/core-holder.js';
import { createLogger } from '../../src/app/logger.js';
import type { BotContext, Conversation } from '../../src/ports/index.js';
import { BreachCore } from '../../src/core/breach-core.js';
import type { Catalog } from '../../src/core/catalog.js';
import { IncidentSchema, type Incident, type IncidentInput } from '../../src/core/incident-schema.js';
import { loadConfig, type Config } from '../../src/config/env.js';

type Overrides = Partial<Omit<IncidentInput, 'organization'>> & { organization?: Partial<IncidentInput['organization']> };

/** A valid incident input (as written in a file). */
export function incidentInput(id: string, overrides: Overrides = {}): IncidentInput {
  const { organization, ...rest } = overrides;
  return {
    id,
    title: { en: `Breach at ${id}`, fr: `Fuite chez ${id}` },
    organization: { name: `Org ${id}`, ...organization },
    addedAt: '2026-01-01T00:00:00Z',
    summary: { en: `Summary of ${id}.`, fr: `Résumé de ${id}.` },
    sources: [{ title: `Source for ${id}`, language: 'en' }],
    verified: true,
    ...rest,
  };
}

export function incident(id: string, overrides: Overrides = {}): Incident {
  return IncidentSchema.parse(incidentInput(id, overrides));
}

export function catalogOf(incidents: readonly Incident[]): Catalog {
  return { incidents, byId: new Map(incidents.map((i) => [i.id, i])), fileOf: new Map(incidents.map((i) => [i.id, `incidents/${i.id}.json`])), problems: [] };
}

export function coreOf(incidents: readonly Incident[]): BreachCore {
  return new BreachCore(catalogOf(incidents));
}

/** Incidents already in the catalog before anyone subscribed. */
export const OLD_INCIDENTS: readonly Incident[] = [
  incident('old-orange-2014', { organization: { name: 'Orange', country: 'FR' }, addedAt: '2025-06-01T00:00:00Z', dataClasses: ['Email addresses'] }),
  incident('old-acme-2020', { organization: { name: 'Acme' }, addedAt: '2025-07-01T00:00:00Z' }),
];

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ DIGEST_CRON: '0 9 * * *', DIGEST_TZ: 'Europe/Paris', ...env }, '/tmp');
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

export interface TestContext extends BotContext {
  readonly lines: string[];
}

export function testContext(incidents: readonly Incident[] = OLD_INCIDENTS, config: Config = testConfig()): TestContext {
  const lines: string[] = [];
  return { config, holder: new CoreHolder(coreOf(incidents)), log: createLogger([], (l) => lines.push(l)), lines };
}

export function conversation(channelId: string, overrides: Partial<Conversation> = {}): Conversation {
  return { platform: 'fake', workspaceId: 'W1', channelId, userId: 'U1', isAdmin: true, language: 'en', ...overrides };
}

/** Resolves once `condition` holds, checking on the real event loop (bounded). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const start = performance.now();
  while (!(await condition())) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** The timers the digest tests fake: the clock and timeouts/intervals, never the I/O queue (sockets to the fakes keep working). */
export const TO_FAKE = ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as ('Date' | 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval')[];
