/**
 * Web API client settings shared by the app and the channel poster.
 *
 * Slack quirks: `slackApiUrl` must end with a slash (the client appends method names to it);
 * the client's default retry policy keeps retrying for about 30 minutes, far too long for an
 * answer someone is waiting for, and wrong for the digest, which schedules its own retries.
 */
import type { webApi } from '@slack/bolt';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export function apiBaseUrl(apiUrl: string | undefined): string {
  const url = apiUrl ?? DEFAULT_SLACK_API_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

/** For interactive work (answers, mentions): a couple of quick retries, then give up. */
export function interactiveClientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    slackApiUrl: apiBaseUrl(apiUrl),
    timeout: 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1_000, randomize: false },
  };
}

/** For posting digests and alerts: no hidden retries, rate limits reported at once. */
export function postingClientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    slackApiUrl: apiBaseUrl(apiUrl),
    timeout: 15_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
}
