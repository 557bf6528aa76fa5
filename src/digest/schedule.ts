/**
 * Schedules as cron expressions read in a time zone: building them from "HH:MM" and checking them
 * (src/render/feature-words.ts says them in words).
 */
import cron from 'node-cron';

/** "08:30" → "30 8 * * *" (every day at 08:30). */
export function timeToCron(time: string): string {
  const [h = '9', m = '0'] = time.split(':');
  return `${Number(m)} ${Number(h)} * * *`;
}

export function isValidCron(expression: string): boolean {
  return cron.validate(expression);
}
