/**
 * How a platform spells the commands the bot's words point to, and the few platform facts those
 * words need (where a channel lives, who its admins are). A small value each adapter passes to
 * the wording (src/render/feature-words.ts), so no wording module branches on platform: Slack
 * and the terminal type `/breach watch add <name>`, Discord `/breach-watch add name:<name>`
 * (src/discord/command-spelling.ts).
 */
import type { Lang } from '../core/lang.js';

/** The commands the bot's words point to. */
export type CommandHint =
  | 'show'
  | 'status'
  | 'digest status'
  | 'digest subscribe'
  /** A subscribe with its options filled in, as an example. */
  | 'digest subscribe example'
  | 'watch list'
  | 'watch add'
  | 'watch remove'
  | 'search'
  | 'lang'
  | 'lang set'
  /** `/breach updates`, with `on` or `off` as `arg`. */
  | 'updates';

export interface CommandSpelling {
  /** The command as typed on this platform, in the reader's language; `arg` fills its one placeholder (a name, an id). */
  command(hint: CommandHint, lang: Lang, arg?: string): string;
  /** What holds the channel ("workspace", "server"), with its article in French ("l'espace de travail", "ce serveur"). */
  readonly place: Readonly<Record<Lang, string>>;
  /** Who counts as a channel admin there, when the platform says (" (the Manage Server … permission)"). */
  readonly admins?: Readonly<Record<Lang, string>>;
  /**
   * Where a member who may not change a setting can read it, when that is not the feature's own
   * status (Discord registers `/breach-digest` and `/breach-watch` for admins only: `/breach-status`).
   */
  readonly readOnlyStatus?: CommandHint;
}

const PLACEHOLDER: Readonly<Record<Lang, string>> = { en: '<name>', fr: '<nom>' };

/** Slack's and the terminal's: the words after `/breach`. */
export function textCommand(hint: CommandHint, lang: Lang, arg?: string): string {
  const name = arg ?? PLACEHOLDER[lang];
  switch (hint) {
    case 'show':
      return `/breach show ${arg ?? '<id>'}`;
    case 'search':
      return `/breach ${name}`;
    case 'status':
      return '/breach status';
    case 'digest subscribe':
      return lang === 'fr' ? '/breach digest subscribe [HH:MM] [fuseau] [filtres]' : '/breach digest subscribe [HH:MM] [timezone] [filters]';
    case 'digest subscribe example':
      return '/breach digest subscribe 08:30 Europe/Paris data:passwords country:FR';
    case 'watch add':
    case 'watch remove':
      return `/breach ${hint} ${name}`;
    case 'lang':
      return lang === 'fr' ? '/breach langue' : '/breach lang';
    case 'lang set':
      return `${lang === 'fr' ? '/breach langue' : '/breach lang'} ${arg ?? 'fr|en|auto'}`;
    case 'updates':
      // French readers type the French word and yes/no (`/breach mises-à-jour non`); both spellings are understood.
      if (lang === 'fr') return `/breach mises-à-jour${arg ? ` ${arg === 'on' ? 'oui' : arg === 'off' ? 'non' : arg}` : ''}`;
      return `/breach updates${arg ? ` ${arg}` : ''}`;
    default:
      return `/breach ${hint}`;
  }
}

/** The terminal chat's spelling (Slack's adds who its admins are: src/slack/slack-messages.ts). */
export const TEXT_SPELLING: CommandSpelling = {
  command: textCommand,
  place: { en: 'workspace', fr: "l'espace de travail" },
};
