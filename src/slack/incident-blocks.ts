/**
 * One incident as Block Kit: the summary a list shows (organization, when, how many, which data,
 * which vendor, sources as links) and the full detail view. Wording comes from render/format.ts
 * and render/messages.ts; every value is escaped and clipped here.
 */
import type { IncidentAnswer, Match } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import {
  attributions,
  flagLabels,
  formatAffected,
  formatDataClasses,
  formatDate,
  formatPlace,
  formatReasons,
  formatRecords,
  formatVendors,
  formatWhen,
  incidentTitle,
  localized,
  sourceLinks,
} from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { LABELS, establishedLabel } from '../render/messages.js';
import { colon } from '../render/typography.js';
import { establishedLine, unstatedList } from '../render/fact-notes.js';
import { type Block, SLACK_LIMITS, context, section } from './block-kit.js';
import { joinLines, link, safe } from './mrkdwn.js';

/** Per-line budgets: a section holds 3,000 characters, these keep a few lines of each kind. */
const TITLE_MAX = 300;
const LINE_MAX = 500;
const SOURCES_MAX = 900;
const SOURCE_LABEL_MAX = 150;

function field(label: string, value: string | undefined, lang: Lang, max = LINE_MAX): string[] {
  return value ? [`*${label}${colon(lang).trimEnd()}* ${safe(value, max)}`] : [];
}

// When, how many and which data are always shown ("not stated" when the sources do not say):
// their absence is itself an answer. A vendor or other victims are shown only when there are some.

/** "Ticketmaster (Ticketmaster UK) — United Kingdom": who was hit, where. */
function organizationLine(incident: Incident, lang: Lang, withAliases: boolean): string {
  const o = incident.organization;
  const aliases = withAliases && o.aliases.length ? ` (${o.aliases.join(', ')})` : '';
  const place = formatPlace(incident, lang);
  const sector = o.sector ? ` · ${o.sector}` : '';
  return `_${safe(`${o.name}${aliases}${place ? ` — ${place}` : ''}${sector}`, LINE_MAX)}_`;
}

/** Sources as mrkdwn links (or plain labels with their reference when there is no URL). */
export function sourcesText(incident: Incident, lang: Lang, separator = ' · '): string {
  return sourceLinks(incident, lang)
    .map((s) => (s.url ? link(s.url, s.label, SOURCE_LABEL_MAX) : safe(s.label, SOURCE_LABEL_MAX + 60)))
    .join(separator);
}

/** The mrkdwn of one incident in a list (numbered `n`), within a section's 3,000 characters. */
export function incidentSummaryMrkdwn(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number, lang: Lang, options: { readonly credits?: boolean } = {}): string {
  const inc = match.incident;
  const L = LABELS[lang];
  const flags = flagLabels(inc, lang);
  const sources = sourcesText(inc, lang);
  const lines = [
    `*${n}. ${safe(incidentTitle(inc, lang), TITLE_MAX)}*  \`${inc.id}\``,
    organizationLine(inc, lang, false),
    ...field(L.when, formatWhen(inc, lang) ?? L.unknown, lang),
    ...field(L.records, formatRecords(inc, lang, { worldwide: match.worldwideCount === true }) ?? L.unknown, lang),
    ...field(L.data, formatDataClasses(inc, lang) ?? L.unknown, lang),
    ...field(L.vendors, formatVendors(inc, lang), lang),
    ...field(L.affected, formatAffected(inc, lang), lang),
    ...field(L.flags, flags.join(', ') || undefined, lang),
    ...field(L.matched, formatReasons(match.reasons, lang), lang),
    ...(sources ? [`*${L.sources}${colon(lang).trimEnd()}* ${joinLines([sources], SOURCES_MAX)}`] : []),
    ...(options.credits === false ? [] : attributions(inc, lang).map((a) => `_${safe(a, LINE_MAX)}_`)),
  ];
  return joinLines(lines, SLACK_LIMITS.sectionText);
}

/**
 * Characters per part of the detail view. Each is under a section's 3,000, and together they
 * stay under the message budget (SLACK_LIMITS.messageBytes) even with every field at its longest.
 */
const DETAIL_BUDGET = { facts: 2000, summary: 1800, response: 1200, sources: 1800, notes: 1000, related: 700 } as const;

/** The detail view's blocks (without buttons): facts, summary, response, sources, notes. */
export function incidentDetailBlocks(answer: IncidentAnswer, lang: Lang): Block[] {
  const inc = answer.incident;
  const L = LABELS[lang];
  const facts = [
    `*${safe(incidentTitle(inc, lang), TITLE_MAX)}*  \`${inc.id}\``,
    organizationLine(inc, lang, true),
    ...field(L.when, formatWhen(inc, lang) ?? L.unknown, lang),
    ...field(L.records, formatRecords(inc, lang) ?? L.unknown, lang),
    ...field(L.data, formatDataClasses(inc, lang) ?? L.unknown, lang),
    ...field(L.vendors, formatVendors(inc, lang), lang),
    ...field(L.affected, formatAffected(inc, lang), lang),
    ...field(L.cause, localized(inc.cause, lang) || undefined, lang),
    ...field(L.flags, flagLabels(inc, lang).join(', ') || undefined, lang),
  ];
  const blocks: Block[] = [section(joinLines(facts, DETAIL_BUDGET.facts)), section(safe(localized(inc.summary, lang), DETAIL_BUDGET.summary))];
  if (inc.response.length) {
    const lines = inc.response.map((r) => `• ${r.date ? `${safe(formatDate(r.date, lang), 40)}${colon(lang)}` : ''}${safe(localized(r.text, lang), LINE_MAX)}`);
    blocks.push(section(joinLines([`*${L.response}${colon(lang).trimEnd()}*`, ...lines], DETAIL_BUDGET.response)));
  }
  blocks.push(section(joinLines([`*${L.sources}${colon(lang).trimEnd()}*`, ...sourcesText(inc, lang, '\n').split('\n').map((s) => `• ${s}`)], DETAIL_BUDGET.sources)));
  const notes: string[] = [
    ...attributions(inc, lang).map((a) => safe(a, LINE_MAX)),
    ...(inc.unstated.length ? [`${L.unstated}${colon(lang)}${safe(unstatedList(inc, lang).join(', '), 1000)}`] : []),
    ...inc.established.map((e) => safe(establishedLine(e, lang, establishedLabel(e.basis, lang), inc), LINE_MAX + 200)),
  ];
  if (notes.length) blocks.push(context(joinLines(notes, DETAIL_BUDGET.notes)));
  if (answer.related.length) {
    const related = answer.related.map((r) => `• ${safe(incidentTitle(r, lang), TITLE_MAX)}  \`${r.id}\``);
    blocks.push(section(joinLines([`*${L.related}${colon(lang).trimEnd()}*`, ...related], DETAIL_BUDGET.related)));
  }
  return blocks;
}
