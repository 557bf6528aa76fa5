import type { CoreRequest } from '../src/core/answer.js';
import type { CommandDefinition } from './command-definition.js';

/** `/breach help`: what the bot can do. */
export const breachHelp: CommandDefinition<Extract<CoreRequest, { command: 'help' }>> = {
  name: 'help',
  discordName: 'breach-help',
  discordNameFr: 'fuite-aide',
  description: { en: 'How to ask breachbot', fr: 'Comment interroger breachbot' },
  usage: { en: '/breach help', fr: '/breach help' },
  examples: ['/breach help'],
  options: [],
  parseText() {
    return { command: 'help' };
  },
  fromOptions() {
    return { command: 'help' };
  },
};
