/**
 * Figures from several sources on one incident. When an imported record merges into an incident
 * already in the catalog (see `CatalogBuilder.merge`), the incident keeps its own facts; if the
 * record gives another figure for how many were hit, both are kept, each with who gives it, so a
 * reader sees "about 6.4 million customers according to bonjourlafuite.eu.org; 5.7 million e-mail
 * addresses according to Have I Been Pwned" rather than one of them silently.
 */
import type { Incident, RecordCount, SourcedCount } from './incident-schema.js';

/** Who an incident's own facts come from: its feed's publisher, else its first source's publisher, else its feed's name. */
export function publisherOf(incident: Incident): string {
  return incident.provenance.publisher ?? incident.sources.find((s) => s.publisher)?.publisher ?? incident.provenance.source;
}

function sameFigure(a: RecordCount, b: RecordCount): boolean {
  return a.count === b.count && a.qualifier === b.qualifier && (a.who?.en ?? '') === (b.who?.en ?? '');
}

function sourced(count: RecordCount, by: string): SourcedCount {
  return { ...count, by };
}

/**
 * The records of `target` once `record` (describing the same incident) is merged into it: the
 * target's total stays the total (what sorting and size filters read); when the record gives a
 * total that differs, `bySource` lists each source's figure, the target's first. When only the
 * record gives a total, it becomes the total, credited to the record's source.
 */
export function mergedRecords(target: Incident, record: Incident): Incident['records'] {
  const theirs = record.records?.total;
  if (!theirs) return target.records;
  const mine = target.records?.total;
  const by = publisherOf(record);
  if (!mine) {
    return { total: theirs, breakdown: target.records?.breakdown ?? [], bySource: [...(target.records?.bySource ?? []), sourced(theirs, by)] };
  }
  const already = target.records!.bySource;
  if (already.some((s) => sameFigure(s, theirs) && s.by === by)) return target.records;
  if (already.length === 0 && sameFigure(mine, theirs)) return target.records;
  const bySource = already.length > 0 ? [...already] : [sourced(mine, publisherOf(target))];
  bySource.push(sourced(theirs, by));
  return { ...target.records!, bySource };
}

/** True when the incident shows more than one source's figure. */
export function hasDisagreeingFigures(incident: Incident): boolean {
  return (incident.records?.bySource.length ?? 0) > 1;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The data classes and dates of `target` once `record` is merged into it. Data classes: the
 * union (a class the target only says was possibly exposed stays hedged), and when the two name
 * different ones, each source's list in `bySource.dataClasses`, so a reader sees who names which.
 * Dates: `dates` stay the target's (what sorting and year filters read); the record's, where they
 * differ from the target's (another day, another precision, or one the target lacks), are kept in
 * `bySource.dates` with who gives them. Returns the target's own fields when nothing differs.
 */
export function mergedClaims(target: Incident, record: Incident): Pick<Incident, 'dataClasses' | 'bySource'> {
  const by = publisherOf(record);
  const theirs = record.dataClasses;
  const added = theirs.filter((c) => !target.dataClasses.includes(c) && !target.possiblyExposed.includes(c));
  let bySource = target.bySource;
  if (theirs.length > 0 && !sameSet(theirs, target.dataClasses)) {
    const already = target.bySource?.dataClasses ?? (target.dataClasses.length ? [{ by: publisherOf(target), dataClasses: [...target.dataClasses] }] : []);
    if (!already.some((e) => e.by === by && sameSet(e.dataClasses, theirs))) bySource = { ...bySource, dataClasses: [...already, { by, dataClasses: [...theirs] }] };
  }
  const own = target.dates;
  const dates: { occurred?: string; discovered?: string; disclosed?: string } = {};
  const occurred = record.dates.occurred?.start;
  if (occurred && occurred !== own.occurred?.start) dates.occurred = occurred;
  if (record.dates.discovered && record.dates.discovered !== own.discovered) dates.discovered = record.dates.discovered;
  if (record.dates.disclosed && record.dates.disclosed !== own.disclosed) dates.disclosed = record.dates.disclosed;
  if (Object.keys(dates).length > 0) {
    const already = bySource?.dates ?? [];
    if (!already.some((e) => e.by === by)) bySource = { ...bySource, dates: [...already, { by, ...dates }] };
  }
  return { dataClasses: added.length ? [...target.dataClasses, ...added] : target.dataClasses, bySource };
}
