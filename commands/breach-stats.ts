import type { CoreRequest } from '../src/core/answer.js';
import type { CommandDefinition } from './command-definition.js';

/** `/breach stats`: counts by year, data class and country, and the biggest incidents. */
export const breachStats: CommandDefinition<Extract<CoreRequest, { command: 'stats' }>> = {
  name: 'stats',
  discordName: 'breach-stats',
  discordNameFr: 'fuite-stats',
  description: { en: 'Catalog statistics: by year, data type, country; the biggest', fr: 'Statistiques : par année, type de données, pays ; les plus grosses' },
  usage: '/breach stats',
  examples: ['/breach stats'],
  options: [],
  parseText() {
    return { command: 'stats' };
  },
  fromOptions() {
    return { command: 'stats' };
  },
};
