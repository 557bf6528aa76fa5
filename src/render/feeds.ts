/**
 * The credit each imported feed's licence asks for, worded in the reader's language, and the
 * feeds' names as readers see them (stats "by source"). Incidents carry facts — which feed a
 * record or a source came from, under which licence — and these lines are written from them.
 */
import type { Incident } from '../core/incident-schema.js';
import type { Lang } from '../core/language.js';
import { FEEDS, isFeedName, type FeedName } from '../import/feeds.js';
import { colon } from './typography.js';

interface Credit {
  /** Who to credit, as the licence asks. */
  readonly who: Record<Lang, string>;
  readonly licence: Record<Lang, string>;
  /** "Source: X, CC BY 4.0" (licence after a comma) or "Source: X (MIT)". */
  readonly licenceInParentheses: boolean;
}

const CREDITS: Readonly<Record<FeedName, Credit>> = {
  hibp: {
    who: { en: 'Have I Been Pwned (haveibeenpwned.com)', fr: 'Have I Been Pwned (haveibeenpwned.com)' },
    licence: { en: 'CC BY 4.0', fr: 'licence CC BY 4.0' },
    licenceInParentheses: false,
  },
  'hhs-ocr': {
    who: { en: 'US HHS Office for Civil Rights breach portal', fr: 'portail des violations de données de santé du HHS (Office for Civil Rights, États-Unis)' },
    licence: { en: 'public domain', fr: 'domaine public' },
    licenceInParentheses: true,
  },
  bonjourlafuite: {
    who: { en: 'bonjourlafuite.eu.org', fr: 'bonjourlafuite.eu.org' },
    licence: { en: 'MIT licence', fr: 'licence MIT' },
    licenceInParentheses: true,
  },
  vcdb: {
    who: { en: 'VERIS Community Database (Verizon RISK Team)', fr: 'VERIS Community Database (Verizon RISK Team)' },
    licence: { en: 'CC BY-SA 4.0', fr: 'licence CC BY-SA 4.0' },
    licenceInParentheses: false,
  },
};

const FEED_NAMES: Readonly<Record<string, Record<Lang, string>>> = {
  curated: { en: 'curated (reviewed by hand)', fr: 'fiches rédigées et relues' },
  hibp: { en: 'Have I Been Pwned', fr: 'Have I Been Pwned' },
  'hhs-ocr': { en: 'US HHS OCR', fr: 'HHS OCR (États-Unis)' },
  bonjourlafuite: { en: 'bonjourlafuite.eu.org', fr: 'bonjourlafuite.eu.org' },
  vcdb: { en: 'VCDB', fr: 'VCDB' },
};

/** A catalog source as readers know it ("curated" → "curated (reviewed by hand)" / "fiches rédigées et relues"). */
export function feedName(key: string, lang: Lang): string {
  return FEED_NAMES[key]?.[lang] ?? key;
}

/** "Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0" / "Source : bonjourlafuite.eu.org (licence MIT)". */
export function creditLine(feed: FeedName, lang: Lang): string {
  const c = CREDITS[feed];
  const licence = c.licenceInParentheses ? ` (${c.licence[lang]})` : `, ${c.licence[lang]}`;
  return `Source${colon(lang)}${c.who[lang]}${licence}`;
}

const BY_ATTRIBUTION: ReadonlyMap<string, FeedName> = new Map(Object.values(FEEDS).map((f) => [f.attribution, f.name]));

/**
 * The feeds an incident cites: the one it was imported from, and those of the sources merged
 * into it. A credit line the bot does not know (a hand-written attribution) is kept as given.
 */
export function citedFeeds(incident: Incident): { feeds: FeedName[]; other: string[] } {
  const feeds = new Set<FeedName>();
  const other = new Set<string>();
  const source = incident.provenance.source;
  if (isFeedName(source)) feeds.add(source);
  else if (incident.provenance.attribution) other.add(incident.provenance.attribution);
  for (const s of incident.sources) {
    if (!s.attribution) continue;
    const feed = BY_ATTRIBUTION.get(s.attribution);
    if (feed) feeds.add(feed);
    else other.add(s.attribution);
  }
  return { feeds: [...feeds], other: [...other] };
}

/** An incident's credit lines, once each. */
export function attributionLines(incident: Incident, lang: Lang): string[] {
  const { feeds, other } = citedFeeds(incident);
  return [...feeds.map((f) => creditLine(f, lang)), ...other];
}

/** The credit lines of several incidents, once per feed: what a list shows once, under all its results. */
export function creditLinesFor(incidents: readonly Incident[], lang: Lang): string[] {
  const lines = new Set<string>();
  for (const incident of incidents) for (const line of attributionLines(incident, lang)) lines.add(line);
  return [...lines];
}
