/**
 * The query filters (data class, country, vendor, years, minimum size) over a catalog's incident
 * positions: a test per incident on typed arrays (one byte per incident per filter value, built
 * once and reused), and the smallest precomputed list of incidents that can pass, for
 * filter-only questions.
 */
import { hasFilters, type MonthRange, type QueryFilters } from './query-parser.js';
import { nameFuzziness } from './name-index.js';
import type { BreachIndex } from './search-index.js';
import { classFamily } from './data-classes.js';
import type { Incident } from './incident-schema.js';

/** "2022-09" (or a day in it) → months since year 0; −1 when the date is known only to the year. */
function monthOf(date: string | undefined): number {
  if (date === undefined || date.length < 7) return -1;
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** How many dates known to the month an incident keeps for month filters: when it happened (start, end), was discovered, was disclosed. */
const MONTH_SLOTS = 4;

export class IncidentFilters {
  /** Records per incident (−1 when unknown). */
  readonly sizeKey: Float64Array;
  /** The years each incident spans (0 when it has none). */
  private readonly yearStart: Int16Array;
  private readonly yearEnd: Int16Array;

  /** Per incident, MONTH_SLOTS months (−1 unknown): occurred start and end, discovered, disclosed. */
  private readonly monthsOf: Int32Array;
  /** 1 when the incident went through at least one vendor. */
  private readonly hasVendor: Uint8Array;

  constructor(
    private readonly index: BreachIndex,
    incidents: readonly Incident[],
  ) {
    this.sizeKey = Float64Array.from(index.recordCount, (r) => (Number.isNaN(r) ? -1 : r));
    this.yearStart = index.yearStart;
    this.yearEnd = index.yearEnd;
    this.monthsOf = new Int32Array(incidents.length * MONTH_SLOTS);
    this.hasVendor = new Uint8Array(incidents.length);
    incidents.forEach((inc, i) => {
      const { occurred, discovered, disclosed } = inc.dates;
      const start = monthOf(occurred?.start);
      const end = occurred?.end !== undefined ? monthOf(occurred.end) : start;
      this.monthsOf.set([start, start >= 0 && end >= start ? end : start, monthOf(discovered), monthOf(disclosed)], i * MONTH_SLOTS);
      this.hasVendor[i] = inc.vendors.length > 0 ? 1 : 0;
    });
  }

  /** True when one of incident `i`'s dates known to the month is in the range. */
  private inMonths(i: number, range: MonthRange): boolean {
    const m = this.monthsOf;
    const at = i * MONTH_SLOTS;
    const overlaps = (a: number, b: number) => {
      if (a < 0) return false;
      if (!range.anyYear) return a <= range.to && b >= range.from;
      if (b - a >= 11) return true;
      for (let x = a; x <= b; x++) {
        const month = x % 12;
        if (range.from <= range.to ? month >= range.from && month <= range.to : month >= range.from || month <= range.to) return true;
      }
      return false;
    };
    return overlaps(m[at]!, m[at + 1]!) || overlaps(m[at + 2]!, m[at + 2]!) || overlaps(m[at + 3]!, m[at + 3]!);
  }

  private readonly vendorCache = new Map<string, ReadonlySet<number>>();

  /** Incidents whose vendor names match `vendor` (typos allowed), cached per vendor text. */
  vendorMatches(vendor: string): ReadonlySet<number> {
    const cached = this.vendorCache.get(vendor);
    if (cached) return cached;
    const out = new Set<number>();
    for (const hit of this.index.nameIndex.search(vendor, { fuzzy: (t) => nameFuzziness(t), maxFuzzy: 2, prefix: (t) => t.length >= 3, combineWith: 'AND' })) {
      for (const ref of this.index.nameEntry(hit.id as number).refs) if (ref.kind === 'vendor') out.add(ref.incident);
    }
    if (this.vendorCache.size > 1000) this.vendorCache.clear();
    this.vendorCache.set(vendor, out);
    return out;
  }

  /** One byte per incident, 1 when it is in `list`: built once per filter value, then reused. */
  private membership(key: string, lists: () => Iterable<readonly number[] | ReadonlySet<number>>): Uint8Array {
    let bytes = this.memberships.get(key);
    if (!bytes) {
      bytes = new Uint8Array(this.index.records.size);
      for (const list of lists()) for (const i of list) bytes[i] = 1;
      if (this.memberships.size >= 256) this.memberships.clear();
      this.memberships.set(key, bytes);
    }
    return bytes;
  }

  private readonly memberships = new Map<string, Uint8Array>();

  /** The filters as a test on an incident position: typed arrays only, so a scan of 100,000 stays under a millisecond. */
  predicate(filters: QueryFilters): (i: number) => boolean {
    if (!hasFilters(filters)) return () => true;
    const idx = this.index;
    // A class asked for is met by any class of its family ("données bancaires": IBAN, cards...).
    const required = filters.dataClasses.map((c) => this.membership(`class:${c}`, () => classFamily(c).map((k) => idx.byClass.get(k) ?? [])));
    if (filters.anyVendor) required.push(this.hasVendor);
    if (filters.countries.length > 0) required.push(this.membership(`country:${[...filters.countries].sort().join(',')}`, () => filters.countries.map((c) => idx.byCountry.get(c) ?? [])));
    if (filters.vendor !== undefined) {
      const vendor = filters.vendor;
      required.push(this.membership(`vendor:${vendor}`, () => [this.vendorMatches(vendor)]));
    }
    const from = filters.yearFrom ?? -Infinity;
    const to = filters.yearTo ?? Infinity;
    const years = filters.yearFrom !== undefined || filters.yearTo !== undefined;
    const { yearStart, yearEnd, sizeKey } = this;
    const min = filters.minRecords;
    const months = filters.months;
    return (i) => {
      for (let r = 0; r < required.length; r++) if (required[r]![i] === 0) return false;
      if (years && (yearStart[i] === 0 || yearEnd[i]! < from || yearStart[i]! > to)) return false;
      if (min !== undefined && sizeKey[i]! < min) return false;
      if (months !== undefined && !this.inMonths(i, months)) return false;
      return true;
    };
  }

  /** The lists (their union) of the most selective filter, when it holds at most `max` incidents. */
  candidates(filters: QueryFilters, max: number): (readonly number[] | ReadonlySet<number>)[] | undefined {
    const idx = this.index;
    const options: (readonly number[] | ReadonlySet<number>)[][] = [];
    for (const c of filters.dataClasses) options.push(classFamily(c).map((k) => idx.byClass.get(k) ?? []));
    if (filters.countries.length > 0) options.push(filters.countries.map((c) => idx.byCountry.get(c) ?? []));
    if (filters.vendor !== undefined) options.push([this.vendorMatches(filters.vendor)]);
    if (filters.yearFrom !== undefined || filters.yearTo !== undefined) {
      const years: (readonly number[])[] = [];
      const from = Math.max(filters.yearFrom ?? idx.firstYear, idx.firstYear);
      const to = Math.min(filters.yearTo ?? idx.lastYear, idx.lastYear);
      for (let y = from; y <= to; y++) years.push(idx.byYear.get(y) ?? []);
      options.push(years);
    }
    const size = (lists: (readonly number[] | ReadonlySet<number>)[]) => lists.reduce((a, l) => a + ('size' in l ? l.size : l.length), 0);
    let best: (readonly number[] | ReadonlySet<number>)[] | undefined;
    for (const lists of options) if (size(lists) <= max && (!best || size(lists) < size(best))) best = lists;
    return best;
  }
}
