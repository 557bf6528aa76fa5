/**
 * Wording shared by every renderer (terminal, Slack, Discord, digest): dates at their
 * precision, counts with their qualifier, data classes, vendors, sources, in English or French.
 * Pure functions over the incident model; no platform markup here.
 */
import { dataClassLabel } from '../core/data-classes.js';
import { countryLabel } from '../core/countries.js';
import type { Incident, LocalizedText, RecordCount } from '../core/incident-schema.js';
import { precisionOf } from '../core/partial-date.js';
import type { MatchReason } from '../core/answer.js';
import type { Lang } from '../core/lang.js';


const MONTHS: Record<Lang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** "2022" → "2022"; "2022-09" → "September 2022"; "2014-05-05" → "5 May 2014" / "5 mai 2014". */
export function formatDate(value: string, lang: Lang): string {
  const [y, m, d] = value.split('-');
  const month = m ? MONTHS[lang][Number(m) - 1] : undefined;
  switch (precisionOf(value)) {
    case 'year':
      return y!;
    case 'month':
      return `${month} ${y}`;
    case 'day':
      return `${Number(d)}${lang === 'fr' && Number(d) === 1 ? 'er' : ''} ${month} ${y}`;
  }
}

/** The localized text in `lang`, falling back to English. */
export function localized(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return lang === 'fr' ? (text.fr ?? text.en) : text.en;
}

/** 1300000 → "1.3 million" / "1,3 million"; 45000 → "45,000" / "45 000". */
export function formatNumber(n: number, lang: Lang): string {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const fmt = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v).replace(/\u202f/g, ' ');
  if (n >= 1e9) return `${fmt(n / 1e9)} ${lang === 'fr' ? (n >= 2e9 ? 'milliards' : 'milliard') : 'billion'}`;
  if (n >= 1e6) return `${fmt(n / 1e6)} ${lang === 'fr' && n >= 2e6 ? 'millions' : 'million'}`;
  return fmt(n);
}

const QUALIFIERS: Record<RecordCount['qualifier'], Record<Lang, string>> = {
  exact: { en: '', fr: '' },
  approximate: { en: 'about ', fr: 'environ ' },
  'at-least': { en: 'at least ', fr: 'au moins ' },
  'at-most': { en: 'at most ', fr: 'au plus ' },
};

/** "at least 45,000 customers and staff" / "au moins 45 000 clients et personnel". */
export function formatCount(count: RecordCount, lang: Lang): string {
  const who = count.who ? ` ${localized(count.who, lang)}` : '';
  const number = formatNumber(count.count, lang);
  const of = lang === 'fr' && count.count >= 1e6 && who ? ' de' : '';
  return `${QUALIFIERS[count.qualifier][lang]}${number}${of}${who}`;
}

/** "according to" / "selon": who gives a figure. */
export function accordingTo(by: string, lang: Lang): string {
  return lang === 'fr' ? `selon ${by}` : `according to ${by}`;
}

/** What the renderers may add beside a count. */
export interface RecordsContext {
  /** The answer is filtered by a country this count is not limited to (`Match.worldwideCount`). */
  readonly worldwide?: boolean;
}

/**
 * "How many": the total and its breakdown, or undefined when the sources give no count. When
 * the sources disagree, each one's figure with who gives it ("about 6.4 million customers
 * according to bonjourlafuite.eu.org; 5.7 million e-mail addresses according to Have I Been
 * Pwned"); a worldwide count in a country-filtered answer says so.
 */
export function formatRecords(incident: Incident, lang: Lang, context: RecordsContext = {}): string | undefined {
  const r = incident.records;
  if (!r?.total && !r?.breakdown.length) return undefined;
  const parts: string[] = [];
  if (r.bySource.length > 0) parts.push(r.bySource.map((s) => `${formatCount(s, lang)} ${accordingTo(s.by, lang)}`).join(lang === 'fr' ? ' ; ' : '; '));
  else if (r.total) parts.push(formatCount(r.total, lang));
  if (r.breakdown.length) {
    const inner = r.breakdown.map((b) => formatCount(b, lang)).join(', ');
    parts.push(r.total ? `(${lang === 'fr' ? 'dont' : 'including'} ${inner})` : inner);
  }
  if (context.worldwide) parts.push(lang === 'fr' ? '(chiffre mondial)' : '(worldwide figure)');
  return parts.join(' ');
}

/** "When": what happened when, each date at its own precision. */
export function formatWhen(incident: Incident, lang: Lang): string | undefined {
  const { occurred, discovered, disclosed } = incident.dates;
  const L = lang === 'fr' ? { occurred: 'survenu', discovered: 'découvert', disclosed: 'révélé', to: 'au' } : { occurred: 'happened', discovered: 'discovered', disclosed: 'disclosed', to: 'to' };
  const parts: string[] = [];
  if (occurred) {
    parts.push(
      occurred.end && occurred.end !== occurred.start
        ? `${L.occurred} ${formatDate(occurred.start, lang)} ${L.to} ${formatDate(occurred.end, lang)}`
        : `${L.occurred} ${formatDate(occurred.start, lang)}`,
    );
  }
  if (discovered) parts.push(`${L.discovered} ${formatDate(discovered, lang)}`);
  if (disclosed) parts.push(`${L.disclosed} ${formatDate(disclosed, lang)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * "Which data": class labels, then anything the vocabulary has no class for, then what the
 * sources say was possibly exposed, as a hedge ("possibly exposed: passwords").
 */
export function formatDataClasses(incident: Incident, lang: Lang): string | undefined {
  const labels = [...incident.dataClasses.map((c) => dataClassLabel(c, lang)), ...incident.otherDataClasses];
  const possible = formatPossiblyExposed(incident, lang);
  if (!possible) return labels.length ? labels.join(', ') : undefined;
  return labels.length ? `${labels.join(', ')}${lang === 'fr' ? ' ; ' : '; '}${possible}` : possible;
}

/** "possibly exposed: passwords" / "peut-être exposés : mots de passe", or undefined. */
export function formatPossiblyExposed(incident: Incident, lang: Lang): string | undefined {
  if (incident.possiblyExposed.length === 0) return undefined;
  const labels = incident.possiblyExposed.map((c) => dataClassLabel(c, lang)).join(', ');
  return lang === 'fr' ? `peut-être exposés : ${labels}` : `possibly exposed: ${labels}`;
}

/** "Which vendor": "Inbenta Technologies (third-party provider of ...)". */
export function formatVendors(incident: Incident, lang: Lang): string | undefined {
  if (!incident.vendors.length) return undefined;
  return incident.vendors.map((v) => `${v.name} (${localized(v.role, lang)})`).join('; ');
}

/** Other organizations hit, with their own counts; and how many in all when the sources say. */
export function formatAffected(incident: Incident, lang: Lang): string | undefined {
  if (!incident.affected.length && !incident.affectedCount) return undefined;
  const named = incident.affected.map((a) => {
    const where = a.city ? `, ${a.city}` : '';
    const count = a.records ? `: ${formatCount(a.records, lang)}` : '';
    return `${a.name}${where}${count}`;
  });
  if (incident.affectedCount) {
    const c = incident.affectedCount;
    const total = `${QUALIFIERS[c.qualifier][lang]}${formatNumber(c.count, lang)} ${lang === 'fr' ? 'organisations en tout' : 'organizations in all'}`;
    named.push(total);
  }
  return named.join('; ');
}

export function formatPlace(incident: Incident, lang: Lang): string | undefined {
  const o = incident.organization;
  const country = o.country ? countryLabel(o.country, lang) : undefined;
  const parts = [o.city, country].filter(Boolean);
  const people = incident.peopleCountries.filter((c) => c !== o.country).map((c) => countryLabel(c, lang));
  if (people.length > 0) parts.push(lang === 'fr' ? `personnes touchées : ${people.join(', ')}` : `people hit in ${people.join(', ')}`);
  return parts.length ? parts.join(', ') : undefined;
}

export interface SourceLink {
  readonly label: string;
  readonly url?: string;
}

/** Each source as a label ("Publisher — Title (May 2014)") and its URL when there is one. */
export function sourceLinks(incident: Incident, lang: Lang): SourceLink[] {
  return incident.sources.map((s) => {
    const date = s.date ? ` (${formatDate(s.date, lang)})` : '';
    const label = `${s.publisher ? `${s.publisher} — ` : ''}${s.title}${date}`;
    return s.url ? { label, url: s.url } : { label: s.reference ? `${label} [${s.reference}]` : label };
  });
}

/** Attribution lines a licence requires (imported records), once each. */
export function attributions(incident: Incident): string[] {
  const out = new Set<string>();
  if (incident.provenance.attribution) out.add(incident.provenance.attribution);
  for (const s of incident.sources) if (s.attribution) out.add(s.attribution);
  return [...out];
}

/** Marks users should see beside a record: unverified, fabricated, spam list, sensitive... */
export function flagLabels(incident: Incident, lang: Lang): string[] {
  const fr = lang === 'fr';
  const out: string[] = [];
  if (!incident.verified) out.push(fr ? 'non vérifié' : 'unverified');
  if (incident.flags.fabricated) out.push(fr ? 'probablement fabriqué' : 'likely fabricated');
  if (incident.flags.spamList) out.push(fr ? 'liste de spam' : 'spam list');
  if (incident.flags.sensitive) out.push(fr ? 'sensible' : 'sensitive');
  if (incident.flags.malware) out.push(fr ? 'logiciel malveillant' : 'malware');
  if (incident.flags.stealerLog) out.push(fr ? 'journaux de stealer' : 'stealer logs');
  if (incident.flags.retired) {
    const by = incident.provenance.publisher ?? incident.provenance.source;
    out.push(fr ? `retirée de la recherche par ${by} (la fuite a bien eu lieu)` : `retired from ${by}'s search (the breach did happen)`);
  }
  if (incident.kind === 'attack') out.push(fr ? 'cyberattaque (pas de vol de données rapporté)' : 'cyberattack (no data theft reported)');
  return out;
}

const FIELD_LABELS: Record<MatchReason['field'], Record<Lang, string>> = {
  organization: { en: 'organization', fr: 'organisation' },
  alias: { en: 'alias', fr: 'alias' },
  vendor: { en: 'vendor', fr: 'prestataire' },
  affected: { en: 'affected organization', fr: 'organisation touchée' },
  domain: { en: 'domain', fr: 'domaine' },
  title: { en: 'title', fr: 'titre' },
  summary: { en: 'summary', fr: 'résumé' },
  classes: { en: 'data', fr: 'données' },
  response: { en: 'response', fr: 'réponse' },
  place: { en: 'place', fr: 'lieu' },
  sector: { en: 'sector', fr: 'secteur' },
  cause: { en: 'cause', fr: 'cause' },
};

/** "vendor Inbenta Technologies, summary" — why an incident matched, for answers. */
export function formatReasons(reasons: readonly MatchReason[], lang: Lang): string | undefined {
  if (!reasons.length) return undefined;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of reasons) {
    const text = 'value' in r ? `${FIELD_LABELS[r.field][lang]} “${r.value}”` : FIELD_LABELS[r.field][lang];
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.slice(0, 3).join(', ');
}

/** A label's colon: French typography puts a space before it ("Quand : …"). */
export function colon(lang: Lang): string {
  return lang === 'fr' ? ' : ' : ': ';
}

/** The incident's title in `lang`. */
export function incidentTitle(incident: Incident, lang: Lang): string {
  return localized(incident.title, lang);
}

/** A short date for lists: the best-known date of the incident. */
export function shortWhen(incident: Incident, lang: Lang): string | undefined {
  const d = incident.dates.occurred?.start ?? incident.dates.disclosed ?? incident.dates.discovered;
  return d ? formatDate(d, lang) : undefined;
}
