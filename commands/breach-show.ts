import type { CoreRequest } from '../src/core/answer.js';
import { type CommandDefinition, usageError } from './command-definition.js';

/** `/breach show <id>`: one incident in full, with its timeline and sources. */
export const breachShow: CommandDefinition<Extract<CoreRequest, { command: 'show' }>> = {
  name: 'show',
  discordName: 'breach-show',
  discordNameFr: 'fuite-detail',
  description: { en: 'One incident in detail: timeline, data, vendors, sources', fr: "Le détail d'un incident : chronologie, données, prestataires, sources" },
  usage: { en: '/breach show <id>', fr: '/breach show <id>' },
  examples: ['/breach show orange-2014-04'],
  options: [{ name: 'id', type: 'string', required: true, autocomplete: true, maxLength: 100, description: { en: 'Incident id (as shown in answers)', fr: "Identifiant de l'incident (tel qu'affiché)" } }],
  parseText(args) {
    const id = args.trim().split(/\s+/)[0] ?? '';
    return id ? { command: 'show', id } : usageError('show');
  },
  fromOptions(values) {
    const id = String(values.id ?? '').trim();
    return id ? { command: 'show', id } : usageError('show');
  },
};
