/**
 * Help as one neutral card, worded once in the reader's language: each platform lays it out
 * (text lines, Block Kit sections, embed fields) and spells the commands its own way, without
 * wording anything.
 */
import { COMMANDS, breachSearch } from '../../commands/index.js';
import type { CommandDefinition, CommandRequest } from '../../commands/command-definition.js';
import type { Lang } from '../core/lang.js';
import { wordsLanguage } from '../core/language.js';
import { LABELS, helpFilters, helpIntro } from './messages.js';
import { typeset } from './typography.js';

/** Examples in the reader's language, or in none (a name): a French question is not an English reader's example. */
const readable = (lang: Lang) => (example: string) => (wordsLanguage(example.replace(/^\/breach\s+/, '')) ?? lang) === lang;

export interface HelpCard {
  /** What the bot answers. */
  readonly intro: string;
  /** Each command with what it does; `usage` is how Slack and the terminal type it. */
  readonly commands: readonly { readonly definition: CommandDefinition<CommandRequest>; readonly usage: string; readonly description: string }[];
  readonly filters: { readonly label: string; readonly text: string };
  /** Commands as Slack and the terminal type them; `questions`, the example questions alone (`/breach orange`). */
  readonly examples: { readonly label: string; readonly commands: readonly string[]; readonly questions: readonly string[] };
}

export function helpCard(lang: Lang): HelpCard {
  const L = LABELS[lang];
  return {
    intro: helpIntro(lang),
    commands: COMMANDS.map((c) => ({ definition: c as CommandDefinition<CommandRequest>, usage: c.usage[lang], description: typeset(c.description[lang], lang) })),
    filters: { label: L.filters, text: helpFilters(lang) },
    examples: { label: L.examples, commands: COMMANDS.flatMap((c) => c.examples).filter(readable(lang)).slice(0, 6), questions: breachSearch.examples.filter(readable(lang)) },
  };
}
