/**
 * The chart a `/breach stats` answer carries as a file in Slack and Discord: drawn from the same
 * counts the text answer shows (stats-chart.ts), checked against the platform's upload limit,
 * with alt text clipped to what both platforms keep. Adapters upload it after the text answer is
 * out, so a failed upload never costs the asker the numbers.
 */
import type { Answer, StatsAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { NNBSP } from '../render/typography.js';
import { renderStatsChart, type StatsChart } from './stats-chart.js';

/**
 * Largest file each platform takes: Slack 1 GB per file (files.getUploadURLExternal); Discord
 * 10 MiB for a bot's message without boosts (an interaction says its own, `attachment_size_limit`).
 */
export const UPLOAD_LIMITS = { slack: 1024 * 1024 * 1024, discord: 10 * 1024 * 1024 } as const;

/** Alt text kept: Discord's attachment description holds 1,024 characters, Slack's file alt text 1,000. */
export const ALT_TEXT_MAX = 1000;

export class ChartTooLarge extends Error {}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** True when the answer is statistics with at least one incident: a chart is worth drawing. */
export function wantsChart(answer: Answer): answer is StatsAnswer {
  return answer.kind === 'stats' && answer.stats.total > 0;
}

/** The chart for a stats answer, within `maxBytes` (throws `ChartTooLarge` otherwise). */
export function statsAttachment(answer: StatsAnswer, lang: Lang, maxBytes: number): StatsChart {
  const chart = renderStatsChart(answer.stats, lang, answer.query);
  if (chart.png.length > maxBytes) throw new ChartTooLarge(`the chart is ${chart.png.length} bytes, over the platform's ${maxBytes}-byte upload limit`);
  return { ...chart, alt: clip(chart.alt, ALT_TEXT_MAX) };
}

/** The line shown when the chart could not be attached (the numbers are already there). */
export function chartNotAttached(lang: Lang): string {
  return lang === 'fr'
    ? `Le graphique n’a pas pu être joint${NNBSP}; les chiffres ci-dessus sont complets.`
    : 'The chart could not be attached; the numbers above are complete.';
}
