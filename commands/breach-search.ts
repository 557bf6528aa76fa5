import type { CoreRequest } from '../src/core/answer.js';
import { DATA_CLASSES } from '../src/core/data-classes.js';
import { type CommandDefinition, usageError } from './command-definition.js';

/** The data classes offered as Discord choices (Discord allows 25). */
const CLASS_CHOICES = DATA_CLASSES.slice(0, 25).map((c) => ({ name: { en: c.en, fr: c.fr }, value: c.name }));

const quote = (v: string) => (/\s/.test(v) ? `"${v.replace(/"/g, '')}"` : v);

/** `/breach <query>`: search by name, vendor, data, year, country, size. */
export const breachSearch: CommandDefinition<Extract<CoreRequest, { command: 'search' }>> = {
  name: 'search',
  discordName: 'breach',
  discordNameFr: 'fuite',
  description: {
    en: 'Search data breaches by organization, vendor, data type, year or country',
    fr: 'Chercher des fuites de données par organisation, prestataire, type de données, année ou pays',
  },
  usage: { en: '/breach <query>', fr: '/breach <recherche>' },
  examples: ['/breach orange', '/breach inbenta', '/breach social security numbers', '/breach fuites de mots de passe en 2024', '/breach biggest breaches in France'],
  options: [
    { name: 'query', nameFr: 'recherche', type: 'string', required: true, autocomplete: true, maxLength: 200, description: { en: 'Organization, vendor or question', fr: 'Organisation, prestataire ou question' } },
    { name: 'data', nameFr: 'donnees', type: 'string', choices: CLASS_CHOICES, description: { en: 'Only breaches that exposed this data', fr: 'Seulement les fuites de ces données' } },
    { name: 'year', nameFr: 'annee', type: 'integer', minValue: 1990, maxValue: 2049, description: { en: 'Only incidents of this year', fr: 'Seulement les incidents de cette année' } },
    { name: 'country', nameFr: 'pays', type: 'string', maxLength: 40, description: { en: 'Country name or ISO code (France, UK, US...)', fr: 'Pays ou code ISO (France, UK, US...)' } },
    { name: 'vendor', nameFr: 'prestataire', type: 'string', maxLength: 80, description: { en: 'Only incidents involving this vendor', fr: 'Seulement les incidents impliquant ce prestataire' } },
  ],
  parseText(args) {
    const query = args.trim();
    return query ? { command: 'search', query } : usageError('search');
  },
  fromOptions(values) {
    const parts = [String(values.query ?? '').trim()];
    if (values.data !== undefined) parts.push(`data:${quote(String(values.data))}`);
    if (values.year !== undefined) parts.push(`year:${values.year}`);
    if (values.country !== undefined) parts.push(`country:${quote(String(values.country))}`);
    if (values.vendor !== undefined) parts.push(`vendor:${quote(String(values.vendor))}`);
    const query = parts.filter(Boolean).join(' ');
    return query ? { command: 'search', query } : usageError('search');
  },
};
