/**
 * Schedules as cron expressions read in a time zone: building them from "HH:MM", saying them in
 * words, and asking node-cron when one fires next.
 */
import cron from 'node-cron';
import type { Lang } from '../core/lang.js';

/** "08:30" → "30 8 * * *" (every day at 08:30). */
export function timeToCron(time: string): string {
  const [h = '9', m = '0'] = time.split(':');
  return `${Number(m)} ${Number(h)} * * *`;
}

export function isValidCron(expression: string): boolean {
  return cron.validate(expression);
}

/** "every day at 08:30 (Europe/Paris)" / "tous les jours à 08:30 (Europe/Paris)"; other crons verbatim. */
export function describeSchedule(expression: string, timeZone: string, lang: Lang): string {
  const fields = expression.trim().split(/\s+/);
  // A 6-field cron starts with seconds; "0 30 8 * * *" is still daily at 08:30.
  const [minute, hour, ...rest] = fields.length === 6 && fields[0] === '0' ? fields.slice(1) : fields;
  if (rest.length === 3 && rest.every((f) => f === '*') && /^\d{1,2}$/.test(minute ?? '') && /^\d{1,2}$/.test(hour ?? '')) {
    const daily = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}`;
    return lang === 'fr' ? `tous les jours à ${daily} (${timeZone})` : `every day at ${daily} (${timeZone})`;
  }
  return lang === 'fr' ? `selon « ${expression} » (${timeZone})` : `on the schedule “${expression}” (${timeZone})`;
}

/** A moment as people in `timeZone` read it: "Tue 24 Nov 2026, 08:30". */
export function formatInstant(date: Date | string, timeZone: string, lang: Lang): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}
