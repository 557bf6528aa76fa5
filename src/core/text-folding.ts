/**
 * Case and accent folding, and the one tokenizer used both to index and to query, so that
 * "Métropole", "METROPOLE" and "metropole" are the same term everywhere.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Letters that NFD does not decompose but people type without their ligature or stroke.
const SPECIAL_LETTERS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };
const SPECIAL_RE = /[œæßøłđı]/g;

/** Lower case, no accents, ligatures spelled out. Keeps every other character. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Folded words by regular expressions over the whole folded text: the definition `tokenize` keeps to. */
export function tokenizeSlowly(text: string): string[] {
  return fold(text).match(TOKEN_RE) ?? [];
}

/** Per UTF-16 code unit beyond ASCII: 1 when it may be part of a word (letter, digit, mark, or half a surrogate pair), 2 when not. */
const WORD_UNIT = new Uint8Array(65536);
const WORD_UNIT_RE = /[\p{L}\p{N}\p{M}]/u;

function isWordUnit(c: number): boolean {
  let known = WORD_UNIT[c]!;
  if (known === 0) {
    known = (c >= 0xd800 && c <= 0xdfff) || WORD_UNIT_RE.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_UNIT[c] = known;
  }
  return known === 1;
}

/**
 * Folded words: runs of letters and digits. "L'Améthyste" → ["l", "amethyste"]. One pass over
 * the characters: plain ASCII words are cut out as they are (lower-cased if needed), and only a
 * word holding another character goes through Unicode folding — the same words as
 * `tokenizeSlowly`, several times faster on long summaries.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  // 0: lower-case ASCII only; 1: has upper-case ASCII; 2: has other characters.
  let kind = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    let word: boolean;
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) word = true;
      else if (c >= 65 && c <= 90) {
        word = true;
        if (kind === 0) kind = 1;
      } else word = false;
    } else {
      word = isWordUnit(c);
      if (word) kind = 2;
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const w = text.slice(start, i);
      if (kind === 0) out.push(w);
      else if (kind === 1) out.push(w.toLowerCase());
      else for (const folded of tokenizeSlowly(w)) out.push(folded);
      start = -1;
      kind = 0;
    }
  }
  return out;
}

/**
 * Words that carry no meaning in a question about breaches, in English and French. They are
 * dropped from queries and from indexed text alike (so "métropole du grand paris" and
 * "metropole grand paris" are the same query).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'the', 'of', 'and', 'or', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'is', 'are', 'was', 'were',
  'be', 'been', 'it', 'its', 'this', 'that', 'these', 'those', 'what', 'which', 'who', 'whose', 'when', 'where', 'how',
  'did', 'do', 'does', 'has', 'have', 'had', 'any', 'all', 'show', 'me', 'tell', 'about', 'list', 'find', 'there',
  'breach', 'breaches', 'breached', 'leak', 'leaks', 'leaked', 'hack', 'hacked', 'incident', 'incidents', 'data',
  'involving', 'containing', 'exposed', 'exposing', 'stolen', 'please',
  // French
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'et', 'ou', 'en', 'au', 'aux', 'dans', 'sur', 'par',
  'pour', 'avec', 'chez', 'ce', 'ces', 'cet', 'cette', 'qui', 'que', 'quoi', 'quel', 'quelle', 'quels', 'quelles',
  'est', 'sont', 'a', 'ont', 'y', 'il', 'elle', 'fuite', 'fuites', 'donnees', 'piratage', 'piratages', 'vol',
  'cyberattaque', 'cyberattaques', 'montre', 'moi', 'liste', 'qu', 'stp', 'svp',
]);
