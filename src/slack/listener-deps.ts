/**
 * What the listeners need from the app, passed explicitly (no globals), and the helpers they
 * share: the asker's `Conversation` and a logged apology when something fails.
 */
import type { App } from '@slack/bolt';
import type { CommandHandler, Conversation, Logger } from '../ports/index.js';
import type { CoreHolder } from '../core/core-holder.js';
import type { Lang } from '../core/lang.js';
import { errorMessage } from '../render/messages.js';
import type { SlackMessage } from './block-kit.js';
import { fallback } from './answer-blocks.js';
import { section } from './block-kit.js';
import type { UserLocales } from './user-locale.js';
import { type Asked, withLanguage } from './dispatch.js';
import { channelLanguageOf } from '../settings/channel-language.js';

/** The asked request with its language settled: words, channel setting, user's locale, default. */
export function settleLanguage<A extends Asked>(asked: A, client: Client, who: { teamId: string; channelId: string; userId: string }, deps: ListenerDeps): Promise<A> {
  return withLanguage(asked, {
    channel: () => channelLanguageOf(deps.handlers, { platform: 'slack', workspaceId: who.teamId, channelId: who.channelId }),
    user: async () => (deps.locales ? deps.locales.of(client, who.userId) : undefined),
    fallback: deps.language,
  });
}

export interface ListenerDeps {
  readonly holder: CoreHolder;
  readonly log: Logger;
  /** Answer language when the question does not tell. */
  readonly language: Lang;
  readonly handlers: readonly CommandHandler[];
  /** Slack user ids treated as admins whatever their workspace role (SLACK_ADMIN_USER_IDS). */
  readonly adminUserIds: readonly string[];
  /** Each user's Slack language (users.info include_locale), cached. */
  readonly locales?: UserLocales;
}

type Client = App['client'];

/**
 * Workspace admins and owners (from `users.info`, scope users:read) and the configured ids may
 * change channel settings. Asked only when a feature needs it; a failed lookup means "not admin".
 */
export async function isSlackAdmin(client: Client, userId: string, deps: ListenerDeps): Promise<boolean> {
  if (deps.adminUserIds.includes(userId)) return true;
  try {
    const info = await client.users.info({ user: userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch (err) {
    deps.log.warn(`slack: users.info failed for ${userId}; treating as not admin`, err);
    return false;
  }
}

export async function conversationOf(client: Client, who: { teamId: string; channelId: string; userId: string }, lang: Lang, deps: ListenerDeps): Promise<Conversation> {
  return {
    platform: 'slack',
    workspaceId: who.teamId,
    channelId: who.channelId,
    userId: who.userId,
    isAdmin: await isSlackAdmin(client, who.userId, deps),
    language: lang,
  };
}

/** The short apology sent when a handler throws (the error itself goes to the log only). */
export function apology(lang: Lang): SlackMessage {
  const text = errorMessage({ kind: 'error', code: 'internal' }, lang);
  return { text: fallback(text), blocks: [section(`:warning: ${text}`)] };
}

/** The Slack error code of a failed Web API call (`not_in_channel`...), if it was one. */
export function platformError(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
