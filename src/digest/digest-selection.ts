/**
 * What a channel's next digest holds, decided by pure functions: every incident that entered
 * the catalog after the channel subscribed, that the channel has not received yet (by digest or
 * alert), and that matches its filters — newest first.
 */
import type { BreachCore } from '../core/breach-core.js';
import type { ErrorAnswer } from '../core/answer.js';
import { incidentSortDate } from '../core/incident-dates.js';
import type { Incident } from '../core/incident-schema.js';
import type { ParsedQuery } from '../core/query-parser.js';
import type { IncidentRecords } from '../core/incident-records.js';

export type IncidentFilter = (incident: Incident) => boolean;

export type CompiledFilters =
  | {
      readonly ok: true;
      readonly matches: IncidentFilter;
      /** The same test by id (what the compact form gives). */
      readonly matchesId: (id: string) => boolean;
      readonly query?: ParsedQuery;
    }
  | { readonly ok: false; readonly error: ErrorAnswer };

/**
 * Reads filters in the search syntax with the core's own parser, so a digest filtered on
 * "data:passwords country:FR" holds exactly what `/breach data:passwords country:FR` finds.
 */
export function compileFilters(core: BreachCore, text: string): CompiledFilters {
  if (text.trim() === '') return { ok: true, matches: () => true, matchesId: () => true };
  const parsed = core.parse(text);
  if (!parsed.ok) return { ok: false, error: { kind: 'error', ...parsed.error } };
  // Positions, then ids from the compact form: no full record is read to filter.
  const { ids: all } = core.records;
  const ids = new Set(core.rankPositions(parsed.query).map((i) => all[i]!));
  return { ok: true, matches: (incident) => ids.has(incident.id), matchesId: (id) => ids.has(id), query: parsed.query };
}

export interface DigestSelectionInput {
  readonly incidents: readonly Incident[];
  /** ISO date-time the subscription was created: only incidents added after it. */
  readonly since: string;
  readonly delivered: ReadonlySet<string>;
  readonly matches: IncidentFilter;
}

/** Newest first: the latest added, then the latest to happen, then by id for a stable order. */
export function newestFirst(a: Incident, b: Incident): number {
  return Date.parse(b.addedAt) - Date.parse(a.addedAt) || incidentSortDate(b).localeCompare(incidentSortDate(a)) || a.id.localeCompare(b.id);
}

export function selectDigest(input: DigestSelectionInput): Incident[] {
  const since = Date.parse(input.since);
  return input.incidents.filter((i) => Date.parse(i.addedAt) > since && !input.delivered.has(i.id) && input.matches(i)).sort(newestFirst);
}

export interface RecordsSelectionInput {
  /** The core's compact form of the catalog. */
  readonly records: IncidentRecords;
  readonly since: string;
  readonly delivered: ReadonlySet<string>;
  readonly matchesId: (id: string) => boolean;
}

/**
 * `selectDigest` over the compact form: ids, dates added and sort dates are read from typed
 * arrays and string tables, and only the incidents selected are read in full.
 */
export function selectDigestFromRecords(input: RecordsSelectionInput): Incident[] {
  const since = Date.parse(input.since);
  const { records } = input;
  const { ids, addedAt, sortDates } = records;
  const picked: number[] = [];
  for (let i = 0; i < records.size; i++) if (addedAt[i]! > since && !input.delivered.has(ids[i]!) && input.matchesId(ids[i]!)) picked.push(i);
  // The order of `newestFirst`, on the same keys.
  picked.sort((a, b) => addedAt[b]! - addedAt[a]! || sortDates[b]!.localeCompare(sortDates[a]!) || ids[a]!.localeCompare(ids[b]!));
  return picked.map((i) => records.get(i));
}
