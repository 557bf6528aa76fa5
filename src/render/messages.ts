/**
 * Every sentence the bot says, in English and French, as pure functions of the typed answer.
 * Renderers add platform markup around these; they never word things themselves.
 */
import type { ErrorAnswer, NoResultsAnswer, ResultsAnswer } from '../core/answer.js';
import { MAX_QUERY_LENGTH } from '../core/query-parser.js';
import { DATA_CLASSES, dataClassLabel } from '../core/data-classes.js';
import { countryLabel } from '../core/countries.js';
import { formatNumber } from './format.js';
import { MONTH_NAMES } from '../core/locale-format.js';
import type { Lang } from '../core/lang.js';
import { NNBSP, quote, typeset } from './typography.js';

export const LABELS = {
  en: {
    when: 'When',
    records: 'How many',
    data: 'Data',
    vendors: 'Vendor',
    affected: 'Also hit',
    sources: 'Sources',
    matched: 'Matched on',
    cause: 'Cause',
    response: 'Response',
    place: 'Where',
    related: 'Related',
    unstated: 'Not stated by the sources',
    notes: 'How facts were established',
    next: 'Next',
    previous: 'Previous',
    details: 'Details',
    postToChannel: 'Post to channel',
    more: 'more',
    unknown: 'not stated',
    flags: 'Note',
    byYear: 'By year',
    byDataClass: 'By data type',
    byCountry: 'By country',
    bySource: 'By source',
    biggest: 'Biggest',
    examples: 'Examples',
    filters: 'Filters',
    usage: 'Usage',
    organization: 'Organization',
    endOfResults: 'End of results.',
    summary: 'Summary',
  },
  fr: {
    when: 'Quand',
    records: 'Combien',
    data: 'Données',
    vendors: 'Prestataire',
    affected: 'Aussi touchés',
    sources: 'Sources',
    matched: 'Trouvé par',
    cause: 'Cause',
    response: 'Réponse',
    place: 'Où',
    related: 'Liés',
    unstated: 'Non précisé par les sources',
    notes: 'Comment les faits ont été établis',
    next: 'Suivant',
    previous: 'Précédent',
    details: 'Détails',
    postToChannel: 'Publier dans le canal',
    more: 'de plus',
    unknown: 'non précisé',
    flags: 'À noter',
    byYear: 'Par année',
    byDataClass: 'Par type de données',
    byCountry: 'Par pays',
    bySource: 'Par source',
    biggest: 'Les plus grosses',
    examples: 'Exemples',
    filters: 'Filtres',
    usage: 'Utilisation',
    organization: 'Organisation',
    endOfResults: 'Fin des résultats.',
    summary: 'Résumé',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** "There is no page 99 (page 99 of 3): here is the last one." — for a page asked past the end. */
export function pastEndNote(page: ResultsAnswer['page'], lang: Lang): string | undefined {
  if (page.requested === undefined) return undefined;
  return lang === 'fr'
    ? `La page ${page.requested} n'existe pas (page ${page.requested} sur ${page.count})${NNBSP}: voici la dernière.`
    : `There is no page ${page.requested} (page ${page.requested} of ${page.count}): here is the last one.`;
}

/** "2 incidents for “orange” (page 1 of 1)"; a page asked past the end says so first. */
export function resultsHeading(answer: ResultsAnswer, lang: Lang): string {
  const note = pastEndNote(answer.page, lang);
  const heading = resultsHeadingOnly(answer, lang);
  return note ? `${note} ${heading}` : heading;
}

/** " (page 2 of 811)" when there is more than one page, else "". */
export function pageOf(page: ResultsAnswer['page'], lang: Lang): string {
  return page.count > 1 ? (lang === 'fr' ? ` (page ${page.number} sur ${page.count})` : ` (page ${page.number} of ${page.count})`) : '';
}

/** "2 incidents — data: passwords · 2024 (page 1 of 4)", with " for “orange”" after the count when `forQuery`. */
export function countHeading(answer: ResultsAnswer, lang: Lang, forQuery: boolean): string {
  const n = answer.total;
  const filters = answer.query ? describeFilters(answer.query.filters, lang) : '';
  const q = forQuery && answer.request.command === 'search' && answer.query && answer.query.terms.length ? quote(answer.request.query, lang) : '';
  const what = lang === 'fr' ? `${formatNumber(n, lang)} incident${n > 1 ? 's' : ''}` : `${formatNumber(n, lang)} incident${n === 1 ? '' : 's'}`;
  const forQ = q ? (lang === 'fr' ? ` pour ${q}` : ` for ${q}`) : '';
  return `${what}${forQ}${filters ? ` — ${filters}` : ''}${pageOf(answer.page, lang)}`;
}

function resultsHeadingOnly(answer: ResultsAnswer, lang: Lang): string {
  if (answer.request.command === 'latest') {
    const page = pageOf(answer.page, lang);
    return lang === 'fr' ? `Les incidents les plus récents${page}` : `Latest incidents${page}`;
  }
  const heading = countHeading(answer, lang, true);
  return answer.partial ? `${partialLead(answer.partial, lang)} ${heading}` : heading;
}

/** "Nothing matches all of “pole”, “chatbot”; closest (1 of 2 words):" — results that hold only some of the words. */
export function partialLead(partial: NonNullable<ResultsAnswer['partial']>, lang: Lang): string {
  const words = partial.terms.map((t) => quote(t, lang)).join(', ');
  return lang === 'fr'
    ? `Rien ne correspond à tous les mots ${words}${NNBSP}; les plus proches (${partial.matched} mot${partial.matched > 1 ? 's' : ''} sur ${partial.terms.length})${NNBSP}:`
    : `Nothing matches all of ${words}; closest (${partial.matched} of ${partial.terms.length} words):`;
}

/** A month filter in words: "February 2014", "April–June 2014", "février", "since April 2014". */
function describeMonths(m: NonNullable<NonNullable<ResultsAnswer['query']>['filters']['months']>, lang: Lang): string {
  const name = (x: number) => (m.anyYear ? MONTH_NAMES[lang][x]! : `${MONTH_NAMES[lang][x % 12]!} ${Math.floor(x / 12)}`);
  if (m.from === m.to) return name(m.from);
  if (!m.anyYear && m.to >= 9999 * 12) return lang === 'fr' ? `depuis ${name(m.from)}` : `since ${name(m.from)}`;
  if (!m.anyYear && m.from === 0) return lang === 'fr' ? `avant ${name(m.to + 1)}` : `before ${name(m.to + 1)}`;
  return `${name(m.from)}–${name(m.to)}`;
}

/** Filters in words: "data: passwords · 2024 · France". */
export function describeFilters(filters: NonNullable<ResultsAnswer['query']>['filters'], lang: Lang): string {
  const parts: string[] = [];
  const c = lang === 'fr' ? `${NNBSP}: ` : ': ';
  if (filters.dataClasses.length) parts.push(`${lang === 'fr' ? 'données' : 'data'}${c}${filters.dataClasses.map((c) => dataClassLabel(c, lang)).join(', ')}`);
  if (filters.months) parts.push(describeMonths(filters.months, lang));
  else if (filters.yearFrom !== undefined && filters.yearFrom === filters.yearTo) parts.push(String(filters.yearFrom));
  else if (filters.yearFrom !== undefined && filters.yearTo !== undefined) parts.push(`${filters.yearFrom}–${filters.yearTo}`);
  else if (filters.yearFrom !== undefined) parts.push(lang === 'fr' ? `depuis ${filters.yearFrom}` : `since ${filters.yearFrom}`);
  else if (filters.yearTo !== undefined) parts.push(lang === 'fr' ? `jusqu'en ${filters.yearTo}` : `up to ${filters.yearTo}`);
  if (filters.countries.length) parts.push(filters.countries.map((c) => countryLabel(c, lang)).join(', '));
  if (filters.vendor) parts.push(`${lang === 'fr' ? 'prestataire' : 'vendor'}${c}${filters.vendor}`);
  else if (filters.anyVendor) parts.push(lang === 'fr' ? 'via un prestataire' : 'through a vendor');
  if (filters.minRecords !== undefined) parts.push(`≥ ${formatNumber(filters.minRecords, lang)}`);
  return parts.join(' · ');
}

export function noResultsMessage(answer: NoResultsAnswer, lang: Lang): string {
  const q = quote(answer.request.query, lang);
  const base = lang === 'fr' ? `Aucun incident ne correspond à ${q}.` : `No incident matches ${q}.`;
  const relax =
    answer.withoutFilters !== undefined
      ? lang === 'fr'
        ? ` ${formatNumber(answer.withoutFilters, lang)} ${answer.withoutFilters > 1 ? 'correspondent' : 'correspond'} aux mots seuls, sans les filtres.`
        : ` ${formatNumber(answer.withoutFilters, lang)} ${answer.withoutFilters === 1 ? 'matches' : 'match'} the words alone, without the filters.`
      : '';
  const unmatched = answer.unmatched?.length
    ? lang === 'fr'
      ? ` Aucun incident ne contient ${answer.unmatched.map((w) => quote(w, lang)).join(', ')}, même à une faute près.`
      : ` Nothing in the catalog holds ${answer.unmatched.map((w) => quote(w, lang)).join(', ')}, even with a typo.`
    : '';
  return base + unmatched + relax;
}

export function suggestionsLead(lang: Lang): string {
  return lang === 'fr' ? `Vouliez-vous dire${NNBSP}:` : 'Did you mean:';
}

export function errorMessage(answer: ErrorAnswer, lang: Lang): string {
  return typeset(errorWords(answer, lang), lang);
}

function errorWords(answer: ErrorAnswer, lang: Lang): string {
  const fr = lang === 'fr';
  switch (answer.code) {
    case 'empty-query':
      return fr ? 'Que cherchez-vous ? Tapez par exemple `/breach orange` ou `/breach help`.' : 'What are you looking for? Try `/breach orange` or `/breach help`.';
    case 'query-too-long':
      return fr
        ? `La recherche fait ${answer.length ?? '?'} caractères ; la limite est de ${answer.limit ?? MAX_QUERY_LENGTH}. Raccourcissez-la.`
        : `Your query is ${answer.length ?? '?'} characters long; the limit is ${answer.limit ?? MAX_QUERY_LENGTH}. Please shorten it.`;
    case 'too-many-terms':
      return fr
        ? `La recherche contient ${answer.length ?? '?'} mots ; la limite est de ${answer.limit ?? '?'}. Gardez les plus parlants.`
        : `Your query has ${answer.length ?? '?'} words; the limit is ${answer.limit ?? '?'}. Keep the telling ones.`;
    case 'bad-filter':
      return fr ? `Filtre illisible : ${answer.detail ?? ''}. ${filterHelp(answer.filter, lang)}` : `Cannot read the filter ${answer.detail ?? ''}. ${filterHelp(answer.filter, lang)}`;
    case 'unknown-command':
      return fr ? `Commande inconnue : ${answer.detail ?? ''}. Tapez \`/breach help\`.` : `Unknown command: ${answer.detail ?? ''}. Type \`/breach help\`.`;
    case 'bad-request':
      return fr ? `Requête invalide : ${answer.detail ?? ''}` : `Invalid request: ${answer.detail ?? ''}`;
    case 'internal':
      return fr ? "Désolé, quelque chose s'est mal passé de notre côté. Réessayez dans un instant." : 'Sorry, something went wrong on our side. Please try again in a moment.';
  }
}

/** What a filter accepts, in plain words: every data type for `data:`, the forms of the others. */
export function filterHelp(filter: ErrorAnswer['filter'], lang: Lang): string {
  const fr = lang === 'fr';
  switch (filter) {
    case 'data':
    {
      const list = DATA_CLASSES.map((c) => (fr ? c.fr : c.en)).join(', ');
      return fr ? `Types de données possibles (entre guillemets s'ils ont plusieurs mots)${NNBSP}: ${list}.` : `Data types (in quotes when several words): ${list}.`;
    }
    case 'year':
      return fr ? 'Une année (year:2024) ou une période (year:2018-2020).' : 'A year (year:2024) or a range (year:2018-2020).';
    case 'country':
      return fr ? 'Un code de pays à deux lettres (country:FR, country:US, country:GB) ou un nom de pays (country:France).' : 'A two-letter country code (country:FR, country:US, country:GB) or a country name (country:France).';
    case 'vendor':
      return fr ? 'Un nom de prestataire (vendor:inbenta).' : 'A vendor name (vendor:inbenta).';
    case 'min':
      return fr ? `Une taille${NNBSP}: min:10000, min:10k, min:1m, min:1.5m.` : 'A size: min:10000, min:10k, min:1m, min:1.5m.';
    case 'sort':
      return fr ? `Un ordre${NNBSP}: sort:date, sort:size ou sort:relevance.` : 'An order: sort:date, sort:size or sort:relevance.';
    default:
      return fr ? `Filtres possibles${NNBSP}: data:, year:, country:, vendor:, min:, sort: (par exemple data:passwords, year:2024, country:FR, vendor:inbenta, min:1m, sort:date).` : 'Filters: data:, year:, country:, vendor:, min:, sort: (e.g. data:passwords, year:2024, country:FR, vendor:inbenta, min:1m, sort:date).';
  }
}

/** "Established from public record" / "Établi à partir d'indices de l'article". */
export function establishedLabel(basis: 'public-record' | 'article-clues' | 'source-description', lang: Lang): string {
  if (basis === 'public-record') return lang === 'fr' ? 'Établi à partir de sources publiques' : 'Established from public record';
  if (basis === 'source-description') return lang === 'fr' ? 'Établi à partir de la description de la source' : "Established from the source's description";
  return lang === 'fr' ? "Établi à partir d'indices de l'article" : "Established from the article's clues";
}

export function notFoundMessage(id: string, lang: Lang): string {
  return lang === 'fr' ? `Aucun incident n'a l'identifiant ${quote(id, lang)}.` : `No incident has the id ${quote(id, lang)}.`;
}

export function helpIntro(lang: Lang): string {
  return lang === 'fr'
    ? `breachbot répond sur les fuites de données${NNBSP}: par organisation, prestataire, type de données, année, pays ou taille.`
    : 'breachbot answers questions about data breaches: by organization, vendor, data type, year, country or size.';
}

export function helpFilters(lang: Lang): string {
  return typeset(lang === 'fr'
    ? 'Filtres dans la phrase : « mots de passe », « en 2024 », « depuis 2020 », « en France », « via inbenta », « plus de 1 million », « les plus récentes », « les plus grosses » — ou data:, year:, country:, vendor:, min:, sort:.'
    : 'Filters inside the question: "passwords", "in 2024", "since 2020", "in France", "via inbenta", "over 1 million", "latest", "biggest" — or data:, year:, country:, vendor:, min:, sort:.', lang);
}

export function statsHeading(total: number, lang: Lang): string {
  return lang === 'fr' ? `${formatNumber(total, lang)} incidents au catalogue` : `${formatNumber(total, lang)} incidents in the catalog`;
}
