/**
 * Button clicks. Every button carries its request in its value, so clicks work after a restart.
 *
 * - `breach_run:*` (next, previous, details, back, suggestions): runs the request and shows the
 *   answer privately. On the asker's ephemeral message it replaces that message in place; on a
 *   message everyone sees (a shared answer, a mention's reply, a digest) it answers the clicker
 *   alone rather than changing the message under everyone's eyes.
 * - `breach_post`: shares the answer in the channel with `chat.postMessage`; when the bot is not
 *   a member of the channel (`not_in_channel`, or `channel_not_found` for a private channel or a
 *   DM it cannot see) it falls back to the click's response_url, which may post where the
 *   command was used; then the private copy is deleted.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerToBlocks, fallback } from '../answer-blocks.js';
import { section } from '../block-kit.js';
import { type ButtonState, decodeState } from '../button-state.js';
import { POST_ACTION, RUN_ACTION_PATTERN } from '../buttons.js';
import { type ListenerDeps, apology, platformError } from '../listener-deps.js';
import { SLACK_TEXT } from '../slack-messages.js';
import type { Answer } from '../../core/answer.js';
import type { Lang } from '../../core/lang.js';
import { ephemeral } from './slash-command.js';

function notice(text: string) {
  return { ...ephemeral({ text: fallback(text), blocks: [section(text)] }), replace_original: false };
}

const NOT_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/**
 * Buttons carry their request, not a snapshot: after a reload (or a restart on newer data) they
 * run against the catalog as it is now, and say so kindly when that is not what the message showed.
 */
export function changeNotice(state: ButtonState, answer: Answer, lang: Lang): string | undefined {
  if (state.r.command === 'show' && answer.kind === 'not-found') return SLACK_TEXT.incidentGone(lang);
  if (state.t !== undefined && (answer.kind !== 'results' || answer.total !== state.t)) return SLACK_TEXT.resultsChanged(lang);
  return undefined;
}

export function registerBlockActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(RUN_ACTION_PATTERN, async ({ ack, body, action, respond }) => {
    await ack();
    const state = decodeState(action.value);
    const lang: Lang = state?.l ?? deps.language;
    try {
      if (!state) {
        await respond(notice(SLACK_TEXT.staleButton(lang)));
        return;
      }
      const answer = deps.holder.core.execute(state.r);
      const inPlace = body.container?.is_ephemeral === true;
      const changed = changeNotice(state, answer, lang);
      const message = answerToBlocks(answer, lang, { ...(state.b ? { back: state.b } : {}), ...(changed ? { notice: changed } : {}) });
      await respond({ ...ephemeral(message), replace_original: inPlace });
    } catch (err) {
      deps.log.error(`slack: button ${action.action_id} failed`, err);
      await respond({ ...ephemeral(apology(lang)), replace_original: false }).catch((e: unknown) => deps.log.error('slack: could not send the apology', e));
    }
  });

  app.action<BlockAction<ButtonAction>>(POST_ACTION, async ({ ack, body, action, respond, client }) => {
    await ack();
    const state = decodeState(action.value);
    const lang: Lang = state?.l ?? deps.language;
    try {
      const channel = body.channel?.id;
      if (!state || !channel) {
        await respond(notice(SLACK_TEXT.staleButton(lang)));
        return;
      }
      const answer = deps.holder.core.execute(state.r);
      const message = answerToBlocks(answer, lang, { surface: 'channel', sharedBy: body.user.id });
      try {
        await client.chat.postMessage({ channel, text: message.text, blocks: [...message.blocks], unfurl_links: false, unfurl_media: false });
      } catch (err) {
        const code = platformError(err);
        if (!code || !NOT_MEMBER.has(code)) throw err;
        deps.log.info(`slack: ${code} posting to ${channel}; using the response_url instead`);
        try {
          await respond({ response_type: 'in_channel', replace_original: false, text: message.text, blocks: [...message.blocks] });
        } catch (inner) {
          deps.log.warn('slack: response_url post failed too', inner);
          await respond(notice(SLACK_TEXT.notInChannel(lang)));
          return;
        }
      }
      await respond({ delete_original: true });
    } catch (err) {
      deps.log.error('slack: post to channel failed', err);
      await respond(notice(SLACK_TEXT.postFailed(lang))).catch((e: unknown) => deps.log.error('slack: could not send the apology', e));
    }
  });
}
