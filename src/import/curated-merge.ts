/**
 * Finds the imported records that describe an incident already in the catalog: the same
 * organization (name or alias, compared without case, accents, punctuation or legal suffixes)
 * or the same domain, AND dates within `CLOSE_DAYS` of the existing incident's own span. Such a
 * record is not shown on its own: the snapshot lists it under `merged` with the id it merges
 * into, and the catalog loader appends its sources to that incident, whose facts win. Records
 * of the same organization at other dates are other incidents (Ticketmaster 2018 via Inbenta and
 * Ticketmaster 2024 both stay).
 */
import type { IncidentInput } from '../core/incident-schema.js';
import { partialDateEnd, partialDateStart } from '../core/partial-date.js';
import { tokenize } from '../core/text-folding.js';

/** How far apart (in days) an imported record's dates may be from an incident's span and still be the same incident. */
export const CLOSE_DAYS = 183;

const LEGAL_SUFFIXES = new Set(['inc', 'llc', 'ltd', 'limited', 'corp', 'corporation', 'co', 'plc', 'sa', 'sas', 'sarl', 'gmbh', 'ag', 'bv', 'nv', 'group', 'groupe', 'the']);

/** "Orange S.A." and "orange" → "orange"; "The Metropolitan Opera" → "metropolitanopera". */
export function organizationKey(name: string): string {
  return tokenize(name)
    .filter((w) => !LEGAL_SUFFIXES.has(w))
    .join('');
}

function domainKey(domain: string): string {
  return domain.toLowerCase().replace(/^www\./, '');
}

/** The fields matching reads, common to curated incidents and imported inputs. */
export interface MatchableIncident {
  readonly id: string;
  readonly kind?: 'breach' | 'attack' | undefined;
  readonly organization: { readonly name: string; readonly aliases?: readonly string[] | undefined; readonly domains?: readonly string[] | undefined };
  readonly dates?: IncidentInput['dates'];
}

/** [first day, last day] of everything the record dates (when it happened, was discovered, disclosed). */
function span(incident: MatchableIncident): [number, number] | undefined {
  const d = incident.dates;
  const all = [d?.occurred?.start, d?.occurred?.end, d?.discovered, d?.disclosed].filter((x): x is string => typeof x === 'string');
  if (all.length === 0) return undefined;
  const starts = all.map((x) => Date.parse(`${partialDateStart(x)}T00:00:00Z`));
  const ends = all.map((x) => Date.parse(`${partialDateEnd(x)}T00:00:00Z`));
  return [Math.min(...starts), Math.max(...ends)];
}

const DAY = 86_400_000;

/** Days between two spans (0 when they overlap). */
function gapDays(a: [number, number], b: [number, number]): number {
  if (a[1] < b[0]) return (b[0] - a[1]) / DAY;
  if (b[1] < a[0]) return (a[0] - b[1]) / DAY;
  return 0;
}

export interface MergeMatch {
  /** The imported record. */
  readonly id: string;
  /** The incident it merges into. */
  readonly into: string;
  readonly reason: string;
  /** Days between the two records' spans (0 when they overlap). */
  readonly days: number;
}

/** Indexes existing incidents by organization key and domain, for `matchFor`. */
export class IncidentMatcher {
  private readonly byKey = new Map<string, MatchableIncident[]>();

  constructor(existing: readonly MatchableIncident[]) {
    for (const incident of existing) {
      const keys = new Set<string>();
      for (const name of [incident.organization.name, ...(incident.organization.aliases ?? [])]) {
        const key = organizationKey(name);
        if (key.length >= 2) keys.add(`n:${key}`);
      }
      for (const domain of incident.organization.domains ?? []) keys.add(`d:${domainKey(domain)}`);
      for (const key of keys) {
        const list = this.byKey.get(key) ?? [];
        list.push(incident);
        this.byKey.set(key, list);
      }
    }
  }

  /** The existing incident an imported record describes, if any: the closest in time, a breach before an attack. */
  matchFor(imported: MatchableIncident): MergeMatch | undefined {
    const when = span(imported);
    if (!when) return undefined;
    const candidates = new Map<MatchableIncident, string>();
    for (const name of [imported.organization.name, ...(imported.organization.aliases ?? [])]) {
      const key = organizationKey(name);
      for (const c of this.byKey.get(`n:${key}`) ?? []) if (!candidates.has(c)) candidates.set(c, `same organization "${name}"`);
    }
    for (const domain of imported.organization.domains ?? []) {
      for (const c of this.byKey.get(`d:${domainKey(domain)}`) ?? []) if (!candidates.has(c)) candidates.set(c, `same domain ${domain}`);
    }
    let best: { incident: MatchableIncident; gap: number; reason: string } | undefined;
    for (const [incident, reason] of candidates) {
      if (incident.id === imported.id) continue;
      const theirs = span(incident);
      if (!theirs) continue;
      const gap = gapDays(when, theirs);
      if (gap > CLOSE_DAYS) continue;
      const better = !best || gap < best.gap || (gap === best.gap && best.incident.kind === 'attack' && incident.kind !== 'attack');
      if (better) best = { incident, gap, reason };
    }
    if (!best) return undefined;
    const days = Math.round(best.gap);
    return { id: imported.id, into: best.incident.id, reason: `${best.reason}, dates ${days === 0 ? 'overlapping' : `${days} days apart`}`, days };
  }
}
