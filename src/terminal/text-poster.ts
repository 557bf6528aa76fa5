/**
 * A `ChannelPoster` that writes what would be posted as plain text: the terminal chat's (platform
 * "terminal"), and a way to see a digest without any chat platform. One "message" per post,
 * carrying every incident of the answer.
 */
import type { AcceptedPart, ChannelPoster } from '../ports/index.js';
import { renderText } from '../render/text-renderer.js';

export function createTextPoster(write: (text: string) => void, platform = 'terminal'): ChannelPoster {
  let n = 0;
  return {
    platform,
    async post(channel, answer, language, options) {
      write(`[${platform === 'terminal' ? 'posted' : `posted to ${channel.channelId}`}]\n${renderText(answer, language)}\n`);
      const part: AcceptedPart = { messageId: `text-${++n}`, incidentIds: answer.kind === 'message' ? answer.incidents.map((i) => i.id) : [] };
      await options?.onAccepted?.(part);
      return { ok: true, messageIds: [part.messageId], accepted: [part] };
    },
  };
}
