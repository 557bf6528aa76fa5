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

/** Folded words: runs of letters and digits. "L'Améthyste" → ["l", "amethyste"]. */
export function tokenize(text: string): string[] {
  return fold(text).match(TOKEN_RE) ?? [];
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

/** Tokens with stop words removed. */
export function contentTokens(text: string): string[] {
  return tokenize(text).filter((t) => !STOP_WORDS.has(t));
}
