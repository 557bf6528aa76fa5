/**
 * Turns what a person types into a structured query: free-text terms plus the filters and sort
 * order written in the same text, in English or French ("fuites de mots de passe en 2024",
 * "biggest breaches in France", "orange 2014", "data:ssn since 2020"). Pure: no index access
 * beyond the `isNameTerm` predicate it is given, so a word that is part of an organization's
 * name ("La Poste") stays a name, not a data-class filter.
 */
import { fold, STOP_WORDS, tokenize } from './text-folding.js';
import { resolveCountry } from './countries.js';
import { classOfPhrase, newDraft, NO_LOOKUPS, readNumber, readTokens, type Draft, type MonthRange, type QueryLookups } from './query-readers.js';
import { wordsLanguage } from './language.js';
import type { SortOrder } from './query-words.js';
import type { Lang } from './lang.js';

export type { MonthRange, QueryLookups } from './query-readers.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 12;

export type { SortOrder } from './query-words.js';

export interface QueryFilters {
  /** Canonical data-class names; an incident must carry every one. */
  readonly dataClasses: readonly string[];
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** ISO alpha-2 codes; an incident matches if its organization or an affected one is in any. */
  readonly countries: readonly string[];
  /** Folded vendor name fragment. */
  readonly vendor?: string;
  /** Only incidents that went through a vendor ("via a supplier", "prestataire"). */
  readonly anyVendor?: boolean;
  readonly minRecords?: number;
  /** Months: an incident matches when one of its dates known to the month falls in the range. */
  readonly months?: MonthRange;
}

export interface ParsedQuery {
  /** The query as received, control characters stripped and spaces collapsed. */
  readonly text: string;
  /** Folded content terms left once filters, sort words and stop words are taken out. */
  readonly terms: readonly string[];
  readonly filters: QueryFilters;
  readonly sort: SortOrder;
  /** The language the question is written in, as far as its words tell. */
  readonly language: Lang;
  /** The kind of incident the question asks for ("attack", "fuite"): first among equal matches. */
  readonly kind?: 'attack' | 'breach';
  /** A count the question gives ("800 000 clients"): incidents of about that size first among equal matches. */
  readonly recordsHint?: number;
  /** How many incidents the question asks for with its order ("top 10", "les 5 plus récentes"): the answer lists no more. */
  readonly limit?: number;
}

export type QueryErrorCode = 'empty-query' | 'query-too-long' | 'too-many-terms' | 'bad-filter';

export interface QueryError {
  readonly code: QueryErrorCode;
  /** Limit broken, or the filter that could not be read. */
  readonly limit?: number;
  readonly length?: number;
  readonly detail?: string;
  /** Which filter could not be read ("unknown" for a key that is no filter), so the answer can list what it accepts. */
  readonly filter?: FilterKind;
}

export type FilterKind = 'data' | 'year' | 'country' | 'vendor' | 'min' | 'sort' | 'unknown';

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

// Invisible characters pasted inside a word (control characters other than white space, zero-width
// spaces and joiners, soft hyphens, bidi marks, byte-order marks): removed, so "or\u0001ange" is
// "orange"; they never split a word.
const INVISIBLE_RE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufe00-\ufe0f]/g;
// Mentions are addressed to people, never searched: Slack's <@U…>, <!channel>, <#C…|name>,
// Discord's <@123>, <@!123>, <@&123>, <#123>, and a typed @everyone / @here / @name.
const MENTION_RE = /<[@#!][^<>\s]{0,120}>|(?<![\p{L}\p{N}])@[\p{L}\p{N}_.-]+/gu;

/** Removes invisible characters and collapses white space. */
export function cleanText(input: string): string {
  return input.replace(INVISIBLE_RE, '').replace(/\s+/g, ' ').trim();
}

/** Drops mentions (`@everyone`, `<@U123>`, `<!channel>`) from cleaned text. */
export function dropMentions(text: string): string {
  return text.replace(MENTION_RE, ' ').replace(/\s+/g, ' ').trim();
}

/** English or French from the words used (see core/language.ts), else `fallback`. */
export function detectLanguage(text: string, fallback: Lang = 'en'): Lang {
  return wordsLanguage(text) ?? fallback;
}

/** `key:value` operators: data:, year:, country:, vendor:, min:, sort: (English and French keys). */
function applyOperator(key: string, value: string, draft: Draft): QueryError | undefined {
  const v = fold(value);
  switch (key) {
    case 'data':
    case 'class':
    case 'donnees':
    case 'donnee': {
      const name = classOfPhrase(v);
      if (!name) return { code: 'bad-filter', detail: `data:${value}`, filter: 'data' };
      if (!draft.dataClasses.includes(name)) draft.dataClasses.push(name);
      return undefined;
    }
    case 'year':
    case 'annee': {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v);
      if (!m) return { code: 'bad-filter', detail: `year:${value}`, filter: 'year' };
      draft.yearFrom = Number(m[1]);
      draft.yearTo = Number(m[2] ?? m[1]);
      return undefined;
    }
    case 'country':
    case 'pays': {
      const code = resolveCountry(v);
      if (!code) return { code: 'bad-filter', detail: `country:${value}`, filter: 'country' };
      if (!draft.countries.includes(code)) draft.countries.push(code);
      return undefined;
    }
    case 'vendor':
    case 'fournisseur':
    case 'prestataire':
      draft.vendor = tokenize(v).join(' ');
      return draft.vendor ? undefined : { code: 'bad-filter', detail: `vendor:${value}`, filter: 'vendor' };
    case 'min':
    case 'size': {
      const size = readNumber(tokenize(v.replace(/(\d)[.,](\d)/g, '$1 $2')), 0);
      if (!size) return { code: 'bad-filter', detail: `min:${value}`, filter: 'min' };
      draft.minRecords = size.value;
      return undefined;
    }
    case 'sort':
    case 'tri': {
      const s = v === 'size' || v === 'taille' ? 'size' : v === 'date' ? 'date' : v === 'relevance' || v === 'pertinence' ? 'relevance' : undefined;
      if (!s) return { code: 'bad-filter', detail: `sort:${value}`, filter: 'sort' };
      draft.sort = s;
      return undefined;
    }
    default:
      return { code: 'bad-filter', detail: `${key}:${value}`, filter: 'unknown' };
  }
}

const OPERATOR_RE = /(?:^|\s)([a-zA-Zéè]+):("[^"]*"|\S+)/g;

/** Digit groups written apart ("100 000", "1 300 000") as one number; a year is never a group's head. */
function joinDigitGroups(tokens: readonly string[]): string[] {
  const out: string[] = [];
  let joining = false;
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^\d{3}$/.test(t) && (joining || /^\d{1,3}$/.test(prev))) {
      out[out.length - 1] = prev + t;
      joining = true;
    } else {
      out.push(t);
      joining = false;
    }
  }
  return out;
}

/**
 * Parses a query. The lookups tell which words belong to indexed names (so "La Poste" stays a
 * name, "Via Christi" is not a vendor cue, "latest pilot jobs" is not sorted) and which to vendors.
 */
export function parseQuery(input: string, lookups: Partial<QueryLookups> | ((term: string) => boolean) = {}, isNamePair?: (first: string, second: string) => boolean): ParseResult {
  const look: QueryLookups =
    typeof lookups === 'function'
      ? { ...NO_LOOKUPS, isNameTerm: lookups, ...(isNamePair ? { isNamePair } : {}) }
      : { ...NO_LOOKUPS, ...lookups, ...(isNamePair ? { isNamePair } : {}) };
  const typed = cleanText(input);
  // The limit is on what was typed; mentions are then dropped, never searched.
  if (typed.length > MAX_QUERY_LENGTH) return { ok: false, error: { code: 'query-too-long', limit: MAX_QUERY_LENGTH, length: typed.length } };
  const text = dropMentions(typed);
  if (text === '') return { ok: false, error: { code: 'empty-query' } };

  const draft = newDraft();
  let rest = text;
  for (const m of text.matchAll(OPERATOR_RE)) {
    const key = fold(m[1] ?? '');
    if (key === 'http' || key === 'https') continue;
    const error = applyOperator(key, (m[2] ?? '').replace(/^"|"$/g, ''), draft);
    if (error) return { ok: false, error };
    rest = rest.replace(m[0], ' ');
  }

  // "2014-04" is a month, "2018-2020" a range of years: read before the tokenizer splits them.
  rest = rest.replace(/\b(19[89]\d|20[0-4]\d)-(0[1-9]|1[0-2])\b(?!-\d)/g, (_, y: string, m: string) => {
    const month = Number(y) * 12 + Number(m) - 1;
    draft.months = { from: month, to: month };
    draft.yearFrom = Number(y);
    draft.yearTo = Number(y);
    return ' ';
  });
  rest = rest.replace(/\b(19[89]\d|20[0-4]\d)\s*[-–]\s*(19[89]\d|20[0-4]\d)\b/g, (_, a: string, b: string) => {
    draft.yearFrom = Number(a);
    draft.yearTo = Number(b);
    return ' ';
  });
  // "1.3 million", "1,5 millions": the decimal becomes its own token for the number reader.
  const tokens = joinDigitGroups(tokenize(rest.replace(/(\d)[.,](\d)/g, '$1 $2')));
  const taken = readTokens({ tokens, draft, lookups: look });

  const terms = tokens.filter((t, i) => !taken[i] && !STOP_WORDS.has(t));
  if (terms.length > MAX_QUERY_TERMS) return { ok: false, error: { code: 'too-many-terms', limit: MAX_QUERY_TERMS, length: terms.length } };

  const { sort, kind, recordsHint, limit, ...filters } = draft;
  const query: ParsedQuery = {
    text,
    terms,
    filters,
    sort,
    language: detectLanguage(text),
    ...(kind ? { kind } : {}),
    ...(recordsHint !== undefined ? { recordsHint } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
  return { ok: true, query };
}

/** True when the query asks for anything beyond free text. */
export function hasFilters(filters: QueryFilters): boolean {
  return (
    filters.dataClasses.length > 0 ||
    filters.countries.length > 0 ||
    filters.yearFrom !== undefined ||
    filters.yearTo !== undefined ||
    filters.vendor !== undefined ||
    filters.anyVendor === true ||
    filters.months !== undefined ||
    filters.minRecords !== undefined
  );
}
