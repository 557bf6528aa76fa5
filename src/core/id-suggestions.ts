/**
 * "Did you mean" for an incident id that does not exist (`show orange-2015`, `show ticketmastr`):
 * ids and organization names close to what was typed, by spelling, never by what the words
 * happen to mention. Nothing close means no suggestion rather than an unrelated one.
 */
import { incidentSortDate, type Incident } from './incident-schema.js';
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
  private readonly entries: readonly { readonly incident: Incident; readonly names: readonly string[] }[];

  constructor(incidents: readonly Incident[]) {
    this.entries = incidents.map((incident) => ({ incident, names: [...new Set([incident.organization.name, ...incident.organization.aliases].map(squash))] }));
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
    const scored: { incident: Incident; score: number }[] = [];
    for (const { incident, names } of this.entries) {
      let score = Infinity;
      if (id.length >= 3 && incident.id.startsWith(id)) score = 0.5;
      else {
        const d = editDistanceWithin(id, incident.id, maxId);
        if (d <= maxId) score = d;
      }
      if (name.length >= 3) {
        for (const key of names) {
          const d = key === name ? 0 : key.startsWith(name) ? 0.75 : editDistanceWithin(name, key, maxName);
          // A name match ranks after an id that is as close: the id is what was typed.
          if (d <= maxName) score = Math.min(score, d + 0.25);
        }
      }
      if (score !== Infinity) scored.push({ incident, score });
    }
    scored.sort((a, b) => a.score - b.score || curatedFirst(a.incident, b.incident) || incidentSortDate(b.incident).localeCompare(incidentSortDate(a.incident)) || a.incident.id.localeCompare(b.incident.id));
    return scored.slice(0, limit).map(({ incident }) => ({ id: incident.id, title: incident.title.en }));
  }
}

function curatedFirst(a: Incident, b: Incident): number {
  return (a.provenance.source === 'curated' ? 0 : 1) - (b.provenance.source === 'curated' ? 0 : 1);
}
