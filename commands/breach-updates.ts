import type { UpdatesRequest } from '../src/settings/updates-request.js';
import { parseUpdatesArgs } from '../src/settings/updates-request.js';
import type { CommandDefinition } from './command-definition.js';

/**
 * `/breach updates off`, `/breach updates on` (Discord `/breach-updates`): whether this channel
 * gets a short "updated" note when an incident it already received changes (a revised count, a
 * new source, a newly named affected organization). On by default; the digest lists the changes
 * either way. Without a value it says which. Changing it is for channel admins, like the digest.
 */
export const breachUpdates: CommandDefinition<UpdatesRequest> = {
  name: 'updates',
  discordName: 'breach-updates',
  discordNameFr: 'fuite-mises-a-jour',
  description: {
    en: '"Updated" notes when an incident posted here changes (on or off)',
    fr: 'Notes «\u202fmis à jour\u202f» quand un incident publié ici change (on ou off)',
  },
  usage: { en: '/breach updates [on|off]', fr: '/breach mises-à-jour [oui|non]' },
  examples: ['/breach updates off', '/breach updates on'],
  options: [
    {
      name: 'state',
      nameFr: 'etat',
      type: 'string',
      description: { en: 'on or off; leave empty to see the setting', fr: 'on ou off\u202f; vide pour voir le réglage' },
      choices: [
        { name: { en: 'On', fr: 'Activées' }, value: 'on' },
        { name: { en: 'Off', fr: 'Désactivées' }, value: 'off' },
      ],
    },
  ],
  parseText(args) {
    return parseUpdatesArgs(args);
  },
  fromOptions(values) {
    return parseUpdatesArgs(typeof values.state === 'string' ? values.state : '');
  },
};
