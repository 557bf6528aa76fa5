import type { CoreRequest } from '../src/core/answer.js';
import type { CommandDefinition } from './command-definition.js';

type StatsRequest = Extract<CoreRequest, { command: 'stats' }>;

const request = (filters: string): StatsRequest => (filters.trim() ? { command: 'stats', query: filters.trim() } : { command: 'stats' });

/**
 * `/breach stats [filters]`: counts by year, data class and country, and the biggest, of the whole
 * catalog or of what the filters match (`country:FR`, `passwords 2024`); Slack and Discord attach
 * a chart, the terminal prints bars.
 */
export const breachStats: CommandDefinition<StatsRequest> = {
  name: 'stats',
  discordName: 'breach-stats',
  discordNameFr: 'fuite-stats',
  description: { en: 'Statistics with a chart: by year, data type, country; the biggest', fr: 'Statistiques avec graphique : par année, type de données, pays ; les plus grosses' },
  usage: { en: '/breach stats [filters]', fr: '/breach stats [filtres]' },
  examples: ['/breach stats', '/breach stats country:FR'],
  options: [{ name: 'filters', nameFr: 'filtres', type: 'string', required: false, maxLength: 200, description: { en: 'Filters, e.g. country:FR or passwords 2024', fr: 'Filtres, par ex. country:FR ou mots de passe 2024' } }],
  parseText(args) {
    return request(args);
  },
  fromOptions(values) {
    return request(String(values.filters ?? ''));
  },
};
