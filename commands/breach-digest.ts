import { cleanText } from '../src/core/query-parser.js';
import type { DigestRequest } from '../src/digest/digest-requests.js';
import { type CommandDefinition, type OptionValues, type UsageError, usageError, unknownAction } from './command-definition.js';

const ACTIONS: ReadonlyMap<string, DigestRequest['action']> = new Map([
  ['subscribe', 'subscribe'],
  ['sabonner', 'subscribe'],
  ['abonner', 'subscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['desabonner', 'unsubscribe'],
  ['désabonner', 'unsubscribe'],
  ['status', 'status'],
  ['statut', 'status'],
  ['etat', 'status'],
  ['état', 'status'],
  ['preview', 'preview'],
  ['apercu', 'preview'],
  ['aperçu', 'preview'],
]);

const TIME_RE = /^([01]?\d|2[0-3])[:h]([0-5]\d)$/i;
const EMPTY_RE = /^(?:empty|vide):(post|skip|yes|no|oui|non)$/i;

/** "8:30", "08h30" → "08:30"; undefined when it is not a time of day. */
export function readTime(value: string): string | undefined {
  const m = TIME_RE.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

/** True for a time zone the runtime knows (IANA names such as Europe/Paris, or UTC). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function looksLikeTimeZone(token: string): boolean {
  return /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(token) || /^(UTC|GMT|Etc\/\S+)$/i.test(token);
}

function subscribeRequest(parts: { time?: string; timeZone?: string; filters?: string; empty?: string }): DigestRequest | UsageError {
  const out: { -readonly [K in keyof Extract<DigestRequest, { action: 'subscribe' }>]: Extract<DigestRequest, { action: 'subscribe' }>[K] } = { command: 'digest', action: 'subscribe' };
  if (parts.time !== undefined && parts.time.trim() !== '') {
    const time = readTime(parts.time);
    if (!time) return usageError('digest', { kind: 'bad-time', text: parts.time.slice(0, 20) });
    out.time = time;
  }
  if (parts.timeZone !== undefined && parts.timeZone.trim() !== '') {
    const tz = parts.timeZone.trim();
    if (!isTimeZone(tz)) return usageError('digest', { kind: 'bad-time-zone', text: tz.slice(0, 40) });
    out.timeZone = tz;
  }
  const filters = cleanText(parts.filters ?? '');
  if (filters) out.filters = filters;
  if (parts.empty !== undefined) out.postEmpty = /^(post|yes|oui)$/i.test(parts.empty);
  return out;
}

/**
 * `/breach digest subscribe [HH:MM] [time zone] [filters] [empty:post]`, `unsubscribe`, `status`,
 * `preview`. Subscribing and unsubscribing are for channel admins: Discord registers the command
 * with default member permissions (`adminOnly`), and the handler checks every change at run time
 * (status and preview answer whoever may use the command).
 */
export const breachDigest: CommandDefinition<DigestRequest> = {
  name: 'digest',
  discordName: 'breach-digest',
  discordNameFr: 'fuite-resume',
  description: { en: "This channel's daily digest of newly added breaches", fr: 'Le résumé quotidien des nouvelles fuites dans ce canal' },
  usage: { en: '/breach digest subscribe [HH:MM] [timezone] [filters] | unsubscribe | status | preview', fr: '/breach digest subscribe [HH:MM] [fuseau] [filtres] | unsubscribe | status | preview' },
  examples: ['/breach digest subscribe 08:30 Europe/Paris data:passwords country:FR', '/breach digest status', '/breach digest preview'],
  options: [],
  adminOnly: true,
  subcommands: [
    {
      name: 'subscribe',
      nameFr: 'abonner',
      description: { en: 'Post a digest of newly added breaches here (admins)', fr: 'Publier ici un résumé des nouvelles fuites (admins)' },
      options: [
        { name: 'time', nameFr: 'heure', type: 'string', maxLength: 5, description: { en: 'Time of day, HH:MM (default 09:00)', fr: 'Heure, HH:MM (par défaut 09:00)' } },
        { name: 'timezone', nameFr: 'fuseau', type: 'string', maxLength: 40, description: { en: 'Time zone, e.g. Europe/Paris', fr: 'Fuseau horaire, par ex. Europe/Paris' } },
        { name: 'filters', nameFr: 'filtres', type: 'string', maxLength: 200, description: { en: 'Only matching breaches, e.g. data:passwords country:FR', fr: 'Seulement ces fuites, par ex. data:passwords country:FR' } },
        {
          name: 'empty',
          nameFr: 'vide',
          type: 'string',
          choices: [
            { name: { en: 'Skip the digest when nothing is new', fr: 'Ne rien publier sans nouveauté' }, value: 'skip' },
            { name: { en: 'Post even when nothing is new', fr: 'Publier même sans nouveauté' }, value: 'post' },
          ],
          description: { en: 'When nothing is new', fr: 'Sans nouveauté' },
        },
      ],
    },
    { name: 'unsubscribe', nameFr: 'desabonner', description: { en: 'Stop the digest in this channel (admins)', fr: 'Arrêter le résumé dans ce canal (admins)' }, options: [] },
    { name: 'status', nameFr: 'statut', description: { en: "This channel's digest and watchlist settings", fr: 'Les réglages du résumé et de la veille de ce canal' }, options: [] },
    { name: 'preview', nameFr: 'apercu', description: { en: 'What the next digest would say', fr: 'Ce que dirait le prochain résumé' }, options: [] },
  ],
  parseText(args) {
    const [first = '', ...rest] = cleanText(args).split(' ');
    const action = ACTIONS.get(first.toLowerCase());
    if (!action) return unknownAction('digest', first);
    if (action !== 'subscribe') return { command: 'digest', action };
    const parts: { time?: string; timeZone?: string; empty?: string; filters: string[] } = { filters: [] };
    for (const token of rest.filter(Boolean)) {
      const empty = EMPTY_RE.exec(token);
      if (parts.time === undefined && /^\d{1,2}[:h]\d{2}$/i.test(token)) parts.time = token;
      else if (parts.timeZone === undefined && looksLikeTimeZone(token)) parts.timeZone = token;
      else if (empty) parts.empty = empty[1]!;
      else parts.filters.push(token);
    }
    return subscribeRequest({ ...parts, filters: parts.filters.join(' ') });
  },
  fromOptions(values: OptionValues, subcommand?: string) {
    const action = subcommand ? ACTIONS.get(subcommand.toLowerCase()) : undefined;
    if (!action) return usageError('digest');
    if (action !== 'subscribe') return { command: 'digest', action };
    const text = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
    return subscribeRequest({ time: text(values.time), timeZone: text(values.timezone), filters: text(values.filters), empty: text(values.empty) });
  },
};
