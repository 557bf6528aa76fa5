/**
 * The public feeds breachbot imports, with what their licences require us to show, and the shape
 * every importer returns. A feed's records become incidents whose ids start with its prefix
 * (`hibp-linkedin`, `hhs-…`, `blf-…`), so ids never collide across feeds or with curated ones.
 */
import type { IncidentInput } from '../core/incident-schema.js';

export type FeedName = 'hibp' | 'hhs-ocr' | 'bonjourlafuite' | 'vcdb';

export interface Feed {
  readonly name: FeedName;
  readonly title: string;
  readonly publisher: string;
  readonly homepage: string;
  /** The attribution line the licence requires, shown with every answer citing the feed. */
  readonly attribution: string;
  readonly license: string;
  readonly idPrefix: string;
  /** Shipped in data/imported/ by default (VCDB's share-alike licence keeps it out). */
  readonly bundled: boolean;
  /** The snapshot file under data/imported/. */
  readonly snapshotFile: string;
}

export const FEEDS: Readonly<Record<FeedName, Feed>> = {
  hibp: {
    name: 'hibp',
    title: 'Have I Been Pwned breach catalogue',
    publisher: 'Have I Been Pwned',
    homepage: 'https://haveibeenpwned.com/',
    attribution: 'Source: Have I Been Pwned (haveibeenpwned.com), CC BY 4.0',
    license: 'CC BY 4.0',
    idPrefix: 'hibp',
    bundled: true,
    snapshotFile: 'hibp.json',
  },
  'hhs-ocr': {
    name: 'hhs-ocr',
    title: 'US HHS Office for Civil Rights breach portal',
    publisher: 'US HHS Office for Civil Rights',
    homepage: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf',
    attribution: 'Source: US HHS Office for Civil Rights breach portal (public domain)',
    license: 'Public domain (US federal work)',
    idPrefix: 'hhs',
    bundled: true,
    snapshotFile: 'hhs-ocr.json',
  },
  bonjourlafuite: {
    name: 'bonjourlafuite',
    title: 'Bonjour la fuite',
    publisher: 'bonjourlafuite.eu.org',
    homepage: 'https://bonjourlafuite.eu.org/',
    attribution: 'Source: bonjourlafuite.eu.org (MIT)',
    license: 'MIT',
    idPrefix: 'blf',
    bundled: true,
    snapshotFile: 'bonjourlafuite.json',
  },
  vcdb: {
    name: 'vcdb',
    title: 'VERIS Community Database',
    publisher: 'VERIS Community Database (Verizon RISK Team)',
    homepage: 'https://github.com/vz-risk/VCDB',
    attribution: 'Source: VERIS Community Database (Verizon RISK Team), CC BY-SA 4.0',
    license: 'CC BY-SA 4.0',
    idPrefix: 'vcdb',
    bundled: false,
    snapshotFile: 'vcdb.json',
  },
};

export function isFeedName(name: string): name is FeedName {
  return Object.hasOwn(FEEDS, name);
}

/** What every importer returns: never throws on odd records, says what it skipped and why. */
export interface ImportResult {
  readonly incidents: IncidentInput[];
  /** One line per record that could not be mapped ("[12]: no Name"), and other oddities. */
  readonly problems: string[];
  /** Source data-class names the vocabulary has no class for, with how many records carry each. */
  readonly unknownDataClasses: Map<string, number>;
  /** Records deliberately left out (retired breaches, duplicates), by reason. */
  readonly skipped: Map<string, number>;
  /** Records kept but flagged (breaches the feed retired from its search), by flag. */
  readonly flagged: Map<string, number>;
  /** Vendors read from the feed's own descriptions (see description-vendors.ts), with how many incidents name each. */
  readonly describedVendors: Map<string, number>;
}

export function emptyResult(): ImportResult {
  return { incidents: [], problems: [], unknownDataClasses: new Map(), skipped: new Map(), flagged: new Map(), describedVendors: new Map() };
}

export function countInto(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Gives every id once: a second record slugged the same gets "-2", "-3"... */
export class IdAllocator {
  private readonly used = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const id of existing) this.used.add(id);
  }

  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** A date-time as the schema wants it ("2016-05-21T21:35:40Z", UTC, no milliseconds), or undefined if not a real one. */
export function isoDateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`);
  if (Number.isNaN(t)) return undefined;
  const iso = new Date(t).toISOString();
  // Date.parse rolls "2021-02-30" over to March: refuse dates that do not exist.
  if (!m[3] && !iso.startsWith(m[1]!)) return undefined;
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
