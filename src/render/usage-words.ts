/**
 * What was wrong with a command typed wrong (core/feature-outcome.ts `UsageProblem`), in English
 * and French. What the user typed is quoted; the values to type are code pieces, untouched by
 * French typography.
 */
import type { Localized } from '../../commands/command-definition.js';
import type { UsageProblem } from '../core/feature-outcome.js';
import type { Lang } from '../core/lang.js';
import { LABELS } from './messages.js';
import { type Phrase, code, phrase } from './phrase.js';
import { colon, quote } from './typography.js';

/** "Usage: /breach stats [filters]" / "Utilisation : /breach stats [filtres]": a command's usage in the reader's words, as plain text. */
export function usageLine(usage: Localized, lang: Lang): string {
  return `${LABELS[lang].usage}${colon(lang)}${usage[lang]}`;
}

export function usageProblemWords(problem: UsageProblem, lang: Lang): Phrase {
  const fr = lang === 'fr';
  const p = phrase(lang);
  switch (problem.kind) {
    case 'unknown-action':
      return fr ? p`action inconnue : ${quote(problem.word, lang)}` : p`unknown action: ${quote(problem.word, lang)}`;
    case 'watch-name-missing':
      return fr ? p`${problem.action === 'add' ? 'ajouter' : 'retirer'} : indiquez un prestataire ou une organisation` : p`${problem.action} needs a vendor or organization name`;
    case 'watch-name-too-long':
      return fr ? p`un nom fait au plus ${problem.max} caractères` : p`a name is at most ${problem.max} characters`;
    case 'bad-time':
      return fr ? p`heure illisible : ${problem.text} (écrivez HH:MM, par ex. 08:30)` : p`not a time of day: ${problem.text} (use HH:MM, e.g. 08:30)`;
    case 'bad-time-zone':
      return fr ? p`fuseau horaire inconnu : ${problem.text} (un nom IANA comme Europe/Paris)` : p`unknown time zone: ${problem.text} (use an IANA name such as Europe/Paris)`;
    case 'not-a-language':
      return fr ? p`${quote(problem.text, lang)} n'est pas une langue : utilisez ${code('fr')}, ${code('en')} ou ${code('auto')}.` : p`${quote(problem.text, lang)} is not a language: use ${code('fr')}, ${code('en')} or ${code('auto')}.`;
    case 'not-on-off':
      return fr ? p`${quote(problem.text, lang)} n’est ni ${code('oui')} ni ${code('non')}.` : p`${quote(problem.text, lang)} is neither ${code('on')} nor ${code('off')}.`;
  }
}
