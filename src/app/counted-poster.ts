/**
 * A channel poster that counts what it posts for `/metrics`: each post by kind (digest or watch
 * alert, read from its outbox key) and outcome (`found` when the post turned out to be an earlier
 * try's message already in the channel, so `ok` counts new messages only); a retry is a post of the same answer to the same
 * channel after a failure (the quick retries reuse the answer object), or a post that must first
 * look for an earlier try (`reconcile`: a retry from the outbox, or of a crashed process's post).
 */
import type { ChannelPoster, ChannelRef, PostOptions, PostResult } from '../ports/index.js';
import type { Answer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { BotMetrics } from '../http/metrics.js';
import { outboxKeyKind } from '../digest/outbox-keys.js';

export function countedPoster(poster: ChannelPoster, metrics: BotMetrics): ChannelPoster {
  const failedBefore = new WeakMap<Answer, Set<string>>();
  const platform = poster.platform;
  return {
    platform,
    async post(channel: ChannelRef, answer: Answer, language: Lang, options?: PostOptions): Promise<PostResult> {
      const where = `${channel.workspaceId}\u0000${channel.channelId}`;
      const kind = outboxKeyKind(options?.key);
      if (options?.reconcile || failedBefore.get(answer)?.has(where)) metrics.postRetries.inc({ platform, kind });
      let result: PostResult;
      try {
        result = await poster.post(channel, answer, language, options);
      } catch (err) {
        metrics.posts.inc({ platform, kind, outcome: 'failed' });
        throw err;
      }
      // `found`: an earlier try's message was found in the channel (a replica died between post and record): not a new message.
      metrics.posts.inc({ platform, kind, outcome: result.ok ? (result.sent === 0 ? 'found' : 'ok') : result.gone ? 'gone' : 'failed' });
      if (!result.ok) {
        const set = failedBefore.get(answer) ?? new Set<string>();
        set.add(where);
        failedBefore.set(answer, set);
      }
      return result;
    },
  };
}
