/**
 * Turns what a person types into a structured query: free-text terms plus the filters and sort
 * order written in the same text, in English or French ("fuites de mots de passe en 2024",
 * "biggest breaches in France", "orange 2014", "data:ssn since 2020"). Pure: no index access
 * beyond the `isNameTerm` predicate it is given, so a word that is part of an organization's
 * name ("La Poste") stays a name, not a data-class filter.
 */
import { DATA_CLASSES } from './data-classes.js';
import { fold, STOP_WORDS, tokenize } from './text-folding.js';
import { resolveCountry, COUNTRY_DEMONYMS } from './countries.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_TERMS = 12;

export type SortOrder = 'relevance' | 'date' | 'size';

export interface QueryFilters {
  /** Canonical data-class names; an incident must carry every one. */
  readonly dataClasses: readonly string[];
  readonly yearFrom?: number;
  readonly yearTo?: number;
  /** ISO alpha-2 codes; an incident matches if its organization or an affected one is in any. */
  readonly countries: readonly string[];
  /** Folded vendor name fragment. */
  readonly vendor?: string;
  readonly minRecords?: number;
}

export interface ParsedQuery {
  /** The query as received, control characters stripped and spaces collapsed. */
  readonly text: string;
  /** Folded content terms left once filters, sort words and stop words are taken out. */
  readonly terms: readonly string[];
  readonly filters: QueryFilters;
  readonly sort: SortOrder;
  /** The language the question is written in, as far as its words tell. */
  readonly language: 'en' | 'fr';
}

export type QueryErrorCode = 'empty-query' | 'query-too-long' | 'too-many-terms' | 'bad-filter';

export interface QueryError {
  readonly code: QueryErrorCode;
  /** Limit broken, or the filter that could not be read. */
  readonly limit?: number;
  readonly length?: number;
  readonly detail?: string;
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

// Control characters (C0, DEL, C1), zero-width and bidi marks: never meaningful in a query.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Strips control characters and collapses white space. */
export function cleanText(input: string): string {
  return input.replace(CONTROL_RE, ' ').replace(/\s+/g, ' ').trim();
}

const SORT_WORDS: ReadonlyMap<string, SortOrder> = new Map([
  ...['latest', 'recent', 'newest', 'new', 'last', 'dernieres', 'derniers', 'derniere', 'dernier', 'recentes', 'recents', 'recente', 'nouvelles', 'nouveaux'].map((w) => [w, 'date'] as const),
  ...['biggest', 'largest', 'largest', 'top', 'worst', 'huge', 'grosses', 'gros', 'grosse', 'grandes', 'importantes', 'massives', 'pires'].map((w) => [w, 'size'] as const),
]);

const FRENCH_MARKERS = new Set(['fuite', 'fuites', 'les', 'des', 'du', 'de', 'en', 'depuis', 'avant', 'apres', 'chez', 'quelles', 'quels', 'quel', 'quelle', 'donnees', 'numeros', 'mots', 'passe', 'plus', 'grosses', 'recentes', 'dernieres', 'piratage', 'qui', 'quoi', 'ont', 'fuite', 'entre', 'et', 'au', 'aux', 'sont', 'montre', 'moi', 'adresses', 'telephone', 'naissance', 'securite', 'sociale', 'veille', 'ajouter', 'retirer', 'abonner', 'desabonner', 'resume', 'apercu', 'statut']);
const ENGLISH_MARKERS = new Set(['breach', 'breaches', 'leak', 'leaks', 'leaked', 'the', 'of', 'with', 'since', 'before', 'after', 'what', 'which', 'in', 'numbers', 'passwords', 'biggest', 'latest', 'and', 'at', 'show', 'who', 'from', 'addresses', 'security', 'social']);

/** English or French, from the words used (accents count for French). Defaults to `fallback`. */
export function detectLanguage(text: string, fallback: 'en' | 'fr' = 'en'): 'en' | 'fr' {
  let fr = /[àâçéèêëîïôûùüÿœ]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const t of tokenize(text)) {
    if (FRENCH_MARKERS.has(t)) fr++;
    if (ENGLISH_MARKERS.has(t)) en++;
  }
  return fr > en ? 'fr' : en > fr ? 'en' : fallback;
}

interface ClassPhrase {
  readonly tokens: readonly string[];
  readonly name: string;
}

/** Every way of naming a data class, as folded token sequences, longest first. */
const CLASS_PHRASES: readonly ClassPhrase[] = DATA_CLASSES.flatMap((c) =>
  [c.name, c.en, c.fr, ...c.synonyms].map((p) => ({ tokens: tokenize(p), name: c.name })),
)
  .filter((p) => p.tokens.length > 0)
  .sort((a, b) => b.tokens.length - a.tokens.length);

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['mille', 1e3], ['m', 1e6], ['million', 1e6], ['millions', 1e6], ['mio', 1e6],
  ['b', 1e9], ['billion', 1e9], ['billions', 1e9], ['milliard', 1e9], ['milliards', 1e9],
]);

function isYear(t: string | undefined): boolean {
  return t !== undefined && /^(19[89]\d|20[0-4]\d)$/.test(t);
}

/** Reads "1.5m", "10k", "1 million", "100000" starting at tokens[i] (with the raw number text). */
function readSize(tokens: readonly string[], i: number): { value: number; used: number } | undefined {
  const t = tokens[i];
  if (t === undefined) return undefined;
  const m = /^(\d+)([kmb])?$/.exec(t);
  if (!m) return undefined;
  let value = Number(m[1]);
  let used = 1;
  // "1.5 million" is tokenized as "1", "5", "million"; "1,5 million" likewise.
  const next = tokens[i + 1];
  const after = tokens[i + 2];
  if (!m[2] && next !== undefined && /^\d{1,2}$/.test(next) && after !== undefined && NUMBER_WORDS.has(after)) {
    value = Number(`${m[1]}.${next}`);
    used = 2;
  }
  const unit = m[2] ?? tokens[i + used];
  const mult = unit !== undefined ? NUMBER_WORDS.get(unit) : undefined;
  if (mult !== undefined) {
    value *= mult;
    if (!m[2]) used++;
  }
  return { value, used };
}

const SIZE_CUES = [['over'], ['more', 'than'], ['at', 'least'], ['above'], ['plus', 'de'], ['au', 'moins'], ['min'], ['minimum'], ['greater', 'than'], ['superieur', 'a']];
const SINCE_CUES = new Set(['since', 'depuis', 'after', 'apres', 'from', 'des']);
const BEFORE_CUES = new Set(['before', 'avant']);
const BETWEEN_CUES = new Set(['between', 'entre']);
const COUNTRY_CUES = new Set(['in', 'en', 'au', 'aux', 'from', 'country', 'pays']);
const VENDOR_CUES = new Set(['via', 'through', 'vendor', 'supplier', 'prestataire', 'fournisseur', 'subcontractor', 'soustraitant']);

function startsWith(tokens: readonly string[], i: number, seq: readonly string[]): boolean {
  return seq.every((s, k) => tokens[i + k] === s);
}

interface Draft {
  dataClasses: string[];
  yearFrom?: number;
  yearTo?: number;
  countries: string[];
  vendor?: string;
  minRecords?: number;
  sort: SortOrder;
}

/** `key:value` operators: data:, year:, country:, vendor:, min:, sort: (English and French keys). */
function applyOperator(key: string, value: string, draft: Draft): QueryError | undefined {
  const v = fold(value);
  switch (key) {
    case 'data':
    case 'class':
    case 'donnees':
    case 'donnee': {
      const toks = tokenize(v);
      const hit = CLASS_PHRASES.find((p) => p.tokens.length === toks.length && p.tokens.every((t, k) => t === toks[k]));
      if (!hit) return { code: 'bad-filter', detail: `data:${value}` };
      if (!draft.dataClasses.includes(hit.name)) draft.dataClasses.push(hit.name);
      return undefined;
    }
    case 'year':
    case 'annee': {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v);
      if (!m) return { code: 'bad-filter', detail: `year:${value}` };
      draft.yearFrom = Number(m[1]);
      draft.yearTo = Number(m[2] ?? m[1]);
      return undefined;
    }
    case 'country':
    case 'pays': {
      const code = resolveCountry(v);
      if (!code) return { code: 'bad-filter', detail: `country:${value}` };
      if (!draft.countries.includes(code)) draft.countries.push(code);
      return undefined;
    }
    case 'vendor':
    case 'fournisseur':
    case 'prestataire':
      draft.vendor = tokenize(v).join(' ');
      return draft.vendor ? undefined : { code: 'bad-filter', detail: `vendor:${value}` };
    case 'min':
    case 'size': {
      const size = readSize(tokenize(v.replace(/(\d)[.,](\d)/g, '$1 $2')), 0);
      if (!size) return { code: 'bad-filter', detail: `min:${value}` };
      draft.minRecords = size.value;
      return undefined;
    }
    case 'sort':
    case 'tri': {
      const s = v === 'size' || v === 'taille' ? 'size' : v === 'date' ? 'date' : v === 'relevance' || v === 'pertinence' ? 'relevance' : undefined;
      if (!s) return { code: 'bad-filter', detail: `sort:${value}` };
      draft.sort = s;
      return undefined;
    }
    default:
      return { code: 'bad-filter', detail: `${key}:${value}` };
  }
}

const OPERATOR_RE = /(?:^|\s)([a-zA-Zéè]+):("[^"]*"|\S+)/g;

/**
 * Parses a query. `isNameTerm` tells whether a folded word belongs to an indexed name, so that
 * a one-word data class ("mail", "poste") that is also part of a name stays searchable text.
 * `isNamePair` tells whether two folded words follow each other in an indexed name: a sort word
 * ("latest") is read as part of a name only beside its neighbour there ("latest pilot jobs"),
 * so "latest breaches in France" still sorts by date.
 */
export function parseQuery(
  input: string,
  isNameTerm: (term: string) => boolean = () => false,
  isNamePair: (first: string, second: string) => boolean = () => false,
): ParseResult {
  const text = cleanText(input);
  if (text === '') return { ok: false, error: { code: 'empty-query' } };
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: { code: 'query-too-long', limit: MAX_QUERY_LENGTH, length: text.length } };

  const draft: Draft = { dataClasses: [], countries: [], sort: 'relevance' };
  let rest = text;
  for (const m of text.matchAll(OPERATOR_RE)) {
    const key = fold(m[1] ?? '');
    if (key === 'http' || key === 'https') continue;
    const error = applyOperator(key, (m[2] ?? '').replace(/^"|"$/g, ''), draft);
    if (error) return { ok: false, error };
    rest = rest.replace(m[0], ' ');
  }

  // "2018-2020" reads as a range before the tokenizer splits it.
  rest = rest.replace(/\b(19[89]\d|20[0-4]\d)\s*[-–]\s*(19[89]\d|20[0-4]\d)\b/g, (_, a: string, b: string) => {
    draft.yearFrom = Number(a);
    draft.yearTo = Number(b);
    return ' ';
  });
  // "1.3 million", "1,5 millions": keep the decimal as its own token for readSize.
  const tokens = tokenize(rest.replace(/(\d)[.,](\d)/g, '$1 $2'));
  const consumed = new Array<boolean>(tokens.length).fill(false);
  const take = (i: number, n: number) => {
    for (let k = i; k < i + n; k++) consumed[k] = true;
  };

  for (let i = 0; i < tokens.length; i++) {
    if (consumed[i]) continue;
    const t = tokens[i]!;
    // Year ranges and single years.
    if (BETWEEN_CUES.has(t) && isYear(tokens[i + 1]) && (tokens[i + 2] === 'and' || tokens[i + 2] === 'et') && isYear(tokens[i + 3])) {
      draft.yearFrom = Number(tokens[i + 1]);
      draft.yearTo = Number(tokens[i + 3]);
      take(i, 4);
      continue;
    }
    if (SINCE_CUES.has(t) && isYear(tokens[i + 1])) {
      draft.yearFrom = Number(tokens[i + 1]);
      take(i, 2);
      continue;
    }
    if (BEFORE_CUES.has(t) && isYear(tokens[i + 1])) {
      draft.yearTo = Number(tokens[i + 1]) - 1;
      take(i, 2);
      continue;
    }
    if (isYear(t) && !(i > 0 && SIZE_CUES.some((c) => c[c.length - 1] === tokens[i - 1]))) {
      draft.yearFrom = Number(t);
      draft.yearTo = Number(t);
      take(i, 1);
      continue;
    }
    // Minimum size: "over 1 million", "plus de 100 000".
    const cue = SIZE_CUES.find((c) => startsWith(tokens, i, c));
    if (cue) {
      // "100 000" is tokenized as two numbers: join a following 3-digit group.
      const j = i + cue.length;
      const numTokens = [...tokens];
      while (/^\d+$/.test(numTokens[j] ?? '') && /^\d{3}$/.test(numTokens[j + 1] ?? '')) {
        numTokens.splice(j, 2, `${numTokens[j]}${numTokens[j + 1]}`);
        consumed.splice(j + 1, 1);
        tokens.splice(j + 1, 1);
      }
      const size = readSize(numTokens, j);
      if (size) {
        draft.minRecords = size.value;
        take(i, cue.length + size.used);
        continue;
      }
    }
    // Sort words: "latest", "plus grosses", "les plus récentes".
    const sort = SORT_WORDS.get(t);
    const inName = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && isNamePair(a, b);
    if (sort && !(isNameTerm(t) && (inName(tokens[i - 1], t) || inName(t, tokens[i + 1])))) {
      draft.sort = sort;
      take(i, 1);
      if (i > 0 && tokens[i - 1] === 'plus') take(i - 1, 1);
      continue;
    }
    // Countries: "in France", "au Royaume-Uni", "french", "UK".
    if (COUNTRY_CUES.has(t)) {
      for (const n of [3, 2, 1]) {
        const code = resolveCountry(tokens.slice(i + 1, i + 1 + n).join(' '));
        if (code) {
          if (!draft.countries.includes(code)) draft.countries.push(code);
          take(i, n + 1);
          break;
        }
      }
      if (consumed[i]) continue;
    }
    const demonym = COUNTRY_DEMONYMS.get(t);
    if (demonym && !isNameTerm(t)) {
      if (!draft.countries.includes(demonym)) draft.countries.push(demonym);
      take(i, 1);
      continue;
    }
    // Vendor: "via inbenta", "prestataire sirius".
    if (VENDOR_CUES.has(t) && tokens[i + 1] !== undefined && !STOP_WORDS.has(tokens[i + 1]!)) {
      draft.vendor = tokens[i + 1];
      take(i, 2);
      continue;
    }
    // Data classes: the longest phrase starting here.
    const phrase = CLASS_PHRASES.find((p) => startsWith(tokens, i, p.tokens));
    if (phrase && !(phrase.tokens.length === 1 && isNameTerm(t))) {
      if (!draft.dataClasses.includes(phrase.name)) draft.dataClasses.push(phrase.name);
      take(i, phrase.tokens.length);
      continue;
    }
  }

  const terms = tokens.filter((t, i) => !consumed[i] && !STOP_WORDS.has(t));
  if (terms.length > MAX_QUERY_TERMS) return { ok: false, error: { code: 'too-many-terms', limit: MAX_QUERY_TERMS, length: terms.length } };

  const { sort, ...filters } = draft;
  return { ok: true, query: { text, terms, filters, sort, language: detectLanguage(text) } };
}

/** True when the query asks for anything beyond free text. */
export function hasFilters(filters: QueryFilters): boolean {
  return (
    filters.dataClasses.length > 0 ||
    filters.countries.length > 0 ||
    filters.yearFrom !== undefined ||
    filters.yearTo !== undefined ||
    filters.vendor !== undefined ||
    filters.minRecords !== undefined
  );
}
