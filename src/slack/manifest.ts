/**
 * The Slack app manifest, built from the command definitions in commands/: one paste into
 * "Create an app → From a manifest" sets up the slash command, the scopes, the events and
 * Socket Mode. Scopes are only those the adapter uses.
 */
import { COMMANDS, ROOT_COMMAND, breachSearch } from '../../commands/index.js';
import { helpIntro } from '../render/messages.js';
import { SLASH_COMMAND } from './listeners/slash-command.js';

/**
 * Every scope the adapter needs, and why:
 * - `commands`: the /breach slash command;
 * - `chat:write`: replies to mentions, "Post to channel", digests and alerts;
 * - `app_mentions:read`: the app_mention event (`@breachbot ...` in a thread);
 * - `files:write`: the `/breach stats` chart (files.getUploadURLExternal, files.completeUploadExternal);
 * - `users:read`: `users.info`, to tell workspace admins (who may change channel settings);
 * - `channels:history`, `groups:history`: `conversations.history` in the channels (public,
 *   private) the bot posts digests and alerts to, read only when a post's outcome is unknown (a
 *   lost response, a crash), to find the message by its metadata before posting it again.
 */
export const BOT_SCOPES = ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'users:read'] as const;
export const BOT_EVENTS = ['app_mention'] as const;
/** With distribution: the app removed from a workspace, or its token revoked (the installation is deleted). */
export const DISTRIBUTION_EVENTS = ['app_uninstalled', 'tokens_revoked'] as const;

export interface ManifestOptions {
  /** HTTP mode: the public base URL Slack posts to (`<url>/slack/events`); Socket Mode when absent. */
  readonly httpUrl?: string;
  readonly name?: string;
  /**
   * Distribution to many workspaces ("Add to Slack", HTTP mode): the OAuth redirect URL
   * (`<url>/slack/oauth_redirect`), the install/removal events the bot listens to, org-wide
   * deployment on Enterprise Grid, and optionally token rotation.
   */
  readonly distribute?: { readonly tokenRotation?: boolean };
}

/** "<query> · latest [page] · stats · show <id> · help", from each command's usage. */
export function usageHint(): string {
  return COMMANDS.map((c) => c.usage.en.replace(`${ROOT_COMMAND} `, '').replace(ROOT_COMMAND, '').trim()).join(' · ');
}

export function buildSlackManifest(options: ManifestOptions = {}): Record<string, unknown> {
  const name = options.name ?? 'breachbot';
  const base = options.httpUrl?.replace(/\/+$/, '');
  const events = base ? `${base}/slack/events` : undefined;
  const distribute = base ? options.distribute : undefined;
  const commands = COMMANDS.map((c) => `${c.usage.en}: ${c.description.en}`).join('; ');
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Answers questions about data breaches: who, when, how many, which data, which vendor.',
      long_description: `${helpIntro('en')} Ask with ${SLASH_COMMAND} (answers only you see, with a button to share them) or mention the bot in a thread. English and French. Commands: ${commands}.`,
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: SLASH_COMMAND,
          ...(events ? { url: events } : {}),
          description: breachSearch.description.en,
          usage_hint: usageHint(),
          // Raw text: the query must reach the bot as typed, not with users and channels encoded.
          should_escape: false,
        },
      ],
    },
    oauth_config: { ...(distribute && base ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}), scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(events ? { request_url: events } : {}), bot_events: [...BOT_EVENTS, ...(distribute ? DISTRIBUTION_EVENTS : [])] },
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      org_deploy_enabled: Boolean(distribute),
      socket_mode_enabled: !events,
      token_rotation_enabled: Boolean(distribute?.tokenRotation),
    },
  };
}
