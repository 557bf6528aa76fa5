/**
 * Catalog statistics as one neutral card, worded once in the reader's language: each platform
 * lays it out (a text block, Block Kit sections, embed fields) without wording anything.
 */
import type { Stats } from '../core/answer.js';
import { countryLabel } from '../core/countries.js';
import { dataClassLabel } from '../core/data-classes.js';
import type { Lang } from '../core/language.js';
import { feedName } from './feeds.js';
import { formatNumber, formatRecords } from './format.js';
import { LABELS, statsHeading } from './messages.js';

export interface StatsRow {
  readonly label: string;
  readonly items: readonly { readonly label: string; readonly count: string }[];
}

export interface StatsCard {
  readonly title: string;
  /** By year, by data type, by country, by source. */
  readonly rows: readonly StatsRow[];
  readonly biggest: { readonly label: string; readonly items: readonly { readonly id: string; readonly name: string; readonly records: string }[] };
}

export function statsCard(stats: Stats, lang: Lang): StatsCard {
  const L = LABELS[lang];
  const row = <K>(label: string, items: readonly { key: K; count: number }[], name: (k: K) => string, max: number): StatsRow => ({
    label,
    items: items.slice(0, max).map((c) => ({ label: name(c.key), count: formatNumber(c.count, lang) })),
  });
  return {
    title: statsHeading(stats.total, lang),
    rows: [
      row(L.byYear, stats.byYear, String, 12),
      row(L.byDataClass, stats.byDataClass, (k) => dataClassLabel(k, lang), 10),
      row(L.byCountry, stats.byCountry, (k) => countryLabel(k, lang), 10),
      row(L.bySource, stats.bySource, (k) => feedName(k, lang), 6),
    ],
    biggest: {
      label: L.biggest,
      items: stats.biggest.slice(0, 5).map((inc) => ({ id: inc.id, name: inc.organization.name, records: formatRecords(inc, lang) ?? L.unknown })),
    },
  };
}
