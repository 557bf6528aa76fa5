/**
 * `/breach langue fr|en|auto`: the request it parses to. Plain data, so Slack text, Discord
 * options and the terminal all produce the same thing.
 */
import type { Lang } from '../core/lang.js';
import { fold } from '../core/text-folding.js';
import type { UsageError } from '../../commands/command-definition.js';

export type LanguageRequest =
  /** What the channel uses now. */
  | { readonly command: 'lang'; readonly action: 'show' }
  /** `lang: null` goes back to automatic (each user's locale, then BOT_LANGUAGE). */
  | { readonly command: 'lang'; readonly action: 'set'; readonly lang: Lang | null };

const VALUES: ReadonlyMap<string, Lang | null> = new Map<string, Lang | null>([
  ['fr', 'fr'],
  ['francais', 'fr'],
  ['french', 'fr'],
  ['en', 'en'],
  ['anglais', 'en'],
  ['english', 'en'],
  ['auto', null],
  ['automatique', null],
  ['defaut', null],
  ['default', null],
  ['reset', null],
]);

/** True when `args` is a value the language command takes (or nothing): "fr", "english", "auto"... */
export function isLanguageArgs(args: string): boolean {
  const v = fold(args.trim());
  return v === '' || VALUES.has(v);
}

export function parseLanguageArgs(args: string): LanguageRequest | UsageError {
  const v = fold(args.trim());
  if (v === '') return { command: 'lang', action: 'show' };
  const lang = VALUES.get(v);
  if (lang === undefined) {
    return { usageError: true, command: 'lang', problem: { kind: 'not-a-language', text: args.trim().slice(0, 40) } };
  }
  return { command: 'lang', action: 'set', lang };
}
