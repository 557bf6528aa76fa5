/**
 * One line for a catalog that loaded with problems, for the places that serve anyway (a CLI
 * command, the bot's start-up): which files were skipped, how many problems, the first one, and
 * where to see them all. `breachbot validate` lists every problem; a search should not.
 */
import { formatProblem, type CatalogProblem } from './catalog-problem.js';

const MAX_FILES_NAMED = 3;

/** "skipped invalid data: incidents/x.json (2 problems; first: ...); `breachbot validate` lists them all", or undefined. */
export function summarizeProblems(problems: readonly CatalogProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  const files = [...new Set(problems.map((p) => p.file))].sort();
  const first = problems.find((p) => p.file === files[0])!;
  const named = files.slice(0, MAX_FILES_NAMED).join(', ') + (files.length > MAX_FILES_NAMED ? ` and ${files.length - MAX_FILES_NAMED} more files` : '');
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return `skipped invalid data: ${named} (${count}; first: ${formatProblem(first)}); run "breachbot validate" to list them all`;
}
