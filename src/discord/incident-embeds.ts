/**
 * Incidents as Discord embeds: a summary for lists (results, digests, alerts) and the full
 * detail view. All wording comes from src/render; this only lays it out and makes it inert.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
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
import { establishedLine, unstatedList } from '../render/fact-notes.js';
import { colon } from '../render/typography.js';
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

/** One incident in a list: title, then when, how many, which data, which vendor, sources. */
export function incidentSummaryEmbed(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, n: number | undefined, lang: Lang): APIEmbed {
  const inc = match.incident;
  const L = LABELS[lang];
  const url = firstUrl(inc);
  const flags = flagLabels(inc, lang);
  const place = formatPlace(inc, lang);
  return {
    title: `${n !== undefined ? `${n}. ` : ''}${safe(incidentTitle(inc, lang))}`,
    ...(url ? { url } : {}),
    description: safe(`${inc.organization.name}${place ? ` — ${place}` : ''}`),
    color: inc.verified ? COLORS.info : COLORS.warning,
    fields: [
      // When, how many and which data are always shown ("not stated" when the sources do not
      // say, as in Slack): their absence is itself an answer. A vendor only when there is one.
      ...field(L.when, formatWhen(inc, lang) ?? L.unknown),
      ...field(L.records, formatRecords(inc, lang, { worldwide: match.worldwideCount === true }) ?? L.unknown),
      ...field(L.data, formatDataClasses(inc, lang) ?? L.unknown),
      ...field(L.vendors, formatVendors(inc, lang)),
      ...field(L.affected, formatAffected(inc, lang)),
      ...field(L.flags, flags.join(', ') || undefined),
      ...field(L.matched, formatReasons(match.reasons, lang)),
      ...(inc.sources.length ? [{ name: L.sources, value: sourcesValue(inc, lang) }] : []),
    ],
    footer: { text: footerOf(inc, lang) },
  };
}

/** One incident in full: summary, facts, response timeline, sources, what the sources left unstated. */
export function incidentDetailEmbed(answer: IncidentAnswer, lang: Lang): APIEmbed {
  const inc = answer.incident;
  const L = LABELS[lang];
  const url = firstUrl(inc);
  const aliases = inc.organization.aliases.length ? ` (${inc.organization.aliases.join(', ')})` : '';
  const place = formatPlace(inc, lang);
  const c = colon(lang);
  const response = inc.response.map((r) => `• ${r.date ? `${formatDate(r.date, lang)}${c}` : ''}${localized(r.text, lang)}`).join('\n');
  const established = inc.established.map((e) => `• ${establishedLine(e, lang, establishedLabel(e.basis, lang), inc)}`).join('\n');
  return {
    title: safe(incidentTitle(inc, lang)),
    ...(url ? { url } : {}),
    description: safe(localized(inc.summary, lang)),
    color: inc.verified ? COLORS.info : COLORS.warning,
    fields: [
      ...field(L.organization, `${inc.organization.name}${aliases}${place ? ` — ${place}` : ''}`),
      ...field(L.when, formatWhen(inc, lang) ?? L.unknown),
      ...field(L.records, formatRecords(inc, lang) ?? L.unknown),
      ...field(L.data, formatDataClasses(inc, lang) ?? L.unknown),
      ...field(L.vendors, formatVendors(inc, lang)),
      ...field(L.affected, formatAffected(inc, lang)),
      ...field(L.cause, localized(inc.cause, lang) || undefined),
      ...field(L.response, response || undefined),
      ...field(L.flags, flagLabels(inc, lang).join(', ') || undefined),
      ...(inc.sources.length ? [{ name: L.sources, value: sourcesValue(inc, lang) }] : []),
      ...field(L.unstated, unstatedList(inc, lang).join(', ') || undefined),
      ...field(L.notes, established || undefined),
      ...field(L.related, answer.related.map((r) => `${incidentTitle(r, lang)} [${r.id}]`).join('\n') || undefined),
    ],
    footer: { text: footerOf(inc, lang) },
  };
}
