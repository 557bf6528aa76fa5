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
import { NNBSP, colon as labelColon, deFr, quote, semicolon, typeset } from './typography.js';
import { attributionLines } from './feeds.js';
import { otherDataClassesIn } from './other-data-classes.js';


const MONTHS: Record<Lang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/** "2022" → "2022"; "2022-09" → "September 2022"; "2014-05-05" → "5 May 2014" / "5 mai 2014"; "2014-05-01" → "1er mai 2014". */
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

function plainNumber(v: number, lang: Lang, fractionDigits = 0): string {
  // French groups thousands with a narrow no-break space (Intl's own choice), English with a comma.
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: fractionDigits }).format(v);
}

/** 1300000 → "1.3 million" / "1,3 million"; 2e6 → "2 million" / "2 millions"; 45000 → "45,000" / "45 000". */
export function formatNumber(n: number, lang: Lang): string {
  const scaled = (unit: number, en: string, frOne: string, frMany: string) => {
    const text = plainNumber(n / unit, lang, 1);
    // French plural from 2 on, as displayed: "1,9 million", "2 millions".
    const shown = Math.round((n / unit) * 10) / 10;
    return `${text} ${lang === 'fr' ? (shown >= 2 ? frMany : frOne) : en}`;
  };
  if (n >= 1e9) return scaled(1e9, 'billion', 'milliard', 'milliards');
  if (n >= 1e6) return scaled(1e6, 'million', 'million', 'millions');
  return plainNumber(n, lang);
}

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
  const parts: string[] = [];
  if (occurred) {
    parts.push(`${W.occurred} ${occurred.end && occurred.end !== occurred.start ? dateSpan(occurred.start, occurred.end, lang) : atDate(occurred.start, lang)}`);
  }
  if (discovered) parts.push(`${W.discovered} ${atDate(discovered, lang)}`);
  if (disclosed) parts.push(`${W.disclosed} ${atDate(disclosed, lang)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * "Which data": class labels in the reader's language, then what the vocabulary has no class
 * for — in the reader's language when it is written in it or translated, else counted ("and 3
 * other items the source names in French") rather than shown raw — then what the sources say
 * was possibly exposed, as a hedge ("possibly exposed: passwords").
 */
export function formatDataClasses(incident: Incident, lang: Lang): string | undefined {
  const other = otherDataClassesIn(incident, lang);
  const labels = [...incident.dataClasses.map((c) => dataClassLabel(c, lang)), ...other.shown];
  if (other.untranslated > 0) {
    const n = other.untranslated;
    const tail =
      lang === 'fr'
        ? `${n === 1 ? 'un autre élément nommé' : `${n} autres éléments nommés`} en anglais par la source`
        : `${n === 1 ? 'one other item' : `${n} other items`} the source names in French`;
    labels.push(labels.length ? (lang === 'fr' ? `et ${tail}` : `and ${tail}`) : tail);
  }
  const possible = formatPossiblyExposed(incident, lang);
  if (!possible) return labels.length ? labels.join(', ') : undefined;
  return labels.length ? `${labels.join(', ')}${semicolon(lang)}${possible}` : possible;
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

/**
 * A source's title. The feeds' own pages have none; their importers wrote one
 * ("Bouygues Telecom — breach record", "Breach report: Kmart", "Orange — capture d'écran"),
 * worded here in the reader's language.
 */
export function sourceTitle(source: Incident['sources'][number], lang: Lang): string {
  const t = source.title;
  const fr = lang === 'fr';
  let m = /^(.*) — breach record$/.exec(t);
  if (m) return fr ? `fiche ${m[1]}` : `${m[1]} breach entry`;
  m = /^(.*) — capture d'écran$/.exec(t);
  if (m) return fr ? `${m[1]}, capture d'écran` : `${m[1]}, screenshot`;
  m = /^Breach report: (.*)$/.exec(t);
  if (m) return fr ? `déclaration de violation : ${m[1]}`.replace(' : ', `${NNBSP}: `) : `breach report: ${m[1]}`;
  return t;
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
