/** The dates an incident is filtered and ordered by, read from its record (no validation here: the record is already valid). */
import type { Incident } from './incident-schema.js';

/** The inclusive [first, last] years an incident spans (from when it happened to when it was disclosed), for year filters. */
export function incidentYears(incident: Incident): [number, number] | undefined {
  const { occurred, disclosed, discovered } = incident.dates;
  const dates = [occurred?.start, occurred?.end, discovered, disclosed].filter((d): d is string => d !== undefined);
  if (dates.length === 0) return undefined;
  const years = dates.map((d) => Number(d.slice(0, 4)));
  return [Math.min(...years), Math.max(...years)];
}

/** The date that orders incidents from newest to oldest: disclosed, else discovered, else occurred. */
export function incidentSortDate(incident: Incident): string {
  const { occurred, disclosed, discovered } = incident.dates;
  return disclosed ?? discovered ?? occurred?.end ?? occurred?.start ?? incident.addedAt.slice(0, 10);
}
