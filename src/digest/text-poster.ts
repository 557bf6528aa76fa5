/**
 * A `ChannelPoster` that writes what would be posted as plain text: the terminal chat's (platform
 * "terminal"), and a way to see a digest without any chat platform.
 */
import type { ChannelPoster } from '../app/bot-services.js';
import { renderText } from '../render/text-renderer.js';

export function createTextPoster(write: (text: string) => void, platform = 'terminal'): ChannelPoster {
  let n = 0;
  return {
    platform,
    async post(channel, answer, language) {
      write(`[${platform === 'terminal' ? 'posted' : `posted to ${channel.channelId}`}]\n${renderText(answer, language)}\n`);
      return { ok: true, messageIds: [`text-${++n}`] };
    },
  };
}
