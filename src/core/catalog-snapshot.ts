/**
 * The compiled catalog on disk, so a start reads the indexes instead of re-validating and
 * re-indexing every record. One file: a fixed magic, a JSON header (format and image versions,
 * the key of the sources it was built from, each section's length and CRC-32), then the
 * sections: the image's shape and strings, its typed arrays, the records' byte offsets, the file
 * index, and last the records as JSON back to back.
 *
 * Opening it reads every section but the records into memory; the records stay on disk, each
 * read with one positioned read when it is shown (`FileRecordSource`). Every byte is still
 * checked against its section's checksum before anything is served, streamed through it in
 * chunks small enough to stay in the processor's cache (never held whole). The checksum is
 * CRC-32 (zlib's, hardware-assisted): it is there to catch a damaged or half-written file, which
 * it does for any burst of up to 32 bits and all but 1 in 4 billion otherwise, and start-up reads
 * every byte through it: 29.6 MB in about 15 ms here, against about 40 ms for SHA-512 and 27 ms
 * for SHA-256 (with SHA instructions; about 3× slower without). It is not a signature: whoever
 * can write the cache folder can write the data folder it is built from.
 *
 * The key covers every data file (`incidents/`, `imported/`, `aliases.json`): its path, size,
 * modification time, status-change time and inode (a file refused by the safe reader counts by
 * its path and reason). Any write to a file moves its status-change time, which no tool can set
 * back, so an edit that keeps the size and the modification time still makes the snapshot stale,
 * without reading 150 MB of sources at every start. A stale, corrupt or unreadable snapshot is
 * never served: the caller rebuilds from the sources.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CORE_IMAGE_VERSION } from './core-image.js';
import { CORE_SHAPE } from './compiled-core.js';
import type { CatalogProblem } from './catalog.js';
import type { CompiledCatalog, OpenableCatalog } from './compiled-catalog.js';
import { ALIASES_FILE, checkDataFile, DEFAULT_DATA_FILE_LIMITS, listDataFiles, type DataFileLimits, type DataFileResult } from './data-files.js';
import { FileRecordSource } from './incident-records.js';

/** Goes up whenever this file's layout changes. */
export const SNAPSHOT_FORMAT = 3;
const MAGIC = 'BREACHBOT-CATALOG\n';
const DIGEST = 'crc32';

/** A section's CRC-32 as 8 hex digits, fed a chunk at a time. */
class SectionChecksum {
  private value = 0;
  update(bytes: Uint8Array): this {
    this.value = crc32(bytes, this.value);
    return this;
  }
  digest(): string {
    return this.value.toString(16).padStart(8, '0');
  }
}

/** A digest of every data file (path, size, times, inode): what a snapshot must match. */
export function sourceKey(dataDir: string, limits: DataFileLimits = DEFAULT_DATA_FILE_LIMITS): string {
  const key = createHash('sha256');
  key.update(`format ${SNAPSHOT_FORMAT} image ${CORE_IMAGE_VERSION} limits ${JSON.stringify(limits)}\n`);
  const add = (entry: DataFileResult) => {
    if (!entry.ok) key.update(`${entry.shown}\trefused\t${entry.reason}\n`);
    else key.update(`${entry.file.shown}\t${entry.file.size}\t${entry.file.mtimeMs}\t${entry.file.ctimeMs}\t${entry.file.ino}\n`);
  };
  for (const [folder, max] of [['incidents', limits.incidentFileBytes], ['imported', limits.snapshotFileBytes]] as const) {
    for (const entry of listDataFiles(dataDir, folder, max)) add(entry);
  }
  let root: string | undefined;
  try {
    root = realpathSync(dataDir);
  } catch {
    root = undefined;
  }
  if (root !== undefined) {
    const aliases = checkDataFile(dataDir, root, join(dataDir, ALIASES_FILE), limits.incidentFileBytes);
    if (aliases.ok || !/ENOENT/.test(aliases.reason)) add(aliases);
  }
  return key.digest('hex');
}

interface Section {
  readonly name: string;
  readonly bytes: number;
  readonly digest: string;
}

interface Header {
  readonly format: number;
  readonly image: number;
  /** The fingerprint of the core's classes and fields it was written with (`CORE_SHAPE`). */
  readonly shape: string;
  readonly key: string;
  readonly digest: string;
  readonly files: readonly string[];
  readonly problems: readonly CatalogProblem[];
  readonly sections: readonly Section[];
}

const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** Writes the snapshot atomically (temporary file, fsync, rename). */
export function writeCatalogSnapshot(path: string, key: string, c: CompiledCatalog): void {
  const enc = new TextEncoder();
  const parts: [string, Uint8Array][] = [
    ['shape', enc.encode(c.image.shape)],
    ...c.image.texts.map((t, k): [string, Uint8Array] => [`text ${k}`, enc.encode(t)]),
    ['data', new Uint8Array(c.image.data)],
    ['offsets', bytesOf(c.offsets)],
    ['fileIndex', bytesOf(c.fileIndex)],
    ['records', c.records],
  ];
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    image: c.image.version,
    shape: CORE_SHAPE,
    key,
    digest: DIGEST,
    files: c.files,
    problems: c.problems,
    sections: parts.map(([name, bytes]) => ({ name, bytes: bytes.byteLength, digest: checksumOf(bytes) })),
  };
  const head = enc.encode(`${MAGIC}${JSON.stringify(header)}\n`);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const p of [head, ...parts.map(([, bytes]) => bytes)]) {
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

/** A snapshot opened: the image and file index in memory, the records read from the file on demand. */
export type OpenedSnapshot = OpenableCatalog & { readonly source: FileRecordSource };

export type SnapshotRead = { readonly ok: true; readonly compiled: OpenedSnapshot } | { readonly ok: false; readonly reason: 'missing' | 'stale' | 'corrupt'; readonly detail: string };

/** Reads `length` bytes at `position` into a new buffer (short only at the end of the file). */
function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const n = readSync(fd, out, at, length - at, position + at);
    if (n === 0) return out.subarray(0, at);
    at += n;
  }
  return out;
}

/** Largest header read (the problems of a very damaged folder can be many). */
const MAX_HEADER = 64 * 1024 * 1024;
/** Sections go through the checksum this much at a time: read and summed while still in the processor's cache (8 MB chunks took 4× as long). */
const CHECK_CHUNK = 256 * 1024;

function checksumOf(bytes: Uint8Array): string {
  const sum = new SectionChecksum();
  for (let at = 0; at < bytes.byteLength; at += CHECK_CHUNK) sum.update(bytes.subarray(at, at + CHECK_CHUNK));
  return sum.digest();
}

function readHeader(fd: number): { header: Header; end: number } | string {
  let size = 64 * 1024;
  for (;;) {
    const bytes = readAt(fd, 0, size);
    if (Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') !== MAGIC) return 'is not a catalog snapshot';
    const end = bytes.indexOf(10, MAGIC.length);
    if (end >= 0) {
      try {
        return { header: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + MAGIC.length, end - MAGIC.length).toString('utf8')) as Header, end: end + 1 };
      } catch {
        return 'has a damaged header';
      }
    }
    if (bytes.byteLength < size || size >= MAX_HEADER) return 'has no header';
    size *= 4;
  }
}

/** What a snapshot's digests are checked on: each section's place in the file, length and digest. */
export interface SnapshotCheck {
  readonly path: string;
  readonly digest: string;
  readonly sections: readonly (Section & { readonly at: number })[];
}

/**
 * Hashes every section of the file as it is on disk, a chunk at a time (never held whole), and
 * compares each with its digest: the name of the first that differs, or undefined when all match.
 * `pause` is awaited between chunks (a yield to the event loop, when run on the main thread).
 */
export async function verifySnapshot(check: SnapshotCheck, pause?: () => Promise<void>): Promise<string | undefined> {
  if (check.digest !== DIGEST) return check.sections[0]?.name ?? 'header';
  const fd = openSync(check.path, 'r');
  try {
    const chunk = new Uint8Array(CHECK_CHUNK);
    let sincePause = 0;
    for (const section of check.sections) {
      const hash = new SectionChecksum();
      for (let done = 0; done < section.bytes; ) {
        const n = readSync(fd, chunk, 0, Math.min(chunk.byteLength, section.bytes - done), section.at + done);
        if (n === 0) return section.name;
        hash.update(chunk.subarray(0, n));
        done += n;
        sincePause += n;
        // A pause every 8 MB, as before the chunks got smaller: a yield per 256 KB would slow a reload's check for nothing.
        if (pause && sincePause >= 8 * 1024 * 1024) {
          sincePause = 0;
          await pause();
        }
      }
      if (hash.digest() !== section.digest) return section.name;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A snapshot opened but not yet checked: what to decode, and what to check it against. */
export type SnapshotOpen = { readonly ok: true; readonly compiled: OpenedSnapshot; readonly check: SnapshotCheck } | { readonly ok: false; readonly reason: 'missing' | 'stale' | 'corrupt'; readonly detail: string };

/**
 * Opens a snapshot built from sources with `key` without checking its digests: the header, the
 * versions, the key and the length are checked; every section but the records is read. The
 * caller must check `check` (`verifySnapshot`, e.g. in a worker thread while it decodes) before
 * serving anything from it.
 */
export function openCatalogSnapshot(path: string, key: string): SnapshotOpen {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'corrupt', detail: `cannot be read (${code ?? 'error'})` };
  }
  let keep = false;
  try {
    const corrupt = (detail: string): SnapshotOpen => ({ ok: false, reason: 'corrupt', detail });
    const read = readHeader(fd);
    if (typeof read === 'string') return corrupt(read);
    const { header, end } = read;
    if (header.format !== SNAPSHOT_FORMAT || header.image !== CORE_IMAGE_VERSION || header.shape !== CORE_SHAPE) return { ok: false, reason: 'stale', detail: `was written by another version (format ${header.format}, image ${header.image}, shape ${header.shape})` };
    if (header.key !== key) return { ok: false, reason: 'stale', detail: 'was built from other data files' };
    const expected = header.sections.reduce((a, s) => a + s.bytes, 0);
    const size = fstatSync(fd).size - end;
    if (size !== expected) return corrupt(`is ${size} bytes long where its header says ${expected}`);
    const sections = new Map<string, Uint8Array>();
    const placed: (Section & { at: number })[] = [];
    let at = end;
    let recordsAt = -1;
    for (const section of header.sections) {
      placed.push({ ...section, at });
      // The records stay on disk, read one by one when shown; every other section in a buffer of its own (typed arrays over it start aligned).
      if (section.name === 'records') recordsAt = at;
      else sections.set(section.name, readAt(fd, at, section.bytes));
      at += section.bytes;
    }
    // Buffer's UTF-8 decoding: about 1.5× TextDecoder's on these mostly-ASCII string tables.
    const text = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const take = (name: string): Uint8Array => {
      const bytes = sections.get(name);
      if (!bytes) throw new Error(`no ${name} section`);
      return bytes;
    };
    if (recordsAt < 0) return corrupt('has no records section');
    const texts = header.sections.filter((s) => s.name.startsWith('text ')).map((s) => text(take(s.name)));
    const offsets = new Float64Array(take('offsets').buffer);
    const fileIndex = new Int32Array(take('fileIndex').buffer);
    const image = { version: header.image, shape: text(take('shape')), texts, data: take('data').buffer as ArrayBuffer };
    const source = new FileRecordSource(fd, recordsAt, offsets);
    keep = true;
    return { ok: true, compiled: { image, files: header.files, fileIndex, problems: header.problems, source }, check: { path, digest: header.digest, sections: placed } };
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `cannot be read (${(err as Error).message})` };
  } finally {
    if (!keep) closeSync(fd);
  }
}

/**
 * Opens a snapshot built from sources with `key` and checks every byte of it against its
 * digests; anything else (missing, stale, damaged) is refused. `pause` is awaited between
 * chunks of hashing (a reload passes a yield to the event loop).
 */
export async function readCatalogSnapshot(path: string, key: string, pause?: () => Promise<void>): Promise<SnapshotRead> {
  const opened = openCatalogSnapshot(path, key);
  if (!opened.ok) return opened;
  let failed: string | undefined;
  try {
    failed = await verifySnapshot(opened.check, pause);
  } catch (err) {
    opened.compiled.source.close();
    return { ok: false, reason: 'corrupt', detail: `cannot be read (${(err as Error).message})` };
  }
  if (failed !== undefined) {
    opened.compiled.source.close();
    return { ok: false, reason: 'corrupt', detail: 'fails its checksum' };
  }
  return { ok: true, compiled: opened.compiled };
}
