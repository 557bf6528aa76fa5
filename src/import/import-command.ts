/**
 * `breachbot import <source> --file <path> [--file <path>...] [--dry-run] [--rematch] [--json]`: re-imports
 * a feed from local files into `data/imported/<source>.json` and reports what changed, what was
 * left out, what merged into existing incidents and which source data classes have no
 * canonical class (kept verbatim in `otherDataClasses`). Merge decisions of records already in
 * the snapshot are kept unless `--rematch`.
 * Exit codes: 0 imported, 1 a file could not be used, 2 usage error.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config/env.js';
import { loadCatalog } from '../core/catalog.js';
import { FEEDS, isFeedName } from './feeds.js';
import { ImportInputError, importFeedFiles, type FeedImportReport } from './import-feed.js';
import { plainNumber } from '../core/locale-format.js';

export interface ImportIo {
  out(text: string): void;
  err(text: string): void;
}

/** How `import` is typed (help words what it does in the reader's language). */
export const IMPORT_SYNTAX = 'import <source> --file <path> [--file <path>...] [--dry-run] [--rematch] [--json]';

/** Thrown for a usage error (exit 2); the message is shown as is. */
export class ImportUsageError extends Error {}

export function importCommand(args: readonly string[], config: Config, io: ImportIo, now = new Date()): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        file: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        rematch: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new ImportUsageError((err as Error).message.split('\n')[0]);
  }
  const [source, ...extra] = parsed.positionals;
  if (!source || extra.length > 0 || !isFeedName(source)) {
    throw new ImportUsageError(`import needs one source: ${Object.keys(FEEDS).join(', ')} (e.g. breachbot import hibp --file breaches.json)`);
  }
  const files = parsed.values.file ?? [];
  if (files.length === 0) throw new ImportUsageError('import needs at least one --file <path>');

  // Merge targets: everything already in the catalog that is not this feed's own.
  const catalog = loadCatalog(config.dataDir);
  const existing = catalog.incidents.filter((i) => i.provenance.source !== source);
  let report: FeedImportReport;
  try {
    report = importFeedFiles(files, { dataDir: config.dataDir, feed: source, existing, now, dryRun: parsed.values['dry-run'], rematch: parsed.values.rematch });
  } catch (err) {
    if (err instanceof ImportInputError) {
      io.err(`breachbot: ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (parsed.values.json) io.out(JSON.stringify(reportJson(report)));
  else io.out(reportText(report, source));
  return 0;
}

function reportJson(r: FeedImportReport): Record<string, unknown> {
  return {
    path: r.path,
    written: r.written,
    incidents: r.snapshot.incidents.length,
    merged: r.merges,
    added: r.added,
    removed: r.removed,
    skipped: Object.fromEntries(r.result.skipped),
    flagged: Object.fromEntries(r.result.flagged),
    problems: r.result.problems,
    unknownDataClasses: Object.fromEntries([...r.result.unknownDataClasses].sort((a, b) => b[1] - a[1])),
    vendorsFromDescriptions: Object.fromEntries([...r.result.describedVendors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
  };
}

function reportText(r: FeedImportReport, source: string): string {
  const n = (x: number) => plainNumber(x, 'en');
  const lines = [
    `${source}: ${n(r.snapshot.incidents.length)} incidents${r.merges.length ? ` + ${n(r.merges.length)} merged into existing ones` : ''} ${r.written ? `written to ${r.path}` : r.changed ? '(dry run: nothing written)' : `(unchanged: ${r.path})`}`,
    `  new: ${n(r.added.length)}, removed: ${n(r.removed.length)}${[...r.result.skipped].map(([why, count]) => `, left out (${why}): ${n(count)}`).join('')}${[...r.result.flagged].map(([flag, count]) => `, kept flagged ${flag}: ${n(count)}`).join('')}`,
  ];
  for (const m of r.merges) lines.push(`  merged ${m.id} into ${m.into} (${m.reason})`);
  const described = [...r.result.describedVendors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (described.length) {
    const incidents = described.reduce((sum, [, count]) => sum + count, 0);
    lines.push(`  vendors named in the feed's descriptions: ${n(incidents)} incident${incidents === 1 ? '' : 's'} (${described.map(([name, count]) => `${name} ×${count}`).join(', ')})`);
  }
  if (r.result.problems.length) {
    lines.push(`  ${n(r.result.problems.length)} problem${r.result.problems.length === 1 ? '' : 's'}:`);
    for (const p of r.result.problems.slice(0, 20)) lines.push(`    - ${p}`);
    if (r.result.problems.length > 20) lines.push(`    … and ${n(r.result.problems.length - 20)} more (use --json for all)`);
  }
  const unknown = [...r.result.unknownDataClasses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (unknown.length) {
    lines.push(`  ${n(unknown.length)} source data classes have no canonical class (kept in otherDataClasses):`);
    lines.push(`    ${unknown.slice(0, 30).map(([name, count]) => `${name} ×${count}`).join(', ')}${unknown.length > 30 ? `, … (use --json for all)` : ''}`);
  }
  return lines.join('\n');
}
