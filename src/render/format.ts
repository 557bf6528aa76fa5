/**
 * Wording shared by every renderer (terminal, Slack, Discord, digest): dates at their
 * precision, counts with their qualifier, data classes, vendors, sources, in English or French.
 * Pure functions over the incident model; no platform markup here.
 */
import { dataClassLabel } from '../core/data-classes.js';
import { countryLabel } from '../core/countries.js';
import type { Incident, LocalizedText, RecordCount, Source, SourceKind } from '../core/incident-schema.js';
import { precisionOf } from '../core/partial-date.js';
import { formatDate, formatNumber } from '../core/locale-format.js';
import { publisherOf } from '../core/source-figures.js';
import type { MatchReason } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { NNBSP, colon as labelColon, deFr, quote, semicolon, typeset } from './typography.js';
import { attributionLines } from './feeds.js';
import { otherDataClassesIn } from './other-data-classes.js';


/**
 * A date with the preposition its precision takes: "on 18 April 2014", "in February 2014",
 * "in 2021" / "le 18 avril 2014", "en février 2014", "en 2021".
 */
export function atDate(value: string, lang: Lang): string {
  const day = precisionOf(value) === 'day';
  if (lang === 'fr') return `${day ? 'le' : 'en'} ${formatDate(value, lang)}`;
  return `${day ? 'on' : 'in'} ${formatDate(value, lang)}`;
}

/**
 * A span between two dates, each at its own precision: "from September 2017 to 23 June 2018" /
 * "de septembre 2017 au 23 juin 2018", "du 5 au 23 juin 2018", "d'avril à juin 2014", "de 2017 à 2018".
 */
export function dateSpan(start: string, end: string, lang: Lang): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const sameMonth = sameYear && start.length >= 7 && start.slice(0, 7) === end.slice(0, 7);
  const ps = precisionOf(start);
  const pe = precisionOf(end);
  // The year (and month) said once when both ends share it: "du 5 au 23 juin 2018", "from April to June 2014".
  let from = formatDate(start, lang);
  if (ps === 'day' && pe === 'day' && sameMonth) from = `${Number(start.slice(8))}${lang === 'fr' && Number(start.slice(8)) === 1 ? 'er' : ''}`;
  else if (ps === pe && ps !== 'year' && sameYear) from = from.replace(/ \d{4}$/, '');
  const to = formatDate(end, lang);
  if (lang === 'en') return `from ${from} to ${to}`;
  const fromWord = ps === 'day' ? `du ${from}` : deFr(from);
  const toWord = pe === 'day' ? `au ${to}` : `à ${to}`;
  return `${fromWord} ${toWord}`;
}

/** The localized text in `lang`, falling back to English, in the language's typography. */
export function localized(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return typeset(lang === 'fr' ? (text.fr ?? text.en) : text.en, lang);
}
/** Dates and numbers in a locale: spelled in the core (importers spell them too), re-exported for the renderers. */
export { formatDate, formatNumber };

const QUALIFIERS: Record<RecordCount['qualifier'], Record<Lang, string>> = {
  exact: { en: '', fr: '' },
  approximate: { en: 'about ', fr: 'environ ' },
  'at-least': { en: 'at least ', fr: 'au moins ' },
  'at-most': { en: 'at most ', fr: 'au plus ' },
};

/**
 * "at least 45,000 customers and staff" / "au moins 45 000 clients et personnel"; in French a
 * million or more takes "de" ("2 millions de comptes", "1,6 million d'utilisateurs", "3 milliards d'entrées").
 */
export function formatCount(count: RecordCount, lang: Lang): string {
  const number = formatNumber(count.count, lang);
  const who = count.who ? localized(count.who, lang) : '';
  if (!who) return `${QUALIFIERS[count.qualifier][lang]}${number}`;
  const joined = lang === 'fr' && count.count >= 1e6 ? `${number} ${deFr(who)}` : `${number} ${who}`;
  return `${QUALIFIERS[count.qualifier][lang]}${joined}`;
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
  if (r.bySource.length > 0) parts.push(r.bySource.map((s) => `${formatCount(s, lang)} ${accordingTo(s.by, lang)}`).join(semicolon(lang)));
  else if (r.total) parts.push(formatCount(r.total, lang));
  if (r.breakdown.length) {
    const inner = r.breakdown.map((b) => formatCount(b, lang)).join(', ');
    parts.push(r.total ? `(${lang === 'fr' ? 'dont' : 'including'} ${inner})` : inner);
  }
  if (context.worldwide) parts.push(lang === 'fr' ? '(chiffre mondial)' : '(worldwide figure)');
  return parts.join(' ');
}

const WHEN_WORDS: Record<Lang, { occurred: string; discovered: string; disclosed: string }> = {
  en: { occurred: 'happened', discovered: 'discovered', disclosed: 'disclosed' },
  fr: { occurred: 'survenu', discovered: 'découvert', disclosed: 'révélé' },
};

/**
 * "When": what happened when, each date at its own precision with its preposition:
 * "happened from September 2017 to 23 June 2018 · disclosed on 27 June 2018" /
 * "survenu de septembre 2017 au 23 juin 2018 · révélé le 27 juin 2018".
 */
export function formatWhen(incident: Incident, lang: Lang): string | undefined {
  const { occurred, discovered, disclosed } = incident.dates;
  const W = WHEN_WORDS[lang];
  const others = incident.bySource?.dates ?? [];
  const parts: string[] = [];
  // Each kind of date, the incident's own first; where a merged source gives another, each with who gives it.
  const kind = (word: string, own: string | undefined, ownWords: string | undefined, key: 'occurred' | 'discovered' | 'disclosed') => {
    const theirs = others.flatMap((o) => (o[key] ? [`${atDate(o[key], lang)} ${accordingTo(o.by, lang)}`] : []));
    if (!own && theirs.length === 0) return;
    if (theirs.length === 0) parts.push(`${word} ${ownWords}`);
    else parts.push(`${word} ${[...(own ? [`${ownWords} ${accordingTo(publisherOf(incident), lang)}`] : []), ...theirs].join(semicolon(lang))}`);
  };
  kind(W.occurred, occurred?.start, occurred ? (occurred.end && occurred.end !== occurred.start ? dateSpan(occurred.start, occurred.end, lang) : atDate(occurred.start, lang)) : undefined, 'occurred');
  kind(W.discovered, discovered, discovered && atDate(discovered, lang), 'discovered');
  kind(W.disclosed, disclosed, disclosed && atDate(disclosed, lang), 'disclosed');
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * The data classes as labels: those every merged source names first, then, when the sources
 * name different ones, the rest grouped by who names them ("according to Have I Been Pwned:
 * passwords"). One group of labels when there is a single source.
 */
function classGroups(incident: Incident, lang: Lang): { shared: string[]; bySource: string[] } {
  const lists = incident.bySource?.dataClasses ?? [];
  const everyone = (c: string) => lists.length < 2 || lists.every((l) => l.dataClasses.includes(c)) || !lists.some((l) => l.dataClasses.includes(c));
  const shared = incident.dataClasses.filter(everyone).map((c) => dataClassLabel(c, lang));
  const bySource = lists.length < 2 ? [] : lists.flatMap((l) => {
    const own = l.dataClasses.filter((c) => !everyone(c) && incident.dataClasses.includes(c));
    return own.length ? [`${accordingTo(l.by, lang)}${labelColon(lang)}${own.map((c) => dataClassLabel(c, lang)).join(', ')}`] : [];
  });
  return { shared, bySource };
}

/**
 * "Which data": class labels in the reader's language, then what the vocabulary has no class
 * for — in the reader's language when it is written in it or translated, else counted ("and 3
 * other items the source names in French") rather than shown raw — then what the sources say
 * was possibly exposed, as a hedge ("possibly exposed: passwords").
 */
export function formatDataClasses(incident: Incident, lang: Lang): string | undefined {
  const other = otherDataClassesIn(incident, lang);
  const groups = classGroups(incident, lang);
  const labels = [...groups.shared, ...other.shown];
  if (other.untranslated > 0) {
    const n = other.untranslated;
    const tail =
      lang === 'fr'
        ? `${n === 1 ? 'un autre élément nommé' : `${n} autres éléments nommés`} en anglais par la source`
        : `${n === 1 ? 'one other item' : `${n} other items`} the source names in French`;
    labels.push(labels.length ? (lang === 'fr' ? `et ${tail}` : `and ${tail}`) : tail);
  }
  const parts = [...(labels.length ? [labels.join(', ')] : []), ...groups.bySource];
  const possible = formatPossiblyExposed(incident, lang);
  if (possible) parts.push(possible);
  return parts.length ? parts.join(semicolon(lang)) : undefined;
}

/** "possibly exposed: passwords" / "exposition possible : mots de passe", or undefined. */
export function formatPossiblyExposed(incident: Incident, lang: Lang): string | undefined {
  if (incident.possiblyExposed.length === 0) return undefined;
  const labels = incident.possiblyExposed.map((c) => dataClassLabel(c, lang)).join(', ');
  return lang === 'fr' ? `exposition possible${labelColon(lang)}${labels}` : `possibly exposed: ${labels}`;
}

/** "Which vendor": "Inbenta Technologies (third-party provider of ...)". */
export function formatVendors(incident: Incident, lang: Lang): string | undefined {
  if (!incident.vendors.length) return undefined;
  return incident.vendors.map((v) => (v.role ? `${v.name} (${localized(v.role, lang)})` : v.name)).join(semicolon(lang));
}

/** Other organizations hit, with their own counts; and how many in all when the sources say. */
export function formatAffected(incident: Incident, lang: Lang): string | undefined {
  if (!incident.affected.length && !incident.affectedCount) return undefined;
  const named = incident.affected.map((a) => {
    const where = a.city ? `, ${a.city}` : '';
    const count = a.records ? `${labelColon(lang)}${formatCount(a.records, lang)}` : '';
    return `${a.name}${where}${count}`;
  });
  if (incident.affectedCount) {
    const c = incident.affectedCount;
    const total = `${QUALIFIERS[c.qualifier][lang]}${formatNumber(c.count, lang)} ${lang === 'fr' ? 'organisations en tout' : 'organizations in all'}`;
    named.push(total);
  }
  return named.join(semicolon(lang));
}

export function formatPlace(incident: Incident, lang: Lang): string | undefined {
  const o = incident.organization;
  const country = o.country ? countryLabel(o.country, lang) : undefined;
  const parts = [o.city, country].filter(Boolean);
  const people = incident.peopleCountries.filter((c) => c !== o.country).map((c) => countryLabel(c, lang));
  if (people.length > 0) parts.push(lang === 'fr' ? `personnes touchées${labelColon(lang)}${people.join(', ')}` : `people hit in ${people.join(', ')}`);
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
    const label = `${s.publisher ? `${s.publisher} — ` : ''}${sourceTitle(s, lang)}${date}`;
    return s.url ? { label, url: s.url } : { label: s.reference ? `${label} [${s.reference}]` : label };
  });
}

const SOURCE_KIND_WORDS: Record<SourceKind, Record<Lang, (subject: string) => string>> = {
  'feed-entry': { en: (x) => `${x} breach entry`, fr: (x) => `fiche ${x}` },
  screenshot: { en: (x) => `${x}, screenshot`, fr: (x) => `${x}, capture d'écran` },
  'breach-report': { en: (x) => `breach report: ${x}`, fr: (x) => `déclaration de violation${NNBSP}: ${x}` },
  disclosure: { en: (x) => `${x}: disclosure`, fr: (x) => `${x}${NNBSP}: annonce de la fuite` },
};

/**
 * A source's title: its headline as printed, or, for a feed's own page (which has none), what
 * it is — worded here from the kind and subject the importer stored.
 */
export function sourceTitle(source: Source, lang: Lang): string {
  if (source.kind && source.subject) return SOURCE_KIND_WORDS[source.kind][lang](source.subject);
  return source.title ?? '';
}

/** Credit lines the feeds' licences require, once each, in the reader's language. */
export function attributions(incident: Incident, lang: Lang = 'en'): string[] {
  return attributionLines(incident, lang);
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
  if (incident.flags.stealerLog) out.push(fr ? 'journaux de logiciel espion (stealer)' : 'stealer logs');
  if (incident.flags.retired) {
    const by = incident.provenance.publisher ?? incident.provenance.source;
    out.push(fr ? `retirée de la recherche par ${by} (la fuite a bien eu lieu)` : `retired from ${by}'s search (the breach did happen)`);
  }
  if (incident.kind === 'attack') out.push(fr ? 'cyberattaque (pas de vol de données rapporté)' : 'cyberattack (no data theft reported)');
  return out;
}

const FIELD_LABELS: Record<MatchReason['field'], Record<Lang, string>> = {
  organization: { en: 'organization', fr: 'organisation' },
  alias: { en: 'alias', fr: 'autre nom' },
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
  source: { en: 'source', fr: 'source' },
};

/** "vendor “Inbenta Technologies”, summary" — why an incident matched, for answers. */
export function formatReasons(reasons: readonly MatchReason[], lang: Lang): string | undefined {
  if (!reasons.length) return undefined;
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of reasons) {
    const text = 'value' in r ? `${FIELD_LABELS[r.field][lang]} ${quote(r.value, lang)}` : FIELD_LABELS[r.field][lang];
    if (!seen.has(text)) {
      seen.add(text);
      parts.push(text);
    }
  }
  return parts.slice(0, 3).join(', ');
}

/** A label's colon: French typography puts a narrow no-break space before it ("Quand : …"). */
export const colon = labelColon;

/** The incident's title in `lang`. */
export function incidentTitle(incident: Incident, lang: Lang): string {
  return localized(incident.title, lang);
}
