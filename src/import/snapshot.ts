/**
 * The bundled snapshot of one feed, `data/imported/<feed>.json`, as the catalog loader reads it:
 *
 * ```json
 * { "source": "hibp", "title": "...", "attribution": "...", "license": "CC BY 4.0",
 *   "generatedAt": "...", "inputs": [...],
 *   "incidents": [ { ...one incident per line... } ],
 *   "merged": [ { "into": "orange-2014-04", "reason": "...", "incident": { ... } } ] }
 * ```
 *
 * `merged` holds the feed's records that describe an incident already in the catalog: the loader
 * appends their sources to that incident instead of showing them twice (and shows them on their
 * own if that incident is gone). Building a snapshot keeps the `addedAt` of every record the
 * previous snapshot already had, so re-importing never announces old breaches again.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { IncidentInput } from '../core/incident-schema.js';
import { DEFAULT_DATA_FILE_LIMITS, parseDataJson, readOwnFile } from '../core/data-files.js';
import type { Feed } from './feeds.js';
import { IncidentMatcher, type MatchableIncident, type MergeMatch } from './curated-merge.js';

export interface MergedRecord {
  readonly into: string;
  readonly reason: string;
  readonly incident: IncidentInput;
}

export interface Snapshot {
  readonly source: string;
  readonly title: string;
  readonly attribution: string;
  readonly license: string;
  readonly generatedAt: string;
  /** What it was built from (files, URL), for the curious and for re-imports. */
  readonly inputs: readonly Record<string, unknown>[];
  readonly incidents: readonly IncidentInput[];
  readonly merged: readonly MergedRecord[];
}

export function snapshotPath(dataDir: string, feed: Feed): string {
  return join(dataDir, 'imported', feed.snapshotFile);
}

/**
 * The snapshot at `path`; undefined when there is none; throws if it is there but unreadable
 * (not a regular file, over the snapshot size cap, not JSON: the message never quotes it).
 */
export function readSnapshot(path: string): Snapshot | undefined {
  const read = readOwnFile(path, DEFAULT_DATA_FILE_LIMITS.snapshotFileBytes);
  if (!read.ok) {
    if (read.missing) return undefined;
    throw new Error(`${basename(path)} ${read.reason}`);
  }
  const parsed = parseDataJson(read.text, DEFAULT_DATA_FILE_LIMITS.maxJsonDepth);
  if (!parsed.ok) throw new Error(`${basename(path)} ${parsed.reason}`);
  if (typeof parsed.value !== 'object' || parsed.value === null) throw new Error(`${basename(path)} is not a snapshot (a JSON object or array)`);
  const raw = parsed.value as Partial<Snapshot> | IncidentInput[];
  if (Array.isArray(raw)) return { source: '', title: '', attribution: '', license: '', generatedAt: '', inputs: [], incidents: raw, merged: [] };
  return {
    source: raw.source ?? '',
    title: raw.title ?? '',
    attribution: raw.attribution ?? '',
    license: raw.license ?? '',
    generatedAt: raw.generatedAt ?? '',
    inputs: Array.isArray(raw.inputs) ? raw.inputs : [],
    incidents: Array.isArray(raw.incidents) ? raw.incidents : [],
    merged: Array.isArray(raw.merged) ? raw.merged : [],
  };
}

/** Every record of a snapshot, standalone or merged, by id. */
export function snapshotRecords(snapshot: Snapshot | undefined): Map<string, IncidentInput> {
  const out = new Map<string, IncidentInput>();
  for (const i of snapshot?.incidents ?? []) out.set(i.id, i);
  for (const m of snapshot?.merged ?? []) out.set(m.incident.id, m.incident);
  return out;
}

/** Stable text: the header, then one incident per line (diffs stay readable, files stay compact). */
export function serializeSnapshot(s: Snapshot): string {
  const list = (items: readonly unknown[]) => (items.length ? `[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]` : '[]');
  return [
    '{',
    `"source": ${JSON.stringify(s.source)},`,
    `"title": ${JSON.stringify(s.title)},`,
    `"attribution": ${JSON.stringify(s.attribution)},`,
    `"license": ${JSON.stringify(s.license)},`,
    `"generatedAt": ${JSON.stringify(s.generatedAt)},`,
    `"inputs": ${JSON.stringify(s.inputs)},`,
    `"incidents": ${list(s.incidents)},`,
    `"merged": ${list(s.merged)}`,
    '}',
    '',
  ].join('\n');
}

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder (not ending in .json,
 * so a catalog load never reads it), flushed, then renamed over the target. A reader sees the
 * old file or the new one, never half of one.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

export interface BuildOptions {
  readonly feed: Feed;
  readonly previous: Snapshot | undefined;
  /** Incidents already in the catalog from elsewhere (curated, other feeds): the merge targets. */
  readonly existing: readonly MatchableIncident[];
  /** `addedAt` for records the previous snapshot did not have; default: what the importer set. */
  readonly addedAtForNew?: string;
  /** Keep previous records the new input lacks (a refresh: the feed is not trusted to delete). */
  readonly keepMissing?: boolean;
  /** Ids to drop even when kept (e.g. breaches the feed now marks retired). */
  readonly drop?: ReadonlySet<string>;
  /**
   * Decide every merge afresh. By default decisions stick: a record the previous snapshot showed
   * on its own stays on its own (other feeds may have merged into it since), and a merged one
   * stays merged while its target exists; only new records are matched.
   */
  readonly rematch?: boolean;
  readonly generatedAt: string;
  readonly inputs: readonly Record<string, unknown>[];
}

export interface BuildReport {
  readonly snapshot: Snapshot;
  /** Ids new to the snapshot, standalone or merged. */
  readonly added: string[];
  /** Ids the previous snapshot had and this one does not. */
  readonly removed: string[];
  /** Ids both snapshots have whose record differs (a revised count, a new source...). */
  readonly revised: string[];
  readonly merges: MergeMatch[];
  /** True when the incidents or merges differ from the previous snapshot's. */
  readonly changed: boolean;
}

/**
 * A merged record's sources are all the catalog keeps of it: each carries the feed's attribution
 * and licence, so the incident it joins still credits the feed.
 */
function withSourceAttribution(record: IncidentInput): IncidentInput {
  const { attribution, license } = record.provenance ?? {};
  if (!attribution && !license) return record;
  return {
    ...record,
    sources: record.sources.map((s) => ({ ...s, ...(attribution && !s.attribution ? { attribution } : {}), ...(license && !s.license ? { license } : {}) })),
  };
}

/** Assembles a feed's snapshot from freshly mapped records; see the module comment. */
export function buildSnapshot(records: readonly IncidentInput[], options: BuildOptions): BuildReport {
  const before = snapshotRecords(options.previous);
  const byId = new Map<string, IncidentInput>();
  for (const record of records) {
    const known = before.get(record.id);
    const addedAt = known?.addedAt ?? options.addedAtForNew ?? record.addedAt;
    byId.set(record.id, addedAt === record.addedAt ? record : { ...record, addedAt });
  }
  if (options.keepMissing) for (const [id, record] of before) if (!byId.has(id)) byId.set(id, record);
  for (const id of options.drop ?? []) byId.delete(id);

  // One imported record per existing incident: the closest in time merges, the others stand alone.
  const targets = options.existing.filter((i) => !byId.has(i.id));
  const targetIds = new Set(targets.map((i) => i.id));
  const matcher = new IncidentMatcher(targets);
  const standaloneBefore = new Set(options.rematch ? [] : (options.previous?.incidents ?? []).map((i) => i.id));
  const mergedBefore = new Map(options.rematch ? [] : (options.previous?.merged ?? []).map((m) => [m.incident.id, m]));
  const bestFor = new Map<string, MergeMatch>();
  for (const record of byId.values()) {
    if (standaloneBefore.has(record.id)) continue;
    const earlier = mergedBefore.get(record.id);
    const match = earlier && targetIds.has(earlier.into) ? { id: record.id, into: earlier.into, reason: earlier.reason, days: -1 } : matcher.matchFor(record);
    if (!match) continue;
    const current = bestFor.get(match.into);
    if (!current || match.days < current.days) bestFor.set(match.into, match);
  }
  const mergedIds = new Map([...bestFor.values()].map((match) => [match.id, match]));
  const incidents: IncidentInput[] = [];
  const merged: MergedRecord[] = [];
  for (const record of byId.values()) {
    const match = mergedIds.get(record.id);
    if (match) merged.push({ into: match.into, reason: match.reason, incident: withSourceAttribution(record) });
    else incidents.push(record);
  }
  const sortKey = (i: IncidentInput) => i.id;
  incidents.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  merged.sort((a, b) => (a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0));

  const snapshot: Snapshot = {
    source: options.feed.name,
    title: options.feed.title,
    attribution: options.feed.attribution,
    license: options.feed.license,
    generatedAt: options.generatedAt,
    inputs: options.inputs,
    incidents,
    merged,
  };
  const added = [...byId.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !byId.has(id));
  const after = snapshotRecords(snapshot);
  // Compared as merged records are stored (with the feed's attribution on each source), so a
  // record that merely became merged or standalone is not a revision.
  const same = (a: IncidentInput, b: IncidentInput) => JSON.stringify(withSourceAttribution(a)) === JSON.stringify(withSourceAttribution(b));
  const revised = [...after].filter(([id, record]) => before.has(id) && !same(before.get(id)!, record)).map(([id]) => id);
  const previous = options.previous;
  const changed = !previous || JSON.stringify([previous.incidents, previous.merged]) !== JSON.stringify([incidents, merged]);
  return { snapshot, added, removed, revised, merges: [...mergedIds.values()], changed };
}
