/**
 * Typography and small grammar of each language: the colon of a label, quotation marks, French
 * elision ("d'utilisateurs", "de comptes") and the narrow no-break space French puts before
 * : ; ? ! and inside « ». Every renderer goes through these, so no answer mixes conventions.
 */
import type { Lang } from '../core/language.js';

/** U+202F NARROW NO-BREAK SPACE: before : ; ? ! and inside « » in French. */
export const NNBSP = '\u202f';

/** A label's colon: "When: …" / "Quand : …" (narrow no-break space before the colon in French). */
export function colon(lang: Lang): string {
  return lang === 'fr' ? `${NNBSP}: ` : ': ';
}

/** A list separator between items that hold commas: "; " / " ; " (narrow no-break space in French). */
export function semicolon(lang: Lang): string {
  return lang === 'fr' ? `${NNBSP}; ` : '; ';
}

/** A label and its value: "When: 2014" / "Quand : 2014". */
export function labelled(label: string, value: string, lang: Lang): string {
  return `${label}${colon(lang)}${value}`;
}

const QUOTE_CHARS = `"'“”„«»‘’‹›`;
const ENCLOSED = new RegExp(`^[\\s${QUOTE_CHARS}]+|[\\s${QUOTE_CHARS}]+$`, 'g');

/**
 * A value in quotation marks: “Help At Home” / « Help At Home ». Quotation marks the value
 * already carries at its ends are dropped first, so a name stored as `"Help At Home"` is not
 * quoted twice (`““Help At Home"”`).
 */
export function quote(value: string, lang: Lang): string {
  const inner = value.replace(ENCLOSED, '') || value;
  return lang === 'fr' ? `«${NNBSP}${inner}${NNBSP}»` : `“${inner}”`;
}

// Words starting with an "h" that does not elide ("de hauts", "de héros"): the h aspiré.
const H_ASPIRE = /^(ha(ch|ll|m|n|r|s|ut)|hé(ro|ri)|heur(t)|hibou|hock|hold|hon(te|g)|hors|hou|hu(a|r|t))/i;

/** True when French elides before `word` ("d'utilisateurs", "l'organisation"). */
export function elides(word: string): boolean {
  const w = word.trimStart();
  if (/^[aeiouyàâäéèêëîïôöûùüœæ]/i.test(w)) return !/^(y[aeiou]|oui|onze)/i.test(w);
  if (/^h/i.test(w)) return !H_ASPIRE.test(w);
  return false;
}

/** "de" or "d'" before `word`, joined: "de comptes", "d'utilisateurs", "d'entrées". */
export function deFr(word: string): string {
  return elides(word) ? `d'${word.trimStart()}` : `de ${word.trimStart()}`;
}

/**
 * French spacing in a text the bot did not write (a summary, a cause, a note): the space before
 * : ; ? ! becomes a narrow no-break space (one is added where none was), and so do the spaces
 * inside « ». A colon or "?" inside a word or a URL ("https://", "08:30", "?q=") is left alone:
 * only one followed by a space or the end is punctuation.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/([^\s\u202f\u00a0:;!?(«])[ \u00a0\u202f]*([;:!?]+)(?=\s|$|[)»"*_])/gu, (m: string, before: string, marks: string, offset: number, whole: string) =>
      // An emoji code (":warning:") is not punctuation: its closing colon follows its name with no space. A
      // colon after a space is, even after a time ("08:30 :").
      marks.startsWith(':') && !/[ \u00a0\u202f]/.test(m) && /:[a-z0-9_+-]+$/i.test(whole.slice(0, offset + 1)) ? m : `${before}${NNBSP}${marks}`,
    )
    .replace(/«[ \u00a0\u202f]*/g, `«${NNBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NNBSP}»`);
}

/** A text in the reader's language's typography (French spacing in French, unchanged in English). */
export function typeset(text: string, lang: Lang): string {
  return lang === 'fr' ? frenchSpacing(text) : text;
}
