/**
 * The terminal's chart for `/breach stats`: the same bars as the PNG (incidents per year, top
 * data classes; see stats-chart.ts's `chartData`), drawn with block characters, one line a bar,
 * the count after each bar.
 */
import type { Stats } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { chartData } from './stats-chart-data.js';
import { plainNumber } from '../core/locale-format.js';

const WIDTH = 40;

function bars(rows: readonly { readonly label: string; readonly count: number }[], lang: Lang): string[] {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  return rows.map((r) => {
    const eighths = Math.round((r.count / max) * WIDTH * 8);
    const bar = '█'.repeat(eighths >> 3) + (eighths & 7 ? String.fromCharCode(0x2590 - (eighths & 7)) : '');
    return `  ${r.label.padEnd(labelWidth)} ${bar || '▏'} ${plainNumber(r.count, lang).replace(/\u202f/g, ' ')}`;
  });
}

/** The two bar charts as lines of text. */
export function statsTextBars(stats: Stats, lang: Lang): string {
  const { years, classes } = chartData(stats, lang);
  const fr = lang === 'fr';
  return [
    fr ? 'Incidents par année\u202f:' : 'Incidents per year:',
    ...bars(years.map((y) => ({ label: String(y.year), count: y.count })), lang),
    fr ? 'Types de données les plus fréquents\u202f:' : 'Most common data types:',
    ...bars(classes.map((c) => ({ label: c.label, count: c.count })), lang),
  ].join('\n');
}
