import type { CoreRequest } from '../src/core/answer.js';
import { type CommandDefinition, pageOption } from './command-definition.js';

/** `/breach latest`: the most recent incidents. */
export const breachLatest: CommandDefinition<Extract<CoreRequest, { command: 'latest' }>> = {
  name: 'latest',
  discordName: 'breach-latest',
  discordNameFr: 'fuite-recentes',
  description: { en: 'The most recent data breaches', fr: 'Les fuites de données les plus récentes' },
  usage: { en: '/breach latest [page]', fr: '/breach latest [page]' },
  examples: ['/breach latest'],
  options: [{ name: 'page', type: 'integer', minValue: 1, description: { en: 'Page number', fr: 'Numéro de page' } }],
  parseText(args) {
    return { command: 'latest', page: pageOption(args.trim() || undefined) };
  },
  fromOptions(values) {
    return { command: 'latest', page: pageOption(values.page) };
  },
};
