/**
 * The compiled catalog on disk, so a start reads the indexes instead of re-validating and
 * re-indexing every record. One file: a fixed magic, a JSON header (format and image versions,
 * the key of the sources it was built from, section lengths, a SHA-256 of the payload), then
 * the payload (image shape and strings, typed arrays, records as JSON lines, file index).
 *
 * The key covers every data file: its path, size, modification time and a hash of its contents
 * (a file refused by the safe reader counts by its path and reason), so any change under the
 * data folder, even one that keeps size and time, makes the snapshot stale. A stale, corrupt or
 * unreadable snapshot is never served: the caller rebuilds from the sources.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CORE_IMAGE_VERSION } from './core-image.js';
import type { CatalogProblem } from './catalog.js';
import type { CompiledCatalog } from './compiled-catalog.js';
import { DEFAULT_DATA_FILE_LIMITS, listDataFiles, readDataFile, type DataFileLimits } from './data-files.js';

/** Goes up whenever this file's layout changes. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = 'BREACHBOT-CATALOG\n';

/** A digest of every data file (path, size, mtime, content hash): what a snapshot must match. */
export function sourceKey(dataDir: string, limits: DataFileLimits = DEFAULT_DATA_FILE_LIMITS): string {
  const key = createHash('sha256');
  key.update(`format ${SNAPSHOT_FORMAT} image ${CORE_IMAGE_VERSION} limits ${JSON.stringify(limits)}\n`);
  for (const [folder, max] of [['incidents', limits.incidentFileBytes], ['imported', limits.snapshotFileBytes]] as const) {
    for (const entry of listDataFiles(dataDir, folder, max)) {
      if (!entry.ok) {
        key.update(`${entry.shown}\trefused\t${entry.reason}\n`);
        continue;
      }
      const read = readDataFile(entry.file, max);
      const content = read.ok ? createHash('sha1').update(read.text).digest('hex') : `unreadable ${read.reason}`;
      key.update(`${entry.file.shown}\t${entry.file.size}\t${entry.file.mtimeMs}\t${content}\n`);
    }
  }
  return key.digest('hex');
}

interface Header {
  readonly format: number;
  readonly image: number;
  readonly key: string;
  readonly sha256: string;
  readonly shape: number;
  readonly texts: readonly number[];
  readonly data: number;
  readonly records: number;
  readonly fileIndex: number;
  readonly files: readonly string[];
  readonly problems: readonly CatalogProblem[];
}

/** Writes the snapshot atomically (temporary file, fsync, rename). */
export function writeCatalogSnapshot(path: string, key: string, c: CompiledCatalog): void {
  const enc = new TextEncoder();
  const shape = enc.encode(c.image.shape);
  const texts = c.image.texts.map((t) => enc.encode(t));
  const parts: Uint8Array[] = [shape, ...texts, new Uint8Array(c.image.data), c.records, new Uint8Array(c.fileIndex.buffer, c.fileIndex.byteOffset, c.fileIndex.byteLength)];
  const sha = createHash('sha256');
  for (const p of parts) sha.update(p);
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    image: c.image.version,
    key,
    sha256: sha.digest('hex'),
    shape: shape.byteLength,
    texts: texts.map((t) => t.byteLength),
    data: c.image.data.byteLength,
    records: c.records.byteLength,
    fileIndex: c.fileIndex.byteLength,
    files: c.files,
    problems: c.problems,
  };
  const head = enc.encode(`${MAGIC}${JSON.stringify(header)}\n`);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const p of [head, ...parts]) {
      let at = 0;
      while (at < p.byteLength) at += writeSync(fd, p, at);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

export type SnapshotRead = { readonly ok: true; readonly compiled: CompiledCatalog } | { readonly ok: false; readonly reason: 'missing' | 'stale' | 'corrupt'; readonly detail: string };

/** Reads a snapshot built from sources with `key`; anything else (missing, stale, damaged) is refused. */
export function readCatalogSnapshot(path: string, key: string): SnapshotRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'corrupt', detail: `cannot be read (${code ?? 'error'})` };
  }
  const corrupt = (detail: string): SnapshotRead => ({ ok: false, reason: 'corrupt', detail });
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return corrupt('is not a catalog snapshot');
  const end = bytes.indexOf(10, MAGIC.length);
  if (end < 0) return corrupt('has no header');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length, end)) as Header;
  } catch {
    return corrupt('has a damaged header');
  }
  if (header.format !== SNAPSHOT_FORMAT || header.image !== CORE_IMAGE_VERSION) return { ok: false, reason: 'stale', detail: `was written by another version (format ${header.format}, image ${header.image})` };
  if (header.key !== key) return { ok: false, reason: 'stale', detail: 'was built from other data files' };
  const payload = bytes.subarray(end + 1);
  const expected = header.shape + header.texts.reduce((a, b) => a + b, 0) + header.data + header.records + header.fileIndex;
  if (payload.byteLength !== expected) return corrupt(`is ${payload.byteLength} bytes long where its header says ${expected}`);
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return corrupt('fails its checksum');
  // Each section copied out into its own aligned buffer (typed arrays need aligned offsets).
  let at = 0;
  const take = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    out.set(payload.subarray(at, at + n));
    at += n;
    return out;
  };
  const dec = new TextDecoder();
  const shape = dec.decode(payload.subarray(at, (at += header.shape)));
  const texts = header.texts.map((n) => dec.decode(payload.subarray(at, (at += n))));
  const data = take(header.data).buffer as ArrayBuffer;
  // The records are only read through: a view, no copy.
  const records = payload.subarray(at, (at += header.records));
  const fileIndex = new Int32Array(take(header.fileIndex).buffer);
  return {
    ok: true,
    compiled: { image: { version: header.image, shape, texts, data }, records, files: header.files, fileIndex, problems: header.problems },
  };
}
