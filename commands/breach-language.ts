import type { LanguageRequest } from '../src/settings/language-request.js';
import { parseLanguageArgs } from '../src/settings/language-request.js';
import type { CommandDefinition } from './command-definition.js';

/**
 * `/breach langue fr`, `/breach lang en`, `/breach langue auto` (Discord `/breach-lang`): the
 * language this channel's answers take when a question's words do not tell (a bare name, a
 * command). A question in French is still answered in French in an English channel, and the
 * other way round. Without a value it says what the channel uses. Changing it is for channel
 * admins, like the digest.
 */
export const breachLanguage: CommandDefinition<LanguageRequest> = {
  name: 'lang',
  discordName: 'breach-lang',
  discordNameFr: 'fuite-langue',
  description: {
    en: "This channel's answer language when a question does not tell (fr, en or auto)",
    fr: 'La langue des réponses de ce canal quand la question ne le dit pas (fr, en ou auto)',
  },
  usage: { en: '/breach lang [fr|en|auto]', fr: '/breach langue [fr|en|auto]' },
  examples: ['/breach langue fr', '/breach lang en', '/breach lang auto'],
  options: [
    {
      name: 'language',
      nameFr: 'langue',
      type: 'string',
      description: { en: 'fr, en, or auto (follow each user)', fr: 'fr, en, ou auto (selon chaque utilisateur)' },
      choices: [
        { name: { en: 'French', fr: 'Français' }, value: 'fr' },
        { name: { en: 'English', fr: 'Anglais' }, value: 'en' },
        { name: { en: 'Auto (each user’s locale)', fr: 'Auto (langue de chaque utilisateur)' }, value: 'auto' },
      ],
    },
  ],
  parseText(args) {
    return parseLanguageArgs(args);
  },
  fromOptions(values) {
    return parseLanguageArgs(typeof values.language === 'string' ? values.language : '');
  },
};
