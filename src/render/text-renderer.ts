/**
 * Plain-text rendering of answers, for the terminal chat (and as the fallback text other
 * platforms send beside rich messages). Pure: answer in, string out.
 */
import type { Answer, IncidentAnswer, Match, StatsAnswer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import { dataClassLabel } from '../core/data-classes.js';
import { countryLabel } from '../core/countries.js';
import { COMMANDS } from '../../commands/index.js';
import { attributions, colon, flagLabels, formatAffected, formatDataClasses, formatDate, formatNumber, formatPlace, formatReasons, formatRecords, formatVendors, formatWhen, incidentTitle, localized, sourceLinks } from './format.js';
import type { Lang } from '../core/lang.js';
import { LABELS, errorMessage, establishedLabel, helpFilters, helpIntro, noResultsMessage, notFoundMessage, resultsHeading, statsHeading, suggestionsLead } from './messages.js';

function line(label: string, value: string | undefined, lang: Lang): string[] {
  return value ? [`   ${label}${colon(lang)}${value}`] : [];
}

/** One incident in a list: title, then when / how many / data / vendor / sources. */
export function incidentSummaryText(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number, lang: Lang): string {
  const inc = match.incident;
  const L = LABELS[lang];
  const flags = flagLabels(inc, lang);
  return [
    `${n}. ${incidentTitle(inc, lang)} [${inc.id}]`,
    ...line(L.when, formatWhen(inc, lang), lang),
    ...line(L.records, formatRecords(inc, lang, { worldwide: match.worldwideCount === true }), lang),
    ...line(L.data, formatDataClasses(inc, lang), lang),
    ...line(L.vendors, formatVendors(inc, lang), lang),
    ...line(L.affected, formatAffected(inc, lang), lang),
    ...line(L.flags, flags.join(', ') || undefined, lang),
    ...line(L.matched, formatReasons(match.reasons, lang), lang),
    ...line(L.sources, sourceLinks(inc, lang).map((s) => (s.url ? `${s.label} <${s.url}>` : s.label)).join(' | '), lang),
    ...attributions(inc).map((a) => `   ${a}`),
  ].join('\n');
}

/** One incident in full: every fact, its timeline and its sources. */
export function incidentDetailText(answer: IncidentAnswer, lang: Lang): string {
  const inc: Incident = answer.incident;
  const L = LABELS[lang];
  const aliases = inc.organization.aliases.length ? ` (${inc.organization.aliases.join(', ')})` : '';
  const out = [
    `${incidentTitle(inc, lang)} [${inc.id}]`,
    `   ${inc.organization.name}${aliases}${formatPlace(inc, lang) ? ` — ${formatPlace(inc, lang)}` : ''}`,
    ...line(L.when, formatWhen(inc, lang), lang),
    ...line(L.records, formatRecords(inc, lang), lang),
    ...line(L.data, formatDataClasses(inc, lang), lang),
    ...line(L.vendors, formatVendors(inc, lang), lang),
    ...line(L.affected, formatAffected(inc, lang), lang),
    ...line(L.cause, localized(inc.cause, lang) || undefined, lang),
    ...line(L.flags, flagLabels(inc, lang).join(', ') || undefined, lang),
    '',
    `   ${localized(inc.summary, lang)}`,
  ];
  if (inc.response.length) {
    out.push('', `   ${L.response}:`);
    for (const r of inc.response) out.push(`   - ${r.date ? `${formatDate(r.date, lang)}: ` : ''}${localized(r.text, lang)}`);
  }
  out.push('', `   ${L.sources}:`);
  for (const s of sourceLinks(inc, lang)) out.push(`   - ${s.label}${s.url ? ` <${s.url}>` : ''}`);
  for (const a of attributions(inc)) out.push(`   ${a}`);
  const c = colon(lang);
  if (inc.unstated.length) out.push(`   ${L.unstated}${c}${inc.unstated.join(', ')}`);
  for (const e of inc.established) {
    out.push(`   ${establishedLabel(e.basis, lang)} (${e.path})${c}${e.note}`);
  }
  if (answer.related.length) out.push(`   ${L.related}${c}${answer.related.map((r) => `${incidentTitle(r, lang)} [${r.id}]`).join('; ')}`);
  return out.join('\n');
}

function statsText(answer: StatsAnswer, lang: Lang): string {
  const s = answer.stats;
  const fr = lang === 'fr';
  const list = <K>(items: readonly { key: K; count: number }[], label: (k: K) => string, max: number) =>
    items
      .slice(0, max)
      .map((c) => `${label(c.key)} ${formatNumber(c.count, lang)}`)
      .join(' · ');
  return [
    statsHeading(s.total, lang),
    `${fr ? 'Par année' : 'By year'}${colon(lang)}${list(s.byYear, String, 12)}`,
    `${fr ? 'Par type de données' : 'By data type'}${colon(lang)}${list(s.byDataClass, (k) => dataClassLabel(k, lang), 10)}`,
    `${fr ? 'Par pays' : 'By country'}${colon(lang)}${list(s.byCountry, (k) => countryLabel(k, lang), 10)}`,
    `${fr ? 'Par source' : 'By source'}${colon(lang)}${list(s.bySource, String, 6)}`,
    `${fr ? 'Les plus grosses' : 'Biggest'}${colon(lang).trimEnd()}`,
    ...s.biggest.slice(0, 5).map((inc, i) => `   ${i + 1}. ${inc.organization.name} — ${formatRecords(inc, lang) ?? ''} [${inc.id}]`),
  ].join('\n');
}

export function helpText(lang: Lang): string {
  return [
    helpIntro(lang),
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(24)} ${c.description[lang]}`),
    helpFilters(lang),
    `${lang === 'fr' ? 'Exemples' : 'Examples'}${colon(lang)}${COMMANDS.flatMap((c) => c.examples).slice(0, 6).join(', ')}`,
  ].join('\n');
}

export function renderText(answer: Answer, lang: Lang): string {
  switch (answer.kind) {
    case 'results': {
      const first = (answer.page.number - 1) * answer.page.size;
      const body = answer.matches.map((m, i) => incidentSummaryText(m, first + i + 1, lang));
      const more =
        answer.page.number < answer.page.count
          ? [lang === 'fr' ? `… ${answer.total - first - answer.matches.length} de plus : ajoutez --page ${answer.page.number + 1}` : `… ${answer.total - first - answer.matches.length} more: add --page ${answer.page.number + 1}`]
          : [];
      return [resultsHeading(answer, lang), ...body, ...more].join('\n\n');
    }
    case 'no-results':
      return `${noResultsMessage(answer, lang)}\n${suggestionsLead(lang)} ${answer.suggestions.join(', ')}`;
    case 'incident':
      return incidentDetailText(answer, lang);
    case 'not-found':
      return [notFoundMessage(answer.id, lang), ...(answer.suggestions.length ? [`${suggestionsLead(lang)} ${answer.suggestions.map((s) => s.id).join(', ')}`] : [])].join('\n');
    case 'stats':
      return statsText(answer, lang);
    case 'help':
      return helpText(lang);
    case 'error':
      return errorMessage(answer, lang);
    case 'message':
      return [
        answer.text[lang],
        ...answer.incidents.map((incident, i) => incidentSummaryText({ incident, reasons: [] }, i + 1, lang)),
        ...(answer.footer ? [answer.footer[lang]] : []),
      ].join('\n\n');
  }
}
