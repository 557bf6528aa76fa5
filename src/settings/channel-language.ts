/**
 * A channel's answer language (`/breach langue fr`): answers `lang` requests on every platform
 * and tells the adapters what a channel chose, so they can pick an answer's language (words of
 * the question first, then this, then the user's locale, then BOT_LANGUAGE; see
 * core/language.ts). Changing it is for channel admins, reading it for everyone.
 */
import type { Answer, MessageAnswer } from '../core/answer.js';
import type { FeatureOutcome } from '../core/feature-outcome.js';
import type { Lang } from '../core/lang.js';
import type { ChannelRef, CommandHandler, Conversation, Logger } from '../ports/index.js';
import type { LanguageRequest } from './language-request.js';

/** What this handler needs of the state store. */
export interface ChannelLanguageStore {
  channelLanguage(channel: ChannelRef): Promise<Lang | undefined>;
  setChannelLanguage(channel: ChannelRef, lang: Lang | null): Promise<void>;
}

function reply(tone: MessageAnswer['tone'], outcome: FeatureOutcome): MessageAnswer {
  return { kind: 'message', tone, outcome, incidents: [] };
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
      return reply('info', lang ? { kind: 'language-shown', lang } : { kind: 'language-shown' });
    }
    if (!conversation.isAdmin) return reply('error', { kind: 'refused', what: 'language' });
    await this.store.setChannelLanguage(channel, request.lang);
    return reply('success', { kind: 'language-set', lang: request.lang });
  }
}

/** What a channel chose, asked of whichever handler knows (undefined when none does). */
export async function channelLanguageOf(handlers: readonly CommandHandler[], channel: ChannelRef): Promise<Lang | undefined> {
  for (const h of handlers) if (h instanceof ChannelLanguageHandler) return h.channelLanguage(channel);
  return undefined;
}
