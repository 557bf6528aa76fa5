/**
 * Partial ISO dates: "2022", "2022-09" or "2022-09-14". The length is the precision, so a fact
 * known only to the month is never shown, sorted or compared as if it were known to the day.
 */
export type DatePrecision = 'year' | 'month' | 'day';

const PARTIAL_DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isValidPartialDate(value: string): boolean {
  const m = PARTIAL_DATE_RE.exec(value);
  if (!m) return false;
  const [, , month, day] = m;
  if (month === undefined) return true;
  const mm = Number(month);
  if (mm < 1 || mm > 12) return false;
  if (day === undefined) return true;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export function precisionOf(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** First day the partial date can mean: "2022-09" → "2022-09-01". */
export function partialDateStart(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value;
}

/** Last day the partial date can mean: "2022-09" → "2022-09-30". */
export function partialDateEnd(value: string): string {
  if (value.length === 10) return value;
  if (value.length === 4) return `${value}-12-31`;
  const [y, m] = value.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, '0')}`;
}

/**
 * Orders two partial dates; < 0 only when `a` is certainly before `b` (a's last possible day is
 * before b's first), > 0 only when certainly after, 0 when they overlap ("2022" vs "2022-09").
 */
export function comparePartialDates(a: string, b: string): number {
  if (partialDateEnd(a) < partialDateStart(b)) return -1;
  if (partialDateStart(a) > partialDateEnd(b)) return 1;
  return 0;
}
