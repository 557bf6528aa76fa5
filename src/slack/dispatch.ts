/**
 * From what a Slack user typed (after `/breach`, or after the bot's mention) to a request: the
 * same grammar as the terminal (commands/index.ts), the answer's language from the words used.
 */
import { breachHelp, COMMANDS_BY_NAME, isCoreRequest, isUsageError, parseCommandText, stripRootCommand, type CommandRequest, type Localized } from '../../commands/index.js';
import type { CoreRequest } from '../core/answer.js';
import { resolveLanguage, wordsLanguage } from '../core/language.js';
import type { UsageProblem } from '../core/feature-outcome.js';
import type { Lang } from '../core/lang.js';
import type { CommandHandler } from '../ports/index.js';

export type Asked =
  /**
   * A command typed wrong: its usage, what was wrong when the command's parser said (`detail`,
   * e.g. "add needs a vendor or organization name") and its examples; `core` tells whether it is
   * one of the core's commands (their usage comes with the whole help).
   */
  | { readonly kind: 'usage'; readonly lang: Lang; readonly words?: Lang; readonly usage: Localized; readonly problem?: UsageProblem; readonly examples: readonly string[]; readonly core: boolean }
  | { readonly kind: 'core'; readonly lang: Lang; readonly words?: Lang; readonly request: CoreRequest }
  | { readonly kind: 'feature'; readonly lang: Lang; readonly words?: Lang; readonly request: CommandRequest };

/**
 * Text as Slack sends it back to plain text: Slack escapes `&`, `<`, `>` in what users type, and
 * writes mentions, channels and links as `<@U123>`, `<#C123|name>`, `<https://x|label>`.
 * Mentions and broadcasts are dropped, channels and links keep their visible text.
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      if (/^[@!]/.test(inner)) return ' ';
      const [target = '', label] = inner.split('|');
      if (target.startsWith('#')) return label ? `#${label}` : ' ';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What follows an `@breachbot` mention: the leading mention(s) and an optional `/breach` go. */
export function mentionText(text: string): string {
  const asked = text.replace(/^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+/i, '');
  // "/breach latest", "/fuite orange", "/fuite-recentes": the command names Discord shows work here too.
  return stripRootCommand(asked)?.trim() ?? asked;
}

export function parseAsked(rawText: string, fallback: Lang): Asked {
  const text = slackTextToPlain(rawText);
  // What the words tell; `lang` is that or the fallback until `withLanguage` adds the other clues.
  const words = wordsLanguage(text);
  const lang = words ?? fallback;
  const said = words ? { words } : {};
  const request = parseCommandText(text);
  if (isUsageError(request)) {
    const def = COMMANDS_BY_NAME.get(request.command);
    return {
      kind: 'usage',
      lang,
      ...said,
      usage: def?.usage ?? breachHelp.usage,
      ...(request.problem ? { problem: request.problem } : {}),
      examples: def?.examples ?? [],
      core: isCoreRequest({ command: request.command }),
    };
  }
  if (isCoreRequest(request)) return { kind: 'core', lang, ...said, request };
  return { kind: 'feature', lang, ...said, request };
}

/**
 * The asked request with its answer's language settled, clue by clue (core/language.ts): the
 * words, else the channel's setting, else the user's Slack locale, else the default. A usage
 * error keeps the usage text parsed in the words' language when they told.
 */
export async function withLanguage<A extends Asked>(asked: A, clues: { channel: () => Promise<Lang | undefined>; user: () => Promise<Lang | undefined>; fallback: Lang }): Promise<A> {
  if (asked.words) return asked;
  const channel = await clues.channel();
  const user = channel ? undefined : await clues.user();
  const lang = resolveLanguage({ channel, user, fallback: clues.fallback });
  if (lang === asked.lang) return asked;
  // A usage error's detail was worded in the fallback: word it again.
  if (asked.kind === 'usage') return { ...asked, lang };
  return { ...asked, lang };
}

export function handlerFor(request: CommandRequest, handlers: readonly CommandHandler[]): CommandHandler | undefined {
  return handlers.find((h) => h.handles(request));
}
