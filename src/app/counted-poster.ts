/**
 * A channel poster that counts what it posts (digests and watch alerts) for `/metrics`: each
 * post by outcome, and a post of the same answer to the same channel after a failure as a retry
 * (the delivery code retries with the very same answer object).
 */
import type { ChannelPoster, ChannelRef, PostOptions, PostResult } from '../ports/index.js';
import type { Answer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { BotMetrics } from '../http/metrics.js';

export function countedPoster(poster: ChannelPoster, metrics: BotMetrics): ChannelPoster {
  const failedBefore = new WeakMap<Answer, Set<string>>();
  const platform = poster.platform;
  return {
    platform,
    async post(channel: ChannelRef, answer: Answer, language: Lang, options?: PostOptions): Promise<PostResult> {
      const where = `${channel.workspaceId}\u0000${channel.channelId}`;
      if (failedBefore.get(answer)?.has(where)) metrics.postRetries.inc({ platform });
      let result: PostResult;
      try {
        result = await poster.post(channel, answer, language, options);
      } catch (err) {
        metrics.posts.inc({ platform, outcome: 'failed' });
        throw err;
      }
      metrics.posts.inc({ platform, outcome: result.ok ? 'ok' : result.gone ? 'gone' : 'failed' });
      if (!result.ok) {
        const set = failedBefore.get(answer) ?? new Set<string>();
        set.add(where);
        failedBefore.set(answer, set);
      }
      return result;
    },
  };
}
