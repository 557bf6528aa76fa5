/**
 * The command registry: every command, once. Platforms register from it, parse with it and
 * write help from it.
 */
import type { CoreRequest } from '../src/core/answer.js';
import { cleanText } from '../src/core/query-parser.js';
import { fold } from '../src/core/text-folding.js';
import { isLanguageArgs } from '../src/settings/language-request.js';
import { isUpdatesArgs } from '../src/settings/updates-request.js';
import { breachDigest } from './breach-digest.js';
import { breachHelp } from './breach-help.js';
import { breachLanguage } from './breach-language.js';
import { breachLatest } from './breach-latest.js';
import { breachSearch } from './breach-search.js';
import { breachShow } from './breach-show.js';
import { breachStats } from './breach-stats.js';
import { breachStatus } from './breach-status.js';
import { breachUpdates } from './breach-updates.js';
import { breachWatch } from './breach-watch.js';
import { type CommandDefinition, type CommandRequest, type UsageError, isUsageError, usageError } from './command-definition.js';

export * from './command-definition.js';
export { breachDigest, breachHelp, breachLanguage, breachLatest, breachSearch, breachShow, breachStats, breachStatus, breachUpdates, breachWatch };

/** The slash command every text platform uses. */
export const ROOT_COMMAND = '/breach';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: readonly CommandDefinition<any>[] = [breachSearch, breachLatest, breachStats, breachShow, breachStatus, breachDigest, breachWatch, breachUpdates, breachLanguage, breachHelp];

export const COMMANDS_BY_NAME: ReadonlyMap<string, CommandDefinition<CommandRequest>> = new Map(COMMANDS.map((c) => [c.name, c]));
export const COMMANDS_BY_DISCORD_NAME: ReadonlyMap<string, CommandDefinition<CommandRequest>> = new Map(COMMANDS.map((c) => [c.discordName, c]));

const CORE_COMMANDS = new Set(['search', 'latest', 'stats', 'show', 'help']);

/** True for the requests the query core answers; the rest go to the app's command handlers. */
export function isCoreRequest(request: CommandRequest): request is CoreRequest {
  return CORE_COMMANDS.has(request.command);
}

/**
 * Parses the text after `/breach` (Slack sends it without the command; the terminal strips it):
 * a command word ("latest", "show orange-2014-04", "help") or else a search query.
 */
export function parseCommandText(text: string): CommandRequest | UsageError {
  const clean = cleanText(text);
  if (clean === '') return usageError('search');
  const [first = '', ...rest] = clean.split(' ');
  const word = first.toLowerCase();
  const args = rest.join(' ');
  // Help in either language: "help", "aide", "?" (alone: "aide juridique" stays a search).
  if (HELP_WORDS.has(fold(clean).replace(/^\/+/, ''))) return breachHelp.parseText('');
  // The command names Discord shows, in English or French ("fuite-recentes", "breach-stats").
  const discord = COMMANDS_BY_ANY_DISCORD_NAME.get(fold(word).replace(/^\//, ''));
  if (discord && discord !== breachSearch) return discord.parseText(args);
  if (word === 'search' || word === 'recherche') return breachSearch.parseText(args);
  // "latest breaches in France" is a search sorted by date, not `latest` with a page number.
  if (word === 'latest' && args !== '' && !/^\d+$/.test(args)) return breachSearch.parseText(clean);
  if (word === 'show' && /^(me|moi)\b/i.test(args)) return breachSearch.parseText(clean);
  // `status` alone is the channel's settings ("statut" in French); "status page leak" stays a search.
  if (word === 'status' || word === 'statut') return args === '' ? breachStatus.parseText(args) : breachSearch.parseText(clean);
  // The channel's language: "lang fr", "langue", "language auto"; "langue des signes" stays a search.
  if (LANGUAGE_WORDS.has(fold(word))) return isLanguageArgs(args) ? breachLanguage.parseText(args) : breachSearch.parseText(clean);
  // "updates off", "mises-à-jour" alone or with oui/non; "updates to the orange breach" stays a search.
  if (word === 'updates' && !isUpdatesArgs(args)) return breachSearch.parseText(clean);
  if (UPDATES_WORDS_FR.has(fold(word)) && (args !== '' || fold(word) !== 'maj')) return isUpdatesArgs(args) ? breachUpdates.parseText(args) : breachSearch.parseText(clean);
  const command = COMMANDS_BY_NAME.get(word);
  if (command) return command.parseText(args);
  // French command words ("veille ajouter Inbenta", "résumé abonner 08:30") only when an action
  // of that command follows: "veille" or "résumé" alone, or before other words, is a search.
  const french = FRENCH_COMMAND_WORDS.get(fold(word));
  if (french && args !== '') {
    const request = french.parseText(args);
    if (!isUsageError(request) || !request.unknownAction) return request;
  }
  return breachSearch.parseText(clean);
}

const LANGUAGE_WORDS: ReadonlySet<string> = new Set(['lang', 'langue', 'language']);

/** The French words of `/breach updates`: "mises-à-jour non", "maj oui"; "mises-à-jour" alone shows the setting ("maj" alone stays a search). */
const UPDATES_WORDS_FR: ReadonlySet<string> = new Set(['mises-a-jour', 'maj']);

const HELP_WORDS: ReadonlySet<string> = new Set(['help', 'aide', '?', 'h', 'commands', 'commandes', 'usage', 'mode d emploi', 'mode demploi']);

/** Commands by their Discord names in both languages (`breach-latest`, `fuite-recentes`). */
const COMMANDS_BY_ANY_DISCORD_NAME: ReadonlyMap<string, CommandDefinition<CommandRequest>> = new Map(
  COMMANDS.flatMap((c) => [[c.discordName, c] as const, ...(c.discordNameFr ? [[c.discordNameFr, c] as const] : [])]),
);

const FRENCH_COMMAND_WORDS: ReadonlyMap<string, CommandDefinition<CommandRequest>> = new Map<string, CommandDefinition<CommandRequest>>([
  ['veille', breachWatch],
  ['resume', breachDigest],
]);

/**
 * Strips a leading `/breach` (or `breach`) from a line typed in the terminal; the French name
 * Discord shows, `/fuite`, works too, and so do the other Discord names (`/fuite-recentes`,
 * `/breach-stats`), which come back as their command word.
 */
export function stripRootCommand(line: string): string | undefined {
  const m = /^\s*\/?(breach|fuite)(-[a-z]+)?(?![\p{L}\p{N}-])(.*)$/isu.exec(line);
  if (!m) return undefined;
  if (m[2] === undefined) return m[3] ?? '';
  const command = COMMANDS_BY_ANY_DISCORD_NAME.get(`${m[1]!.toLowerCase()}${m[2].toLowerCase()}`);
  return command ? `${command.name} ${m[3] ?? ''}`.trim() : undefined;
}
