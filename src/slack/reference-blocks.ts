/**
 * The answers that are not lists of incidents: catalog statistics, help and usage. Pure.
 */
import type { Stats } from '../core/answer.js';
import { COMMANDS } from '../../commands/index.js';
import type { Lang } from '../core/lang.js';
import { LABELS, helpFilters, helpIntro } from '../render/messages.js';
import { statsCard } from '../render/stats-card.js';
import { colon } from '../render/typography.js';
import { type Block, context, section } from './block-kit.js';
import { joinLines, safe } from './mrkdwn.js';

export function statsBlocks(stats: Stats, lang: Lang): Block[] {
  const card = statsCard(stats, lang);
  const c = colon(lang).trimEnd();
  const lines = card.rows.map((r) => `*${safe(r.label, 80)}${c}* ${r.items.map((i) => `${safe(i.label, 80)} ${i.count}`).join(' · ')}`);
  const biggest = card.biggest.items.map((b, i) => `${i + 1}. ${safe(b.name, 120)} — ${safe(b.records, 300)}  \`${b.id}\``);
  return [
    section(`*${safe(card.title, 200)}*`),
    section(joinLines(lines, 2500)),
    ...(biggest.length ? [section(joinLines([`*${card.biggest.label}${c}*`, ...biggest], 2500))] : []),
  ];
}

export function helpBlocks(lang: Lang): Block[] {
  const commands = COMMANDS.map((c) => `\`${safe(c.usage, 100)}\` — ${safe(c.description[lang], 300)}`);
  const examples = COMMANDS.flatMap((c) => c.examples).slice(0, 6);
  return [
    section(safe(helpIntro(lang), 1000)),
    section(joinLines(commands, 2500)),
    section(safe(helpFilters(lang), 2000)),
    context(`${LABELS[lang].examples}${colon(lang)}${examples.map((e) => `\`${safe(e, 100)}\``).join(', ')}`),
  ];
}

export interface UsageDetail {
  /** What the command's parser said was wrong ("add needs a vendor or organization name"). */
  readonly detail?: string;
  /** The command's examples, shown instead of the whole help when `withHelp` is false. */
  readonly examples?: readonly string[];
  /** Add the whole help (default true: a core command typed wrong). */
  readonly withHelp?: boolean;
}

/**
 * A command typed wrong: what was wrong (when the parser said), its usage, then the help, or
 * for a feature command (digest, watch) just its examples.
 */
export function usageBlocks(usage: string, lang: Lang, extra: UsageDetail = {}): Block[] {
  const examples = (extra.examples ?? []).slice(0, 4);
  return [
    ...(extra.detail ? [section(`:warning: ${safe(extra.detail, 500)}`)] : []),
    section(`*${LABELS[lang].usage}${colon(lang).trimEnd()}* \`${safe(usage, 200)}\``),
    ...(extra.withHelp ?? true
      ? helpBlocks(lang)
      : examples.length
        ? [context(`${LABELS[lang].examples}${colon(lang)}${examples.map((e) => `\`${safe(e, 100)}\``).join(', ')}`)]
        : []),
  ];
}
