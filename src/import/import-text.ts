/**
 * Text helpers every importer shares: stable slugs for ids, feed HTML turned into safe plain
 * text (no tag, no entity, no control character survives), the links it carried, and names
 * written in CamelCase ("BouyguesTelecom") spelled out.
 */
import { fold } from '../core/text-folding.js';

/** "Fédération Française de Tir" → "federation-francaise-de-tir"; at most `max` characters, cut at a hyphen. */
export function slugify(text: string, max = 60): string {
  const slug = fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è',
  agrave: 'à', ccedil: 'ç', ecirc: 'ê', euro: '€', pound: '£', copy: '©', reg: '®', trade: '™', middot: '·',
};

/** Decodes HTML character references (named ones from a common set, every numeric one). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

// C0/C1 controls except tab and newline, zero-width and bidi overrides: never wanted in answers.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** Strips control and invisible characters, turns no-break spaces into spaces, collapses runs of spaces. */
export function cleanInline(text: string): string {
  return text.replace(CONTROL_RE, '').replace(/[\u00a0\u2007\u202f\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * Feed HTML (HIBP descriptions) as plain text: script and style content dropped, paragraphs and
 * line breaks kept as line breaks, every other tag removed, entities decoded. Links keep their
 * text; their targets are returned separately by `htmlLinks` and cited as sources.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    // A tag cut off at the end of a field.
    .replace(/<[a-z/!][^>]*$/i, '');
  return decodeEntities(text)
    .split('\n')
    .map(cleanInline)
    .filter((line) => line.length > 0)
    .join('\n');
}

export interface HtmlLink {
  readonly url: string;
  readonly text: string;
}

/** An http(s) URL as a string a strict URL check accepts, or undefined. */
export function httpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const value = decodeEntities(raw.trim());
  if (!/^https?:\/\/[^\s<>"]+$/i.test(value)) return undefined;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/** The http(s) links of an HTML fragment with their text, once per URL, in order. */
export function htmlLinks(html: string): HtmlLink[] {
  const out: HtmlLink[] = [];
  const seen = new Set<string>();
  for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi)) {
    const url = httpUrl(m[1] ?? m[2]);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, text: htmlToText(m[3] ?? '').replace(/\n/g, ' ') });
  }
  return out;
}

/** "BouyguesTelecom" → "Bouygues Telecom"; "June2026StealerLogs" → "June 2026 Stealer Logs"; "ADDA" stays. */
export function spellOutCamelCase(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d{4})(?=[A-Z]|$)/g, '$1 $2')
    .replace(/(\d)([A-Z][a-z])/g, '$1 $2');
}

/** The host of a URL without "www.", for citing a link that has no title. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Truncates to at most `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
