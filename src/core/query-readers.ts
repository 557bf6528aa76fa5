/**
 * The question's words, read left to right by an ordered list of small token readers, one per
 * kind of filter. At each position the first reader that recognizes what starts there takes
 * those words; whatever no reader takes (and is not a stop word) is a word to search for.
 *
 * Every reader is pure and exported, so each is tested on its own. A word that is part of an
 * indexed name next to its neighbour ("Via Christi", "latest pilot jobs", "French Citizens
 * Association") stays a name word: readers check `partOfName` before taking a word that is also
 * an ordinary word of the question.
 */
import { DATA_CLASSES } from './data-classes.js';
import { resolveCountry, COUNTRY_DEMONYMS } from './countries.js';
import { STOP_WORDS, tokenize } from './text-folding.js';
import {
  BEFORE_CUES, BETWEEN_CUES, COUNT_NOUNS, COUNTRY_CUES, KIND_WORDS, MONTH_WORDS, NUMBER_WORDS, QUESTION_WORDS, RANGE_JOINS, SINCE_CUES, SIZE_CUES,
  QUERY_CLASS_SYNONYMS, SORT_WORDS, VENDOR_CUES, VENDOR_FILLERS, VENDOR_NOUNS,
  type SortOrder,
} from './query-words.js';

/** What the catalog tells the parser about a word. */
export interface QueryLookups {
  /** The folded word occurs in an indexed name. */
  isNameTerm(term: string): boolean;
  /** The two folded words follow each other in an indexed name. */
  isNamePair(first: string, second: string): boolean;
  /** The folded word occurs in a vendor's name. */
  isVendorTerm(term: string): boolean;
}

export const NO_LOOKUPS: QueryLookups = { isNameTerm: () => false, isNamePair: () => false, isVendorTerm: () => false };

/** A month range as month numbers since year 0 (`year * 12 + month - 1`), or months of any year (0–11). */
export interface MonthRange {
  readonly from: number;
  readonly to: number;
  /** "février" alone: February of any year; then `from`/`to` are 0–11. */
  readonly anyYear?: true;
}

/** What the readers have understood so far. */
export interface Draft {
  dataClasses: string[];
  yearFrom?: number;
  yearTo?: number;
  months?: MonthRange;
  countries: string[];
  vendor?: string;
  anyVendor?: boolean;
  minRecords?: number;
  sort: SortOrder;
  kind?: 'attack' | 'breach';
  recordsHint?: number;
  limit?: number;
}

export interface Reading {
  readonly tokens: readonly string[];
  readonly draft: Draft;
  readonly lookups: QueryLookups;
}

/** Takes the words that start at `i` (0 when what starts there is not its kind). */
export type TokenReader = (r: Reading, i: number) => number;

export function newDraft(): Draft {
  return { dataClasses: [], countries: [], sort: 'relevance' };
}

export function isYear(t: string | undefined): boolean {
  return t !== undefined && /^(19[89]\d|20[0-4]\d)$/.test(t);
}

/** True when word `i` is part of an indexed name together with the word before or after it. */
export function partOfName(r: Reading, i: number): boolean {
  const t = r.tokens[i];
  if (t === undefined || !r.lookups.isNameTerm(t)) return false;
  const before = r.tokens[i - 1];
  const after = r.tokens[i + 1];
  return (before !== undefined && r.lookups.isNamePair(before, t)) || (after !== undefined && r.lookups.isNamePair(t, after));
}

/** Reads "1.5m", "10k", "1 million", "100000", "1 6 million" (1,6 million) at tokens[i]. */
export function readNumber(tokens: readonly string[], i: number): { value: number; used: number; unit: boolean } | undefined {
  const t = tokens[i];
  const m = t === undefined ? null : /^(\d+)([kmb])?$/.exec(t);
  if (!m) return undefined;
  let value = Number(m[1]);
  let used = 1;
  let unitText = m[2];
  // "1.5 million" and "1,5 million" come as "1", "5", "million" (or "1", "5m").
  const next = /^(\d{1,2})([kmb])?$/.exec(tokens[i + 1] ?? '');
  if (!unitText && next && (next[2] !== undefined || NUMBER_WORDS.has(tokens[i + 2] ?? ''))) {
    value = Number(`${m[1]}.${next[1]}`);
    used = 2;
    unitText = next[2];
  }
  const unit = unitText ?? tokens[i + used];
  const mult = unit !== undefined ? NUMBER_WORDS.get(unit) : undefined;
  if (mult !== undefined) {
    value *= mult;
    if (!unitText) used++;
  }
  return { value, used, unit: mult !== undefined };
}

function startsWith(tokens: readonly string[], i: number, seq: readonly string[]): boolean {
  return seq.every((s, k) => tokens[i + k] === s);
}

function monthAt(r: Reading, i: number): number | undefined {
  const w = r.tokens[i] === undefined ? undefined : MONTH_WORDS.get(r.tokens[i]!);
  return w?.month;
}

const monthIndex = (year: number, month: number) => year * 12 + month - 1;

/** "between 2018 and 2020", "entre 2018 et 2020", "de 2018 à 2020", "2018 to 2020". */
export const readYearRange: TokenReader = (r, i) => {
  const t = r.tokens;
  const cue = BETWEEN_CUES.has(t[i]!) ? 1 : 0;
  if (!isYear(t[i + cue]) || !RANGE_JOINS.has(t[i + cue + 1] ?? '') || !isYear(t[i + cue + 2])) return 0;
  if (cue === 0 && !['to', 'a', 'au'].includes(t[i + 1]!)) return 0;
  r.draft.yearFrom = Number(t[i + cue]);
  r.draft.yearTo = Number(t[i + cue + 2]);
  return cue + 3;
};

/** "between April and June 2014", "d'avril à juin 2014", "from March to May". */
export const readMonthRange: TokenReader = (r, i) => {
  const t = r.tokens;
  if (!BETWEEN_CUES.has(t[i]!)) return 0;
  const a = monthAt(r, i + 1);
  const b = monthAt(r, i + 3);
  if (a === undefined || b === undefined || !RANGE_JOINS.has(t[i + 2] ?? '')) return 0;
  if (isYear(t[i + 4])) {
    const y = Number(t[i + 4]);
    r.draft.months = { from: monthIndex(y, a), to: monthIndex(b < a ? y + 1 : y, b) };
    r.draft.yearFrom = y;
    r.draft.yearTo = b < a ? y + 1 : y;
    return 5;
  }
  r.draft.months = { from: a - 1, to: b - 1, anyYear: true };
  return 4;
};

/** "since 2020", "depuis avril 2014", "before 2019", "avant mars 2020". */
export const readSinceBefore: TokenReader = (r, i) => {
  const t = r.tokens;
  const since = SINCE_CUES.has(t[i]!);
  if (!since && !BEFORE_CUES.has(t[i]!)) return 0;
  const month = monthAt(r, i + 1);
  if (month !== undefined && isYear(t[i + 2])) {
    const y = Number(t[i + 2]);
    if (since) {
      r.draft.months = { from: monthIndex(y, month), to: monthIndex(9999, 12) };
      r.draft.yearFrom = y;
    } else {
      r.draft.months = { from: 0, to: monthIndex(y, month) - 1 };
      r.draft.yearTo = month === 1 ? y - 1 : y;
    }
    return 3;
  }
  if (!isYear(t[i + 1])) return 0;
  if (since) r.draft.yearFrom = Number(t[i + 1]);
  else r.draft.yearTo = Number(t[i + 1]) - 1;
  return 2;
};

/** "avril 2014", "in April 2014", "february" (any year), "mai 2024" (a short or ambiguous month needs its year). */
export const readMonth: TokenReader = (r, i) => {
  const w = MONTH_WORDS.get(r.tokens[i]!);
  if (!w) return 0;
  if (isYear(r.tokens[i + 1])) {
    const y = Number(r.tokens[i + 1]);
    r.draft.months = { from: monthIndex(y, w.month), to: monthIndex(y, w.month) };
    r.draft.yearFrom = y;
    r.draft.yearTo = y;
    return 2;
  }
  if (isYear(r.tokens[i - 1]) && r.draft.yearFrom !== undefined && r.draft.yearFrom === r.draft.yearTo) {
    // "2014 avril": the year was read just before.
    r.draft.months = { from: monthIndex(r.draft.yearFrom, w.month), to: monthIndex(r.draft.yearFrom, w.month) };
    return 1;
  }
  if (w.needsYear || partOfName(r, i)) return 0;
  r.draft.months = { from: w.month - 1, to: w.month - 1, anyYear: true };
  return 1;
};

/** A minimum size: "over 1 million", "plus de 100 000", "at least 10k". */
export const readMinSize: TokenReader = (r, i) => {
  const cue = SIZE_CUES.find((c) => startsWith(r.tokens, i, c));
  if (!cue) return 0;
  const size = readNumber(r.tokens, i + cue.length);
  if (!size || (isYear(r.tokens[i + cue.length]) && !size.unit && !COUNT_NOUNS.has(r.tokens[i + cue.length + 1] ?? ''))) return 0;
  r.draft.minRecords = size.value;
  return cue.length + size.used;
};

/**
 * A count in the question, a strong hint of which incident is meant: "orange 800000 clients",
 * "1,6 million de personnes", "43m". A bare number reads as a count from 1,000 (not a year);
 * with a unit or a word for people or records after it, from 1.
 */
export const readCount: TokenReader = (r, i) => {
  const n = readNumber(r.tokens, i);
  if (!n || partOfName(r, i)) return 0;
  let used = n.used;
  const nounAt = (k: number) => COUNT_NOUNS.has(r.tokens[k] ?? '');
  let noun = nounAt(i + used);
  if (!noun && (r.tokens[i + used] === 'de' || r.tokens[i + used] === 'of') && nounAt(i + used + 1)) {
    noun = true;
    used++;
  }
  if (!n.unit && !noun && (n.value < 1000 || isYear(r.tokens[i]))) return 0;
  if (n.value <= 0) return 0;
  r.draft.recordsHint = n.value;
  return used + (noun ? 1 : 0);
};

/** A year on its own: "orange 2014". */
export const readYear: TokenReader = (r, i) => {
  if (!isYear(r.tokens[i])) return 0;
  r.draft.yearFrom = Number(r.tokens[i]);
  r.draft.yearTo = Number(r.tokens[i]);
  return 1;
};

/** "10" in "top 10", "10 biggest", "les 5 plus récentes": how many incidents are asked for (1 to 100). */
function howMany(t: string | undefined): number | undefined {
  if (t === undefined || !/^\d{1,3}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= MAX_ASKED ? n : undefined;
}
export const MAX_ASKED = 100;

/**
 * "latest", "les plus récentes", "biggest", "most recent", and how many with them: "top 10",
 * "10 biggest", "les 5 plus grosses", "5 latest" (the number is never searched as a word).
 */
export const readSort: TokenReader = (r, i) => {
  const t = r.tokens;
  const before = howMany(t[i]);
  const at = before === undefined ? i : i + 1;
  const lead = t[at] === 'plus' || t[at] === 'most' ? 1 : 0;
  const sort = SORT_WORDS.get(t[at + lead]!);
  if (!sort || partOfName(r, at + lead)) return 0;
  r.draft.sort = sort;
  let used = at - i + lead + 1;
  const after = before === undefined ? howMany(t[i + used]) : undefined;
  if (after !== undefined) used++;
  const asked = before ?? after;
  if (asked !== undefined) r.draft.limit = asked;
  return used;
};

function addCountry(draft: Draft, code: string): void {
  if (!draft.countries.includes(code)) draft.countries.push(code);
}

/** "in France", "au Royaume-Uni", "from the UK", "pays: Belgique". */
export const readCountry: TokenReader = (r, i) => {
  if (!COUNTRY_CUES.has(r.tokens[i]!)) return 0;
  const skip = r.tokens[i + 1] === 'the' || r.tokens[i + 1] === 'les' ? 1 : 0;
  for (const n of [3, 2, 1]) {
    const at = i + 1 + skip;
    const code = resolveCountry(r.tokens.slice(at, at + n).join(' '));
    if (!code || r.tokens.length < at + n) continue;
    // "en France Travail": the country is a word of a name here.
    if (partOfName(r, at + n - 1) && r.tokens[at + n] !== undefined && r.lookups.isNamePair(r.tokens[at + n - 1]!, r.tokens[at + n]!)) return 0;
    addCountry(r.draft, code);
    return 1 + skip + n;
  }
  return 0;
};

/** "french breaches", "fuites françaises", "British", "américains". */
export const readDemonym: TokenReader = (r, i) => {
  const code = COUNTRY_DEMONYMS.get(r.tokens[i]!);
  if (!code || partOfName(r, i)) return 0;
  addCountry(r.draft, code);
  return 1;
};

/**
 * Vendor cues: "via inbenta", "through a supplier", "prestataire sirius", "sous-traitant",
 * "a chatbot vendor". A vendor's name after the cue filters by that vendor; anything else asks
 * for incidents that went through a vendor, and its words stay searched ("chatbot").
 */
export const readVendor: TokenReader = (r, i) => {
  const t = r.tokens;
  const cue = t[i]!;
  if (!VENDOR_CUES.has(cue) || partOfName(r, i)) return 0;
  let j = i + 1;
  if (cue === 'third') {
    if (t[j] !== 'party') return 0;
    j++;
  }
  if (cue === 'sous') {
    if (t[j] !== 'traitant' && t[j] !== 'traitants') return 0;
    j++;
  }
  while (t[j] !== undefined && VENDOR_FILLERS.has(t[j]!)) j++;
  if (t[j] !== undefined && VENDOR_NOUNS.has(t[j]!)) j++;
  while (t[j] !== undefined && VENDOR_FILLERS.has(t[j]!)) j++;
  const first = t[j];
  if (first !== undefined && r.lookups.isVendorTerm(first) && !STOP_WORDS.has(first)) {
    let end = j + 1;
    while (t[end] !== undefined && r.lookups.isVendorTerm(t[end]!) && r.lookups.isNamePair(t[end - 1]!, t[end]!)) end++;
    r.draft.vendor = t.slice(j, end).join(' ');
    return end - i;
  }
  r.draft.anyVendor = true;
  return j - i;
};

/** Singular of a folded French or English plural, for matching data-class phrases ("mutuelles"). */
function singular(word: string): string {
  if (word.length > 3 && (word.endsWith('s') || word.endsWith('x')) && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

interface ClassPhrase {
  readonly tokens: readonly string[];
  readonly name: string;
}

/** Every way of naming a data class, as folded singular token sequences, longest first. */
export const CLASS_PHRASES: readonly ClassPhrase[] = [
  ...DATA_CLASSES.flatMap((c) => [c.name, c.en, c.fr, ...c.synonyms].map((p) => ({ tokens: tokenize(p).map(singular), name: c.name }))),
  ...[...QUERY_CLASS_SYNONYMS].map(([p, name]) => ({ tokens: tokenize(p).map(singular), name })),
]
  .filter((p) => p.tokens.length > 0)
  .sort((a, b) => b.tokens.length - a.tokens.length);

/** The data class a phrase names exactly ("passwords", "numéros de sécurité sociale"), for `data:`. */
export function classOfPhrase(text: string): string | undefined {
  const toks = tokenize(text).map(singular);
  return CLASS_PHRASES.find((p) => p.tokens.length === toks.length && p.tokens.every((t, k) => t === toks[k]))?.name;
}

/** "mots de passe", "social security numbers", "données bancaires", "IBAN", "NIR". */
export const readDataClass: TokenReader = (r, i) => {
  const phrase = CLASS_PHRASES.find((p) => p.tokens.every((s, k) => r.tokens[i + k] !== undefined && singular(r.tokens[i + k]!) === s));
  if (!phrase) return 0;
  // A one-word class that is also a word of a name ("La Poste", "Via Santé") stays a name word.
  if (phrase.tokens.length === 1 && r.lookups.isNameTerm(r.tokens[i]!)) return 0;
  if (!r.draft.dataClasses.includes(phrase.name)) r.draft.dataClasses.push(phrase.name);
  return phrase.tokens.length;
};

/** "attack", "cyberattaque", "ransomware" ask for attacks; "breach", "fuite", "leak" for breaches. */
export const readKind: TokenReader = (r, i) => {
  const kind = KIND_WORDS.get(r.tokens[i]!);
  if (!kind || partOfName(r, i)) return 0;
  if (r.draft.kind !== 'attack') r.draft.kind = kind;
  return 1;
};

/** Question words ("combien", "touchées", "who", "hacked", "personnes"): understood, never searched. */
export const readQuestionWord: TokenReader = (r, i) => (QUESTION_WORDS.has(r.tokens[i]!) && !partOfName(r, i) ? 1 : 0);

/** The readers, in the order they are tried at each position. */
export const READERS: readonly TokenReader[] = [
  readYearRange,
  readMonthRange,
  readSinceBefore,
  readMinSize,
  readCount,
  readMonth,
  readYear,
  readSort,
  readCountry,
  readDemonym,
  readVendor,
  readDataClass,
  readKind,
  readQuestionWord,
];

/** Runs the readers over the tokens; returns which tokens they took. */
export function readTokens(r: Reading, readers: readonly TokenReader[] = READERS): boolean[] {
  const taken = new Array<boolean>(r.tokens.length).fill(false);
  for (let i = 0; i < r.tokens.length; ) {
    let used = 0;
    for (const reader of readers) {
      used = reader(r, i);
      if (used > 0) break;
    }
    if (used > 0) {
      for (let k = i; k < Math.min(r.tokens.length, i + used); k++) taken[k] = true;
      i += used;
    } else i++;
  }
  return taken;
}
