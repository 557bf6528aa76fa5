/**
 * Plain-text rendering of answers, for the terminal chat (and as the fallback text other
 * platforms send beside rich messages). Pure: answer in, string out.
 */
import type { Answer, IncidentAnswer, Match, StatsAnswer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import { colon, formatNumber, incidentTitle } from './format.js';
import type { Lang } from '../core/lang.js';
import { statsTextBars } from '../charts/text-bars.js';
import { LABELS, errorMessage, noResultsMessage, notFoundMessage, suggestionsLead } from './messages.js';
import { creditLinesFor } from './feeds.js';
import { statsCard } from './stats-card.js';
import { type FactKey, factOf, incidentCard } from './incident-card.js';
import { helpCard } from './help-card.js';
import { featureText, searchHeading } from './feature-words.js';
import { type CommandSpelling, TEXT_SPELLING } from './command-spelling.js';
import { semicolon, typeset } from './typography.js';

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
  const card = incidentCard(match, lang);
  const L = LABELS[lang];
  const known = (key: FactKey) => {
    const f = factOf(card, key);
    return f && f.value !== L.unknown ? f.value : undefined;
  };
  const facts = [known('when'), known('records'), known('flags')].filter((f): f is string => Boolean(f));
  const data = known('data');
  const third = [data ? `${L.data}${colon(lang)}${data}` : undefined, card.vendorNames ? `${L.vendors}${colon(lang)}${card.vendorNames}` : undefined].filter(Boolean).join(' · ');
  return [
    `${n}. ${card.title} [${card.id}]`,
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
  const card = incidentCard({ incident: answer.incident, reasons: [] }, lang, { detail: true });
  const L = LABELS[lang];
  const c = colon(lang);
  const out = [`${card.title} [${card.id}]`, `   ${card.organization}`, ...card.facts.map((f) => `   ${f.label}${c}${f.value}`), '', `   ${card.summary}`];
  if (card.response) out.push('', `   ${card.response.label}${c.trimEnd()}`, ...card.response.items.map((r) => `   - ${r}`));
  out.push('', `   ${card.sources.label}${c.trimEnd()}`);
  for (const s of card.sources.links) out.push(`   - ${s.label}${s.url ? ` <${s.url}>` : ''}`);
  for (const a of card.credits) out.push(`   ${a}`);
  if (card.unstated) out.push(`   ${card.unstated.label}${c}${card.unstated.text}`);
  for (const e of card.established.lines) out.push(`   ${e}`);
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
      return [searchHeading(answer, lang), ...body, foot].join('\n\n');
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
