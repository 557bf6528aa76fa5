/**
 * The Discord adapter's public surface: start the client, build the command definitions to
 * register, post to channels, render answers.
 */
export { startDiscord, restBase, type DiscordService, type StartDiscordOptions } from './discord-client.js';
export { buildDiscordCommands, checkCommandLimits, discordCommandBody, ADMIN_DEFAULT_PERMISSIONS, type DiscordCommandBody } from './command-bodies.js';
export { createDiscordPoster, createPosterRest, postFailure } from './channel-poster.js';
export { answerToDiscordMessage, answerToDiscordMessages, usageToDiscordMessage, discordUsage, type DiscordMessage, type RenderOptions } from './answer-to-message.js';
export { handleInteraction, isAdminInteraction, type InteractionDeps } from './interaction-router.js';
export { encodeButton, decodeButton, type ButtonState } from './custom-id.js';
export { langOfLocale } from './discord-wording.js';
