/**
 * Digests and alerts for many workspaces: each post goes out with the bot token of the workspace
 * the channel belongs to, read through Bolt's installer (`authorize`, which also refreshes a
 * rotating token before it expires and stores the new one). A workspace with no installation
 * (uninstalled, revoked) is "gone": delivery stops for that channel instead of retrying.
 */
import type { ChannelPoster, Logger, PostResult } from '../ports/index.js';
import { createSlackPoster } from './slack-poster.js';

export interface WorkspaceAuthorization {
  readonly botToken?: string;
}

export interface WorkspacePosterOptions {
  /** Bolt's installer `authorize` for one workspace (team id) of an installation. */
  readonly authorize: (query: { readonly teamId: string; readonly enterpriseId: undefined; readonly isEnterpriseInstall: false }) => Promise<WorkspaceAuthorization>;
  readonly apiUrl?: string;
  readonly log?: Logger;
  readonly minIntervalMs?: number;
}

/** Posters kept at most (one per token; the oldest dropped first). */
const POSTERS_KEPT = 500;

export function createWorkspacePoster(options: WorkspacePosterOptions): ChannelPoster {
  const posters = new Map<string, ChannelPoster>();
  const posterFor = (token: string): ChannelPoster => {
    let poster = posters.get(token);
    if (!poster) {
      poster = createSlackPoster({
        token,
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.minIntervalMs !== undefined ? { minIntervalMs: options.minIntervalMs } : {}),
      });
      if (posters.size >= POSTERS_KEPT) posters.delete(posters.keys().next().value!);
      posters.set(token, poster);
    }
    return poster;
  };
  return {
    platform: 'slack',
    async post(channel, answer, language, postOptions): Promise<PostResult> {
      let token: string | undefined;
      try {
        token = (await options.authorize({ teamId: channel.workspaceId, enterpriseId: undefined, isEnterpriseInstall: false })).botToken;
      } catch (err) {
        const missing = /no Slack installation|No installation|not found/i.test((err as Error).message ?? '');
        return missing
          ? { ok: false, retryable: false, gone: true, reason: `the app is not installed in workspace ${channel.workspaceId}` }
          : { ok: false, retryable: true, gone: false, reason: `the installation of workspace ${channel.workspaceId} could not be read (${(err as Error).message})` };
      }
      if (!token) return { ok: false, retryable: false, gone: true, reason: `workspace ${channel.workspaceId} has no bot token` };
      return posterFor(token).post(channel, answer, language, postOptions);
    },
  };
}
