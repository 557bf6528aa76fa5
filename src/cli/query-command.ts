/**
 * `breachbot search | latest | stats | show`: one question to the query core over the catalog
 * (the compiled snapshot when it is current), answered as text or, with --json, as one JSON
 * object. Loaded only for these commands, and it loads nothing that reads or validates the
 * data files: a one-shot search opens the snapshot and answers.
 */
import { parseArgs } from 'node:util';
import type { Answer, CoreRequest } from '../core/answer.js';
import { MAX_PAGE_SIZE } from '../core/answer.js';
import { detectLanguage, parseQuery } from '../core/query-parser.js';
import { summarizeProblems } from '../core/problem-summary.js';
import type { Config } from '../config/env.js';
import { loadCore } from '../worker/catalog-cache.js';
import { renderText } from '../render/text-renderer.js';
import { errorMessage } from '../render/messages.js';
import { QUERY_OPTIONS } from './query-options.js';
import { UsageFailure, type Io } from './usage-failure.js';

function intOption(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageFailure(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** The JSON an answer prints with --json: `{ query, total, results: [full incidents, best first] }` and the rest of the answer. */
export function answerJson(answer: Answer, query: string | null): Record<string, unknown> {
  switch (answer.kind) {
    case 'results':
      return {
        kind: answer.kind,
        query,
        parsed: answer.query ?? null,
        total: answer.total,
        page: answer.page,
        results: answer.matches.map((m) => m.incident),
        reasons: answer.matches.map((m) => ({ id: m.incident.id, score: Number(m.score.toFixed(4)), reasons: m.reasons })),
      };
    case 'no-results':
      return { kind: answer.kind, query, parsed: answer.query, total: 0, results: [], suggestions: answer.suggestions, withoutFilters: answer.withoutFilters ?? null };
    case 'incident':
      return { kind: answer.kind, query, total: 1, results: [answer.incident], related: answer.related.map((r) => r.id) };
    case 'not-found':
      return { kind: answer.kind, query, total: 0, results: [], suggestions: answer.suggestions };
    case 'stats':
      return { kind: answer.kind, query, total: answer.stats.total, results: [], stats: { ...answer.stats, biggest: answer.stats.biggest.map((i) => i.id) } };
    case 'message':
      return { kind: answer.kind, query, total: answer.incidents.length, results: answer.incidents, outcome: answer.outcome };
    case 'help':
    case 'error':
      return { kind: answer.kind, query, total: 0, results: [] };
  }
}

/** parseArgs' own errors in plain words, naming the command's options. */
function readQueryArgs(command: string, args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        page: { type: 'string' },
        lang: { type: 'string' },
      },
    });
  } catch (err) {
    const e = err as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageFailure(`unknown option ${option ?? ''} for ${command} (its options: ${QUERY_OPTIONS})`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageFailure(`${option ?? 'an option'} needs a value, e.g. --limit 20, --page 2, --lang fr`);
    throw new UsageFailure(`cannot read the options of ${command} (its options: ${QUERY_OPTIONS})`);
  }
}

export async function queryCommand(command: 'search' | 'latest' | 'stats' | 'show', args: readonly string[], config: Config, io: Io): Promise<number> {
  const { values, positionals } = readQueryArgs(command, args);
  const limit = intOption(values.limit, 'limit', MAX_PAGE_SIZE);
  const page = intOption(values.page, 'page', 1_000_000);
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'fr') throw new UsageFailure('--lang must be en or fr');
  const text = positionals.join(' ');
  let request: CoreRequest;
  switch (command) {
    case 'search':
      request = { command: 'search', query: text, pageSize: limit ?? 10, ...(page ? { page } : {}) };
      break;
    case 'latest':
      request = { command: 'latest', pageSize: limit ?? 10, ...(page ? { page } : {}) };
      break;
    case 'stats':
      request = text.trim() ? { command: 'stats', query: text.trim() } : { command: 'stats' };
      break;
    case 'show':
      if (!text.trim()) throw new UsageFailure('show needs an incident id, e.g. breachbot show orange-2014-04');
      request = { command: 'show', id: text.trim() };
      break;
  }
  const lang = (values.lang as 'en' | 'fr' | undefined) ?? (command === 'search' ? detectLanguage(text, config.language) : config.language);
  if (command === 'search') {
    // What makes a query unusable (empty, too long, an unreadable filter) does not depend on the
    // catalog: say so before spending a second loading it. Word counts depend on the catalog's
    // names, so the core still checks those.
    const early = parseQuery(text, () => false, () => false);
    if (!early.ok && early.error.code !== 'too-many-terms') {
      io.err(`breachbot: ${errorMessage({ kind: 'error', ...early.error }, lang).replace(/`/g, '')}`);
      return 2;
    }
  }
  const { core, problems } = await loadCore(config.dataDir, config.cacheDir);
  const summary = summarizeProblems(problems);
  if (summary) io.err(`breachbot: ${summary}`);
  const answer = core.execute(request);
  if (answer.kind === 'error') {
    // A query the core refuses is a usage error: one line on stderr, exit 2.
    io.err(`breachbot: ${errorMessage(answer, lang).replace(/`/g, '')}`);
    return 2;
  }
  io.out(values.json ? JSON.stringify(answerJson(answer, command === 'search' ? text : command === 'show' ? text.trim() : null)) : renderText(answer, lang));
  return 0;
}
