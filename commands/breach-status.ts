import type { StatusRequest } from '../src/digest/digest-requests.js';
import type { CommandDefinition } from './command-definition.js';

/**
 * `/breach status` (Discord `/breach-status`): this channel's digest subscription and watchlist,
 * read-only and open to everyone. `/breach-digest` and `/breach-watch` are registered on Discord
 * with default member permissions (Discord applies them to a whole command, subcommands
 * included), so without this command a plain member there could not see `digest status` or
 * `watch list`. Not `adminOnly`: registered with no default member permissions.
 */
export const breachStatus: CommandDefinition<StatusRequest> = {
  name: 'status',
  discordName: 'breach-status',
  discordNameFr: 'fuite-statut',
  description: { en: "This channel's digest and watchlist (anyone may look)", fr: 'Le résumé et la liste de veille de ce canal (visibles par tous)' },
  usage: { en: '/breach status', fr: '/breach status' },
  examples: ['/breach status'],
  options: [],
  parseText() {
    return { command: 'status' };
  },
  fromOptions() {
    return { command: 'status' };
  },
};
