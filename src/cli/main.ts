/**
 * The `breachbot` command line: search, latest, stats, show, validate, import, refresh, start, help.
 * Exit codes: 0 answered (even "no results"), 1 invalid data or configuration, 2 usage error.
 * Usage errors (a bad option, a query too long, an unreadable filter) are found before the
 * catalog loads, so they come at once; a pipe closed by the reader (`| head`) ends quietly.
 *
 * Each command's module is loaded when that command runs: a one-shot search loads the query
 * core and the snapshot reader, not the importers, the validator, the servers or the help text.
 */
import { loadConfig } from '../config/env.js';
import type { Lang } from '../core/lang.js';
import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { UsageFailure, type Io } from './usage-failure.js';

const defaultIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

/** The language help is asked in: `--lang fr` / `--lang=fr` among the arguments, else BOT_LANGUAGE. */
function helpLanguage(args: readonly string[]): Lang {
  const i = args.indexOf('--lang');
  const given = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  if (given === 'fr' || given === 'en') return given;
  const config = loadConfig();
  return config.ok ? config.config.language : 'en';
}

/** Usage errors of the import and refresh commands, once their module is loaded. */
let importUsageError: (abstract new (...args: never[]) => Error) | undefined;

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  if (io === defaultIo) endQuietlyOnClosedPipe();
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h' || rest.includes('--help') || rest.includes('-h')) {
      const { cliHelp } = await import('./cli-help.js');
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
        return (await import('./validate-command.js')).validateCommand(config, io);
      case 'import': {
        const imports = await import('../import/import-command.js');
        importUsageError = imports.ImportUsageError;
        return imports.importCommand(rest, config, io);
      }
      case 'refresh': {
        const [refresh, imports] = await Promise.all([import('../import/refresh-command.js'), import('../import/import-command.js')]);
        importUsageError = imports.ImportUsageError;
        return await refresh.refreshCommand(rest, config, io);
      }
      case 'start':
      case 'chat':
        return await (await import('../app/start.js')).startBot(config, { forceTerminal: command === 'chat' });
      case 'search':
      case 'latest':
      case 'stats':
      case 'show':
        return await (await import('./query-command.js')).queryCommand(command, rest, config, io);
      default:
        throw new UsageFailure(`unknown command "${command.slice(0, 40)}" (try: search, latest, stats, show, validate, import, refresh, start)`);
    }
  } catch (err) {
    if (err instanceof UsageFailure || (importUsageError && err instanceof importUsageError) || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`breachbot: ${(err as Error).message.split('\n')[0]}`);
      return 2;
    }
    throw err;
  }
}
