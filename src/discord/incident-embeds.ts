/**
 * Incidents as Discord embeds: a summary for lists (results, digests, alerts) and the full
 * detail view. All wording comes from src/render; this only lays it out and makes it inert.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { IncidentAnswer, Match } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import { attributions, incidentTitle, sourceLinks } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { LABELS } from '../render/messages.js';
import { type IncidentCard, incidentCard } from '../render/incident-card.js';
import { defuseMentions, link, safe } from './safe-text.js';

export const COLORS = { info: 0x5865f2, success: 0x57f287, error: 0xed4245, warning: 0xfee75c, neutral: 0x99aab5 } as const;

function field(name: string, value: string | undefined, inline = false): APIEmbedField[] {
  return value ? [{ name, value: safe(value), ...(inline ? { inline } : {}) }] : [];
}

function sourcesValue(incident: Incident, lang: Lang): string {
  return sourceLinks(incident, lang)
    .map((s) => `• ${link(s.label, s.url)}`)
    .join('\n');
}

function firstUrl(incident: Incident): string | undefined {
  const url = incident.sources.find((s) => s.url)?.url;
  return url && /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

/** Footers show no markdown, so only mentions need defusing there. */
function footerOf(incident: Incident, lang: Lang): string {
  return defuseMentions([incident.id, ...attributions(incident, lang)].join(' · '));
}

/** The card's facts as embed fields. */
function factFields(card: IncidentCard): APIEmbedField[] {
  return card.facts.flatMap((f) => field(f.label, f.value));
}

/** One incident in a list: title, then when, how many, which data, which vendor, sources. */
export function incidentSummaryEmbed(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number | undefined, lang: Lang): APIEmbed {
  const inc = match.incident;
  const card = incidentCard(match, lang);
  const url = firstUrl(inc);
  return {
    title: `${n !== undefined ? `${n}. ` : ''}${safe(card.title)}`,
    ...(url ? { url } : {}),
    description: safe(card.organization),
    color: inc.verified ? COLORS.info : COLORS.warning,
    fields: [...factFields(card), ...(inc.sources.length ? [{ name: card.sources.label, value: sourcesValue(inc, lang) }] : [])],
    footer: { text: footerOf(inc, lang) },
  };
}

/** One incident in full: summary, facts, response timeline, sources, what the sources left unstated. */
export function incidentDetailEmbed(answer: IncidentAnswer, lang: Lang): APIEmbed {
  const inc = answer.incident;
  const card = incidentCard({ incident: inc, reasons: [] }, lang, { detail: true });
  const L = LABELS[lang];
  const url = firstUrl(inc);
  return {
    title: safe(card.title),
    ...(url ? { url } : {}),
    description: safe(card.summary),
    color: inc.verified ? COLORS.info : COLORS.warning,
    fields: [
      ...field(L.organization, card.organization),
      ...factFields(card),
      ...field(L.response, card.response?.items.map((r) => `• ${r}`).join('\n')),
      ...(inc.sources.length ? [{ name: card.sources.label, value: sourcesValue(inc, lang) }] : []),
      ...field(L.unstated, card.unstated?.text),
      ...field(card.established.label, card.established.lines.map((e) => `• ${e}`).join('\n') || undefined),
      ...field(L.related, answer.related.map((r) => `${incidentTitle(r, lang)} [${r.id}]`).join('\n') || undefined),
    ],
    footer: { text: footerOf(inc, lang) },
  };
}
