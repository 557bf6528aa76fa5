/**
 * The `breachbot` command line: search, latest, stats, show, validate, import, start, help.
 * Exit codes: 0 answered (even "no results"), 1 invalid data or configuration, 2 usage error.
 * Usage errors (a bad option, a query too long, an unreadable filter) are found before the
 * catalog loads, so they come at once; a pipe closed by the reader (`| head`) ends quietly.
 */
import { parseArgs } from 'node:util';
import type { Answer, CoreRequest } from '../core/answer.js';
import { MAX_PAGE_SIZE } from '../core/answer.js';
import { formatProblem, loadCatalog } from '../core/catalog.js';
import { detectLanguage, parseQuery } from '../core/query-parser.js';
import { summarizeProblems } from '../core/problem-summary.js';
import { loadConfig, type Config } from '../config/env.js';
import { CoreHolder } from '../core/core-holder.js';
import { loadCore } from '../worker/catalog-cache.js';
import { renderText } from '../render/text-renderer.js';
import { errorMessage } from '../render/messages.js';
import { ImportUsageError, importCommand } from '../import/import-command.js';
import type { Lang } from '../core/lang.js';
import { QUERY_OPTIONS, cliHelp } from './cli-help.js';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';

class UsageFailure extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

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

/** The language help is asked in: `--lang fr` / `--lang=fr` among the arguments, else BOT_LANGUAGE. */
function helpLanguage(args: readonly string[]): Lang {
  const i = args.indexOf('--lang');
  const given = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (given === 'fr' || given === 'en') return given;
  const config = loadConfig();
  return config.ok ? config.config.language : 'en';
}

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (io === defaultIo) endQuietlyOnClosedPipe();
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
      io.out(cliHelp(helpLanguage(rest)));
      return command === undefined ? 2 : 0;
    }
    const configResult = loadConfig();
    if (!configResult.ok) {
      io.err(`breachbot: invalid configuration:\n${configResult.errors.map((e) => `  - ${e}`).join('\n')}\nSee .env.example for every variable and what it should look like.`);
      return 1;
    }
    const config = configResult.config;
    switch (command) {
      case 'validate':
        return validate(config, io);
      case 'import':
        return importCommand(rest, config, io);
      case 'refresh':
        // Loaded only for the commands that use them: a one-shot search starts without the bot's servers and feeds.
        return await (await import('../import/refresh-command.js')).refreshCommand(rest, config, io);
      case 'start':
      case 'chat':
        return await (await import('../app/start.js')).startBot(config, { forceTerminal: command === 'chat' });
      case 'search':
      case 'latest':
      case 'stats':
      case 'show':
        return await query(command, rest, config, io);
      default:
        throw new UsageFailure(`unknown command "${command.slice(0, 40)}" (try: search, latest, stats, show, validate, import, refresh, start)`);
    }
  } catch (err) {
    if (err instanceof UsageFailure || err instanceof ImportUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`breachbot: ${(err as Error).message.split('\n')[0]}`);
      return 2;
    }
    throw err;
  }
}

function validate(config: Config, io: Io): number {
  const t0 = performance.now();
  const catalog = loadCatalog(config.dataDir);
  for (const p of catalog.problems) io.err(formatProblem(p));
  const files = new Set(catalog.fileOf.values()).size;
  const ms = Math.round(performance.now() - t0);
  if (catalog.problems.length > 0) {
    io.err(`${catalog.problems.length} problem${catalog.problems.length === 1 ? '' : 's'} found; ${catalog.incidents.length} incidents valid in ${files} files (${ms} ms).`);
    return 1;
  }
  io.out(`OK: ${catalog.incidents.length} incidents valid in ${files} files under ${config.dataDir} (${ms} ms).`);
  return 0;
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

async function query(command: 'search' | 'latest' | 'stats' | 'show', args: readonly string[], config: Config, io: Io): Promise<number> {
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
  const answer = new CoreHolder(core).core.execute(request);
  if (answer.kind === 'error') {
    // A query the core refuses is a usage error: one line on stderr, exit 2.
    io.err(`breachbot: ${errorMessage(answer, lang).replace(/`/g, '')}`);
    return 2;
  }
  io.out(values.json ? JSON.stringify(answerJson(answer, command === 'search' ? text : command === 'show' ? text.trim() : null)) : renderText(answer, lang));
  return 0;
}
