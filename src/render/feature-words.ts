/**
 * Every sentence the features beyond the query core say (digests, watchlists, a channel's
 * language), in English and French, as pure functions of their typed outcomes
 * (core/feature-outcome.ts). Commands are spelled by the `CommandSpelling` the adapter passes and
 * kept as code pieces, so French typography never re-spaces `heure:08:30` or `data:`.
 */
import type { ErrorAnswer, MessageAnswer, ResultsAnswer, SearchNote } from '../core/answer.js';
import type { ChannelStatus, DigestOutcome, FeatureOutcome, IncidentRevision, RunFailure, StateProblemKind, SubscriptionFacts } from '../core/feature-outcome.js';
import type { Incident } from '../core/incident-schema.js';
import type { Lang } from '../core/lang.js';
import type { ParsedQuery } from '../core/query-parser.js';
import type { CommandHint, CommandSpelling } from './command-spelling.js';
import { formatNumber } from './format.js';
import { countHeading, describeFilters, errorMessage, pageOf, partialLead, pastEndNote, resultsHeading } from './messages.js';
import { type Phrase, code, joinPhrases, phrase, phraseText } from './phrase.js';
import { quote } from './typography.js';
import { plainNumber } from '../core/locale-format.js';

export interface FeatureWords {
  /** One phrase a line (a status says one setting a line, a list one name a line). */
  readonly lines: readonly Phrase[];
  /** A closing line: how to see any incident listed. */
  readonly footer?: Phrase;
}

/** "every day at 08:30 (Europe/Paris)" / "tous les jours à 08:30 (Europe/Paris)"; other crons as typed. */
function describeSchedule(expression: string, timeZone: string, lang: Lang): Phrase {
  const fields = expression.trim().split(/\s+/);
  // A 6-field cron starts with seconds; "0 30 8 * * *" is still daily at 08:30.
  const [minute, hour, ...rest] = fields.length === 6 && fields[0] === '0' ? fields.slice(1) : fields;
  if (rest.length === 3 && rest.every((f) => f === '*') && /^\d{1,2}$/.test(minute ?? '') && /^\d{1,2}$/.test(hour ?? '')) {
    // "08:30": no space follows its colon, so French typography leaves it as it is.
    const daily = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}`;
    return lang === 'fr' ? phrase(lang)`tous les jours à ${daily} (${timeZone})` : phrase(lang)`every day at ${daily} (${timeZone})`;
  }
  return lang === 'fr' ? phrase(lang)`selon ${code(expression)} (${timeZone})` : phrase(lang)`on the schedule ${code(expression)} (${timeZone})`;
}

/** A moment as people in `timeZone` read it: "Tue 24 Nov 2026, 08:30". */
function formatInstant(date: Date | string, timeZone: string, lang: Lang): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

function incidentsWord(n: number, lang: Lang): string {
  return lang === 'fr' ? `${formatNumber(n, lang)} ${n > 1 ? 'nouveaux incidents' : 'nouvel incident'}` : `${formatNumber(n, lang)} new incident${n === 1 ? '' : 's'}`;
}

/** "2 breaches, 1 cyberattack". */
function kindCounts(breaches: number, attacks: number, lang: Lang): string {
  const parts: string[] = [];
  if (breaches) parts.push(lang === 'fr' ? `${breaches} fuite${breaches > 1 ? 's' : ''} de données` : `${breaches} breach${breaches > 1 ? 'es' : ''}`);
  if (attacks) parts.push(lang === 'fr' ? `${attacks} cyberattaque${attacks > 1 ? 's' : ''}` : `${attacks} cyberattack${attacks > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/** Breaches and attacks among incidents. */
function kindsOf(incidents: readonly Incident[]): { breaches: number; attacks: number } {
  const breaches = incidents.filter((i) => i.kind === 'breach').length;
  return { breaches, attacks: incidents.length - breaches };
}

/** The words and filters of a subscription: "“orange” · data: passwords · France". */
function filtersText(query: ParsedQuery | undefined, lang: Lang): string {
  if (!query) return '';
  const words = query.terms.length ? quote(query.terms.join(' '), lang) : '';
  return [words, describeFilters(query.filters, lang)].filter(Boolean).join(' · ');
}

/** How to see one incident: "Details of any of them: `/breach show <id>`, e.g. `/breach show x`". */
function showPointer(spell: CommandSpelling, lang: Lang, id: string | undefined): Phrase {
  const cmd = code(spell.command('show', lang));
  if (!id) return lang === 'fr' ? phrase(lang)`Le détail de chacun : ${cmd}` : phrase(lang)`Details of any of them: ${cmd}`;
  const example = code(spell.command('show', lang, id));
  return lang === 'fr' ? phrase(lang)`Le détail de chacun : ${cmd}, par ex. ${example}` : phrase(lang)`Details of any of them: ${cmd}, e.g. ${example}`;
}

/** Exact counts (a revision from 1,200,000 to 1,230,000 must not read "1.2 million" twice). */
const exact = (n: number, lang: Lang) => plainNumber(n, lang);

/** "count revised from 1,200 to 1,500; new source: “Le Monde”; newly named affected organization: “Free”". */
function changeText(change: IncidentRevision['change'], lang: Lang): string {
  const fr = lang === 'fr';
  const list = (items: readonly string[]) => items.map((i) => quote(i, lang)).join(', ');
  const parts: string[] = [];
  if (change.count) {
    parts.push(
      change.count.from === null
        ? `${fr ? 'nombre désormais connu' : 'count now known'}${c(lang)}${exact(change.count.to, lang)}`
        : fr
          ? `nombre révisé de ${exact(change.count.from, lang)} à ${exact(change.count.to, lang)}`
          : `count revised from ${exact(change.count.from, lang)} to ${exact(change.count.to, lang)}`,
    );
  }
  if (change.newSources.length) {
    const many = change.newSources.length > 1;
    parts.push(`${fr ? (many ? 'nouvelles sources' : 'nouvelle source') : many ? 'new sources' : 'new source'}${c(lang)}${list(change.newSources)}`);
  }
  if (change.newAffected.length) {
    const many = change.newAffected.length > 1;
    parts.push(`${fr ? (many ? 'organisations touchées nouvellement citées' : 'organisation touchée nouvellement citée') : many ? 'newly named affected organizations' : 'newly named affected organization'}${c(lang)}${list(change.newAffected)}`);
  }
  return parts.join(fr ? ' ; ' : '; ');
}

/** "Orange (orange-2024-02) — count revised from …" */
function revisionLine(r: IncidentRevision, lang: Lang): string {
  return `${r.name} (${r.incidentId}) — ${changeText(r.change, lang)}`;
}

function updateNoteLines(revisions: readonly IncidentRevision[], lang: Lang): Phrase[] {
  const fr = lang === 'fr';
  if (revisions.length === 1) return [phrase(lang)`${fr ? 'Mise à jour' : 'Updated'}${c(lang)}${revisionLine(revisions[0]!, lang)}.`];
  return [phrase(lang)`${fr ? 'Mises à jour d’incidents déjà publiés ici :' : 'Updates to incidents posted here:'}`, ...revisions.map((r) => phrase(lang)`• ${revisionLine(r, lang)}`)];
}

/** The digest's updates section: "Updated since …:" and a line per incident. */
function revisionsLines(d: DigestOutcome, lang: Lang): Phrase[] {
  if (!d.revisions?.length) return [];
  const since = formatInstant(d.since, d.timeZone, lang);
  return [[''], phrase(lang)`${lang === 'fr' ? `Mis à jour depuis le ${since} :` : `Updated since ${since}:`}`, ...d.revisions.map((r) => phrase(lang)`• ${revisionLine(r, lang)}`)];
}

function updatesSwitchLine(o: Extract<FeatureOutcome, { kind: 'updates-shown' | 'updates-set' }>, spell: CommandSpelling, lang: Lang): Phrase {
  const fr = lang === 'fr';
  const to = code(spell.command('updates', lang, o.on ? 'off' : 'on'));
  if (o.kind === 'updates-shown') {
    return o.on
      ? fr
        ? phrase(lang)`Ce canal reçoit une courte note « mis à jour » quand un incident qu’il a déjà reçu change (nombre révisé, nouvelle source, organisation touchée nouvellement citée). Pour les arrêter : ${to}`
        : phrase(lang)`This channel gets a short “updated” note when an incident it already received changes (a revised count, a new source, a newly named affected organization). To stop them: ${to}`
      : fr
        ? phrase(lang)`Ce canal ne reçoit pas de note « mis à jour » ; son résumé liste quand même les incidents mis à jour. Pour les recevoir : ${to}`
        : phrase(lang)`This channel gets no “updated” notes; its digest still lists updated incidents. To get them: ${to}`;
  }
  return o.on
    ? fr
      ? phrase(lang)`C’est fait : ce canal recevra une courte note quand un incident qu’il a déjà reçu change.`
      : phrase(lang)`Done: this channel will get a short note when an incident it already received changes.`
    : fr
      ? phrase(lang)`C’est fait : plus de note « mis à jour » dans ce canal ; son résumé liste toujours les incidents mis à jour.`
      : phrase(lang)`Done: no more “updated” notes in this channel; its digest still lists updated incidents.`;
}

function digestLine(d: DigestOutcome, incidents: readonly Incident[], lang: Lang): Phrase {
  const since = formatInstant(d.since, d.timeZone, lang);
  const filters = filtersText(d.filters, lang);
  const scope = filters ? (lang === 'fr' ? ` — filtres : ${filters}` : ` — filters: ${filters}`) : '';
  if (incidents.length === 0) return lang === 'fr' ? phrase(lang)`Résumé des fuites : rien de nouveau depuis le ${since}${scope}.` : phrase(lang)`Breach digest: nothing new since ${since}${scope}.`;
  const k = kindsOf(incidents);
  const counts = `${incidentsWord(incidents.length, lang)} (${kindCounts(k.breaches, k.attacks, lang)})`;
  return lang === 'fr'
    ? phrase(lang)`Résumé des fuites : ${counts} au catalogue depuis le ${since}${scope}. Du plus récent au plus ancien :`
    : phrase(lang)`Breach digest: ${counts} in the catalog since ${since}${scope}. Newest first:`;
}

function alertLine(o: Extract<FeatureOutcome, { kind: 'watch-alert' }>, count: number, lang: Lang): Phrase {
  const names = [...new Set(o.names)].map((n) => quote(n, lang)).join(', ');
  const head =
    count === 1
      ? lang === 'fr'
        ? `Alerte de veille : un nouvel incident cite ${names}, de la liste de veille de ce canal.`
        : `Watchlist alert: a new incident names ${names}, on this channel's watchlist.`
      : lang === 'fr'
        ? `Alerte de veille : ${count} nouveaux incidents citent ${names}, de la liste de veille de ce canal.`
        : `Watchlist alert: ${count} new incidents name ${names}, on this channel's watchlist.`;
  // A watched vendor is behind someone else's leak: say whose, since the incident is filed under the client.
  const seen = new Set<string>();
  const unique = o.clients.filter((c) => !seen.has(`${c.vendor}\u0000${c.client}`) && seen.add(`${c.vendor}\u0000${c.client}`));
  const behind = unique.length
    ? lang === 'fr'
      ? ` ${unique.map((c) => `${c.vendor} est le prestataire à l'origine de la fuite chez ${c.client}`).join(' ; ')}.`
      : ` ${unique.map((c) => `${c.vendor} is the vendor behind the leak at ${c.client}`).join('; ')}.`
    : '';
  return phrase(lang)`${head}${behind}`;
}

function refusedLine(what: 'digest' | 'watch' | 'language' | 'updates', spell: CommandSpelling, lang: Lang): Phrase {
  const fr = lang === 'fr';
  if (what === 'updates') {
    const see = code(spell.command('updates', lang));
    return fr
      ? phrase(lang)`Seuls les admins du canal peuvent activer ou couper les notes « mis à jour ». Chacun peut voir le réglage avec ${see}.`
      : phrase(lang)`Only channel admins can turn “updated” notes on or off. Anyone can see the setting with ${see}.`;
  }
  const perm = spell.admins?.[lang] ?? '';
  const hint: CommandHint = spell.readOnlyStatus ?? (what === 'digest' ? 'digest status' : what === 'watch' ? 'watch list' : 'lang');
  const see = code(spell.command(hint, lang));
  const thing = { digest: fr ? 'le résumé' : 'digest', watch: fr ? 'la liste de veille' : 'watchlist', language: fr ? 'la langue' : 'language' }[what];
  const it = fr ? (what === 'digest' ? 'le' : 'la') : '';
  return fr
    ? phrase(lang)`Seuls les admins du canal${perm} peuvent modifier ${thing} de ce canal. Demandez à un admin de ${spell.place.fr} ; chacun peut ${it} consulter avec ${see}.`
    : phrase(lang)`Only channel admins${perm} can change this channel's ${thing}. Ask an admin of this ${spell.place.en}; anyone can see it with ${see}.`;
}

/** A label's colon before the reader's typography: " : " in French (typeset to a narrow no-break space), ": " in English. */
const c = (lang: Lang) => (lang === 'fr' ? ' : ' : ': ');

function languageName(of: Lang, lang: Lang): string {
  return lang === 'fr' ? (of === 'fr' ? 'en français' : 'en anglais') : of === 'fr' ? 'in French' : 'in English';
}

/** The settings of a subscription, one a line. */
function settingsLines(sub: SubscriptionFacts, filters: ParsedQuery | undefined, nextRun: string | undefined, lang: Lang): Phrase[] {
  const fr = lang === 'fr';
  const text = filtersText(filters, lang);
  const schedule = describeSchedule(sub.cron, sub.timeZone, lang);
  const empty = code('empty:post');
  return [
    [...phrase(lang)`${fr ? 'Quand' : 'When'}${c(lang)}`, ...schedule, ...phrase(lang)`, ${languageName(sub.language, lang)}`],
    phrase(lang)`${fr ? 'Filtres' : 'Filters'}${c(lang)}${text || (fr ? 'aucun (tous les nouveaux incidents)' : 'none (every new incident)')}`,
    sub.postEmpty
      ? fr
        ? phrase(lang)`Sans nouveauté : un résumé est publié quand même`
        : phrase(lang)`When nothing is new: a digest is posted anyway`
      : fr
        ? phrase(lang)`Sans nouveauté : rien n’est publié (ajoutez ${empty} pour publier quand même)`
        : phrase(lang)`When nothing is new: nothing is posted (add ${empty} to post anyway)`,
    ...(nextRun ? [phrase(lang)`${fr ? 'Prochain résumé' : 'Next digest'}${c(lang)}${formatInstant(nextRun, sub.timeZone, lang)}`] : []),
  ];
}

function subscribeHint(spell: CommandSpelling, lang: Lang): Phrase {
  const how = code(spell.command('digest subscribe', lang));
  const example = code(spell.command('digest subscribe example', lang));
  return lang === 'fr' ? phrase(lang)`Abonnez-le avec ${how}, par ex. ${example}.` : phrase(lang)`Subscribe with ${how}, e.g. ${example}.`;
}

const STATE_PROBLEM: Record<StateProblemKind, Record<Lang, string>> = {
  missing: {
    en: "the bot's saved state was missing when it started and was created anew: subscriptions, watchlists and the record of what was posted before may be gone",
    fr: "l'état enregistré du bot manquait à son démarrage et a été recréé vide : abonnements, listes de veille et historique de ce qui a été publié ont pu être perdus",
  },
  replaced: {
    en: "the bot's saved state was replaced by another database: subscriptions, watchlists and the record of what was posted may not be this channel's",
    fr: "l'état enregistré du bot a été remplacé par une autre base : abonnements, listes de veille et historique des publications peuvent ne pas être ceux de ce canal",
  },
  deleted: {
    en: "the bot's saved state was deleted while it runs: changes made now will be lost at the next restart",
    fr: "l'état enregistré du bot a été supprimé pendant qu'il tourne : les changements faits maintenant seront perdus au prochain redémarrage",
  },
  unreachable: {
    en: 'the bot cannot reach its saved state right now: digests and alerts wait until it is back',
    fr: 'le bot ne peut pas joindre son état enregistré pour le moment : résumés et alertes attendent son retour',
  },
};

/** A warning line per state problem, first in a status answer; tell the operator. */
function stateProblemLines(status: ChannelStatus, lang: Lang): Phrase[] {
  const ask = lang === 'fr' ? 'Prévenez la personne qui administre le bot.' : 'Tell whoever runs the bot.';
  return [...new Set(status.stateProblems)].map((k) => phrase(lang)`⚠ ${lang === 'fr' ? 'Attention' : 'Warning'}${c(lang)}${STATE_PROBLEM[k][lang]}. ${ask}`);
}

/** The digest half of a channel's status: subscription, schedule, filters, what is pending, what was posted. */
function digestStatusLines(status: ChannelStatus, spell: CommandSpelling, lang: Lang): Phrase[] {
  const sub = status.subscription;
  const fr = lang === 'fr';
  const lines: Phrase[] = [];
  if (!sub) lines.push(phrase(lang)`${fr ? "Ce canal n'est pas abonné au résumé." : 'This channel has no digest subscription.'}`, subscribeHint(spell, lang));
  else {
    const since = formatInstant(sub.createdAt, sub.timeZone, lang);
    const reason = sub.inactiveReason ?? (fr ? 'canal introuvable' : 'channel not found');
    lines.push(
      sub.active
        ? fr
          ? phrase(lang)`Ce canal est abonné au résumé depuis le ${since}.`
          : phrase(lang)`This channel has been subscribed to the digest since ${since}.`
        : fr
          ? phrase(lang)`Le résumé de ce canal est suspendu : ${reason}. Réabonnez-le pour le reprendre.`
          : phrase(lang)`This channel's digest is paused: ${reason}. Subscribe again to resume it.`,
      ...settingsLines(sub, status.filters, sub.active ? status.nextRun : undefined, lang),
    );
    if (sub.active && status.pending) lines.push(phrase(lang)`${fr ? 'Dans le prochain résumé, pour l’instant' : 'In the next digest so far'}${c(lang)}${pendingText(status.pending, lang)}`);
    if (sub.lastRunAt) lines.push(phrase(lang)`${fr ? 'Dernier résumé' : 'Last digest'}${c(lang)}${formatInstant(sub.lastRunAt, sub.timeZone, lang)}`);
    if (sub.lastFailure) lines.push(phrase(lang)`${fr ? 'Dernier échec' : 'Last failure'}${c(lang)}`.concat(runFailureWords(sub.lastFailure, lang)));
  }
  lines.push(phrase(lang)`${fr ? 'Incidents déjà publiés ici' : 'Incidents already posted here'}${c(lang)}${status.delivered}`, updatesSettingLine(status.updates, spell, lang));
  return lines;
}

/** "1 new incident (1 breach) and 2 updated incidents", "nothing new": what the next digest holds so far. */
function pendingText(pending: NonNullable<ChannelStatus['pending']>, lang: Lang): string {
  const fr = lang === 'fr';
  const n = pending.breaches + pending.attacks;
  const u = pending.updated;
  const parts = [
    ...(n ? [`${incidentsWord(n, lang)} (${kindCounts(pending.breaches, pending.attacks, lang)})`] : []),
    ...(u ? [fr ? `${formatNumber(u, lang)} incident${u > 1 ? 's' : ''} mis à jour` : `${formatNumber(u, lang)} updated incident${u === 1 ? '' : 's'}`] : []),
  ];
  return parts.length ? parts.join(fr ? ' et ' : ' and ') : fr ? 'rien de nouveau' : 'nothing new';
}

/** The channel's "updated" notes switch, and the command that turns it the other way. */
function updatesSettingLine(on: boolean, spell: CommandSpelling, lang: Lang): Phrase {
  const to = code(spell.command('updates', lang, on ? 'off' : 'on'));
  if (lang === 'fr') {
    return on
      ? phrase(lang)`Notes « mis à jour » : activées (${to} pour les arrêter)`
      : phrase(lang)`Notes « mis à jour » : désactivées, le résumé liste quand même les incidents mis à jour (${to} pour les recevoir)`;
  }
  return on ? phrase(lang)`“Updated” notes: on (${to} stops them)` : phrase(lang)`“Updated” notes: off, the digest still lists updated incidents (${to} to get them)`;
}

/** Why the last digest did not go out: the facts in the reader's words, the technical token as code. */
export function runFailureWords(failure: RunFailure, lang: Lang): Phrase {
  const fr = lang === 'fr';
  const detail = code(failure.detail);
  switch (failure.kind) {
    case 'filters-unreadable':
      return fr ? phrase(lang)`ses filtres ${code(failure.filters)} ne se lisent plus (${detail})` : phrase(lang)`its filters ${code(failure.filters)} can no longer be read (${detail})`;
    case 'not-recordable':
      return fr ? phrase(lang)`la base d’état n’a pas pu l’enregistrer, rien n’a été publié (${detail})` : phrase(lang)`the state database could not record it, nothing was posted (${detail})`;
    case 'refused': {
      const tries = fr ? `${failure.tries} essai${failure.tries > 1 ? 's' : ''}` : `${failure.tries} tr${failure.tries === 1 ? 'y' : 'ies'}`;
      return fr ? phrase(lang)`la plateforme l’a refusé après ${tries} (${detail}) ; il sera réessayé` : phrase(lang)`the platform refused it after ${tries} (${detail}); it will be tried again`;
    }
    case 'given-up':
      return fr ? phrase(lang)`abandonné (${detail}) ; le prochain résumé reprend ce qu’il n’a pas publié` : phrase(lang)`given up (${detail}); the next digest includes what it did not post`;
    case 'other':
      return [detail];
  }
}

function watchListLines(names: readonly string[], spell: CommandSpelling, lang: Lang): Phrase[] {
  const add = code(spell.command('watch add', lang));
  if (!names.length) {
    return [lang === 'fr' ? phrase(lang)`La liste de veille de ce canal est vide. Ajoutez un prestataire ou une organisation avec ${add}.` : phrase(lang)`This channel's watchlist is empty. Add a vendor or organization with ${add}.`];
  }
  return [lang === 'fr' ? phrase(lang)`Ce canal est alerté quand un nouvel incident cite :` : phrase(lang)`This channel is alerted when a new incident names:`, ...names.map((n) => [`• ${n}`])];
}

const LANGUAGE_NAMES: Record<Lang, Record<Lang, string>> = { en: { en: 'English', fr: 'anglais' }, fr: { en: 'French', fr: 'français' } };

function languageLines(o: Extract<FeatureOutcome, { kind: 'language-shown' | 'language-set' }>, spell: CommandSpelling, lang: Lang): Phrase {
  const fr = lang === 'fr';
  if (o.kind === 'language-shown') {
    if (!o.lang) {
      const fixed = joinPhrases([[code(spell.command('lang set', lang, 'fr'))], [code(spell.command('lang set', lang, 'en'))]], fr ? ' ou ' : ' or ');
      return fr
        ? [...phrase(lang)`Ce canal n'a pas de langue choisie : les réponses suivent les mots de chaque question, puis la langue Slack ou Discord de chacun. Choisissez-en une avec `, ...fixed, '.']
        : [...phrase(lang)`This channel has no language set: answers follow each question's words, then each user's Slack or Discord language. Set one with `, ...fixed, '.'];
    }
    const change = code(spell.command('lang set', lang));
    return fr
      ? phrase(lang)`Les réponses de ce canal sont en ${LANGUAGE_NAMES[o.lang].fr} quand la question ne le dit pas (une question en français ou en anglais reçoit une réponse dans sa langue). Changez-le avec ${change}.`
      : phrase(lang)`This channel's answers are in ${LANGUAGE_NAMES[o.lang].en} when a question does not tell (a question in French or English is answered in its own language). Change it with ${change}.`;
  }
  if (o.lang === null) {
    return fr
      ? phrase(lang)`C'est fait : ce canal n'a plus de langue choisie ; les réponses suivent les mots de chaque question, puis la langue de chacun.`
      : phrase(lang)`Done: this channel has no language set any more; answers follow each question's words, then each user's language.`;
  }
  return fr
    ? phrase(lang)`C'est fait : les réponses de ce canal sont désormais en ${LANGUAGE_NAMES[o.lang].fr} quand la question ne le dit pas. Une question écrite dans l'autre langue reçoit toujours une réponse dans sa langue.`
    : phrase(lang)`Done: answers in this channel are now in ${LANGUAGE_NAMES[o.lang].en} when a question does not tell. A question written in the other language still gets its own.`;
}

/** The error answer's words as a phrase (its own `code` spans kept as code). */
function errorPhrase(error: ErrorAnswer, lang: Lang): Phrase {
  return errorMessage(error, lang)
    .split(/(`[^`]*`)/)
    .filter(Boolean)
    .map((p) => (p.startsWith('`') && p.endsWith('`') && p.length > 1 ? code(p.slice(1, -1)) : p));
}

/** A feature's answer in words, in `lang`, its commands as `spell` types them. */
export function featureWords(answer: MessageAnswer, lang: Lang, spell: CommandSpelling): FeatureWords {
  const o = answer.outcome;
  const fr = lang === 'fr';
  const one = (p: Phrase): FeatureWords => ({ lines: [p] });
  switch (o.kind) {
    case 'digest': {
      const first = answer.incidents[0]?.id ?? o.revisions?.[0]?.incidentId;
      return { lines: [digestLine(o, answer.incidents, lang), ...revisionsLines(o, lang)], ...(first ? { footer: showPointer(spell, lang, first) } : {}) };
    }
    case 'update-note':
      return { lines: updateNoteLines(o.revisions, lang), footer: showPointer(spell, lang, o.revisions[0]?.incidentId) };
    case 'updates-shown':
    case 'updates-set':
      return one(updatesSwitchLine(o, spell, lang));
    case 'watch-alert':
      return { lines: [alertLine(o, answer.incidents.length, lang)], footer: showPointer(spell, lang, answer.incidents[0]?.id) };
    case 'refused':
      return one(refusedLine(o.what, spell, lang));
    case 'bad-filters':
      return one([fr ? 'Abonnement non enregistré. ' : 'Not subscribed. ', ...errorPhrase(o.error, lang)]);
    case 'invalid-schedule':
      return one(fr ? phrase(lang)`Abonnement non enregistré : le calendrier ${code(o.cron)} n'est pas une expression cron valide.` : phrase(lang)`Not subscribed: the schedule ${code(o.cron)} is not a valid cron expression.`);
    case 'subscribed': {
      const head = o.updated
        ? fr
          ? 'Résumé mis à jour pour ce canal.'
          : "This channel's digest is updated."
        : fr
          ? 'Abonné : ce canal recevra un résumé des fuites ajoutées au catalogue à partir de maintenant.'
          : 'Subscribed: this channel will get a digest of the breaches added to the catalog from now on.';
      return { lines: [phrase(lang)`${head}`, ...settingsLines(o.subscription, o.filters, o.nextRun, lang)] };
    }
    case 'unsubscribed':
      return one(
        o.removed
          ? fr
            ? phrase(lang)`Désabonné : ce canal ne recevra plus de résumé. Sa liste de veille, s'il en a une, alerte toujours.`
            : phrase(lang)`Unsubscribed: this channel will get no more digests. Its watchlist, if any, still alerts.`
          : phrase(lang)`${fr ? "Ce canal n'est pas abonné au résumé." : 'This channel has no digest subscription.'}`,
      );
    case 'digest-status': {
      const w = o.status.watches;
      const watchLine = w.length
        ? phrase(lang)`${fr ? 'Liste de veille' : 'Watchlist'}${c(lang)}${w.join(', ')}`
        : phrase(lang)`${fr ? 'Liste de veille : vide' : 'Watchlist: empty'} (${code(spell.command('watch add', lang))})`;
      return { lines: [...stateProblemLines(o.status, lang), ...digestStatusLines(o.status, spell, lang), watchLine] };
    }
    case 'channel-status':
      return { lines: [...stateProblemLines(o.status, lang), ...digestStatusLines(o.status, spell, lang), ...watchListLines(o.status.watches, spell, lang)] };
    case 'nothing-to-preview':
      return one([...phrase(lang)`${fr ? "Ce canal n'est pas abonné au résumé : rien à prévisualiser." : 'This channel has no digest subscription, so there is nothing to preview.'} `, ...subscribeHint(spell, lang)]);
    case 'preview': {
      const when = o.nextRun ? formatInstant(o.nextRun, o.timeZone, lang) : fr ? 'la prochaine fois' : 'next time';
      if (!o.digest) return one(fr ? phrase(lang)`Aperçu : rien de nouveau pour l'instant, donc rien ne serait publié le ${when}.` : phrase(lang)`Preview: nothing new so far, so nothing would be posted on ${when}.`);
      const intro = fr ? phrase(lang)`Aperçu du résumé du ${when}, s'il partait maintenant :` : phrase(lang)`Preview of the digest due ${when}, as it would be posted now:`;
      const first = answer.incidents[0]?.id ?? o.digest.revisions?.[0]?.incidentId;
      return { lines: [intro, digestLine(o.digest, answer.incidents, lang), ...revisionsLines(o.digest, lang)], ...(first ? { footer: showPointer(spell, lang, first) } : {}) };
    }
    case 'watch-added': {
      const name = quote(o.name, lang);
      if (!o.added) return one(fr ? phrase(lang)`${name} est déjà dans la liste de veille de ce canal.` : phrase(lang)`${name} is already on this channel's watchlist.`);
      const n = o.alreadyNamed;
      // A name with markup characters is not repeated inside a command: the placeholder stands in.
      const search = code(spell.command('search', lang, /^[\p{L}\p{N} .,'’&-]+$/u.test(o.name) ? o.name : undefined));
      const known = n === 0 ? [] : fr ? phrase(lang)` ${n} incident${n > 1 ? 's' : ''} du catalogue le cite${n > 1 ? 'nt' : ''} déjà (${search}).` : phrase(lang)` ${n} incident${n > 1 ? 's' : ''} in the catalog already name${n > 1 ? '' : 's'} it (${search}).`;
      return one([
        ...(fr
          ? phrase(lang)`${name} est sous veille : ce canal reçoit une alerte dès qu'un nouvel incident le cite comme organisation, alias, prestataire ou organisation touchée.`
          : phrase(lang)`Watching ${name}: this channel gets an alert as soon as a new incident names it as organization, alias, vendor or affected organization.`),
        ...known,
      ]);
    }
    case 'watch-removed': {
      const name = quote(o.name, lang);
      const list = code(spell.command('watch list', lang));
      if (o.removed) return one(fr ? phrase(lang)`${name} n'est plus sous veille dans ce canal.` : phrase(lang)`${name} is no longer watched in this channel.`);
      return one(fr ? phrase(lang)`${name} n'est pas dans la liste de veille de ce canal (voir ${list}).` : phrase(lang)`${name} is not on this channel's watchlist (see ${list}).`);
    }
    case 'watch-full': {
      const remove = code(spell.command('watch remove', lang));
      return one(fr ? phrase(lang)`La liste de veille de ce canal est pleine (${o.max} noms). Retirez-en un avec ${remove}.` : phrase(lang)`This channel's watchlist is full (${o.max} names). Remove one first with ${remove}.`);
    }
    case 'watch-list':
      return { lines: watchListLines(o.names, spell, lang) };
    case 'language-shown':
    case 'language-set':
      return one(languageLines(o, spell, lang));
  }
}

/** A feature's words as plain text, one line a phrase, commands in backticks (the terminal's form). */
export function featureText(answer: MessageAnswer, lang: Lang, spell: CommandSpelling): { readonly text: string; readonly footer?: string } {
  const words = featureWords(answer, lang, spell);
  return { text: words.lines.map((l) => phraseText(l)).join('\n'), ...(words.footer ? { footer: phraseText(words.footer) } : {}) };
}

/**
 * A search answer's heading (count, filters, page), led by what its note says about how the
 * question was read. Every renderer heads a results answer with it.
 */
export function searchHeading(answer: ResultsAnswer, lang: Lang): string {
  if (!answer.note) return resultsHeading(answer, lang);
  const past = pastEndNote(answer.page, lang);
  const words = phraseText(searchNoteWords(answer.note, answer, lang));
  return past ? `${past} ${words}` : words;
}

/**
 * The note of a search answer: a question naming nothing in particular gets the latest incidents
 * and how to narrow it; words read with a typo say what they were read as, before the count.
 */
export function searchNoteWords(note: SearchNote, answer: ResultsAnswer, lang: Lang): Phrase {
  const fr = lang === 'fr';
  const typed = answer.request.command === 'search' ? answer.request.query : '';
  switch (note.kind) {
    case 'too-broad': {
      const q = quote(typed, lang);
      const page = pageOf(answer.page, lang);
      const example = quote(fr ? 'fuites de mots de passe en 2024' : 'breaches with passwords in 2024', lang);
      return fr
        ? phrase(lang)`${q} ne nomme ni organisation, ni type de données, ni année : voici les incidents les plus récents${page}. Ajoutez-en un pour affiner, par ex. ${example}.`
        : phrase(lang)`${q} names no organization, data type or year: here are the latest incidents${page}. Add one to narrow it down, e.g. ${example}.`;
    }
    case 'typo': {
      const read = note.read.map((r) => {
        const as = r.as.map((w) => quote(w, lang)).join(fr ? ' ou ' : ' or ');
        return fr ? `Rien ne contient ${quote(r.typed, lang)} tel quel ; vouliez-vous dire ${as} ?` : `Nothing holds ${quote(r.typed, lang)} as typed; did you mean ${as}?`;
      });
      const partial = answer.partial ? ` ${partialLead(answer.partial, lang)}` : '';
      return phrase(lang)`${read.join(' ')}${partial} ${countHeading(answer, lang, false)}`;
    }
  }
}
