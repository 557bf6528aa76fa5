/**
 * Reading the data folder without trusting it. Only regular files are read: a FIFO named
 * `x.json` would block a plain `readFileSync` forever, a symlink to `/dev/zero` would fill memory,
 * and a symlink to `/etc/passwd` would be followed and, through JSON.parse's error message, have
 * its first line logged. So every file is checked before it is opened and again on the open
 * descriptor (a file swapped between the two checks cannot block: it is opened non-blocking), its
 * size is capped, its JSON nesting is bounded before JSON.parse sees it, and a refusal names the
 * file and the reason, never the file's contents.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Size caps: one curated incident per file is small; an imported feed snapshot is not. */
export interface DataFileLimits {
  /** Largest file accepted under `incidents/` (default 1 MiB: the biggest curated file is about 40 KB). */
  readonly incidentFileBytes: number;
  /** Largest file accepted under `imported/` (default 256 MiB: 100,000 HIBP-style records take about 150 MB). */
  readonly snapshotFileBytes: number;
  /** Deepest JSON nesting accepted (default 64; an incident needs 5). */
  readonly maxJsonDepth: number;
}

/** The curated other names of organizations, at the data folder's root (`organization-aliases.ts`). */
export const ALIASES_FILE = 'aliases.json';

export const DEFAULT_DATA_FILE_LIMITS: DataFileLimits = Object.freeze({
  incidentFileBytes: 1024 * 1024,
  snapshotFileBytes: 256 * 1024 * 1024,
  maxJsonDepth: 64,
});

/** A data file that is safe to open: a regular file inside the data folder (after symlinks). */
export interface DataFile {
  /** Path as listed, under the data folder. */
  readonly path: string;
  /** Relative to the data folder, with `/` separators: what every message names. */
  readonly shown: string;
  /** The resolved path actually opened. */
  readonly real: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Status change time and inode: any write changes the first, a replacement the second (neither can be set back). */
  readonly ctimeMs?: number;
  readonly ino?: number;
}

export type DataFileResult = { readonly ok: true; readonly file: DataFile } | { readonly ok: false; readonly shown: string; readonly reason: string };

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** 50.0 MiB, 2.0 KiB, 300 bytes. */
const mib = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`);

/** The real path of the data folder, once per listing (the folder itself may be a symlink). */
function realRoot(dataDir: string): string | undefined {
  try {
    return realpathSync(dataDir);
  } catch {
    return undefined;
  }
}

function inside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/**
 * Checks one listed entry without opening it: a regular file, or a symlink whose target is a
 * regular file inside the data folder, no bigger than `maxBytes`.
 */
export function checkDataFile(dataDir: string, root: string, path: string, maxBytes: number, folderIsLink = false): DataFileResult {
  const shown = relative(dataDir, path).split(sep).join('/');
  let st: Stats;
  let real = path;
  try {
    st = lstatSync(path);
    if (st.isSymbolicLink() || folderIsLink) {
      real = realpathSync(path);
      if (!inside(root, real)) return { ok: false, shown, reason: `is ${folderIsLink && !st.isSymbolicLink() ? 'in a linked folder' : 'a symbolic link'} leading outside the data folder; only files inside it are read` };
      st = lstatSync(real);
    }
  } catch (err) {
    return { ok: false, shown, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!st.isFile()) return { ok: false, shown, reason: `is ${kindOf(st)}; only regular files are read` };
  if (st.size > maxBytes) return { ok: false, shown, reason: `is ${mib(st.size)}, over the ${mib(maxBytes)} limit for this folder` };
  return { ok: true, file: { path, shown, real, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } };
}

/** Every `*.json` entry of `dataDir/folder`, sorted, each checked (`[]` when the folder is missing). */
export function listDataFiles(dataDir: string, folder: string, maxBytes: number): DataFileResult[] {
  const dir = join(dataDir, folder);
  let names: string[];
  let folderIsLink: boolean;
  try {
    folderIsLink = lstatSync(dir).isSymbolicLink();
    if (!lstatSync(folderIsLink ? realpathSync(dir) : dir).isDirectory()) return [];
    names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const root = realRoot(dataDir);
  if (root === undefined) return [];
  // A linked folder's files are checked as links are: they must still resolve inside the data folder.
  return names.sort().map((name) => checkDataFile(dataDir, root, join(dir, name), maxBytes, folderIsLink));
}

/**
 * Reads a checked file. Opened non-blocking and without following a link at the last step (the
 * checked real path is opened), then checked again on the descriptor: what was swapped in since
 * the check is refused, and never more than `maxBytes` are read.
 */
export function readDataFile(file: DataFile, maxBytes: number): { ok: true; text: string } | { ok: false; reason: string } {
  let fd: number;
  try {
    fd = openSync(file.real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ELOOP' ? 'was replaced by a symbolic link while being read' : `cannot be read (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: `is ${kindOf(st)}; only regular files are read` };
    if (st.size > maxBytes) return { ok: false, reason: `is ${mib(st.size)}, over the ${mib(maxBytes)} limit for this folder` };
    // One byte more than the size said: a file growing while read is caught, not read without end.
    const buffer = Buffer.allocUnsafe(st.size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { ok: false, reason: `grew past the ${mib(maxBytes)} limit for this folder while being read` };
      if (length === buffer.length) return { ok: false, reason: 'changed size while being read; save it again' };
    }
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (err) {
    return { ok: false, reason: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Finds where JSON nesting goes deeper than `maxDepth`, in one pass over the text (strings
 * skipped): JSON.parse of 50 MB of `[` takes tens of seconds and gigabytes; this takes
 * milliseconds. Returns the offending character's offset, or −1.
 */
export function jsonTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/**
 * Parses a data file's text. The error names where the JSON breaks, never what is there (V8's
 * message quotes the text, and the text may be anything the folder was made to point at).
 */
export function parseDataJson(text: string, maxDepth: number): { ok: true; value: unknown } | { ok: false; reason: string } {
  const deep = jsonTooDeep(text, maxDepth);
  if (deep >= 0) return { ok: false, reason: `is not valid incident JSON: nested deeper than ${maxDepth} levels at character ${deep}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message)?.[1];
    const where = at !== undefined ? ` at character ${at}` : /Unexpected end/.test(message) ? ' (it ends too early)' : '';
    return { ok: false, reason: `is not valid JSON${where}` };
  }
}

/**
 * Reads one file the bot itself writes (a feed snapshot it rewrites in place): a regular file,
 * not a link, under `maxBytes`. `missing` when there is none.
 */
export function readOwnFile(path: string, maxBytes: number): { ok: true; text: string } | { ok: false; missing: boolean; reason: string } {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT', reason: `cannot be read (${code ?? 'error'})` };
  }
  if (st.isSymbolicLink()) return { ok: false, missing: false, reason: 'is a symbolic link; the bot rewrites this file, so it must be a regular file' };
  const read = readDataFile({ path, shown: path, real: path, size: st.size, mtimeMs: st.mtimeMs }, maxBytes);
  return read.ok ? read : { ok: false, missing: false, reason: read.reason };
}
