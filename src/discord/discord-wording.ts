/**
 * The few sentences only the Discord adapter says (buttons, permissions, changed data), in
 * English and French. Everything else comes from src/render/messages.ts.
 */
import { formatNumber } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { langOfLocale as localeLang } from '../core/language.js';

export const DISCORD_WORDS = {
  en: {
    adminOnly: 'Only members who can manage this server or its channels can use this command.',
    unavailable: 'This command is not available on this bot yet.',
    noChannel: 'Discord did not say which channel this came from, so this channel’s settings cannot be read or changed. Please try again from the channel.',
    resultsChanged: 'The catalog has changed since this message was posted: here are the current results.',
    incidentGone: (id: string) => `The incident “${id}” is no longer in the catalog: the data changed since this message was posted. Try \`/breach\` again.`,
    staleButton: 'This button comes from an older version of the bot. Please ask again.',
    tooLongToPage: 'More results: narrow your query to page through them (it is too long for the page buttons).',
    notShown: (n: number, lang: Lang) => `… and ${formatNumber(n, lang)} more not shown here.`,
    useNext: 'Use “Next” for more.',
    part: (i: number, n: number) => `(${i}/${n})`,
  },
  fr: {
    adminOnly: 'Seuls les membres qui peuvent gérer ce serveur ou ses salons peuvent utiliser cette commande.',
    unavailable: "Cette commande n'est pas encore disponible sur ce bot.",
    noChannel: 'Discord n’a pas indiqué de quel salon vient la commande : impossible de lire ou de changer les réglages du salon. Réessayez depuis le salon.',
    resultsChanged: 'Le catalogue a changé depuis ce message : voici les résultats actuels.',
    incidentGone: (id: string) => `L'incident «\u202f${id}\u202f» n'est plus au catalogue\u202f: les données ont changé depuis ce message. Relancez \`/fuite\`.`,
    staleButton: "Ce bouton vient d'une ancienne version du bot. Merci de relancer la commande.",
    tooLongToPage: 'Plus de résultats : précisez la recherche pour les parcourir (elle est trop longue pour les boutons de page).',
    notShown: (n: number, lang: Lang) => `… et ${formatNumber(n, lang)} de plus, non affichés ici.`,
    useNext: 'Utilisez «\u202fSuivant\u202f» pour la suite.',
    part: (i: number, n: number) => `(${i}/${n})`,
  },
} as const;

/** French for a Discord locale starting with "fr" (Discord sends "fr"), English otherwise. */
export function langOfLocale(locale: string | null | undefined): Lang {
  return localeLang(locale) ?? 'en';
}
