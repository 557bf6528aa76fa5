/**
 * One incident as Block Kit: the summary a list shows (organization, when, how many, which data,
 * which vendor, sources as links) and the full detail view. Wording comes from render/format.ts
 * and render/messages.ts; every value is escaped and clipped here.
 */
import type { IncidentAnswer, Match } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import { incidentTitle, sourceLinks } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { LABELS } from '../render/messages.js';
import { colon } from '../render/typography.js';
import { type IncidentCard, incidentCard } from '../render/incident-card.js';
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

/** "Ticketmaster (Ticketmaster UK) — United Kingdom · retail": who was hit, where. */
function organizationLine(card: IncidentCard): string {
  return `_${safe(`${card.organization}${card.sector ? ` · ${card.sector}` : ''}`, LINE_MAX)}_`;
}

/** The card's facts as labelled lines. */
function factLines(card: IncidentCard, lang: Lang): string[] {
  return card.facts.flatMap((f) => field(f.label, f.value, lang));
}

/** Sources as mrkdwn links (or plain labels with their reference when there is no URL). */
export function sourcesText(incident: Incident, lang: Lang, separator = ' · '): string {
  return sourceLinks(incident, lang)
    .map((s) => (s.url ? link(s.url, s.label, SOURCE_LABEL_MAX) : safe(s.label, SOURCE_LABEL_MAX + 60)))
    .join(separator);
}

/** The mrkdwn of one incident in a list (numbered `n`), within a section's 3,000 characters. */
export function incidentSummaryMrkdwn(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number, lang: Lang, options: { readonly credits?: boolean } = {}): string {
  const card = incidentCard(match, lang);
  const sources = sourcesText(match.incident, lang);
  const lines = [
    `*${n}. ${safe(card.title, TITLE_MAX)}*  \`${card.id}\``,
    organizationLine(card),
    ...factLines(card, lang),
    ...(sources ? [`*${card.sources.label}${colon(lang).trimEnd()}* ${joinLines([sources], SOURCES_MAX)}`] : []),
    ...(options.credits === false ? [] : card.credits.map((a) => `_${safe(a, LINE_MAX)}_`)),
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
  const card = incidentCard({ incident: inc, reasons: [] }, lang, { detail: true });
  const L = LABELS[lang];
  const facts = [`*${safe(card.title, TITLE_MAX)}*  \`${card.id}\``, organizationLine(card), ...factLines(card, lang)];
  const blocks: Block[] = [section(joinLines(facts, DETAIL_BUDGET.facts)), section(safe(card.summary, DETAIL_BUDGET.summary))];
  if (card.response) blocks.push(section(joinLines([`*${card.response.label}${colon(lang).trimEnd()}*`, ...card.response.items.map((r) => `• ${safe(r, LINE_MAX)}`)], DETAIL_BUDGET.response)));
  blocks.push(section(joinLines([`*${card.sources.label}${colon(lang).trimEnd()}*`, ...sourcesText(inc, lang, '\n').split('\n').map((s) => `• ${s}`)], DETAIL_BUDGET.sources)));
  const notes: string[] = [
    ...card.credits.map((a) => safe(a, LINE_MAX)),
    ...(card.unstated ? [`${card.unstated.label}${colon(lang)}${safe(card.unstated.text, 1000)}`] : []),
    ...card.established.lines.map((e) => safe(e, LINE_MAX + 200)),
  ];
  if (notes.length) blocks.push(context(joinLines(notes, DETAIL_BUDGET.notes)));
  if (answer.related.length) {
    const related = answer.related.map((r) => `• ${safe(incidentTitle(r, lang), TITLE_MAX)}  \`${r.id}\``);
    blocks.push(section(joinLines([`*${L.related}${colon(lang).trimEnd()}*`, ...related], DETAIL_BUDGET.related)));
  }
  return blocks;
}
