/**
 * The reader's language: what the words of a question tell, and the order in which the other
 * clues decide when they do not. Pure; the adapters gather the clues (a channel's setting, the
 * user's locale) and the configured default.
 *
 * Precedence, as a French DPO expects it:
 *  1. the words of the question, when they tell (a French question in an English channel is
 *     answered in French; an English one in a French channel in English);
 *  2. the channel's setting (`/breach langue fr`), for what the words leave open: a bare name
 *     ("orange", "ticketmaster"), a command ("latest", "stats", "show orange-2014-04");
 *  3. the user's locale (Slack `users.info`, Discord's interaction locale);
 *  4. the bot's default (`BOT_LANGUAGE`).
 */
import { tokenize } from './text-folding.js';

import type { Lang } from './lang.js';

export type { Lang } from './lang.js';

export const LANGS: readonly Lang[] = ['en', 'fr'];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'fr';
}

// Folded words that mark a question as French: content words (the vocabulary of breaches, of
// the people and data they hit, months, question words) and function words (articles,
// prepositions), which only add weight: "la poste" or "métropole du grand paris" alone is a
// bare name, not a French question. A word English shares ("patients", "photos", "contacts") is
// left out; "clients" is kept (English says "customers").
const FRENCH_FUNCTION = new Set('le la les l un une des du de d au aux et ou en dans sur sous chez pour par avec sans entre vers selon ce cet cette ces son sa ses leur leurs y a est sont ont'.split(' '));
const FRENCH_CONTENT = new Set(
  `depuis avant apres pendant qui que quoi quel quelle quels quelles quand combien comment pourquoi etait ete nous vous ils elles
   tout tous toute toutes plus moins tres aussi pas montre moi montrez donne donnez liste cherche trouve
   dernieres derniers derniere dernier recentes recents recente nouvelles nouveaux grosses grosse gros importantes massives pires
   janvier fevrier avril mai juin juillet aout septembre octobre novembre decembre
   fuite fuites piratage piratages pirate pirates cyberattaque cyberattaques attaque attaques rancongiciel rancongiciels
   vol vols volee volees derobees derobes divulguees exposees touchees touches victimes victime compromis compromises
   donnees donnee personnelles personnel personnels informations numeros numero mots mot passe adresses adresse courriel courriels
   telephone telephones naissance securite sociale bancaires bancaire cartes carte identite sante medicales medicaux dossiers
   clients abonnes adherents utilisateurs salaries agents employes eleves etudiants assures mutuelles hopitaux mairies villes
   communes collectivites entreprises societes prestataire prestataires soustraitant campagne campagnes commerciales commerciale
   personnes touchees piratees fournisseur hameconnage millions milliard milliards mille francaises francais francaise
   veille ajouter retirer abonner desabonner resume apercu statut recherche aide langue`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

const ENGLISH_FUNCTION = new Set('the a an of with in on at for from by to into and or is are was were it its this that my our your their'.split(' '));
const ENGLISH_CONTENT = new Set(
  `without since before after during between about over under than what which who whom where when how why has have had been did does
   these those all any most more less very also not show me find give tell
   january february march april june july august september october november december
   breach breaches breached leak leaks leaked hack hacked hacks attack attacks attacked ransomware stolen exposed affected victims
   data personal information numbers passwords password addresses email emails phone phones birth dates
   security social bank banking cards credit identity health medical records files
   customers customer users user members employees staff students subscribers people accounts
   hospital hospitals council government companies vendor vendors supplier suppliers
   many through biggest largest worst newest recent least million millions billion billions thousand`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Command words typed before a question: they belong to the grammar, not to a language. */
const NEUTRAL_WORDS = new Set(['search', 'latest', 'stats', 'show', 'help', 'status', 'digest', 'watch', 'lang', 'language', 'breach']);

const FRENCH_LETTERS = /[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ]/;
/** French spacing or quotes: "« … »", a space before "?" or "!". */
const FRENCH_PUNCTUATION = /«|»|\s[?!;]/;

/**
 * What the words of a question say its language is, or undefined when they do not tell (a bare
 * name, a command, numbers): then the channel, the user's locale and the default decide.
 * `isName(word)` (optional) tells which folded words are names in the catalog: an accent inside
 * a name ("Métropole", "Améthyste") is the name's, not the reader's.
 */
export function wordsLanguage(text: string, isName: (word: string) => boolean = () => false): Lang | undefined {
  const fr = { content: 0, weight: 0 };
  const en = { content: 0, weight: 0 };
  for (const raw of text.split(/[\s,.;:!?()"“”«»]+/)) {
    if (raw === '') continue;
    const folded = tokenize(raw);
    for (const t of folded) {
      if (NEUTRAL_WORDS.has(t)) continue;
      if (FRENCH_CONTENT.has(t)) fr.content++;
      else if (FRENCH_FUNCTION.has(t)) fr.weight += 0.5;
      if (ENGLISH_CONTENT.has(t)) en.content++;
      else if (ENGLISH_FUNCTION.has(t)) en.weight += 0.5;
    }
    // A French letter in a word that names nothing in the catalog: French typed by a French
    // reader. In a name ("Métropole", "L'Améthyste") it is the name's.
    if (FRENCH_LETTERS.test(raw) && !folded.some((t) => isName(t))) fr.content++;
  }
  if (FRENCH_PUNCTUATION.test(text)) fr.content++;
  const frScore = fr.content + fr.weight;
  const enScore = en.content + en.weight;
  if (frScore > enScore && fr.content > 0) return 'fr';
  if (enScore > frScore && en.content > 0) return 'en';
  return undefined;
}

export interface LanguageClues {
  /** What the words told (`wordsLanguage`), if they did. */
  readonly words?: Lang | undefined;
  /** The channel's explicit setting (`/breach langue fr`), if any. */
  readonly channel?: Lang | undefined;
  /** The user's locale (Slack users.info, Discord interaction locale), if known. */
  readonly user?: Lang | undefined;
  /** BOT_LANGUAGE. */
  readonly fallback: Lang;
}

/** The answer's language from its clues, in the order described at the top of this file. */
export function resolveLanguage(clues: LanguageClues): Lang {
  return clues.words ?? clues.channel ?? clues.user ?? clues.fallback;
}

/** French for a locale tag starting with "fr" ("fr", "fr-FR", "fr_CA"), English for any other, undefined when unknown. */
export function langOfLocale(locale: string | null | undefined): Lang | undefined {
  if (typeof locale !== 'string' || locale === '') return undefined;
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
