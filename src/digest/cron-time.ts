/**
 * When a cron schedule's occurrences fall, computed from the wall clock rather than from timers
 * firing: the scheduler asks "what is the last occurrence at or before now?" on every tick, so a
 * clock jump, a blocked event loop or downtime cannot make it skip a slot (node-cron only fires
 * for the second it is awake in, and v4 has no catch-up).
 *
 * Daylight saving time, as people expect it:
 * - a local time that does not exist that day (02:30 in Europe/Paris on the spring-forward day)
 *   happens at the change itself (03:00 local, 01:00Z): a 02:30 digest comes right after it;
 * - a local time that happens twice (02:30 on the fall-back day) happens once, the first time.
 *
 * Field semantics are node-cron 4's (its own parser reads the expression): 5 or 6 fields, and a
 * day must match both the day-of-month and the day-of-week fields; `L` (last day of the month)
 * and `d#n` (n-th weekday d of the month) are understood.
 */
import cron from 'node-cron';

interface Fields {
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly dayOfMonth: ReadonlySet<number | string>;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number | string>;
}

const parsedCache = new Map<string, Fields | null>();

function fieldsOf(expression: string): Fields | undefined {
  let fields = parsedCache.get(expression);
  if (fields === undefined) {
    try {
      const p = cron.parse(expression);
      const sorted = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);
      fields = {
        seconds: sorted(p.second),
        minutes: sorted(p.minute),
        hours: sorted(p.hour),
        dayOfMonth: new Set(p.dayOfMonth),
        months: new Set(p.month),
        dayOfWeek: new Set(p.dayOfWeek.map((d) => (d === 7 ? 0 : d))),
      };
    } catch {
      fields = null;
    }
    if (parsedCache.size > 1000) parsedCache.clear();
    parsedCache.set(expression, fields);
  }
  return fields ?? undefined;
}

const DAY_MS = 86_400_000;

/** A calendar day (proleptic Gregorian, no time zone) as days since 1970-01-01. */
function dayParts(day: number): { y: number; m: number; d: number; dow: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), dow: date.getUTCDay() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function dayMatches(f: Fields, day: number): boolean {
  const { y, m, d, dow } = dayParts(day);
  if (!f.months.has(m)) return false;
  const last = daysInMonth(y, m);
  const domOk = f.dayOfMonth.has(d) || (f.dayOfMonth.has('L') && d === last);
  if (!domOk) return false;
  if (f.dayOfWeek.has(dow)) return true;
  // d#n: the n-th such weekday of the month.
  return f.dayOfWeek.has(`${dow}#${Math.ceil(d / 7)}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The time zone's offset from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, t: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const secs = Math.floor(t / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(secs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - secs;
}

/**
 * The instant a local wall time happens in `timeZone`: the earlier one when it happens twice, the
 * moment of the change when it does not happen at all (a DST gap).
 */
export function wallTimeToInstant(timeZone: string, y: number, m: number, d: number, h: number, mi: number, s = 0): number {
  const wall = Date.UTC(y, m - 1, d, h, mi, s);
  const before = offsetAt(timeZone, wall - DAY_MS / 2);
  const after = offsetAt(timeZone, wall + DAY_MS / 2);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => offsetAt(timeZone, t) === wall - t).sort((a, b) => a - b);
  if (candidates.length) return candidates[0]!;
  // In the gap: the change happens between the two readings; find it to the second.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const startOffset = offsetAt(timeZone, lo);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === startOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Local calendar day (days since epoch) of instant `t` in `timeZone`. */
function localDay(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/** The occurrences of one local day, as instants, ascending. */
function occurrencesOn(f: Fields, timeZone: string, day: number): number[] {
  if (!dayMatches(f, day)) return [];
  const { y, m, d } = dayParts(day);
  const out: number[] = [];
  for (const h of f.hours) for (const mi of f.minutes) for (const s of f.seconds) out.push(wallTimeToInstant(timeZone, y, m, d, h, mi, s));
  return [...new Set(out)].sort((a, b) => a - b);
}

/** How far back and ahead to look: a schedule may fire once a year (29 February: 8 years). */
const SEARCH_DAYS = 366 * 8 + 2;

/** The last occurrence at or before `at`, or undefined for an invalid expression or none within 8 years. */
export function previousOccurrence(expression: string, timeZone: string, at: Date): Date | undefined {
  const f = fieldsOf(expression);
  if (!f) return undefined;
  const t = at.getTime();
  // A day's occurrences can spill into the neighbouring UTC day: start one local day later.
  const start = localDay(timeZone, t) + 1;
  for (let day = start; day > start - SEARCH_DAYS; day--) {
    const times = occurrencesOn(f, timeZone, day);
    for (let i = times.length - 1; i >= 0; i--) if (times[i]! <= t) return new Date(times[i]!);
  }
  return undefined;
}

/** The first occurrence strictly after `after`, or undefined for an invalid expression or none within 8 years. */
export function nextOccurrence(expression: string, timeZone: string, after: Date): Date | undefined {
  const f = fieldsOf(expression);
  if (!f) return undefined;
  const t = after.getTime();
  const start = localDay(timeZone, t) - 1;
  for (let day = start; day < start + SEARCH_DAYS; day++) {
    for (const time of occurrencesOn(f, timeZone, day)) if (time > t) return new Date(time);
  }
  return undefined;
}

/**
 * The slot a schedule owes a run for at `now`: its last occurrence at or before `now`, when that
 * is later than `handledUpTo` (the last slot already run, or the moment the schedule started).
 * However many slots passed since (downtime, a clock jump, a blocked loop), it is one run.
 */
export function dueSlot(expression: string, timeZone: string, now: Date, handledUpTo: Date): Date | undefined {
  const last = previousOccurrence(expression, timeZone, now);
  return last && last.getTime() > handledUpTo.getTime() ? last : undefined;
}
