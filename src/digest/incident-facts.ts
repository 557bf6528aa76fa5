/**
 * The facts of an incident an "updated" note is about: its count, its sources and the
 * organizations it names as affected. A change to any of them (a revised count, a new source, a
 * newly named affected organization) is news for a channel that already received the incident;
 * a reworded summary or a corrected title is not. Kept as JSON in the store, with a fingerprint,
 * so the change is found after a restart and by any process, and can be told later.
 */
import { createHash } from 'node:crypto';
import type { Incident } from '../core/incident-schema.js';
import type { IncidentVersion } from '../store/state-store.js';

export interface IncidentFacts {
  /** The total count, when the sources give one. */
  readonly count: number | null;
  /** Each source: what identifies it (its URL, else its reference or title) and how to name it. */
  readonly sources: readonly { readonly key: string; readonly label: string }[];
  /** The affected organizations' names. */
  readonly affected: readonly string[];
}

export function factsOf(incident: Incident): IncidentFacts {
  // A feed's own page has no title but a kind and a subject ("Have I Been Pwned", its entry on "Orange").
  const sources = incident.sources.map((s) => ({ key: s.url ?? s.reference ?? s.title ?? `${s.kind}:${s.subject}`, label: s.publisher ?? s.title ?? s.subject ?? '' }));
  return {
    count: incident.records?.total?.count ?? null,
    sources: [...new Map(sources.map((s) => [s.key, s])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    affected: [...new Set(incident.affected.map((a) => a.name))].sort(),
  };
}

export function versionOf(incident: Incident): IncidentVersion {
  const facts = JSON.stringify(factsOf(incident));
  return { incidentId: incident.id, fingerprint: createHash('sha256').update(facts).digest('hex').slice(0, 24), facts };
}

export function parseFacts(json: string): IncidentFacts {
  const raw = JSON.parse(json) as Partial<IncidentFacts>;
  return { count: typeof raw.count === 'number' ? raw.count : null, sources: Array.isArray(raw.sources) ? raw.sources : [], affected: Array.isArray(raw.affected) ? raw.affected : [] };
}

/** What changed that a reader would want to know; undefined when nothing worth telling did. */
export interface FactsChange {
  /** The count before and after, when it changed to a number. */
  readonly count?: { readonly from: number | null; readonly to: number };
  /** Sources new since (their labels). */
  readonly newSources: readonly string[];
  /** Affected organizations newly named. */
  readonly newAffected: readonly string[];
}

export function changeBetween(before: IncidentFacts, after: IncidentFacts): FactsChange | undefined {
  const known = new Set(before.sources.map((s) => s.key));
  const newSources = [...new Set(after.sources.filter((s) => !known.has(s.key)).map((s) => s.label))];
  const named = new Set(before.affected);
  const newAffected = after.affected.filter((a) => !named.has(a));
  const count = after.count !== null && after.count !== before.count ? { from: before.count, to: after.count } : undefined;
  if (!count && newSources.length === 0 && newAffected.length === 0) return undefined;
  return { ...(count ? { count } : {}), newSources, newAffected };
}
