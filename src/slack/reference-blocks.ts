/**
 * The answers that are not lists of incidents: catalog statistics, help and usage. Pure.
 */
import type { Stats } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { LABELS } from '../render/messages.js';
import { helpCard } from '../render/help-card.js';
import { statsCard } from '../render/stats-card.js';
import { colon } from '../render/typography.js';
import { type Block, context, section } from './block-kit.js';
import { clip, escapeMrkdwn, joinLines, oneLine, safe } from './mrkdwn.js';
import type { UsageProblem } from '../core/feature-outcome.js';
import { usageProblemWords } from '../render/usage-words.js';
import { type Phrase, phraseText } from '../render/phrase.js';

/** A phrase as Slack mrkdwn: prose escaped and flattened, commands as code (clipped to `max`). */
export function phraseMrkdwn(p: Phrase, max: number): string {
  // Pieces are flattened without trimming: the space between prose and a command is the phrase's.
  const flat = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[^\S\u202f\u00a0]+/g, ' ');
  const text = phraseText(p, (c) => `\`${escapeMrkdwn(oneLine(c).replace(/`/g, "'"))}\``, (t) => escapeMrkdwn(flat(t)));
  return clip(text.trim(), max);
}

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
  const card = helpCard(lang);
  const commands = card.commands.map((c) => `\`${safe(c.usage, 100)}\` — ${safe(c.description, 300)}`);
  return [
    section(safe(card.intro, 1000)),
    section(joinLines(commands, 2500)),
    section(safe(card.filters.text, 2000)),
    context(`${card.examples.label}${colon(lang)}${card.examples.commands.map((e) => `\`${safe(e, 100)}\``).join(', ')}`),
  ];
}

export interface UsageDetail {
  /** What the command's parser found wrong ("add needs a vendor or organization name"). */
  readonly problem?: UsageProblem;
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
    ...(extra.problem ? [section(`:warning: ${phraseMrkdwn(usageProblemWords(extra.problem, lang), 500)}`)] : []),
    section(`*${LABELS[lang].usage}${colon(lang).trimEnd()}* \`${safe(usage, 200)}\``),
    ...(extra.withHelp ?? true
      ? helpBlocks(lang)
      : examples.length
        ? [context(`${LABELS[lang].examples}${colon(lang)}${examples.map((e) => `\`${safe(e, 100)}\``).join(', ')}`)]
        : []),
  ];
}
