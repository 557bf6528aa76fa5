/**
 * What `breachbot help` prints, in English or French: the commands and their options, the
 * filters a question can hold, example questions, the exit codes.
 */
import type { Lang } from '../core/lang.js';
import { NNBSP, typeset } from '../render/typography.js';
import { IMPORT_SYNTAX } from '../import/import-command.js';
import { REFRESH_SYNTAX } from '../import/refresh-command.js';
import { FEEDS } from '../import/feeds.js';
import { FEED_URL_VARIABLE, REFRESHABLE_FEEDS } from '../import/refresh.js';

const feedList = (optional: string) => Object.values(FEEDS).map((f) => `${f.name}${f.bundled ? '' : ` (${optional})`}`).join(', ');
const refreshable = REFRESHABLE_FEEDS.join(', ');
const urlVariables = REFRESHABLE_FEEDS.map((f) => FEED_URL_VARIABLE[f]).join(', ');

const TEXT = {
  en: {
    usage: 'Usage: breachbot <command> [options]',
    commands: [
      ['search <question...> [--json] [--limit N] [--page N] [--lang en|fr]', 'incidents matching a name or a question'],
      ['latest [--json] [--limit N] [--page N] [--lang en|fr]', 'the newest incidents'],
      ['stats [filters...] [--json] [--lang en|fr]', 'counts by year, data type, country and source, with a text bar chart (of what the filters match)'],
      ['show <id> [--json] [--lang en|fr]', 'one incident in full, with its sources'],
      ['validate', 'check every incident file under the data folder'],
      [IMPORT_SYNTAX, `re-import a feed from local files; sources: ${feedList('optional pack, not bundled')}; hibp: the /api/v3/breaches JSON and/or the reduced index; hhs-ocr: the CSVs, newest export last`],
      [REFRESH_SYNTAX, `refreshes ${refreshable} now from ${urlVariables} (default: every feed whose URL is set)`],
      ['start', 'run the bot (the terminal chat when no platform token is set)'],
      ['help [--lang en|fr]', 'this help'],
    ],
    filters: 'Filters, in the question or as operators:',
    filterRows: [
      ['data type', '"passwords", "social security numbers", "SSN"', 'data:passwords'],
      ['year', '"2024", "since 2020", "before 2019", "2018-2020"', 'year:2024, year:2018-2020'],
      ['country', '"in France", "UK", "French breaches"', 'country:FR'],
      ['vendor', '"via inbenta"', 'vendor:inbenta'],
      ['size', '"over 1 million", "at least 10k"', 'min:1m'],
      ['order', '"latest" (by date), "biggest" (by size)', 'sort:date, sort:size'],
    ],
    examples: 'Example questions:',
    exampleLines: ['breachbot search orange', 'breachbot search "biggest breaches in France"', 'breachbot search "passwords since 2020" --limit 20', 'breachbot search "data:ssn country:US min:1m"', 'breachbot show orange-2014-04', 'breachbot latest --page 2'],
    exit: 'Exit codes: 0 answered (also "no results"), 1 invalid data or configuration, 2 usage error (one line on stderr).',
  },
  fr: {
    usage: `Utilisation${NNBSP}: breachbot <commande> [options]`,
    commands: [
      ['search <question...> [--json] [--limit N] [--page N] [--lang en|fr]', 'les incidents qui correspondent à un nom ou une question'],
      ['latest [--json] [--limit N] [--page N] [--lang en|fr]', 'les incidents les plus récents'],
      ['stats [filtres...] [--json] [--lang en|fr]', 'les chiffres par année, type de données, pays et source, avec un graphique en barres (de ce que les filtres trouvent)'],
      ['show <id> [--json] [--lang en|fr]', 'un incident en entier, avec ses sources'],
      ['validate', 'vérifie chaque fichier d\'incident du dossier de données'],
      [IMPORT_SYNTAX, `réimporte une source depuis des fichiers locaux${NNBSP}; sources${NNBSP}: ${feedList('module facultatif, non fourni')}${NNBSP}; hibp${NNBSP}: le JSON de /api/v3/breaches et/ou l'index réduit${NNBSP}; hhs-ocr${NNBSP}: les CSV, l'export le plus récent en dernier`],
      [REFRESH_SYNTAX, `met à jour ${refreshable} maintenant depuis ${urlVariables} (par défaut${NNBSP}: chaque source dont l'URL est définie)`],
      ['start', 'lance le bot (la discussion dans le terminal sans jeton de plateforme)'],
      ['help [--lang en|fr]', 'cette aide'],
    ],
    filters: `Filtres, dans la question ou en opérateurs${NNBSP}:`,
    filterRows: [
      ['type de données', `«${NNBSP}mots de passe${NNBSP}», «${NNBSP}numéros de sécurité sociale${NNBSP}»`, 'data:passwords'],
      ['année', '« 2024 », « depuis 2020 », « avant 2019 », « 2018-2020 »', 'year:2024, year:2018-2020'],
      ['pays', '« en France », « fuites françaises »', 'country:FR'],
      ['prestataire', '« prestataire sirius », « via inbenta »', 'vendor:inbenta'],
      ['taille', '« plus de 1 million », « plus de 100 000 »', 'min:1m'],
      ['ordre', '« récentes » (par date), « plus grosses » (par taille)', 'sort:date, sort:size'],
    ],
    examples: `Exemples de questions${NNBSP}:`,
    exampleLines: ['breachbot search orange', 'breachbot search "les plus grosses fuites en France"', 'breachbot search "fuites de mots de passe depuis 2020" --limit 20', 'breachbot search "data:ssn country:US min:1m"', 'breachbot show orange-2014-04', 'breachbot latest --page 2'],
    exit: `Codes de sortie${NNBSP}: 0 réponse donnée (même «${NNBSP}aucun résultat${NNBSP}»), 1 données ou configuration invalides, 2 erreur d'utilisation (une ligne sur stderr).`,
  },
} as const;

/** The whole help, one item a line. */
export function cliHelp(lang: Lang): string {
  const t = TEXT[lang];
  const prose = (text: string) => typeset(text, lang);
  const width = Math.max(...t.filterRows.map((r) => r[0].length));
  return [
    prose(t.usage),
    // Command lines as typed; their descriptions in the reader's typography.
    ...t.commands.map(([usage, what]) => (what ? `  ${usage}\n      ${prose(what)}` : `  ${usage}`)),
    '',
    prose(t.filters),
    ...t.filterRows.map(([kind, words, operator]) => `  ${kind.padEnd(width)}  ${prose(words)}  →  ${operator}`),
    '',
    prose(t.examples),
    ...t.exampleLines.map((e) => `  ${e}`),
    '',
    prose(t.exit),
  ].join('\n');
}
