/**
 * Plain-text rendering of answers, for the terminal chat (and as the fallback text other
 * platforms send beside rich messages). Pure: answer in, string out.
 */
import type { Answer, IncidentAnswer, Match, StatsAnswer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import {
  attributions,
  colon,
  flagLabels,
  formatAffected,
  formatDataClasses,
  formatDate,
  formatNumber,
  formatPlace,
  formatRecords,
  formatVendors,
  formatWhen,
  incidentTitle,
  localized,
  sourceLinks,
} from './format.js';
import type { Lang } from '../core/lang.js';
import { statsTextBars } from '../charts/text-bars.js';
import { LABELS, errorMessage, establishedLabel, noResultsMessage, notFoundMessage, resultsHeading, suggestionsLead } from './messages.js';
import { creditLinesFor } from './feeds.js';
import { establishedLine, unstatedList } from './fact-notes.js';
import { statsCard } from './stats-card.js';
import { helpCard } from './help-card.js';
import { featureText } from './feature-words.js';
import { type CommandSpelling, TEXT_SPELLING } from './command-spelling.js';
import { semicolon, typeset } from './typography.js';

function line(label: string, value: string | undefined, lang: Lang): string[] {
  return value ? [`   ${label}${colon(lang)}${value}`] : [];
}

/** A line cut at `max` characters, at a word, with "…". */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:·]+$/, '')}…`;
}

const LIST_LINE = 150;

/**
 * One incident in a list, in two or three lines: title and id; when, how many and any warning;
 * which data (and through which vendor). Sources and credits are for `show` and the list's foot.
 */
export function incidentSummaryText(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number, lang: Lang): string {
  const inc = match.incident;
  const L = LABELS[lang];
  const facts = [formatWhen(inc, lang), formatRecords(inc, lang, { worldwide: match.worldwideCount === true }), ...flagLabels(inc, lang)].filter((f): f is string => Boolean(f));
  const data = formatDataClasses(inc, lang);
  const vendor = inc.vendors.length ? inc.vendors.map((v) => v.name).join(', ') : undefined;
  const third = [data ? `${L.data}${colon(lang)}${data}` : undefined, vendor ? `${L.vendors}${colon(lang)}${vendor}` : undefined].filter(Boolean).join(' · ');
  return [
    `${n}. ${incidentTitle(inc, lang)} [${inc.id}]`,
    `   ${clip(facts.length ? capitalize(facts.join(' · ')) : `${L.when}${colon(lang)}${L.unknown}`, LIST_LINE)}`,
    ...(third ? [`   ${clip(third, LIST_LINE)}`] : []),
  ].join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The credit lines of a list, once per feed, under all its results. */
function credits(incidents: readonly Incident[], lang: Lang): string[] {
  return creditLinesFor(incidents, lang);
}

/** One incident in full: every fact, its timeline, its sources and how facts were established. */
export function incidentDetailText(answer: IncidentAnswer, lang: Lang): string {
  const inc: Incident = answer.incident;
  const L = LABELS[lang];
  const c = colon(lang);
  const aliases = inc.organization.aliases.length ? ` (${inc.organization.aliases.join(', ')})` : '';
  const place = formatPlace(inc, lang);
  const out = [
    `${incidentTitle(inc, lang)} [${inc.id}]`,
    `   ${inc.organization.name}${aliases}${place ? ` — ${place}` : ''}`,
    ...line(L.when, formatWhen(inc, lang) ?? L.unknown, lang),
    ...line(L.records, formatRecords(inc, lang) ?? L.unknown, lang),
    ...line(L.data, formatDataClasses(inc, lang) ?? L.unknown, lang),
    ...line(L.vendors, formatVendors(inc, lang), lang),
    ...line(L.affected, formatAffected(inc, lang), lang),
    ...line(L.cause, localized(inc.cause, lang) || undefined, lang),
    ...line(L.flags, flagLabels(inc, lang).join(', ') || undefined, lang),
    '',
    `   ${localized(inc.summary, lang)}`,
  ];
  if (inc.response.length) {
    out.push('', `   ${L.response}${c.trimEnd()}`);
    for (const r of inc.response) out.push(`   - ${r.date ? `${formatDate(r.date, lang)}${c}` : ''}${localized(r.text, lang)}`);
  }
  out.push('', `   ${L.sources}${c.trimEnd()}`);
  for (const s of sourceLinks(inc, lang)) out.push(`   - ${s.label}${s.url ? ` <${s.url}>` : ''}`);
  for (const a of attributions(inc, lang)) out.push(`   ${a}`);
  const unstated = unstatedList(inc, lang);
  if (unstated.length) out.push(`   ${L.unstated}${c}${unstated.join(', ')}`);
  for (const e of inc.established) out.push(`   ${establishedLine(e, lang, establishedLabel(e.basis, lang), inc)}`);
  if (answer.related.length) out.push(`   ${L.related}${c}${answer.related.map((r) => `${incidentTitle(r, lang)} [${r.id}]`).join(semicolon(lang))}`);
  return out.join('\n');
}

function statsText(answer: StatsAnswer, lang: Lang): string {
  const card = statsCard(answer.stats, lang);
  const c = colon(lang);
  return [
    card.title,
    ...card.rows.map((r) => `${r.label}${c}${r.items.map((i) => `${i.label} ${i.count}`).join(' · ')}`),
    `${card.biggest.label}${c.trimEnd()}`,
    ...card.biggest.items.map((b, i) => `   ${i + 1}. ${b.name} — ${b.records} [${b.id}]`),
  ].join('\n');
}

export function helpText(lang: Lang): string {
  const card = helpCard(lang);
  return [
    card.intro,
    ...card.commands.map((c) => `  ${c.usage.padEnd(24)} ${c.description}`),
    card.filters.text,
    `${card.examples.label}${colon(lang)}${card.examples.commands.join(', ')}`,
  ].join('\n');
}

/** The answer as plain text; `spell` types the commands a feature's words point to (the terminal's and Slack's by default). */
export function renderText(answer: Answer, lang: Lang, spell: CommandSpelling = TEXT_SPELLING): string {
  switch (answer.kind) {
    case 'results': {
      const first = (answer.page.number - 1) * answer.page.size;
      const body = answer.matches.map((m, i) => incidentSummaryText(m, first + i + 1, lang));
      const left = answer.total - first - answer.matches.length;
      const more =
        answer.page.number < answer.page.count && left > 0
          ? typeset(lang === 'fr' ? `… ${formatNumber(left, lang)} de plus : ajoutez --page ${answer.page.number + 1}` : `… ${formatNumber(left, lang)} more: add --page ${answer.page.number + 1}`, lang)
          : LABELS[lang].endOfResults;
      const foot = [more, ...credits(answer.matches.map((m) => m.incident), lang)].join('\n');
      return [resultsHeading(answer, lang), ...body, foot].join('\n\n');
    }
    case 'no-results':
      return `${noResultsMessage(answer, lang)}\n${suggestionsLead(lang)} ${answer.suggestions.join(', ')}`;
    case 'incident':
      return incidentDetailText(answer, lang);
    case 'not-found':
      return [notFoundMessage(answer.id, lang), ...(answer.suggestions.length ? [`${suggestionsLead(lang)} ${answer.suggestions.map((s) => s.id).join(', ')}`] : [])].join('\n');
    case 'stats':
      // The terminal's chart: the same bars Slack and Discord get as a picture.
      return `${statsText(answer, lang)}\n\n${statsTextBars(answer.stats, lang)}`;
    case 'help':
      return helpText(lang);
    case 'error':
      return errorMessage(answer, lang);
    case 'message': {
      const words = featureText(answer, lang, spell);
      return [
        words.text,
        ...answer.incidents.map((incident, i) => incidentSummaryText({ incident, reasons: [] }, i + 1, lang)),
        ...(words.footer ? [words.footer] : []),
        ...(answer.incidents.length ? [credits(answer.incidents, lang).join('\n')] : []),
      ].join('\n\n');
    }
  }
}
