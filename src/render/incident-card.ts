/**
 * One incident as a neutral card, worded once in the reader's language: its title, who was hit
 * and where, the facts with their labels (when, how many and which data always, "not stated" when
 * the sources do not say: their absence is itself an answer), the summary, the response, the
 * sources, the credits and how facts were established. Each platform lays it out (text lines,
 * Block Kit, an embed), escaping and clipping for its own limits, without wording anything.
 */
import type { Match } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { establishedLine, unstatedList } from './fact-notes.js';
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
  type SourceLink,
} from './format.js';
import { LABELS, establishedLabel } from './messages.js';
import { colon } from './typography.js';

export type FactKey = 'when' | 'records' | 'data' | 'vendors' | 'affected' | 'cause' | 'flags' | 'matched';

export interface Fact {
  readonly key: FactKey;
  readonly label: string;
  readonly value: string;
}

export interface IncidentCard {
  readonly id: string;
  readonly title: string;
  /** "Ticketmaster — United Kingdom": who was hit, where (with its other names in a detail card). */
  readonly organization: string;
  readonly sector?: string;
  readonly facts: readonly Fact[];
  /** The vendors' names alone, for a list's short line. */
  readonly vendorNames?: string;
  readonly summary: string;
  /** Each response, dated when the sources date it. */
  readonly response?: { readonly label: string; readonly items: readonly string[] };
  readonly sources: { readonly label: string; readonly links: readonly SourceLink[] };
  /** The credit lines the feeds' licences ask for. */
  readonly credits: readonly string[];
  readonly unstated?: { readonly label: string; readonly text: string };
  /** How facts were established, one line each. */
  readonly established: { readonly label: string; readonly lines: readonly string[] };
}

export interface CardOptions {
  /** The detail view: other names, cause, response, notes. A list shows less. */
  readonly detail?: boolean;
}

/** The card of an incident, as a list shows it (with why it matched) or in full (`detail`). */
export function incidentCard(match: Pick<Match, 'incident' | 'reasons' | 'worldwideCount'>, lang: Lang, options: CardOptions = {}): IncidentCard {
  const inc = match.incident;
  const L = LABELS[lang];
  const detail = options.detail === true;
  const o = inc.organization;
  const aliases = detail && o.aliases.length ? ` (${o.aliases.join(', ')})` : '';
  const place = formatPlace(inc, lang);
  const fact = (key: FactKey, label: string, value: string | undefined): Fact[] => (value ? [{ key, label, value }] : []);
  const facts = [
    ...fact('when', L.when, formatWhen(inc, lang) ?? L.unknown),
    ...fact('records', L.records, formatRecords(inc, lang, { worldwide: match.worldwideCount === true }) ?? L.unknown),
    ...fact('data', L.data, formatDataClasses(inc, lang) ?? L.unknown),
    ...fact('vendors', L.vendors, formatVendors(inc, lang)),
    ...fact('affected', L.affected, formatAffected(inc, lang)),
    ...(detail ? fact('cause', L.cause, localized(inc.cause, lang) || undefined) : []),
    ...fact('flags', L.flags, flagLabels(inc, lang).join(', ') || undefined),
    ...(detail ? [] : fact('matched', L.matched, formatReasons(match.reasons, lang))),
  ];
  const unstated = unstatedList(inc, lang);
  return {
    id: inc.id,
    title: incidentTitle(inc, lang),
    organization: `${o.name}${aliases}${place ? ` — ${place}` : ''}`,
    ...(o.sector ? { sector: o.sector } : {}),
    facts,
    ...(inc.vendors.length ? { vendorNames: inc.vendors.map((v) => v.name).join(', ') } : {}),
    summary: localized(inc.summary, lang),
    ...(inc.response.length ? { response: { label: L.response, items: inc.response.map((r) => `${r.date ? `${formatDate(r.date, lang)}${colon(lang)}` : ''}${localized(r.text, lang)}`) } } : {}),
    sources: { label: L.sources, links: sourceLinks(inc, lang) },
    credits: attributions(inc, lang),
    ...(unstated.length ? { unstated: { label: L.unstated, text: unstated.join(', ') } } : {}),
    established: { label: L.notes, lines: inc.established.map((e) => establishedLine(e, lang, establishedLabel(e.basis, lang), inc)) },
  };
}

/** A fact of the card by its key, if the card has it. */
export function factOf(card: IncidentCard, key: FactKey): Fact | undefined {
  return card.facts.find((f) => f.key === key);
}
