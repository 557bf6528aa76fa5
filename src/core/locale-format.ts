/**
 * Dates and numbers spelled in a locale: "5 May 2014" / "5 mai 2014", "1.3 million" / "1,3
 * million". Spelling only, no sentence and no typography: the wording layer (src/render) builds
 * answers with these, and the importers the summaries they store in both languages.
 */
import type { Lang } from './lang.js';
import { precisionOf } from './partial-date.js';

export const MONTH_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** "2022" → "2022"; "2022-09" → "September 2022"; "2014-05-05" → "5 May 2014" / "5 mai 2014"; "2014-05-01" → "1er mai 2014". */
export function formatDate(value: string, lang: Lang): string {
  const [y, m, d] = value.split('-');
  const month = m ? MONTH_NAMES[lang][Number(m) - 1] : undefined;
  switch (precisionOf(value)) {
    case 'year':
      return y!;
    case 'month':
      return `${month} ${y}`;
    case 'day':
      return `${Number(d)}${lang === 'fr' && Number(d) === 1 ? 'er' : ''} ${month} ${y}`;
  }
}

const DECIMAL: Readonly<Record<Lang, string>> = { en: '.', fr: ',' };
/** French groups thousands with a narrow no-break space, English with a comma (as Intl's fr-FR and en-GB do). */
const GROUP: Readonly<Record<Lang, string>> = { en: ',', fr: '\u202f' };

/** "1299", "9" → "1300", "10": a string of decimal digits plus one. */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  return i < 0 ? `1${'0'.repeat(digits.length)}` : `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
}

/**
 * `v` with its thousands grouped and at most `fractionDigits` decimals, trailing zeros dropped:
 * what `Intl.NumberFormat('en-GB' | 'fr-FR', { maximumFractionDigits })` prints (it rounds the
 * shortest decimal that reads back as `v`, half away from zero: 2.55 → 2.6), without loading
 * ICU's number data, which costs a one-shot search about 30 ms of its start.
 */
export function plainNumber(v: number, lang: Lang, fractionDigits = 0): string {
  const shortest = String(Math.abs(v));
  if (!/^\d+(\.\d+)?$/.test(shortest)) return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: fractionDigits }).format(v);
  const [whole, fraction = ''] = shortest.split('.') as [string, string?];
  let kept = whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0');
  if ((fraction[fractionDigits] ?? '0') >= '5') kept = incremented(kept);
  const wholeDigits = kept.slice(0, kept.length - fractionDigits);
  const decimals = kept.slice(kept.length - fractionDigits).replace(/0+$/, '');
  let grouped = '';
  for (let end = wholeDigits.length; end > 0; end -= 3) grouped = (end > 3 ? GROUP[lang] : '') + wholeDigits.slice(Math.max(0, end - 3), end) + grouped;
  return `${v < 0 || Object.is(v, -0) ? '-' : ''}${grouped}${decimals ? DECIMAL[lang] + decimals : ''}`;
}

/** 1300000 → "1.3 million" / "1,3 million"; 2e6 → "2 million" / "2 millions"; 45000 → "45,000" / "45 000". */
export function formatNumber(n: number, lang: Lang): string {
  const scaled = (unit: number, en: string, frOne: string, frMany: string) => {
    const text = plainNumber(n / unit, lang, 1);
    // French plural from 2 on, as displayed: "1,9 million", "2 millions".
    const shown = Math.round((n / unit) * 10) / 10;
    return `${text} ${lang === 'fr' ? (shown >= 2 ? frMany : frOne) : en}`;
  };
  if (n >= 1e9) return scaled(1e9, 'billion', 'milliard', 'milliards');
  if (n >= 1e6) return scaled(1e6, 'million', 'million', 'millions');
  return plainNumber(n, lang);
}
