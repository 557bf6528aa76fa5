/**
 * "Add to Slack" for many workspaces, with Bolt's installer (@slack/oauth `InstallProvider`):
 * `GET /slack/install` redirects to Slack's consent page (with a signed `state` and a cookie
 * binding it to the browser), `GET /slack/oauth_redirect` exchanges the code with
 * `oauth.v2.access`, checks the token with `auth.test` and stores the installation (workspace,
 * or the whole organization for an Enterprise Grid org-wide install) through Bolt's
 * `InstallationStore`. Bolt then authorizes every request with its workspace's token, refreshing
 * a rotating token (token rotation on in the app's settings) before it expires.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type InstallationStore } from '@slack/oauth';
import type { Logger as SlackLogger } from '@slack/logger';
import type { HttpServer } from '../http/http-server.js';
import type { Logger } from '../ports/index.js';

import { BOT_SCOPES } from './manifest.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  /** Where Slack sends the browser back (needed when the app lists several redirect URLs). */
  readonly redirectUri?: string;
}

export function createInstaller(settings: OAuthSettings, installationStore: InstallationStore, options: { readonly logger: SlackLogger; readonly slackApiUrl?: string }): InstallProvider {
  return new InstallProvider({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    installationStore,
    // The install link goes straight to Slack's consent page (no intermediate "Add to Slack" page).
    directInstall: true,
    logger: options.logger,
    ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
  });
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`);
}

/** Mounts the two install routes on the server. */
export function mountInstallRoutes(server: HttpServer, installer: InstallProvider, settings: OAuthSettings, log: Logger): void {
  const urlOptions = { scopes: [...BOT_SCOPES], ...(settings.redirectUri ? { redirectUri: settings.redirectUri } : {}) };
  server.route('GET', INSTALL_PATH, (req: IncomingMessage, res: ServerResponse) => installer.handleInstallPath(req, res, {}, urlOptions));
  server.route('GET', REDIRECT_PATH, (req: IncomingMessage, res: ServerResponse) =>
    installer.handleCallback(
      req,
      res,
      {
        success: (installation, _options, _req, response) => {
          const where = installation.isEnterpriseInstall ? `organization ${installation.enterprise?.id}` : `workspace ${installation.team?.id}`;
          log.info(`slack: installed in ${where}`);
          page(response, 200, 'breachbot is installed', 'You can close this page and type <code>/breach help</code> in Slack.');
        },
        failure: (error, _options, _req, response) => {
          log.warn(`slack: installation failed (${(error as { code?: string }).code ?? error.message})`);
          page(response, 400, 'breachbot was not installed', 'The installation did not complete. Start again from the install link.');
        },
      },
      urlOptions,
    ),
  );
}
