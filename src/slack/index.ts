/**
 * The Slack adapter's public surface: start it from the app, post to channels, render answers.
 */
export { startSlack, createSlackApp, describeStartError, type SlackAppOptions, type SlackBot } from './slack-app.js';
export { createSlackPoster, type SlackPosterOptions } from './slack-poster.js';
export { answerToBlocks, usageToBlocks, askedUsageToBlocks, requestOf, type RenderOptions } from './answer-blocks.js';
export { answerToMessages } from './message-split.js';
export { SLACK_LIMITS, type Block, type SlackMessage } from './block-kit.js';
export { escapeMrkdwn } from './mrkdwn.js';
export { buildSlackManifest } from './manifest.js';
