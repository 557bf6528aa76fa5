/**
 * Loads and validates the catalog: one JSON file per curated incident under `incidents/`, and
 * bundled snapshots of imported feeds under `imported/` (a JSON array of incidents, or an
 * object with an `incidents` array and optionally a `merged` array of `{ into, incident }`:
 * records that add their sources to an incident already in the catalog). Every problem is
 * collected, never thrown: each names the file, the field path and what is wrong, and every
 * valid incident still loads, so one bad file never takes the bot down.
 */
import type * as z from 'zod';
import { IncidentSchema, type Incident } from './incident-schema.js';
import { mergedClaims, mergedRecords } from './source-figures.js';
import { DEFAULT_DATA_FILE_LIMITS, listDataFiles, parseDataJson, readDataFile, type DataFileLimits } from './data-files.js';

export { DEFAULT_DATA_FILE_LIMITS, type DataFileLimits } from './data-files.js';
import { loadAliases, type OrganizationAlias } from './organization-aliases.js';
import type { CatalogProblem } from './catalog-problem.js';

export { formatProblem, type CatalogProblem } from './catalog-problem.js';

export interface Catalog {
  readonly incidents: readonly Incident[];
  readonly byId: ReadonlyMap<string, Incident>;
  readonly problems: readonly CatalogProblem[];
  /** Which file each incident came from. */
  readonly fileOf: ReadonlyMap<string, string>;
  /** Curated other names of organizations (`aliases.json`), added to their incidents' names when indexing. */
  readonly aliases?: readonly OrganizationAlias[];
}

function pathToString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object { ... }', array: 'a list [ ... ]' };

/**
 * An issue in plain words. The schema's own messages are already plain; zod's defaults
 * ("Invalid option: expected one of ...", "Invalid input: expected boolean, received string")
 * are reworded, listing the valid values.
 */
export function plainIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      if (!/^Invalid (option|input)/.test(issue.message)) return issue.message;
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type': {
      if (!/^Invalid input/.test(issue.message)) return issue.message;
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      const received = /received (\w+)/.exec(issue.message)?.[1];
      return received === 'undefined' ? `is required (${expected})` : `must be ${expected}${received ? `, not ${received === 'string' ? 'text' : `${/^[aeiou]/.test(received) ? 'an' : 'a'} ${received}`}` : ''}`;
    }
    case 'invalid_union':
      return /^Invalid input/.test(issue.message) ? 'is not in any of the accepted forms' : issue.message;
    default:
      return issue.message;
  }
}

function issueProblems(file: string, prefix: string, error: z.ZodError): CatalogProblem[] {
  return error.issues.map((issue) => {
    const path = prefix + (issue.path.length && prefix ? '.' : '') + pathToString(issue.path);
    return { file, path, message: plainIssue(issue) };
  });
}

/** Validates raw records as read from one file and appends them to the catalog being built. */
export class CatalogBuilder {
  private readonly incidents: Incident[] = [];
  private readonly byId = new Map<string, Incident>();
  private readonly fileOf = new Map<string, string>();
  private readonly problems: CatalogProblem[] = [];

  addProblem(problem: CatalogProblem): void {
    this.problems.push(problem);
  }

  /** Validates one record; `path` is its place in the file ("" for a one-record file). */
  add(file: string, path: string, raw: unknown): Incident | undefined {
    const parsed = IncidentSchema.safeParse(raw);
    if (!parsed.success) {
      this.problems.push(...issueProblems(file, path, parsed.error));
      return undefined;
    }
    const incident = parsed.data;
    const first = this.fileOf.get(incident.id);
    if (first !== undefined) {
      this.problems.push({ file, path: path ? `${path}.id` : 'id', message: `duplicate id "${incident.id}" (already used in ${first})` });
      return undefined;
    }
    this.incidents.push(incident);
    this.byId.set(incident.id, incident);
    this.fileOf.set(incident.id, file);
    return incident;
  }

  /**
   * An imported record its importer found to describe an incident already in the catalog
   * (`into`): that incident's facts win and the record's sources (and where the people it hit
   * live) are added to its own, once each, so the incident is shown once and cites both; a figure
   * the record gives that differs from the incident's is kept beside it with who gives it
   * (`records.bySource`); so are its data classes (united) and its dates where they differ, with
   * who gives which (`bySource`, see `mergedClaims`). When `into` is unknown (the incident was
   * renamed or removed since the import), the record is added on its own instead.
   */
  merge(file: string, path: string, into: unknown, raw: unknown): Incident | undefined {
    const target = typeof into === 'string' ? this.byId.get(into) : undefined;
    if (!target) return this.add(file, `${path}.incident`, raw);
    const parsed = IncidentSchema.safeParse(raw);
    if (!parsed.success) {
      this.problems.push(...issueProblems(file, `${path}.incident`, parsed.error));
      return undefined;
    }
    const key = (s: Incident['sources'][number]) => s.url ?? `${s.title ?? `${s.kind}:${s.subject}`}|${s.reference ?? ''}`;
    const known = new Set(target.sources.map(key));
    const extra = parsed.data.sources.filter((s) => !known.has(key(s)));
    // Where the people hit live is added, not a competing fact: a list of French leaks tells it of a worldwide one.
    const people = parsed.data.peopleCountries.filter((c) => !target.peopleCountries.includes(c) && c !== target.organization.country);
    const records = mergedRecords(target, parsed.data);
    const claims = mergedClaims(target, parsed.data);
    if (extra.length === 0 && people.length === 0 && records === target.records && claims.dataClasses === target.dataClasses && claims.bySource === target.bySource) return target;
    const combined: Incident = {
      ...target,
      ...(records ? { records } : {}),
      dataClasses: claims.dataClasses,
      ...(claims.bySource ? { bySource: claims.bySource } : {}),
      sources: [...target.sources, ...extra],
      peopleCountries: [...target.peopleCountries, ...people],
    };
    this.incidents[this.incidents.indexOf(target)] = combined;
    this.byId.set(combined.id, combined);
    return combined;
  }

  build(): Catalog {
    for (const incident of this.incidents) {
      incident.related.forEach((id, i) => {
        if (!this.byId.has(id)) {
          this.problems.push({ file: this.fileOf.get(incident.id) ?? '?', path: `related[${i}]`, message: `refers to unknown incident "${id}"` });
        }
      });
    }
    return { incidents: this.incidents, byId: this.byId, fileOf: this.fileOf, problems: this.problems };
  }
}

/**
 * Every data file of one folder, read safely (see data-files.ts): each refused file becomes a
 * problem naming it and why; the others come back parsed.
 */
function readFolder(builder: CatalogBuilder, dataDir: string, folder: string, maxBytes: number, limits: DataFileLimits): { shown: string; raw: unknown }[] {
  const out: { shown: string; raw: unknown }[] = [];
  for (const entry of listDataFiles(dataDir, folder, maxBytes)) {
    if (!entry.ok) {
      builder.addProblem({ file: entry.shown, path: '', message: entry.reason });
      continue;
    }
    const read = readDataFile(entry.file, maxBytes);
    if (!read.ok) {
      builder.addProblem({ file: entry.file.shown, path: '', message: read.reason });
      continue;
    }
    const parsed = parseDataJson(read.text, limits.maxJsonDepth);
    if (!parsed.ok) builder.addProblem({ file: entry.file.shown, path: '', message: parsed.reason });
    else out.push({ shown: entry.file.shown, raw: parsed.value });
  }
  return out;
}

/** Loads every incident under `dataDir` (`incidents/*.json`, `imported/*.json`). */
export function loadCatalog(dataDir: string, limits: DataFileLimits = DEFAULT_DATA_FILE_LIMITS): Catalog {
  const builder = new CatalogBuilder();
  for (const { shown, raw } of readFolder(builder, dataDir, 'incidents', limits.incidentFileBytes, limits)) builder.add(shown, '', raw);
  // Snapshots may list records that merge into incidents of other files: applied once all are loaded.
  const merges: { shown: string; entries: unknown[] }[] = [];
  for (const { shown, raw } of readFolder(builder, dataDir, 'imported', limits.snapshotFileBytes, limits)) {
    const object = typeof raw === 'object' && raw !== null ? (raw as { incidents?: unknown; merged?: unknown }) : {};
    const list = Array.isArray(raw) ? raw : object.incidents;
    if (!Array.isArray(list)) {
      builder.addProblem({ file: shown, path: '', message: 'must be a JSON array of incidents or an object with an "incidents" array' });
      continue;
    }
    const prefix = Array.isArray(raw) ? '' : 'incidents';
    list.forEach((record, i) => builder.add(shown, `${prefix}[${i}]`, record));
    const merged = Array.isArray(raw) ? undefined : object.merged;
    if (Array.isArray(merged)) merges.push({ shown, entries: merged });
    else if (merged !== undefined) builder.addProblem({ file: shown, path: 'merged', message: 'must be an array of { into, incident }' });
  }
  for (const { shown, entries } of merges) {
    entries.forEach((entry, i) => {
      const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { into?: unknown; incident?: unknown };
      builder.merge(shown, `merged[${i}]`, e.into, e.incident);
    });
  }
  const { aliases, problems } = loadAliases(dataDir, limits);
  for (const p of problems) builder.addProblem(p);
  return { ...builder.build(), aliases };
}
