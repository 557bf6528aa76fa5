/**
 * Have I Been Pwned's breach list → incidents. Reads both shapes the feed comes in:
 *
 * - the full API record (`GET /api/v3/breaches`): Name, Title, Domain, BreachDate, AddedDate,
 *   PwnCount, Description (HTML), DataClasses and the Is* flags; unknown fields (Attribution,
 *   DisclosureUrl...) are optional;
 * - the reduced index of HIBP's public page (dump_name, record_count, breach_date, index_date,
 *   description): no title, domain, classes or flags. Passed as `options.index`, it is joined on
 *   Name: its newer counts win, and its breaches the full list lacks are added, with their data
 *   classes and verification read from the description (and said so in `established`).
 *
 * Decisions (see the README's "Imported data" section):
 * - BreachDate → `dates.occurred.start`, at the precision the description supports (HIBP writes
 *   "2015-03-01" for "in approximately March 2015"); AddedDate is when HIBP loaded the data, not
 *   a disclosure, so it becomes `addedAt` only (unless `options.addedAt` says otherwise).
 * - Retired breaches (HIBP no longer searches them) are kept and flagged `retired`, as are
 *   fabricated, spam lists, malware, stealer logs and sensitive breaches; unverified ones have
 *   `verified: false`. PwnCount is counted as unique e-mail addresses, what HIBP counts.
 *
 * Pure and fast (a benchmark feeds it 100,000 records): no validation here, no I/O, and no odd
 * record ever throws — each becomes a line in `problems`.
 */
import type { IncidentInput, RecordCount } from '../core/incident-schema.js';
import { isValidPartialDate } from '../core/partial-date.js';
import { dataClassLabel } from '../core/data-classes.js';
import { formatDate } from '../core/locale-format.js';
import { canonicalDataClass, classesInEnglishProse } from './data-class-mapping.js';
import { countInto, emptyResult, FEEDS, IdAllocator, isoDateTime, type ImportResult } from './feeds.js';
import { vendorsInDescription } from './description-vendors.js';
import { htmlLinks, htmlToText, hostOf, httpUrl, slugify, spellOutCamelCase, truncate } from './import-text.js';

const FEED = FEEDS.hibp;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "1 March", "March 1st": a description naming the first of a month. */
const FIRST_OF = MONTHS.map((month) => new RegExp(`\\b(?:1(?:st)?\\s+${month}|${month}\\s+1(?:st)?)\\b`, 'i'));
const DOMAIN_RE = /^[a-z0-9.-]+\.[a-z]{2,}$/i;
/** Links from a description cited as sources, beside HIBP's own page. */
const MAX_LINKED_SOURCES = 3;

export interface HibpOptions {
  /** The reduced index (an array of `dump_name` records), joined on Name. */
  readonly index?: unknown;
  /**
   * The `addedAt` of a record: given its id and the feed's AddedDate (if valid), returns the
   * date-time to store. Default: the feed's AddedDate, else `now`.
   */
  readonly addedAt?: (id: string, feedAddedAt: string | undefined) => string;
  /** "Now" for records with no usable AddedDate (default: the current time). */
  readonly now?: Date;
}

/** One breach in either shape, normalized. */
interface Breach {
  readonly name: string;
  readonly title?: string;
  readonly domain?: string;
  readonly breachDate?: string;
  readonly addedDate?: string;
  readonly pwnCount?: number;
  readonly description?: string;
  readonly dataClasses?: readonly string[];
  readonly disclosureUrl?: string;
  /** Only known from the full API record. */
  readonly flags?: {
    readonly verified: boolean;
    readonly fabricated: boolean;
    readonly sensitive: boolean;
    readonly retired: boolean;
    readonly spamList: boolean;
    readonly malware: boolean;
    readonly stealerLog: boolean;
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);

function readBreach(raw: unknown): Breach | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'not an object';
  const r = raw as Record<string, unknown>;
  const full = r.Name !== undefined;
  const name = str(full ? r.Name : r.dump_name);
  if (!name) return full ? 'no Name' : 'no Name or dump_name';
  if (!full) {
    return {
      name,
      breachDate: str(r.breach_date),
      addedDate: str(r.index_date),
      pwnCount: count(r.record_count),
      description: str(r.description) ?? str(r.info),
    };
  }
  const classes = Array.isArray(r.DataClasses) ? r.DataClasses.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim()) : undefined;
  return {
    name,
    title: str(r.Title),
    domain: str(r.Domain),
    breachDate: str(r.BreachDate),
    addedDate: str(r.AddedDate),
    pwnCount: count(r.PwnCount),
    description: str(r.Description),
    dataClasses: classes,
    disclosureUrl: str(r.DisclosureUrl),
    flags: {
      verified: r.IsVerified !== false,
      fabricated: r.IsFabricated === true,
      sensitive: r.IsSensitive === true,
      retired: r.IsRetired === true,
      spamList: r.IsSpamList === true,
      malware: r.IsMalware === true,
      stealerLog: r.IsStealerLog === true,
    },
  };
}

/**
 * BreachDate at the precision the description supports: HIBP stores "2015-03-01" when it knows
 * "March 2015" and "2012-01-01" when it knows "2012". A first of the month is kept as a day only
 * when the description names that day.
 */
export function breachDatePrecision(date: string, description: string): string | undefined {
  const day = date.slice(0, 10);
  if (!isValidPartialDate(day)) {
    const shorter = /^\d{4}(?:-\d{2})?$/.test(date) && isValidPartialDate(date) ? date : undefined;
    return shorter;
  }
  const [y, m, d] = day.split('-') as [string, string, string];
  if (d !== '01') return day;
  const month = MONTHS[Number(m) - 1]!;
  if (FIRST_OF[Number(m) - 1]!.test(description)) return day;
  const lower = description.toLowerCase();
  if (lower.includes(`${month.toLowerCase()} ${y}`) || lower.includes(`${month.toLowerCase()}, ${y}`)) return `${y}-${m}`;
  // HIBP's date is a placeholder first of a month, and its description names an earlier month of
  // that year ("In January 2021, ECCIE suffered a data breach" with BreachDate 2021-07-01): the
  // month HIBP writes in words is the one it knows. A later month is news of it, not the breach.
  const named = new RegExp(`\\b(${MONTHS.join('|')}),? ${y}\\b`, 'i').exec(description);
  const namedMonth = named ? MONTHS.findIndex((name) => name.toLowerCase() === named[1]!.toLowerCase()) + 1 : 0;
  if (namedMonth > 0 && namedMonth < Number(m)) return `${y}-${String(namedMonth).padStart(2, '0')}`;
  if (m === '01' || description.includes(y)) return y;
  return `${y}-${m}`;
}

function titles(name: string, breach: Breach): IncidentInput['title'] {
  const f = breach.flags;
  if (/\b(?:data|breach|leak|scraped?|list|logs?|combo|dump)\b/i.test(name)) return { en: name, fr: name };
  if (f?.spamList) return { en: `${name} spam list`, fr: `Liste de spam ${name}` };
  if (f?.stealerLog || /stealer ?logs?/i.test(breach.name)) return { en: `${name}: stealer logs`, fr: `${name} : journaux de stealer` };
  if (f?.malware) return { en: `${name}: malware data`, fr: `${name} : données d'un logiciel malveillant` };
  return { en: `${name} data breach`, fr: `Fuite de données ${name}` };
}

const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The organization behind a breach title. HIBP titles several breaches of one organization
 * "LinkedIn", "LinkedIn Scraped Data (2021)", "Adult FriendFinder (2016)", "Bell (2014 breach)":
 * a trailing parenthesis holding a year is not part of the name, nor are "Scraped Data" words
 * after the leading words that spell the domain's name ("LinkedIn" for linkedin.com).
 */
export function organizationName(title: string, domain: string | undefined): string {
  const name = title.replace(/\s*\([^)]*\d{4}[^)]*\)\s*$/, '').trim() || title;
  const label = domain ? alnum(domain.replace(/^www\./i, '').split('.')[0] ?? '') : '';
  const words = name.split(/\s+/);
  if (label.length >= 3) {
    let joined = '';
    for (let i = 0; i < words.length - 1 && joined.length < label.length; i++) {
      joined += alnum(words[i]!);
      const rest = words.slice(i + 1).join(' ');
      if (joined === label && /^(?:scraped?|scrapes|data|dump|leak)\b/i.test(rest)) return words.slice(0, i + 1).join(' ');
    }
  }
  return name;
}

/** A short French summary from the fields (the count is shown beside it by every renderer). */
function frenchSummary(name: string, occurred: string | undefined, classes: readonly string[], other: readonly string[]): string {
  const parts = [`Fuite recensée par Have I Been Pwned : ${name}`];
  if (occurred) parts[0] += `, survenue ${occurred.length === 10 ? 'le' : 'en'} ${formatDate(occurred, 'fr')}`;
  const labels = [...classes.map((c) => dataClassLabel(c, 'fr')), ...other];
  if (labels.length) parts.push(`données : ${truncate(labels.join(', '), 400)}`);
  return `${parts.join(' ; ')}. Description d'origine en anglais.`;
}

export type HibpResult = ImportResult;

/** Maps HIBP breach records (either shape) to incidents; see the module comment. */
export function hibpToIncidents(records: unknown, options: HibpOptions = {}): HibpResult {
  const result: HibpResult = emptyResult();
  const now = isoDateTime((options.now ?? new Date()).toISOString())!;
  if (!Array.isArray(records)) {
    result.problems.push('the feed is not a JSON array of breaches');
    return result;
  }
  const indexByName = new Map<string, Breach>();
  if (options.index !== undefined) {
    if (!Array.isArray(options.index)) result.problems.push('the index is not a JSON array');
    else
      options.index.forEach((raw, i) => {
        const b = readBreach(raw);
        if (typeof b === 'string') result.problems.push(`index[${i}]: ${b}`);
        else indexByName.set(b.name, b);
      });
  }

  const ids = new IdAllocator();
  const seen = new Set<string>();
  const add = (b: Breach, where: string, fromIndex: Breach | undefined) => {
    if (seen.has(b.name)) {
      result.problems.push(`${where}: "${b.name}" is listed twice (the first one kept)`);
      return;
    }
    seen.add(b.name);
    // A retired breach still happened: it is kept, flagged (HIBP only stopped searching it).
    if (b.flags?.retired) countInto(result.flagged, 'retired');
    result.incidents.push(toIncident(b, fromIndex, ids, result, options, now));
  };
  records.forEach((raw, i) => {
    const b = readBreach(raw);
    if (typeof b === 'string') result.problems.push(`[${i}]: ${b}`);
    else add(b, `[${i}]`, indexByName.get(b.name));
  });
  for (const b of indexByName.values()) if (!seen.has(b.name)) add(b, `index "${b.name}"`, undefined);
  return result;
}

function toIncident(b: Breach, newer: Breach | undefined, ids: IdAllocator, result: ImportResult, options: HibpOptions, now: string): IncidentInput {
  const fromIndexOnly = b.flags === undefined;
  const html = b.description ?? newer?.description ?? '';
  const text = htmlToText(html);
  const title = b.title ?? spellOutCamelCase(b.name);
  const name = organizationName(title, b.domain);
  const id = ids.take(`${FEED.idPrefix}-${slugify(b.name) || 'breach'}`);

  const established: NonNullable<IncidentInput['established']> = [];
  const dataClasses: string[] = [];
  const otherDataClasses: string[] = [];
  if (b.dataClasses) {
    for (const c of b.dataClasses) {
      const canonical = canonicalDataClass(c);
      if (canonical) {
        if (!dataClasses.includes(canonical)) dataClasses.push(canonical);
      } else if (!otherDataClasses.includes(c)) {
        otherDataClasses.push(c);
        countInto(result.unknownDataClasses, c);
      }
    }
  } else if (text) {
    dataClasses.push(...classesInEnglishProse(text));
    if (dataClasses.length) established.push({ path: 'dataClasses', basis: 'article-clues', reading: 'classes-from-description' });
  }

  const occurred = b.breachDate ? breachDatePrecision(b.breachDate, text) : undefined;
  const pwnCount = newer?.pwnCount ?? b.pwnCount;
  // HIBP's PwnCount is the number of unique e-mail addresses in the data, not of people or customers.
  const total: RecordCount | undefined = pwnCount !== undefined ? { count: pwnCount, qualifier: 'exact', who: { en: 'email addresses', fr: 'adresses e-mail' } } : undefined;
  const feedAdded = isoDateTime(b.addedDate ?? newer?.addedDate);
  const addedAt = options.addedAt ? options.addedAt(id, feedAdded) : (feedAdded ?? now);

  const flags = b.flags ?? {
    // The index carries no flags; HIBP's descriptions say when a breach is unverified, fabricated or a spam list.
    verified: !/\bunverified\b/i.test(text),
    fabricated: /\bfabricated\b/i.test(text),
    sensitive: false,
    retired: false,
    spamList: /\bspam list\b/i.test(text),
    malware: false,
    stealerLog: /stealer ?logs?/i.test(b.name) || /\bstealer logs?\b/i.test(text),
  };
  if (fromIndexOnly) established.push({ path: 'verified', basis: 'article-clues', reading: 'flags-from-description' });

  // The third party the description names as behind the breach ("linked to Snowflake").
  const described = vendorsInDescription(text, [b.name, title, name, ...(b.domain ? [b.domain.replace(/\.[a-z]+$/i, '')] : [])]);
  for (const v of described) {
    countInto(result.describedVendors, v.name);
    established.push({ path: 'vendors', basis: 'source-description', reading: 'named-in-description', name: v.name, quote: { text: v.sentence, language: 'en' } });
  }

  const domain = b.domain?.toLowerCase();
  // HIBP's Name ("AdultFriendFinder2016") stays searchable as an alias when it differs; the full
  // title is in the incident's title already (as an alias it would outrank the plain "LinkedIn").
  const aliases = alnum(b.name) !== alnum(name) && alnum(b.name) !== alnum(title) ? [b.name] : [];
  const pageDate = feedAdded?.slice(0, 10);
  const sources: NonNullable<IncidentInput['sources']> = [
    {
      publisher: FEED.publisher,
      kind: 'feed-entry',
      subject: title,
      ...(pageDate ? { date: pageDate } : {}),
      language: 'en',
      url: `https://haveibeenpwned.com/Breach/${encodeURIComponent(b.name)}`,
    },
  ];
  const disclosure = httpUrl(b.disclosureUrl);
  const links = htmlLinks(html).filter((l) => l.url !== disclosure);
  if (disclosure) sources.push({ kind: 'disclosure', subject: name, language: 'en', url: disclosure });
  for (const link of links.slice(0, MAX_LINKED_SOURCES)) {
    sources.push({ publisher: hostOf(link.url), title: truncate(link.text || hostOf(link.url), 200), language: 'en', url: link.url });
  }

  const incident: IncidentInput = {
    id,
    kind: 'breach',
    title: titles(title, b),
    organization: { name, aliases, domains: domain && DOMAIN_RE.test(domain) ? [domain] : [] },
    ...(described.length ? { vendors: described.map((v) => ({ name: v.name, aliases: [], role: v.role })) } : {}),
    dates: occurred ? { occurred: { start: occurred } } : {},
    addedAt,
    ...(total ? { records: { total, breakdown: [] } } : {}),
    dataClasses,
    otherDataClasses,
    summary: {
      en: text || `${title}: a breach listed by Have I Been Pwned.`,
      fr: frenchSummary(title, occurred, dataClasses, otherDataClasses),
    },
    sources,
    verified: flags.verified,
    flags: {
      ...(flags.fabricated ? { fabricated: true } : {}),
      ...(flags.sensitive ? { sensitive: true } : {}),
      ...(flags.spamList ? { spamList: true } : {}),
      ...(flags.malware ? { malware: true } : {}),
      ...(flags.stealerLog ? { stealerLog: true } : {}),
      ...(flags.retired ? { retired: true } : {}),
    },
    provenance: { source: FEED.name, sourceId: b.name, publisher: FEED.publisher, attribution: FEED.attribution, license: FEED.license },
    ...(established.length ? { established } : {}),
  };
  return incident;
}
