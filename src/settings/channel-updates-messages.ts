/**
 * The words of `/breach updates` in English and French, from its typed outcome: what the channel
 * gets now, that it changed, or that only admins may change it.
 */
import type { MessageAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { colon } from '../render/typography.js';

export type UpdatesOutcome =
  | { readonly kind: 'shown'; readonly on: boolean }
  | { readonly kind: 'set'; readonly on: boolean }
  | { readonly kind: 'refused' };

/** How to type the switch on the channel's platform: `/breach updates off`, Discord `/breach-updates state:off`. */
function command(platform: string, value: 'on' | 'off' | undefined, lang: Lang): string {
  if (platform !== 'discord') return `/breach updates${value ? ` ${value}` : ''}`;
  return lang === 'fr' ? `/fuite-mises-a-jour${value ? ` etat:${value}` : ''}` : `/breach-updates${value ? ` state:${value}` : ''}`;
}

function text(outcome: UpdatesOutcome, platform: string, lang: Lang): string {
  const fr = lang === 'fr';
  const c = colon(lang);
  switch (outcome.kind) {
    case 'shown':
      return outcome.on
        ? fr
          ? `Ce canal reçoit une courte note «${'\u202f'}mis à jour${'\u202f'}» quand un incident qu’il a déjà reçu change (nombre révisé, nouvelle source, organisation touchée nouvellement citée). Pour les arrêter${c}${command(platform, 'off', lang)}`
          : `This channel gets a short “updated” note when an incident it already received changes (a revised count, a new source, a newly named affected organization). To stop them${c}${command(platform, 'off', lang)}`
        : fr
          ? `Ce canal ne reçoit pas de note «${'\u202f'}mis à jour${'\u202f'}»${'\u202f'}; son résumé liste quand même les incidents mis à jour. Pour les recevoir${c}${command(platform, 'on', lang)}`
          : `This channel gets no “updated” notes; its digest still lists updated incidents. To get them${c}${command(platform, 'on', lang)}`;
    case 'set':
      return outcome.on
        ? fr
          ? `C’est fait${c}ce canal recevra une courte note quand un incident qu’il a déjà reçu change.`
          : 'Done: this channel will get a short note when an incident it already received changes.'
        : fr
          ? `C’est fait${c}plus de note «${'\u202f'}mis à jour${'\u202f'}» dans ce canal${'\u202f'}; son résumé liste toujours les incidents mis à jour.`
          : 'Done: no more “updated” notes in this channel; its digest still lists updated incidents.';
    case 'refused':
      return fr
        ? `Seuls les admins du canal peuvent activer ou couper les notes «${'\u202f'}mis à jour${'\u202f'}». Chacun peut voir le réglage avec ${command(platform, undefined, lang)}.`
        : `Only channel admins can turn “updated” notes on or off. Anyone can see the setting with ${command(platform, undefined, lang)}.`;
  }
}

export function updatesMessage(outcome: UpdatesOutcome, platform: string): MessageAnswer {
  const tone = outcome.kind === 'refused' ? 'error' : outcome.kind === 'set' ? 'success' : 'info';
  return { kind: 'message', tone, text: { en: text(outcome, platform, 'en'), fr: text(outcome, platform, 'fr') }, incidents: [] };
}
