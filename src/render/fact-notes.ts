/**
 * What the sources leave out (`unstated`) and how facts were established (`established`), in
 * words: records name the facts by field path ("dates.occurred (day)", "affected[2].records"),
 * readers see "the day it happened" / "le jour des faits", never the path.
 */
import type { EstablishedFact, Incident } from '../core/incident-schema.js';
import type { Lang } from '../core/language.js';
import { NNBSP, typeset, quote, colon } from './typography.js';

type Words = Record<Lang, string>;

/** Field paths (indices replaced by `[]`) → what they mean to a reader. */
const FIELDS: Readonly<Record<string, Words>> = {
  dates: { en: 'the dates', fr: 'les dates' },
  'dates.occurred': { en: 'when it happened', fr: 'la date des faits' },
  'dates.occurred.start': { en: 'when it started', fr: 'le début des faits' },
  'dates.occurred.end': { en: 'when it ended', fr: 'la fin des faits' },
  'dates.discovered': { en: 'when it was discovered', fr: 'la date de la découverte' },
  'dates.disclosed': { en: 'when it was made public', fr: "la date de l'annonce" },
  records: { en: 'how many were hit', fr: 'le nombre de personnes touchées' },
  'records.total': { en: 'how many were hit', fr: 'le nombre de personnes touchées' },
  'records.breakdown[]': { en: 'one of the counts', fr: "l'un des décomptes" },
  dataClasses: { en: 'which data leaked', fr: 'les données touchées' },
  otherDataClasses: { en: 'which data leaked', fr: 'les données touchées' },
  vendors: { en: 'the vendor involved', fr: 'le prestataire en cause' },
  'vendors[].role': { en: "the vendor's role", fr: 'le rôle du prestataire' },
  cause: { en: 'the cause', fr: 'la cause' },
  response: { en: 'the response', fr: 'la réponse apportée' },
  verified: { en: 'whether it is verified', fr: 'si la fuite est vérifiée' },
  flags: { en: 'the warnings on this record', fr: 'les mises en garde sur cette fiche' },
  peopleCountries: { en: 'where the people hit live', fr: 'le pays des personnes touchées' },
  affectedCount: { en: 'how many organizations were hit', fr: "le nombre d'organisations touchées" },
  'affected[].records': { en: 'how many were hit at {name}', fr: 'le nombre de personnes touchées chez {name}' },
  affected: { en: 'the other organizations hit', fr: 'les autres organisations touchées' },
  organization: { en: 'the organization', fr: "l'organisation" },
  'organization.name': { en: "the organization's name", fr: "le nom de l'organisation" },
  'organization.domains': { en: "the organization's website", fr: "le site de l'organisation" },
  'organization.country': { en: "the organization's country", fr: "le pays de l'organisation" },
  'organization.city': { en: "the organization's city", fr: "la ville de l'organisation" },
  'organization.region': { en: "the organization's region", fr: "la région de l'organisation" },
  'organization.sector': { en: "the organization's sector", fr: "le secteur de l'organisation" },
  sources: { en: 'the sources', fr: 'les sources' },
  'sources[].publisher': { en: 'who published the source', fr: "l'éditeur de la source" },
  'sources[].title': { en: "the source's headline", fr: 'le titre de la source' },
  'sources[].date': { en: "the source's date", fr: 'la date de la source' },
  summary: { en: 'the summary', fr: 'le résumé' },
  title: { en: 'the title', fr: 'le titre' },
};

/** Words for the precision a qualifier names: "(day)", "(month and day)". */
const PRECISIONS: Readonly<Record<string, Record<string, Words>>> = {
  'dates.occurred': {
    day: { en: 'the day it happened', fr: 'le jour des faits' },
    'month and day': { en: 'the month and day it happened', fr: 'le mois et le jour des faits' },
  },
  'dates.discovered': {
    day: { en: 'the day it was discovered', fr: 'le jour de la découverte' },
    'month and day': { en: 'the month and day it was discovered', fr: 'le mois et le jour de la découverte' },
  },
  'dates.disclosed': {
    day: { en: 'the day it was made public', fr: "le jour de l'annonce" },
    'month and day': { en: 'the month and day it was made public', fr: "le mois et le jour de l'annonce" },
  },
  cause: { 'attack technique': { en: 'how the attack was carried out', fr: "la technique d'attaque" } },
};

/** Notes in parentheses that the records use, in French. Unknown notes are kept in English only. */
const NOTES: readonly { readonly re: RegExp; readonly fr: (m: RegExpExecArray) => string; readonly en: (m: RegExpExecArray) => string }[] = [
  {
    re: /^the list's volume, "(.*)", is not a count$/,
    en: (m) => `the list's volume, ${quote(m[1]!, 'en')}, is not a count`,
    fr: (m) => `le volume donné par la liste, ${quote(m[1]!, 'fr')}, n'est pas un décompte`,
  },
  { re: /^the article gives no count$/, en: () => 'the article gives no count', fr: () => "l'article ne donne aucun chiffre" },
  { re: /^total across all venues$/, en: () => 'the total across all venues', fr: () => "le total pour l'ensemble des salles" },
  {
    re: /^the copy has no headline; its lede stands in$/,
    en: () => 'the copy has no headline; its opening lines stand in',
    fr: () => "la copie n'a pas de titre\u202f; son chapeau en tient lieu",
  },
];

/** A record's field path inside a note ("affected[2].records", "dates.occurred"): never shown to readers. */
const FIELD_PATH = /\b[a-z][A-Za-z]*(?:\[\d+\]|\.[a-z]\w*)/;

function pathKey(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** A field path in words: "dates.occurred" → "when it happened"; never the path itself. */
export function fieldWords(path: string, lang: Lang, incident?: Incident): string {
  const k = pathKey(path);
  let words = FIELDS[k]?.[lang];
  if (words === undefined) {
    // The nearest known parent ("records.breakdown[1].who" → "one of the counts"), else the top field.
    const parts = k.split('.');
    for (let n = parts.length - 1; n > 0 && words === undefined; n--) words = FIELDS[parts.slice(0, n).join('.')]?.[lang];
    words ??= FIELDS[parts[0]!.replace(/\[\]$/, '')]?.[lang] ?? (lang === 'fr' ? 'un autre détail' : 'another detail');
  }
  const index = /^affected\[(\d+)\]/.exec(path);
  const name = index && incident ? incident.affected[Number(index[1])]?.name : undefined;
  return words.replace('{name}', name ?? (lang === 'fr' ? 'une autre organisation' : 'another organization'));
}

/** One `unstated` entry in words: "dates.occurred (day)" → "the day it happened" / "le jour des faits". */
export function unstatedWords(entry: string, lang: Lang, incident?: Incident): string {
  const m = /^(\S+?)(?:\s+\((.*)\))?$/.exec(entry.trim());
  if (!m) return lang === 'fr' ? 'un autre détail' : 'another detail';
  const [, path = '', note] = m;
  if (note !== undefined) {
    const precise = PRECISIONS[pathKey(path)]?.[note];
    if (precise) return precise[lang];
    const known = NOTES.find((n) => n.re.test(note));
    const words = fieldWords(path, lang, incident);
    if (known) return `${words} (${known[lang](known.re.exec(note)!)})`;
    // A note the bot has no words for is shown in English only, and never when it names a field by its path.
    return lang === 'en' && !FIELD_PATH.test(note) ? `${words} (${note})` : words;
  }
  return fieldWords(path, lang, incident);
}

/** Everything the sources leave out, in words, each once. */
export function unstatedList(incident: Incident, lang: Lang): string[] {
  return [...new Set(incident.unstated.map((u) => unstatedWords(u, lang, incident)))];
}

type Reading = NonNullable<EstablishedFact['reading']>;

/** Who a feed's description is by: the record's feed publisher ("Have I Been Pwned"). */
const feedOf = (incident: Incident | undefined, lang: Lang) => incident?.provenance.publisher ?? (lang === 'fr' ? 'la source' : 'the source');

/** How the importers read a fact, worded from the code they store. */
const READING_WORDS: Readonly<Record<Reading, Record<Lang, (fact: EstablishedFact, incident: Incident | undefined) => string>>> = {
  'people-in-france-list': {
    en: (_, i) => `${feedOf(i, 'en')} lists leaks that hit people in France; where the organization itself is based is not in the list.`,
    fr: (_, i) => `${feedOf(i, 'fr')} recense des fuites qui touchent des personnes en France${NNBSP}; le pays de l'organisation elle-même n'y figure pas.`,
  },
  'classes-from-description': {
    en: (_, i) => `Read from ${feedOf(i, 'en')}'s description: the index this record comes from lists no data classes.`,
    fr: (_, i) => `Lu dans la description de ${feedOf(i, 'fr')}${NNBSP}: l'index dont vient cette fiche ne liste pas les types de données.`,
  },
  'flags-from-description': {
    en: () => 'The index this record comes from carries no flags: verification and flags are read from the description.',
    fr: () => `L'index dont vient cette fiche ne porte pas de marques${NNBSP}: la vérification et les mises en garde sont lues dans la description.`,
  },
  'named-in-description': {
    en: (f, i) => `${f.name ?? 'a vendor'}, named in ${feedOf(i, 'en')}'s description`,
    fr: (f, i) => `${f.name ?? 'un prestataire'}, cité dans la description de ${feedOf(i, 'fr')}`,
  },
};

const LANGUAGE_NAMES: Readonly<Record<string, Record<Lang, string>>> = {
  en: { en: 'in English', fr: 'en anglais' },
  fr: { en: 'in French', fr: 'en français' },
};

/**
 * The source's own words, verbatim, marked as a quotation; when they are not in the reader's
 * language, marked with theirs: “…” / « … » (en anglais).
 */
export function quotedWords(q: NonNullable<EstablishedFact['quote']>, lang: Lang): string {
  const mark = q.language === lang ? '' : ` (${LANGUAGE_NAMES[q.language]?.[lang] ?? q.language})`;
  return `${quote(q.text, lang)}${mark}`;
}

/** An `established` note in the reader's language: the record's own note, or the importer's reading worded, with the source's words quoted. */
export function establishedNote(fact: EstablishedFact, lang: Lang, incident?: Incident): string {
  const words = fact.note ? typeset(fact.note[lang], lang) : fact.reading ? READING_WORDS[fact.reading][lang](fact, incident) : '';
  return fact.quote ? `${words}${colon(lang)}${quotedWords(fact.quote, lang)}` : words;
}

/** "Established from public record — when it was made public: Ticketmaster UK announced…". */
export function establishedLine(fact: EstablishedFact, lang: Lang, basisLabel: string, incident?: Incident): string {
  return `${basisLabel} — ${fieldWords(fact.path, lang, incident)}${colon(lang)}${establishedNote(fact, lang, incident)}`;
}
