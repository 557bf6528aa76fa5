/**
 * A channel's answer language (`/breach langue fr`): answers `lang` requests on every platform
 * and tells the adapters what a channel chose, so they can pick an answer's language (words of
 * the question first, then this, then the user's locale, then BOT_LANGUAGE; see
 * core/language.ts). Changing it is for channel admins, reading it for everyone.
 */
import type { Answer, MessageAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { ChannelRef, CommandHandler, Conversation, Logger } from '../ports/index.js';
import type { LanguageRequest } from './language-request.js';

/** What this handler needs of the state store. */
export interface ChannelLanguageStore {
  channelLanguage(channel: ChannelRef): Promise<Lang | undefined>;
  setChannelLanguage(channel: ChannelRef, lang: Lang | null): Promise<void>;
}

const NAMES: Record<Lang, Record<Lang, string>> = { en: { en: 'English', fr: 'anglais' }, fr: { en: 'French', fr: 'français' } };

function reply(tone: MessageAnswer['tone'], en: string, fr: string): MessageAnswer {
  return { kind: 'message', tone, text: { en, fr }, incidents: [] };
}

function isLanguageRequest(request: unknown): request is LanguageRequest {
  return typeof request === 'object' && request !== null && (request as { command?: unknown }).command === 'lang';
}

export class ChannelLanguageHandler implements CommandHandler {
  constructor(
    private readonly store: ChannelLanguageStore,
    private readonly log?: Logger,
  ) {}

  handles(request: unknown): boolean {
    return isLanguageRequest(request);
  }

  /** The language the channel chose, or undefined (none chosen, or the store cannot say). */
  async channelLanguage(channel: ChannelRef): Promise<Lang | undefined> {
    try {
      return await this.store.channelLanguage(channel);
    } catch (err) {
      // A store that cannot answer must not stop the bot from answering: the other clues decide.
      this.log?.warn('channel language: could not read the setting', err);
      return undefined;
    }
  }

  async handle(request: unknown, conversation: Conversation): Promise<Answer> {
    if (!isLanguageRequest(request)) throw new Error('not a language request');
    const channel: ChannelRef = { platform: conversation.platform, workspaceId: conversation.workspaceId, channelId: conversation.channelId };
    if (request.action === 'show') {
      const lang = await this.store.channelLanguage(channel);
      return lang
        ? reply('info', `This channel's answers are in ${NAMES[lang].en} when a question does not tell (a question in French or English is answered in its own language). Change it with /breach lang fr|en|auto.`, `Les réponses de ce canal sont en ${NAMES[lang].fr} quand la question ne le dit pas (une question en français ou en anglais reçoit une réponse dans sa langue). Changez-le avec /breach langue fr|en|auto.`)
        : reply('info', "This channel has no language set: answers follow each question's words, then each user's Slack or Discord language. Set one with /breach lang fr or /breach lang en.", "Ce canal n'a pas de langue choisie\u202f: les réponses suivent les mots de chaque question, puis la langue Slack ou Discord de chacun. Choisissez-en une avec /breach langue fr ou /breach langue en.");
    }
    if (!conversation.isAdmin) {
      return reply('error', "Only channel admins can change this channel's language. Anyone can see it with /breach lang.", 'Seuls les admins du canal peuvent changer la langue de ce canal. Chacun peut la consulter avec /breach langue.');
    }
    await this.store.setChannelLanguage(channel, request.lang);
    if (request.lang === null) {
      return reply('success', "Done: this channel has no language set any more; answers follow each question's words, then each user's language.", "C'est fait\u202f: ce canal n'a plus de langue choisie\u202f; les réponses suivent les mots de chaque question, puis la langue de chacun.");
    }
    const name = NAMES[request.lang];
    return reply('success', `Done: answers in this channel are now in ${name.en} when a question does not tell. A question written in the other language still gets its own.`, `C'est fait\u202f: les réponses de ce canal sont désormais en ${name.fr} quand la question ne le dit pas. Une question écrite dans l'autre langue reçoit toujours une réponse dans sa langue.`);
  }
}

/** What a channel chose, asked of whichever handler knows (undefined when none does). */
export async function channelLanguageOf(handlers: readonly CommandHandler[], channel: ChannelRef): Promise<Lang | undefined> {
  for (const h of handlers) if (h instanceof ChannelLanguageHandler) return h.channelLanguage(channel);
  return undefined;
}
