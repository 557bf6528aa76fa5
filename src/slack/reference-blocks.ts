/**
 * The answers that are not lists of incidents: catalog statistics, help and usage. Pure.
 */
import type { Stats } from '../core/answer.js';
import { dataClassLabel } from '../core/data-classes.js';
import { countryLabel } from '../core/countries.js';
import { COMMANDS } from '../../commands/index.js';
import { formatNumber, formatRecords } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { helpFilters, helpIntro, statsHeading } from '../render/messages.js';
import { type Block, context, section } from './block-kit.js';
import { joinLines, safe } from './mrkdwn.js';
import { SLACK_TEXT } from './slack-messages.js';

function counts<K>(items: readonly { key: K; count: number }[], label: (k: K) => string, max: number, lang: Lang): string {
  return items
    .slice(0, max)
    .map((c) => `${safe(label(c.key), 80)} ${formatNumber(c.count, lang)}`)
    .join(' · ');
}

export function statsBlocks(stats: Stats, lang: Lang): Block[] {
  const lines = [
    `*${SLACK_TEXT.byYear(lang)}:* ${counts(stats.byYear, String, 12, lang)}`,
    `*${SLACK_TEXT.byDataClass(lang)}:* ${counts(stats.byDataClass, (k) => dataClassLabel(k, lang), 10, lang)}`,
    `*${SLACK_TEXT.byCountry(lang)}:* ${counts(stats.byCountry, (k) => countryLabel(k, lang), 10, lang)}`,
    `*${SLACK_TEXT.bySource(lang)}:* ${counts(stats.bySource, String, 6, lang)}`,
  ];
  const biggest = stats.biggest
    .slice(0, 5)
    .map((inc, i) => `${i + 1}. ${safe(inc.organization.name, 120)} — ${safe(formatRecords(inc, lang) ?? '', 300)}  \`${inc.id}\``);
  return [
    section(`*${safe(statsHeading(stats.total, lang), 200)}*`),
    section(joinLines(lines, 2500)),
    ...(biggest.length ? [section(joinLines([`*${SLACK_TEXT.biggest(lang)}:*`, ...biggest], 2500))] : []),
  ];
}

export function helpBlocks(lang: Lang): Block[] {
  const commands = COMMANDS.map((c) => `\`${safe(c.usage, 100)}\` — ${safe(c.description[lang], 300)}`);
  const examples = COMMANDS.flatMap((c) => c.examples).slice(0, 6);
  return [
    section(safe(helpIntro(lang), 1000)),
    section(joinLines(commands, 2500)),
    section(safe(helpFilters(lang), 2000)),
    context(`${SLACK_TEXT.examples(lang)}: ${examples.map((e) => `\`${safe(e, 100)}\``).join(', ')}`),
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
    section(`*${SLACK_TEXT.usage(lang)}:* \`${safe(usage, 200)}\``),
    ...(extra.withHelp ?? true
      ? helpBlocks(lang)
      : examples.length
        ? [context(`${SLACK_TEXT.examples(lang)}: ${examples.map((e) => `\`${safe(e, 100)}\``).join(', ')}`)]
        : []),
  ];
}
