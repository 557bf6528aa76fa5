/** What the stats chart draws, from `/breach stats`'s counts: shared by the PNG and the terminal's bars. */
import type { Stats } from '../core/answer.js';
import { dataClassLabel } from '../core/data-classes.js';
import type { Lang } from '../core/lang.js';

/** Years shown (the most recent ones that have incidents). */
export const CHART_YEARS = 15;
/** Data classes shown. */
export const CHART_CLASSES = 10;

export interface ChartData {
  /** Incidents per year, oldest first. */
  readonly years: readonly { readonly year: number; readonly count: number }[];
  /** The most common data classes, most first, with their label in the answer's language. */
  readonly classes: readonly { readonly name: string; readonly label: string; readonly count: number }[];
}

/** The bars: the last `CHART_YEARS` years with incidents, oldest first; the top `CHART_CLASSES` data classes. */
export function chartData(stats: Stats, lang: Lang): ChartData {
  const years = [...stats.byYear].sort((a, b) => b.key - a.key).slice(0, CHART_YEARS).reverse().map((c) => ({ year: c.key, count: c.count }));
  const classes = stats.byDataClass.slice(0, CHART_CLASSES).map((c) => ({ name: c.key, label: dataClassLabel(c.key, lang), count: c.count }));
  return { years, classes };
}

