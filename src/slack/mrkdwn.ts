/**
 * Safe text for Slack. Every dynamic string (catalog data, an echoed query) goes through these
 * helpers before it reaches a message, so nothing the data says can become markup.
 *
 * Slack quirks handled here:
 * - In mrkdwn, `<...>` is control syntax: `<!channel>`, `<!here>`, `<!everyone>`, `<@U123>` and
 *   `<url|label>` all start with `<`. Escaping `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;` (the only
 *   escaping Slack defines) defeats all of them.
 * - With `verbatim: false` (the default of a mrkdwn text object) Slack also turns bare `@here`,
 *   `@channel`, URLs and `#channel` names into links and mentions; our text objects set
 *   `verbatim: true`, and a word joiner (U+2060) after the `@` of the three broadcast words keeps
 *   them inert even where Slack parses (the notification `text`).
 * - `plain_text` (buttons) is not mrkdwn, but a literal `<!channel>` in it would still be the
 *   string the issue forbids, so angle brackets become the look-alikes ‹ ›.
 */

const BROADCAST = /@(here|channel|everyone)\b/gi;
const WORD_JOINER = '\u2060';

/** Escapes a dynamic string for mrkdwn (`&`, `<`, `>`) and defuses bare broadcast words. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BROADCAST, `@${WORD_JOINER}$1`);
}

/** A dynamic string for a `plain_text` object: no angle brackets, no broadcast words. */
export function plainSafe(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›').replace(BROADCAST, `@${WORD_JOINER}$1`);
}

/** Collapses white space and control characters (data may hold newlines that would break our layout). */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[^\S\u202f\u00a0]+/g, ' ').trim();
}

const ELLIPSIS = '…';

/**
 * Cuts already-escaped mrkdwn to at most `max` characters (UTF-16 units, as Slack counts),
 * ending with "…". Never leaves half an entity (`&am`), half a surrogate pair or an unclosed
 * `<url|label` link behind.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  cut = cut.replace(/&[a-z]{0,4}$/i, '');
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Cuts a plain string (not escaped) to `max` characters with "…", surrogate-safe. */
export function clipPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/** Escapes then clips: the usual way a dynamic value enters a line. */
export function safe(text: string, max: number): string {
  return clip(escapeMrkdwn(oneLine(text)), max);
}

/** A link longer than this (a pathological URL) is shown as its label alone: it could not fit a line. */
export const MAX_LINK_LENGTH = 800;

/**
 * A link `<url|label>`. The URL is percent-encoded where Slack's link syntax would break
 * (`<`, `>`, `|`, spaces, quotes) and `&` is escaped as Slack asks; only http(s) URLs become
 * links.
 */
export function link(url: string, label: string, maxLabel: number): string {
  const text = safe(label, maxLabel);
  if (!/^https?:\/\//i.test(url)) return text;
  const href = url.replace(/[<>|\s"]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  const full = `<${href}|${text}>`;
  return full.length <= MAX_LINK_LENGTH ? full : text;
}

/** Joins lines, dropping whole lines from the end (with a "…" line) to stay within `max`. */
export function joinLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const line of lines) {
    const add = (out.length ? 1 : 0) + line.length;
    if (length + add > max) {
      const room = max - length - (out.length ? 1 : 0);
      if (room > 40) out.push(clip(line, room));
      else if (out.length && length + 2 <= max) out.push(ELLIPSIS);
      break;
    }
    out.push(line);
    length += add;
  }
  return out.join('\n');
}
