import { cleanText } from '../src/core/query-parser.js';
import { tokenize } from '../src/core/text-folding.js';
import { MAX_WATCH_NAME_LENGTH, type WatchRequest } from '../src/digest/digest-requests.js';
import { type CommandDefinition, type UsageError, usageError, unknownAction } from './command-definition.js';

const ACTIONS: ReadonlyMap<string, WatchRequest['action']> = new Map([
  ['add', 'add'],
  ['ajouter', 'add'],
  ['remove', 'remove'],
  ['delete', 'remove'],
  ['retirer', 'remove'],
  ['supprimer', 'remove'],
  ['list', 'list'],
  ['liste', 'list'],
]);

function withName(action: 'add' | 'remove', raw: string): WatchRequest | UsageError {
  const name = cleanText(raw).replace(/^["“«]\s*|\s*["”»]$/g, '');
  if (tokenize(name).length === 0) return usageError('watch', { kind: 'watch-name-missing', action });
  if (name.length > MAX_WATCH_NAME_LENGTH) return usageError('watch', { kind: 'watch-name-too-long', max: MAX_WATCH_NAME_LENGTH });
  return { command: 'watch', action, name };
}

/**
 * `/breach watch add <name>`, `remove <name>`, `list`: the vendors, organizations and domains a channel
 * is alerted about as soon as a new incident names them. Adding and removing are for channel
 * admins: Discord registers the command with default member permissions (`adminOnly`), and the
 * handler checks every change at run time; the list answers whoever may use the command.
 */
export const breachWatch: CommandDefinition<WatchRequest> = {
  name: 'watch',
  discordName: 'breach-watch',
  discordNameFr: 'fuite-veille',
  description: { en: "This channel's watchlist of vendors, organizations and domains", fr: 'La liste de veille de ce canal : prestataires, organisations et domaines' },
  usage: { en: '/breach watch add <name> | remove <name> | list', fr: '/breach watch add <nom> | remove <nom> | list' },
  examples: ['/breach watch add Inbenta', '/breach watch add orange.fr', '/breach watch list'],
  options: [],
  adminOnly: true,
  subcommands: [
    {
      name: 'add',
      nameFr: 'ajouter',
      description: { en: 'Alert this channel when a new incident names it (admins)', fr: 'Alerter ce canal quand un nouvel incident le cite (admins)' },
      options: [{ name: 'name', nameFr: 'nom', type: 'string', required: true, autocomplete: true, maxLength: MAX_WATCH_NAME_LENGTH, description: { en: 'Vendor or organization', fr: 'Prestataire ou organisation' } }],
    },
    {
      name: 'remove',
      nameFr: 'retirer',
      description: { en: 'Stop watching a name (admins)', fr: 'Ne plus surveiller un nom (admins)' },
      options: [{ name: 'name', nameFr: 'nom', type: 'string', required: true, maxLength: MAX_WATCH_NAME_LENGTH, description: { en: 'A name on the watchlist', fr: 'Un nom de la liste' } }],
    },
    { name: 'list', nameFr: 'liste', description: { en: "This channel's watchlist", fr: 'La liste de veille de ce canal' }, options: [] },
  ],
  parseText(args) {
    const clean = cleanText(args);
    const [first = '', ...rest] = clean.split(' ');
    const action = ACTIONS.get(first.toLowerCase());
    if (!action) return unknownAction('watch', first);
    return action === 'list' ? { command: 'watch', action } : withName(action, rest.join(' '));
  },
  fromOptions(values, subcommand) {
    const action = subcommand ? ACTIONS.get(subcommand.toLowerCase()) : undefined;
    if (!action) return usageError('watch');
    return action === 'list' ? { command: 'watch', action } : withName(action, String(values.name ?? ''));
  },
};
