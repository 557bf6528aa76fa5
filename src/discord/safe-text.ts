/**
 * Making catalog and user text inert in Discord markup. `allowedMentions: { parse: [] }` is what
 * keeps a message from pinging; this keeps it from *looking* like a ping or from breaking the
 * layout: `@everyone` and `<@&role>` are shown as typed, markdown characters are escaped.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/** Escapes Discord markdown (bold, italics, code, spoilers, quotes, headings, lists, links, masks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|\[\]]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>-]|\d+\.)/gm, (_, space: string, mark: string) => `${space}\\${mark}`);
}

/**
 * Breaks mention syntax: `@everyone`/`@here` get a zero-width space after the `@`, and
 * `<@123>`, `<@&123>`, `<#123>`, `</cmd:1>`, `<:emoji:1>`, `<t:1>` lose their opening bracket's meaning.
 */
export function defuseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`).replace(/<([@#:/a]|t:)/gi, `<${ZERO_WIDTH_SPACE}$1`);
}

/** Dynamic text as shown inside a message: mentions defused, markdown escaped, whitespace tidied. */
export function safe(text: string): string {
  return defuseMentions(escapeMarkdown(text.replace(/\r\n?/g, '\n')));
}

/** Shortens to at most `max` characters (code units, as Discord counts), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - 1);
  // Never leave a lone high surrogate or a dangling escape backslash at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  if (/(^|[^\\])(\\\\)*\\$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A masked link `[label](url)` for http(s) URLs; the label alone otherwise. */
export function link(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s<>]+$/i.test(url)) return safe(label);
  const href = url.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${safe(label)}](${href})`;
}
