/**
 * Every sentence the digest and watch features say, in English and French. Each returns both
 * languages (a `message` answer carries both; the adapter shows the one its user reads).
 */
import type { ErrorAnswer, MessageAnswer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import type { ParsedQuery } from '../core/query-parser.js';
import { describeFilters, errorMessage } from '../render/messages.js';
import { formatNumber } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { typeset } from '../render/typography.js';
import { breachShow } from '../../commands/breach-show.js';
import { breachSearch } from '../../commands/breach-search.js';
import { breachDigest } from '../../commands/breach-digest.js';
import { breachWatch } from '../../commands/breach-watch.js';
import { breachStatus } from '../../commands/breach-status.js';
import type { CommandDefinition } from '../../commands/command-definition.js';
import type { StoreProblem, Subscription, WatchEntry } from '../store/state-store.js';
import { describeSchedule, formatInstant } from './schedule.js';

export interface Bilingual {
  readonly en: string;
  readonly fr: string;
}

const both = (en: string, fr: string): Bilingual => ({ en, fr });
const byLang = (f: (lang: Lang) => string): Bilingual => ({ en: f('en'), fr: f('fr') });

export function message(tone: MessageAnswer['tone'], text: Bilingual, incidents: readonly Incident[] = [], footer?: Bilingual): MessageAnswer {
  return footer ? { kind: 'message', tone, text, incidents, footer } : { kind: 'message', tone, text, incidents };
}

function incidentsWord(n: number, lang: Lang): string {
  return lang === 'fr' ? `${formatNumber(n, lang)} ${n > 1 ? 'nouveaux incidents' : 'nouvel incident'}` : `${formatNumber(n, lang)} new incident${n === 1 ? '' : 's'}`;
}

/** "2 breaches, 1 cyberattack". */
function kindCounts(incidents: readonly Incident[], lang: Lang): string {
  const breaches = incidents.filter((i) => i.kind === 'breach').length;
  const attacks = incidents.length - breaches;
  const parts: string[] = [];
  if (breaches) parts.push(lang === 'fr' ? `${breaches} fuite${breaches > 1 ? 's' : ''} de données` : `${breaches} breach${breaches > 1 ? 'es' : ''}`);
  if (attacks) parts.push(lang === 'fr' ? `${attacks} cyberattaque${attacks > 1 ? 's' : ''}` : `${attacks} cyberattack${attacks > 1 ? 's' : ''}`);
  return parts.join(', ');
}

/**
 * How to ask for one incident on the channel's platform ("/breach show <id>", Discord's
 * "/breach-show id:"). A post is read by the whole channel, whatever each reader's language, so it
 * names the command as Discord registers it.
 */
export function showPointer(platform: string, id: string | undefined): Bilingual {
  const cmd = platform === 'discord' ? `/${breachShow.discordName} id:` : '/breach show ';
  const example = id ? `${cmd}${id}` : `${cmd}<id>`;
  return both(`Details of any of them: ${cmd}<id>${id ? `, e.g. ${example}` : ''}`, `Le détail de chacun : ${cmd}<id>${id ? `, par ex. ${example}` : ''}`);
}

type Hint = 'status' | 'digest status' | 'digest subscribe' | 'watch list' | 'watch add' | 'watch remove' | 'search';

/**
 * How to type a command on the channel's platform, in the reader's language: Slack and the
 * terminal take `/breach digest status`; Discord has its own commands and options
 * (`/breach-digest status`, `/breach-watch add name:<name>`), French names for French users.
 */
export function commandHint(platform: string, hint: Hint, lang: Lang, arg?: string): string {
  const placeholder = lang === 'fr' ? '<nom>' : '<name>';
  if (platform !== 'discord') {
    if (hint === 'search') return `/breach ${arg ?? placeholder}`;
    if (hint === 'status') return breachStatus.usage;
    if (hint === 'digest subscribe') return lang === 'fr' ? '/breach digest subscribe [HH:MM] [fuseau] [filtres]' : '/breach digest subscribe [HH:MM] [timezone] [filters]';
    return `/breach ${hint}${hint === 'watch add' || hint === 'watch remove' ? ` ${arg ?? placeholder}` : ''}`;
  }
  const fr = lang === 'fr';
  const cmd = (def: CommandDefinition<{ command: string }>) => `/${fr && def.discordNameFr ? def.discordNameFr : def.discordName}`;
  const sub = (def: CommandDefinition<{ command: string }>, name: string) => {
    const s = def.subcommands?.find((c) => c.name === name);
    return fr && s?.nameFr ? s.nameFr : name;
  };
  const opt = (def: CommandDefinition<{ command: string }>, subName: string | undefined, name: string) => {
    const o = (subName ? def.subcommands?.find((c) => c.name === subName)?.options : def.options)?.find((x) => x.name === name);
    return fr && o?.nameFr ? o.nameFr : name;
  };
  switch (hint) {
    case 'search':
      return `${cmd(breachSearch)} ${opt(breachSearch, undefined, 'query')}:${arg ?? placeholder}`;
    case 'status':
      return cmd(breachStatus);
    case 'digest status':
      return `${cmd(breachDigest)} ${sub(breachDigest, 'status')}`;
    case 'digest subscribe':
      return `${cmd(breachDigest)} ${sub(breachDigest, 'subscribe')} ${opt(breachDigest, 'subscribe', 'time')}: ${opt(breachDigest, 'subscribe', 'timezone')}: ${opt(breachDigest, 'subscribe', 'filters')}:`;
    case 'watch list':
      return `${cmd(breachWatch)} ${sub(breachWatch, 'list')}`;
    case 'watch add':
    case 'watch remove': {
      const action = hint === 'watch add' ? 'add' : 'remove';
      return `${cmd(breachWatch)} ${sub(breachWatch, action)} ${opt(breachWatch, action, 'name')}:${arg ?? placeholder}`;
    }
  }
}

const hints = (platform: string, hint: Hint, arg?: string): Bilingual => ({ en: commandHint(platform, hint, 'en', arg), fr: commandHint(platform, hint, 'fr', arg) });

function filtersPhrase(query: ParsedQuery | undefined, lang: Lang): string {
  if (!query) return '';
  const filters = describeFilters(query.filters, lang);
  const words = query.terms.length ? `“${query.terms.join(' ')}”` : '';
  const all = [words, filters].filter(Boolean).join(' · ');
  return all ? (lang === 'fr' ? `filtres : ${all}` : `filters: ${all}`) : '';
}

/** The digest post: counts, what it covers, the incidents newest first, and a pointer to `show`. */
export function digestAnswer(incidents: readonly Incident[], sub: Pick<Subscription, 'channel' | 'timeZone'>, since: string, query?: ParsedQuery): MessageAnswer {
  const text = byLang((lang) => {
    const sinceText = formatInstant(since, sub.timeZone, lang);
    const filters = filtersPhrase(query, lang);
    const scope = filters ? ` — ${filters}` : '';
    if (incidents.length === 0) {
      return lang === 'fr' ? `Résumé des fuites : rien de nouveau depuis le ${sinceText}${scope}.` : `Breach digest: nothing new since ${sinceText}${scope}.`;
    }
    return lang === 'fr'
      ? `Résumé des fuites : ${incidentsWord(incidents.length, lang)} (${kindCounts(incidents, lang)}) au catalogue depuis le ${sinceText}${scope}. Du plus récent au plus ancien :`
      : `Breach digest: ${incidentsWord(incidents.length, lang)} (${kindCounts(incidents, lang)}) in the catalog since ${sinceText}${scope}. Newest first:`;
  });
  return message('info', text, incidents, incidents.length ? showPointer(sub.channel.platform, incidents[0]!.id) : undefined);
}

/** The watchlist alert: which new incidents name which watched names. */
/** A watched vendor behind a new incident, and the client it hit (the incident's organization). */
export interface VendorClient {
  readonly vendor: string;
  readonly client: string;
}

export function alertAnswer(incidents: readonly Incident[], watchNames: readonly string[], platform: string, clients: readonly VendorClient[] = []): MessageAnswer {
  const names = [...new Set(watchNames)].map((n) => `“${n}”`).join(', ');
  const text =
    incidents.length === 1
      ? both(`Watchlist alert: a new incident names ${names}, on this channel's watchlist.`, `Alerte de veille : un nouvel incident cite ${names}, de la liste de veille de ce canal.`)
      : both(
          `Watchlist alert: ${incidents.length} new incidents name ${names}, on this channel's watchlist.`,
          `Alerte de veille : ${incidents.length} nouveaux incidents citent ${names}, de la liste de veille de ce canal.`,
        );
  // A watched vendor is behind someone else's leak: say whose, since the incident is filed under the client.
  const seen = new Set<string>();
  const unique = clients.filter((c) => !seen.has(`${c.vendor}\u0000${c.client}`) && seen.add(`${c.vendor}\u0000${c.client}`));
  const behind = unique.length
    ? both(
        ` ${unique.map((c) => `${c.vendor} is the vendor behind the leak at ${c.client}`).join('; ')}.`,
        ` ${unique.map((c) => `${c.vendor} est le prestataire à l'origine de la fuite chez ${c.client}`).join(' ; ')}.`,
      )
    : both('', '');
  return message('info', both(text.en + behind.en, text.fr + behind.fr), incidents, showPointer(platform, incidents[0]?.id));
}

export function refusedMessage(platform: string, what: 'digest' | 'watch'): MessageAnswer {
  const where = platform === 'discord' ? both('server', 'ce serveur') : platform === 'slack' ? both('workspace', "l'espace de travail") : both('workspace', "l'espace de travail");
  const perm =
    platform === 'discord'
      ? both(' (the Manage Server or Manage Channels permission)', ' (la permission Gérer le serveur ou Gérer les salons)')
      : platform === 'slack'
        ? both(' (workspace admins and the users the bot is configured to trust)', " (les admins de l'espace de travail et les utilisateurs désignés dans la configuration du bot)")
        : both('', '');
  // Discord registers /breach-digest and /breach-watch for admins only (whole commands), so a
  // member there is pointed to /breach-status, which everyone has.
  const see = hints(platform, platform === 'discord' ? 'status' : what === 'digest' ? 'digest status' : 'watch list');
  return what === 'digest'
    ? message('error', both(`Only channel admins${perm.en} can change this channel's digest. Ask an admin of this ${where.en}; anyone can see it with ${see.en}.`, `Seuls les admins du canal${perm.fr} peuvent modifier le résumé de ce canal. Demandez à un admin de ${where.fr} ; chacun peut le consulter avec ${see.fr}.`))
    : message('error', both(`Only channel admins${perm.en} can change this channel's watchlist. Ask an admin of this ${where.en}; anyone can see it with ${see.en}.`, `Seuls les admins du canal${perm.fr} peuvent modifier la liste de veille de ce canal. Demandez à un admin de ${where.fr} ; chacun peut la consulter avec ${see.fr}.`));
}

export function badFiltersMessage(error: ErrorAnswer): MessageAnswer {
  return message('error', byLang((lang) => `${lang === 'fr' ? 'Abonnement non enregistré.' : 'Not subscribed.'} ${errorMessage(error, lang)}`));
}

export function invalidScheduleMessage(cron: string): MessageAnswer {
  return message('error', both(`Not subscribed: the schedule “${cron}” is not a valid cron expression.`, `Abonnement non enregistré : le calendrier « ${cron} » n'est pas une expression cron valide.`));
}

function languageName(lang: Lang, inLang: Lang): string {
  return lang === 'fr' ? (inLang === 'fr' ? 'en français' : 'in French') : inLang === 'fr' ? 'en anglais' : 'in English';
}

function settingsLines(sub: Subscription, query: ParsedQuery | undefined, nextRun: Date | undefined, lang: Lang): string[] {
  const fr = lang === 'fr';
  const filters = query ? filtersPhrase(query, lang).replace(/^[^:]+: ?/, '') : '';
  return [
    `${fr ? 'Quand' : 'When'}: ${describeSchedule(sub.cron, sub.timeZone, lang)}, ${languageName(sub.language, lang)}`,
    `${fr ? 'Filtres' : 'Filters'}: ${filters || (fr ? 'aucun (tous les nouveaux incidents)' : 'none (every new incident)')}`,
    sub.postEmpty
      ? fr
        ? 'Sans nouveauté : un résumé est publié quand même'
        : 'When nothing is new: a digest is posted anyway'
      : fr
        ? 'Sans nouveauté : rien n’est publié (ajoutez empty:post pour publier quand même)'
        : 'When nothing is new: nothing is posted (add empty:post to post anyway)',
    ...(nextRun ? [`${fr ? 'Prochain résumé' : 'Next digest'}: ${formatInstant(nextRun, sub.timeZone, lang)}`] : []),
  ];
}

export function subscribedMessage(sub: Subscription, updated: boolean, query: ParsedQuery | undefined, nextRun: Date | undefined): MessageAnswer {
  return message(
    'success',
    byLang((lang) => {
      const head = updated
        ? lang === 'fr'
          ? 'Résumé mis à jour pour ce canal.'
          : "This channel's digest is updated."
        : lang === 'fr'
          ? 'Abonné : ce canal recevra un résumé des fuites ajoutées au catalogue à partir de maintenant.'
          : 'Subscribed: this channel will get a digest of the breaches added to the catalog from now on.';
      return [head, ...settingsLines(sub, query, nextRun, lang)].join('\n');
    }),
  );
}

export function unsubscribedMessage(removed: boolean): MessageAnswer {
  return removed
    ? message('success', both('Unsubscribed: this channel will get no more digests. Its watchlist, if any, still alerts.', "Désabonné : ce canal ne recevra plus de résumé. Sa liste de veille, s'il en a une, alerte toujours."))
    : message('info', both('This channel has no digest subscription.', "Ce canal n'est pas abonné au résumé."));
}

function subscribeHint(platform: string): Bilingual {
  if (platform === 'discord') {
    const h = hints(platform, 'digest subscribe');
    return both(`Subscribe with ${h.en}, e.g. time:08:30 timezone:Europe/Paris filters:data:passwords country:FR.`, `Abonnez-le avec ${h.fr}, par ex. heure:08:30 fuseau:Europe/Paris filtres:data:passwords country:FR.`);
  }
  return both(
    'Subscribe with /breach digest subscribe [HH:MM] [timezone] [filters], e.g. /breach digest subscribe 08:30 Europe/Paris data:passwords country:FR.',
    'Abonnez-le avec /breach digest subscribe [HH:MM] [fuseau] [filtres], par ex. /breach digest subscribe 08:30 Europe/Paris data:passwords country:FR.',
  );
}

export interface StatusInput {
  readonly platform: string;
  readonly sub: Subscription | undefined;
  readonly query: ParsedQuery | undefined;
  readonly nextRun: Date | undefined;
  readonly delivered: number;
  readonly watches: readonly WatchEntry[];
  /** What the next digest would hold if it went now (an active subscription whose filters read). */
  readonly pending?: readonly Incident[];
  /** The state database lost, replaced or unreachable: what is shown may be incomplete. */
  readonly stateProblems?: readonly StoreProblem[];
}

const STATE_PROBLEM: Record<StoreProblem['kind'], Record<Lang, string>> = {
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
    en: "the bot cannot reach its saved state right now: digests and alerts wait until it is back",
    fr: "le bot ne peut pas joindre son état enregistré pour le moment : résumés et alertes attendent son retour",
  },
};

/** A warning line per state problem, first in a status answer; tell the operator. */
function stateProblemLines(input: StatusInput, lang: Lang): string[] {
  const kinds = [...new Set((input.stateProblems ?? []).map((p) => p.kind))];
  const ask = lang === 'fr' ? 'Prévenez la personne qui administre le bot.' : 'Tell whoever runs the bot.';
  return kinds.map((k) => typeset(`⚠ ${lang === 'fr' ? 'Attention' : 'Warning'}: ${STATE_PROBLEM[k][lang]}. ${ask}`, lang));
}

/** The digest half of a channel's status: subscription, schedule, filters, what is pending, what was posted. */
function digestStatusLines(input: StatusInput, lang: Lang): string[] {
  const { sub } = input;
  const fr = lang === 'fr';
  const lines: string[] = [];
  if (!sub) lines.push(fr ? "Ce canal n'est pas abonné au résumé." : 'This channel has no digest subscription.', subscribeHint(input.platform)[lang]);
  else {
    lines.push(
      sub.active
        ? fr
          ? `Ce canal est abonné au résumé depuis le ${formatInstant(sub.createdAt, sub.timeZone, lang)}.`
          : `This channel has been subscribed to the digest since ${formatInstant(sub.createdAt, sub.timeZone, lang)}.`
        : fr
          ? `Le résumé de ce canal est suspendu : ${sub.inactiveReason ?? 'canal introuvable'}. Réabonnez-le pour le reprendre.`
          : `This channel's digest is paused: ${sub.inactiveReason ?? 'channel not found'}. Subscribe again to resume it.`,
      ...settingsLines(sub, input.query, sub.active ? input.nextRun : undefined, lang),
    );
    if (sub.active && input.pending) {
      const pending = input.pending.length ? `${incidentsWord(input.pending.length, lang)} (${kindCounts(input.pending, lang)})` : fr ? 'rien de nouveau' : 'nothing new';
      lines.push(`${fr ? 'Dans le prochain résumé, pour l’instant' : 'In the next digest so far'}: ${pending}`);
    }
    if (sub.lastRunAt) lines.push(`${fr ? 'Dernier résumé' : 'Last digest'}: ${formatInstant(sub.lastRunAt, sub.timeZone, lang)}`);
    if (sub.lastError) lines.push(`${fr ? 'Dernier échec' : 'Last failure'}: ${sub.lastError}`);
  }
  lines.push(fr ? `Incidents déjà publiés ici : ${input.delivered}` : `Incidents already posted here: ${input.delivered}`);
  return lines;
}

/** `/breach digest status`: the digest, and the watchlist on one line. */
export function statusMessage(input: StatusInput): MessageAnswer {
  const { watches } = input;
  return message(
    'info',
    byLang((lang) => {
      const fr = lang === 'fr';
      return [
        ...stateProblemLines(input, lang),
        ...digestStatusLines(input, lang),
        watches.length
          ? `${fr ? 'Liste de veille' : 'Watchlist'}: ${watches.map((w) => w.name).join(', ')}`
          : fr
            ? `Liste de veille : vide (${commandHint(input.platform, 'watch add', lang)})`
            : `Watchlist: empty (${commandHint(input.platform, 'watch add', lang)})`,
      ].join('\n');
    }),
  );
}

/** `/breach status` (everyone): what `digest status` says of the digest, then what `watch list` says. */
export function channelStatusMessage(input: StatusInput): MessageAnswer {
  const watchlist = watchListMessage(input.platform, input.watches).text;
  return message('info', byLang((lang) => [...stateProblemLines(input, lang), ...digestStatusLines(input, lang), watchlist[lang]].join('\n')));
}

export function notSubscribedPreview(platform: string): MessageAnswer {
  const hint = subscribeHint(platform);
  return message('info', both(`This channel has no digest subscription, so there is nothing to preview. ${hint.en}`, `Ce canal n'est pas abonné au résumé : rien à prévisualiser. ${hint.fr}`));
}

/** The digest as it would be posted, introduced as a preview. */
export function previewMessage(digest: MessageAnswer, sub: Subscription, nextRun: Date | undefined, willPost: boolean): MessageAnswer {
  const intro = byLang((lang) => {
    const when = nextRun ? formatInstant(nextRun, sub.timeZone, lang) : lang === 'fr' ? 'la prochaine fois' : 'next time';
    if (!willPost) return lang === 'fr' ? `Aperçu : rien de nouveau pour l'instant, donc rien ne serait publié le ${when}.` : `Preview: nothing new so far, so nothing would be posted on ${when}.`;
    return lang === 'fr' ? `Aperçu du résumé du ${when}, s'il partait maintenant :` : `Preview of the digest due ${when}, as it would be posted now:`;
  });
  if (!willPost) return message('info', intro);
  return { ...digest, text: { en: `${intro.en}\n${digest.text.en}`, fr: `${intro.fr}\n${digest.text.fr}` } };
}

export function watchAddedMessage(platform: string, name: string, alreadyNamed: number, added: boolean): MessageAnswer {
  if (!added) return message('info', both(`“${name}” is already on this channel's watchlist.`, `« ${name} » est déjà dans la liste de veille de ce canal.`));
  const known = byLang((lang) =>
    alreadyNamed === 0
      ? ''
      : lang === 'fr'
        ? ` ${alreadyNamed} incident${alreadyNamed > 1 ? 's' : ''} du catalogue le cite${alreadyNamed > 1 ? 'nt' : ''} déjà (${commandHint(platform, 'search', lang, name)}).`
        : ` ${alreadyNamed} incident${alreadyNamed > 1 ? 's' : ''} in the catalog already name${alreadyNamed > 1 ? '' : 's'} it (${commandHint(platform, 'search', lang, name)}).`,
  );
  return message(
    'success',
    both(
      `Watching “${name}”: this channel gets an alert as soon as a new incident names it as organization, alias, vendor or affected organization.${known.en}`,
      `« ${name} » est sous veille : ce canal reçoit une alerte dès qu'un nouvel incident le cite comme organisation, alias, prestataire ou organisation touchée.${known.fr}`,
    ),
  );
}

export function watchRemovedMessage(platform: string, name: string, removed: boolean): MessageAnswer {
  const list = hints(platform, 'watch list');
  return removed
    ? message('success', both(`“${name}” is no longer watched in this channel.`, `« ${name} » n'est plus sous veille dans ce canal.`))
    : message('info', both(`“${name}” is not on this channel's watchlist (see ${list.en}).`, `« ${name} » n'est pas dans la liste de veille de ce canal (voir ${list.fr}).`));
}

export function watchFullMessage(platform: string, max: number): MessageAnswer {
  const remove = hints(platform, 'watch remove');
  return message('error', both(`This channel's watchlist is full (${max} names). Remove one first with ${remove.en}.`, `La liste de veille de ce canal est pleine (${max} noms). Retirez-en un avec ${remove.fr}.`));
}

export function watchListMessage(platform: string, watches: readonly WatchEntry[]): MessageAnswer {
  const add = hints(platform, 'watch add');
  if (!watches.length) return message('info', both(`This channel's watchlist is empty. Add a vendor or organization with ${add.en}.`, `La liste de veille de ce canal est vide. Ajoutez un prestataire ou une organisation avec ${add.fr}.`));
  const list = watches.map((w) => `• ${w.name}`).join('\n');
  return message('info', both(`This channel is alerted when a new incident names:\n${list}`, `Ce canal est alerté quand un nouvel incident cite :\n${list}`));
}

export function internalErrorMessage(): ErrorAnswer {
  return { kind: 'error', code: 'internal' };
}
