/**
 * One import of a feed from local files into its snapshot: read the files, map the records,
 * validate every incident with the schema, find those that merge into incidents already in the
 * catalog, keep the `addedAt` of records the snapshot already had, write the snapshot atomically.
 * Shared by `breachbot import` and the scheduled refresh.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IncidentSchema, type IncidentInput } from '../core/incident-schema.js';
import type { MatchableIncident } from './curated-merge.js';
import { FEEDS, type FeedName, type ImportResult } from './feeds.js';
import { hibpToIncidents } from './hibp.js';
import { hhsOcrToIncidents, parseHhsOcrCsv } from './hhs-ocr.js';
import { bonjourLaFuiteToIncidents, parseBonjourLaFuiteCsv } from './bonjourlafuite.js';
import { vcdbToIncidents, readVcdbFile } from './vcdb.js';
import { buildSnapshot, readSnapshot, serializeSnapshot, snapshotPath, writeFileAtomic, type BuildReport } from './snapshot.js';

export class ImportInputError extends Error {}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ImportInputError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ImportInputError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ImportInputError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export interface MappedInput {
  readonly result: ImportResult;
  readonly inputs: Record<string, unknown>[];
}

/** Reads a feed's local files and maps them; throws `ImportInputError` for a file that cannot be used at all. */
export function mapFiles(feed: FeedName, files: readonly string[], now: Date): MappedInput {
  if (files.length === 0) throw new ImportInputError('give at least one --file');
  switch (feed) {
    case 'hibp': {
      // The full API list (records with "Name") and the reduced index ("dump_name"), in any order.
      let full: unknown[] | undefined;
      let index: unknown[] | undefined;
      const inputs: Record<string, unknown>[] = [];
      for (const file of files) {
        const data = readJsonFile(file);
        if (!Array.isArray(data)) throw new ImportInputError(`${file} is not a JSON array of breaches`);
        const isIndex = data.length > 0 && typeof data[0] === 'object' && data[0] !== null && 'dump_name' in data[0] && !('Name' in data[0]);
        if (isIndex) index = [...(index ?? []), ...data];
        else full = [...(full ?? []), ...data];
        inputs.push({ file: basename(file), format: isIndex ? 'hibp-index' : 'hibp-api', records: data.length });
      }
      const result = full ? hibpToIncidents(full, { ...(index ? { index } : {}), now }) : hibpToIncidents(index ?? [], { now });
      return { result, inputs };
    }
    case 'hhs-ocr': {
      const parsed = files.map((file) => parseHhsOcrCsv(basename(file), readText(file)));
      return { result: hhsOcrToIncidents(parsed), inputs: parsed.map((p) => ({ file: p.name, records: p.rows.length })) };
    }
    case 'bonjourlafuite': {
      const rows = files.flatMap((file) => parseBonjourLaFuiteCsv(readText(file)));
      return { result: bonjourLaFuiteToIncidents(rows), inputs: files.map((f) => ({ file: basename(f) })).map((x, i) => (i === 0 ? { ...x, records: rows.length } : x)) };
    }
    case 'vcdb': {
      const records = files.flatMap((file) => readVcdbFile(file));
      return { result: vcdbToIncidents(records), inputs: files.map((f) => ({ file: basename(f) })) };
    }
  }
}

/** Keeps the incidents the schema accepts; each one it refuses becomes a problem line. */
export function validIncidents(incidents: readonly IncidentInput[], problems: string[]): IncidentInput[] {
  const out: IncidentInput[] = [];
  for (const incident of incidents) {
    const parsed = IncidentSchema.safeParse(incident);
    if (parsed.success) out.push(incident);
    else problems.push(`${incident.id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'} ${i.message}`).join('; ')}`);
  }
  return out;
}

export interface FeedImportOptions {
  readonly dataDir: string;
  readonly feed: FeedName;
  /** Incidents in the catalog that are not this feed's own (curated, other feeds). */
  readonly existing: readonly MatchableIncident[];
  readonly now: Date;
  readonly dryRun?: boolean;
  /** Decide every merge afresh instead of keeping the previous snapshot's decisions. */
  readonly rematch?: boolean;
}

export interface FeedImportReport extends BuildReport {
  readonly result: ImportResult;
  readonly path: string;
  readonly written: boolean;
}

/** Maps, validates, merges and writes one feed's snapshot from local files. */
export function importFeedFiles(files: readonly string[], options: FeedImportOptions): FeedImportReport {
  const feed = FEEDS[options.feed];
  const { result, inputs } = mapFiles(options.feed, files, options.now);
  const incidents = validIncidents(result.incidents, result.problems);
  const path = snapshotPath(options.dataDir, feed);
  const report = buildSnapshot(incidents, {
    feed,
    previous: readSnapshot(path),
    existing: options.existing,
    ...(options.rematch ? { rematch: true } : {}),
    generatedAt: options.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    inputs,
  });
  const written = !options.dryRun && (report.changed || !readSnapshotSafe(path));
  if (written) writeFileAtomic(path, serializeSnapshot(report.snapshot));
  return { ...report, result, path, written };
}

function readSnapshotSafe(path: string): boolean {
  try {
    return readSnapshot(path) !== undefined;
  } catch {
    return false;
  }
}
