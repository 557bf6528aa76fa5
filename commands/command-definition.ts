/**
 * The shape of a command definition. One file per command in this folder; each definition is
 * used to register Discord's slash commands, to build the Slack app manifest, to parse what is
 * typed in Slack and the terminal, and to write help.
 */
import type { CoreRequest } from '../src/core/answer.js';
import type { UsageProblem } from '../src/core/feature-outcome.js';

export interface Localized {
  readonly en: string;
  readonly fr: string;
}

export interface OptionDefinition {
  readonly name: string;
  /** French name shown by Discord to French users (same rules as `name`). */
  readonly nameFr?: string;
  readonly type: 'string' | 'integer';
  readonly description: Localized;
  readonly required?: boolean;
  /** Discord offers names from the index as the user types. */
  readonly autocomplete?: boolean;
  readonly choices?: readonly { readonly name: Localized; readonly value: string }[];
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly maxLength?: number;
}

/** Values of a command's options as a platform hands them over (Discord options, parsed text). */
export type OptionValues = Readonly<Record<string, string | number | undefined>>;

/** A usage problem: the command was typed wrong. Adapters word it with the command's usage. */
export interface UsageError {
  readonly usageError: true;
  readonly command: string;
  /** What was wrong, as a typed problem (src/render/usage-words.ts words it in the asker's language). */
  readonly problem?: UsageProblem;
  /** The word after the command is none of its actions (or there is none). */
  readonly unknownAction?: true;
}

/** A Discord subcommand (e.g. `/breach-digest subscribe`); in Slack and the terminal, the word after the command. */
export interface SubcommandDefinition {
  readonly name: string;
  readonly nameFr?: string;
  readonly description: Localized;
  readonly options: readonly OptionDefinition[];
}

/** Any request a command parses to: the core's, or a feature's beside it (digest, watch). */
export interface CommandRequest {
  readonly command: string;
}

export interface CommandDefinition<R extends CommandRequest = CoreRequest> {
  /** The word after `/breach` in Slack and the terminal ("latest"); "search" for bare `/breach <query>`. */
  readonly name: string;
  /** Its Discord slash command name (Discord allows no free text beside subcommands). */
  readonly discordName: string;
  readonly discordNameFr?: string;
  readonly description: Localized;
  /**
   * How to type it in Slack and the terminal, in each language: the command words as typed, the
   * placeholders in the reader's words (`[filters]`, `[filtres]`).
   */
  readonly usage: Localized;
  readonly examples: readonly string[];
  readonly options: readonly OptionDefinition[];
  /** Discord subcommands; when present, `options` must be empty (Discord's rule). */
  readonly subcommands?: readonly SubcommandDefinition[];
  /**
   * For channel admins (it changes channel settings). Discord registers it with default member
   * permissions (Manage Channels), so other members do not see it unless a server admin opens it
   * to them (Server Settings → Integrations), since Discord applies them to a whole command. What
   * each member may do is still checked at run time, every time: a feature's handler gets
   * `Conversation.isAdmin` and refuses the changes itself (read-only parts such as `status` stay
   * open to whoever may use the command); anything else is refused to non-admins by the adapter.
   * What everyone must be able to read gets its own command without `adminOnly` (`status`).
   * Slack and the terminal have no such registration: there the run-time check is all.
   */
  readonly adminOnly?: boolean;
  /** Text grammar: what follows the command word → a request. */
  parseText(args: string): R | UsageError;
  /** Structured options (Discord) → a request; `subcommand` is the Discord subcommand chosen, if any. */
  fromOptions(values: OptionValues, subcommand?: string): R | UsageError;
}

export function isUsageError(value: unknown): value is UsageError {
  return typeof value === 'object' && value !== null && (value as UsageError).usageError === true;
}

export function usageError(command: string, problem?: UsageProblem): UsageError {
  return problem === undefined ? { usageError: true, command } : { usageError: true, command, problem };
}

/** The usage error for a word that is none of the command's actions ("unknown action: frobnicate"). */
export function unknownAction(command: string, word: string): UsageError {
  const shown = word.slice(0, 30);
  return shown === ''
    ? { usageError: true, command, unknownAction: true }
    : { usageError: true, command, unknownAction: true, problem: { kind: 'unknown-action', word: shown } };
}

/** Reads a positive page number option (defaults to 1). */
export function pageOption(value: string | number | undefined): number {
  const n = typeof value === 'number' ? value : Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
