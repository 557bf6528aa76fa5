/**
 * "Did you mean" for an incident id that does not exist (`show orange-2015`, `show ticketmastr`):
 * ids and organization names close to what was typed, by spelling, never by what the words
 * happen to mention. Nothing close means no suggestion rather than an unrelated one.
 */
import type { IncidentRecords } from './incident-records.js';
import { editDistanceWithin } from './edit-distance.js';
import { fold } from './text-folding.js';

export interface IdSuggestion {
  readonly id: string;
  readonly title: string;
}

/** Letters and digits only, folded: "Orange S.A." → "orangesa". */
const squash = (s: string) => fold(s).replace(/[^a-z0-9]+/g, '');

/** The edits allowed for a typed text of `length` characters: 1 up to 7, then one more per 4, at most 3. */
function allowance(length: number): number {
  return Math.min(3, Math.max(1, Math.floor(length / 4)));
}

/** Incidents with their ids and folded names, computed once per catalog (folding is the costly part). */
export class IdSuggester {
  private readonly entries: readonly { readonly at: number; readonly names: readonly string[] }[];

  /** From the records' compact form: ids, organization names and aliases, sort dates. */
  constructor(private readonly records: IncidentRecords) {
    this.entries = Array.from({ length: records.size }, (_, at) => ({ at, names: [...new Set(records.organizationNames(at).map(squash))] }));
  }

  /**
   * Up to `limit` incidents whose id or organization name is close to `typed`: the id within a
   * few edits, or starting with it; the organization's name (or the typed id's words before its
   * date, "orange" in "orange-2015") equal to, within a few edits of, or starting with the name
   * typed. Closest first; at the same distance curated incidents first, then the newest.
   */
  suggest(typed: string, limit = 5): IdSuggestion[] {
    const id = fold(typed).trim().replace(/\s+/g, '-');
    const name = squash(id.replace(/(?:-\d[\d-]*)+$/, ''));
    if (id.length < 2) return [];
    const maxId = allowance(id.length);
    const maxName = allowance(name.length);
    const scored: { at: number; id: string; score: number }[] = [];
    const { ids, curated, sortDates, titles } = this.records;
    for (const { at, names } of this.entries) {
      const incidentId = ids[at]!;
      let score = Infinity;
      if (id.length >= 3 && incidentId.startsWith(id)) score = 0.5;
      else {
        const d = editDistanceWithin(id, incidentId, maxId);
        if (d <= maxId) score = d;
      }
      if (name.length >= 3) {
        for (const key of names) {
          const d = key === name ? 0 : key.startsWith(name) ? 0.75 : editDistanceWithin(name, key, maxName);
          // A name match ranks after an id that is as close: the id is what was typed.
          if (d <= maxName) score = Math.min(score, d + 0.25);
        }
      }
      if (score !== Infinity) scored.push({ at, id: incidentId, score });
    }
    // Curated first at the same distance, then the newest.
    scored.sort((a, b) => a.score - b.score || curated[b.at]! - curated[a.at]! || sortDates[b.at]!.localeCompare(sortDates[a.at]!) || a.id.localeCompare(b.id));
    return scored.slice(0, limit).map(({ at, id: incidentId }) => ({ id: incidentId, title: titles[at]! }));
  }
}
