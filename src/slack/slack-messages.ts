/**
 * The few sentences only the Slack adapter says (buttons, posting, truncation), in English
 * and French. Everything else comes from src/render/messages.ts and format.ts. These return
 * plain strings: callers escape the dynamic parts they pass in.
 */
import { LABELS } from '../render/messages.js';
import { formatNumber } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { type CommandSpelling, textCommand } from '../render/command-spelling.js';

/** How Slack types the commands the bot's words point to (`/breach watch add <name>`), and who its channel admins are. */
export const SLACK_SPELLING: CommandSpelling = {
  command: textCommand,
  place: { en: 'workspace', fr: "l'espace de travail" },
  admins: { en: ' (workspace admins and the users the bot is configured to trust)', fr: " (les admins de l'espace de travail et les utilisateurs désignés dans la configuration du bot)" },
};

const fr = (lang: Lang) => lang === 'fr';

export const SLACK_TEXT = {
  back: (lang: Lang) => (fr(lang) ? 'Retour' : 'Back'),
  usage: (lang: Lang) => LABELS[lang].usage,
  /** A page cut short by Slack's size limits. */
  notShown: (n: number, lang: Lang) => (fr(lang) ? `… ${formatNumber(n, lang)} de plus, trop long pour un seul message` : `… ${formatNumber(n, lang)} more, too long for one message`),
  moreButton: (lang: Lang) => (fr(lang) ? 'Voir la suite' : 'Show the rest'),
  continued: (part: number, parts: number, lang: Lang) => (part === 1 ? `(${part}/${parts})` : fr(lang) ? `(suite, ${part}/${parts})` : `(continued, ${part}/${parts})`),
  /** `user` is a Slack user id from the request, written as a mention of the clicker. */
  sharedBy: (user: string, lang: Lang) => (fr(lang) ? `Partagé par <@${user}> avec /breach` : `Shared by <@${user}> with /breach`),
  notInChannel: (lang: Lang) =>
    fr(lang)
      ? 'Je ne peux pas encore publier dans ce canal : invitez-moi avec `/invite @breachbot`, puis réessayez.'
      : 'I cannot post in this channel yet: invite me with `/invite @breachbot`, then try again.',
  postFailed: (lang: Lang) => (fr(lang) ? "Slack n'a pas accepté la publication. Réessayez dans un instant." : 'Slack did not accept the post. Please try again in a moment.'),
  notAvailable: (command: string, lang: Lang) => (fr(lang) ? `Commande indisponible ici : ${command}.` : `Command not available here: ${command}.`),
  /** A paging button pressed after the catalog changed (the list's count is not what it was). */
  resultsChanged: (lang: Lang) =>
    fr(lang) ? 'Le catalogue a changé depuis cette réponse : voici les résultats actuels.' : 'The catalog has changed since this answer: here are the current results.',
  /** A Details button whose incident has left the catalog since. */
  incidentGone: (lang: Lang) =>
    fr(lang)
      ? "Cet incident n'est plus au catalogue : les données ont changé depuis cette réponse."
      : 'This incident is no longer in the catalog: the data changed since this answer.',
  staleButton: (lang: Lang) => (fr(lang) ? 'Ce bouton ne fonctionne plus : relancez la commande.' : 'This button no longer works: run the command again.'),
} as const;
