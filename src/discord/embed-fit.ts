/**
 * Measuring and fitting embeds into Discord's limits: each part to its own cap, each embed to a
 * character budget (so several fit in the 6,000 a message allows), and lists of embeds packed
 * into as few messages as the limits allow. Cuts end with "…"; nothing is ever left over-long.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { EMBED } from './limits.js';
import { truncate } from './safe-text.js';

/** The characters Discord counts toward the 6,000 of a message. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Cuts a multi-line text at a line break when one is close enough, else mid-line. */
export function truncateLines(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max - 2);
  if (cut >= max / 2) return `${text.slice(0, cut)}\n…`;
  return truncate(text, max);
}

/** Each part within its own limit; empty fields dropped (Discord rejects them). */
export function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, EMBED.title);
  if (out.description !== undefined) out.description = truncateLines(out.description, EMBED.description);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, EMBED.footer) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, EMBED.author) };
  if (out.fields) {
    out.fields = out.fields
      .filter((f) => f.name.trim() !== '' && f.value.trim() !== '')
      .slice(0, EMBED.fields)
      .map((f) => ({ ...f, name: truncate(f.name, EMBED.fieldName), value: truncateLines(f.value, EMBED.fieldValue) }));
  }
  return out;
}

const MIN_PART = 40;

/**
 * Clamps the embed, then shortens its longest texts (description, field values, footer) until it
 * takes at most `budget` characters; drops trailing fields, then shortens the title, if needed.
 */
export function fitEmbed(embed: APIEmbed, budget: number): APIEmbed {
  const out = clampEmbed(embed);
  const fields: APIEmbedField[] = out.fields ? out.fields.map((f) => ({ ...f })) : [];
  const size = () => embedLength({ ...out, fields });
  let excess = size() - budget;
  while (excess > 0) {
    // The longest cuttable text gives up what is needed, down to a readable minimum.
    type Part = { len: number; set: (max: number) => void };
    const parts: Part[] = [];
    if (out.description) parts.push({ len: out.description.length, set: (m) => (out.description = truncateLines(out.description!, m)) });
    for (const f of fields) parts.push({ len: f.value.length, set: (m) => (f.value = truncateLines(f.value, m)) });
    if (out.footer) parts.push({ len: out.footer.text.length, set: (m) => (out.footer = { ...out.footer!, text: truncate(out.footer!.text, m) }) });
    const longest = parts.filter((p) => p.len > MIN_PART).sort((a, b) => b.len - a.len)[0];
    if (!longest) break;
    longest.set(Math.max(MIN_PART, longest.len - excess));
    const next = size() - budget;
    if (next >= excess) break;
    excess = next;
  }
  while (size() > budget && fields.length > 0) fields.pop();
  if (size() > budget && out.description) out.description = truncate(out.description, Math.max(1, out.description.length - (size() - budget)));
  if (size() > budget && out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, Math.max(1, out.footer.text.length - (size() - budget))) };
  if (size() > budget && out.title) out.title = truncate(out.title, Math.max(1, out.title.length - (size() - budget)));
  if (fields.length > 0) out.fields = fields;
  else delete out.fields;
  return out;
}

/** Groups embeds into messages of at most 10 embeds and 6,000 characters (`reserve` kept free in each). */
export function packEmbeds(embeds: readonly APIEmbed[], reserve = 0): APIEmbed[][] {
  const budget = EMBED.total - reserve;
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const raw of embeds) {
    const embed = embedLength(raw) > budget ? fitEmbed(raw, budget) : raw;
    const n = embedLength(embed);
    if (current.length > 0 && (current.length === EMBED.perMessage || used + n > budget)) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
