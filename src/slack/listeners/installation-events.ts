/**
 * The app removed from a workspace (`app_uninstalled`), or its bot token revoked
 * (`tokens_revoked` listing bot users): the installation is deleted, so no request or post uses
 * the token again, and the workspace's digests and watchlists are paused (`onWorkspaceRemoved`).
 * Reinstalling brings the token back; a channel subscribes again with `/breach digest on`.
 */
import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Logger } from '../../ports/index.js';

export interface InstallationEventDeps {
  readonly installationStore: InstallationStore;
  readonly log: Logger;
  readonly onWorkspaceRemoved?: (workspaceId: string, reason: string) => Promise<void>;
}

interface EventBody {
  readonly team_id?: string;
  readonly enterprise_id?: string;
  readonly is_enterprise_install?: boolean;
}

export function registerInstallationEvents(app: App, deps: InstallationEventDeps): void {
  const remove = async (body: EventBody, reason: string) => {
    const teamId = body.team_id;
    const enterpriseId = body.enterprise_id || undefined;
    const isEnterpriseInstall = body.is_enterprise_install === true;
    try {
      await deps.installationStore.deleteInstallation?.(
        isEnterpriseInstall ? { teamId: undefined, enterpriseId: enterpriseId!, isEnterpriseInstall: true } : { teamId: teamId ?? '', enterpriseId, isEnterpriseInstall: false },
      );
      deps.log.info(`slack: ${reason} in ${isEnterpriseInstall ? `organization ${enterpriseId}` : `workspace ${teamId}`}; installation removed`);
      if (teamId) await deps.onWorkspaceRemoved?.(teamId, reason);
    } catch (err) {
      deps.log.error(`slack: could not remove the installation after ${reason}`, err);
    }
  };
  app.event('app_uninstalled', async ({ body }) => remove(body as EventBody, 'app uninstalled'));
  app.event('tokens_revoked', async ({ body, event }) => {
    // Only the bot's token matters: user tokens the app does not use.
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(body as EventBody, 'bot token revoked');
  });
}
