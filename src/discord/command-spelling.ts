/**
 * How Discord types the commands the bot's words point to: each feature has its own slash command
 * with subcommands and named options (`/breach-watch add name:<name>`), French names for French
 * readers (Discord shows them their locale's names). A post read by the whole channel names
 * `show` as registered, whatever the reader's language.
 */
import { breachDigest } from '../../commands/breach-digest.js';
import { breachLanguage } from '../../commands/breach-language.js';
import { breachSearch } from '../../commands/breach-search.js';
import { breachShow } from '../../commands/breach-show.js';
import { breachStatus } from '../../commands/breach-status.js';
import { breachWatch } from '../../commands/breach-watch.js';
import { breachUpdates } from '../../commands/breach-updates.js';
import type { CommandDefinition } from '../../commands/command-definition.js';
import type { Lang } from '../core/lang.js';
import type { CommandHint, CommandSpelling } from '../render/command-spelling.js';

type Def = CommandDefinition<{ command: string }>;

function discordCommand(hint: CommandHint, lang: Lang, arg?: string): string {
  const fr = lang === 'fr';
  const placeholder = fr ? '<nom>' : '<name>';
  const cmd = (def: Def) => `/${fr && def.discordNameFr ? def.discordNameFr : def.discordName}`;
  const sub = (def: Def, name: string) => {
    const s = def.subcommands?.find((c) => c.name === name);
    return fr && s?.nameFr ? s.nameFr : name;
  };
  const opt = (def: Def, subName: string | undefined, name: string) => {
    const o = (subName ? def.subcommands?.find((c) => c.name === subName)?.options : def.options)?.find((x) => x.name === name);
    return fr && o?.nameFr ? o.nameFr : name;
  };
  switch (hint) {
    case 'show':
      return `/${breachShow.discordName} id:${arg ?? '<id>'}`;
    case 'search':
      return `${cmd(breachSearch)} ${opt(breachSearch, undefined, 'query')}:${arg ?? placeholder}`;
    case 'status':
      return cmd(breachStatus);
    case 'digest status':
      return `${cmd(breachDigest)} ${sub(breachDigest, 'status')}`;
    case 'digest subscribe':
      return `${cmd(breachDigest)} ${sub(breachDigest, 'subscribe')} ${opt(breachDigest, 'subscribe', 'time')}: ${opt(breachDigest, 'subscribe', 'timezone')}: ${opt(breachDigest, 'subscribe', 'filters')}:`;
    case 'digest subscribe example':
      return `${cmd(breachDigest)} ${sub(breachDigest, 'subscribe')} ${opt(breachDigest, 'subscribe', 'time')}:08:30 ${opt(breachDigest, 'subscribe', 'timezone')}:Europe/Paris ${opt(breachDigest, 'subscribe', 'filters')}:data:passwords country:FR`;
    case 'watch list':
      return `${cmd(breachWatch)} ${sub(breachWatch, 'list')}`;
    case 'watch add':
    case 'watch remove': {
      const action = hint === 'watch add' ? 'add' : 'remove';
      return `${cmd(breachWatch)} ${sub(breachWatch, action)} ${opt(breachWatch, action, 'name')}:${arg ?? placeholder}`;
    }
    case 'lang':
      return cmd(breachLanguage);
    case 'updates':
      return `${cmd(breachUpdates)}${arg ? ` ${opt(breachUpdates, undefined, 'state')}:${arg}` : ''}`;
    case 'lang set':
      return `${cmd(breachLanguage)} ${opt(breachLanguage, undefined, 'language')}:${arg ?? 'fr|en|auto'}`;
  }
}

export const DISCORD_SPELLING: CommandSpelling = {
  command: discordCommand,
  place: { en: 'server', fr: 'ce serveur' },
  admins: { en: ' (the Manage Server or Manage Channels permission)', fr: ' (la permission Gérer le serveur ou Gérer les salons)' },
  // /breach-digest and /breach-watch are registered for admins only (whole commands): members read them with /breach-status.
  readOnlyStatus: 'status',
};
