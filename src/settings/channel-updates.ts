/**
 * `/breach updates on|off`: whether a channel gets "updated" notes (digest/incident-updates.ts),
 * kept with the channel's settings in the state store. Reading it is for everyone, changing it
 * for channel admins.
 */
import type { Answer } from '../core/answer.js';
import type { ChannelRef, CommandHandler, Conversation } from '../ports/index.js';
import { updatesMessage } from './channel-updates-messages.js';
import type { UpdatesRequest } from './updates-request.js';

/** What this handler needs of the state store. */
export interface ChannelUpdatesStore {
  channelUpdates(channel: ChannelRef): Promise<boolean>;
  setChannelUpdates(channel: ChannelRef, on: boolean): Promise<void>;
}

function isUpdatesRequest(request: unknown): request is UpdatesRequest {
  return typeof request === 'object' && request !== null && (request as { command?: unknown }).command === 'updates';
}

export class ChannelUpdatesHandler implements CommandHandler {
  constructor(private readonly store: ChannelUpdatesStore) {}

  handles(request: unknown): boolean {
    return isUpdatesRequest(request);
  }

  async handle(request: unknown, conversation: Conversation): Promise<Answer> {
    if (!isUpdatesRequest(request)) throw new Error('not an updates request');
    const channel: ChannelRef = { platform: conversation.platform, workspaceId: conversation.workspaceId, channelId: conversation.channelId };
    if (request.action === 'show') return updatesMessage({ kind: 'shown', on: await this.store.channelUpdates(channel) });
    if (!conversation.isAdmin) return updatesMessage({ kind: 'refused' });
    await this.store.setChannelUpdates(channel, request.on);
    return updatesMessage({ kind: 'set', on: request.on });
  }
}
