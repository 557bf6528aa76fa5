/**
 * The types every part of the bot shares, below the adapters and the features: start-up
 * (`app/start.ts`) and every adapter import them from here, never from each other.
 */
export type { BotContext, Logger, RunningService } from './bot-context.js';
export { channelKey, type ChannelRef } from './channel.js';
export type { AcceptedPart, ChannelPoster, CommandHandler, Conversation, PostOptions, PostResult } from './platform.js';
