/**
 * `/breach ...`: answered privately (ephemeral) with a "Post to channel" button.
 *
 * Slack wants the ack within 3 seconds. The query core answers in well under a millisecond, so
 * its answer travels in the ack itself (one round trip, nothing to retry); a feature beside the
 * core (digest, watch) may be slower, so it is acked empty first and answered through
 * `respond()` (the command's response_url).
 */
import type { App } from '@slack/bolt';
import type { SlackMessage } from '../block-kit.js';
import { answerToBlocks, askedUsageToBlocks } from '../answer-blocks.js';
import { handlerFor, parseAsked } from '../dispatch.js';
import { type ListenerDeps, apology, conversationOf, settleLanguage } from '../listener-deps.js';
import { SLACK_TEXT } from '../slack-messages.js';
import { fallback } from '../answer-blocks.js';
import { section } from '../block-kit.js';
import { escapeMrkdwn, clipPlain } from '../mrkdwn.js';
import { chartNotAttached, wantsChart } from '../../charts/stats-attachment.js';
import { uploadStatsChart } from '../chart-upload.js';

export const SLASH_COMMAND = '/breach';

/** An ephemeral reply body (for `ack()` and `respond()`); Bolt's block types are wider than ours. */
export function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: [...message.blocks] };
}

export function registerSlashCommand(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    let acked = false;
    let asked = parseAsked(command.text ?? '', deps.language);
    let lang = asked.lang;
    try {
      asked = await settleLanguage(asked, client, { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id }, deps);
      lang = asked.lang;
      if (asked.kind === 'usage') {
        acked = true;
        await ack(ephemeral(askedUsageToBlocks(asked, lang)));
        return;
      }
      if (asked.kind === 'core') {
        const answer = deps.holder.core.execute(asked.request);
        acked = true;
        await ack(ephemeral(answerToBlocks(answer, lang)));
        // The numbers are out; the chart follows (a refused upload leaves them, with a note).
        if (wantsChart(answer) && !(await uploadStatsChart(client, answer, lang, { channel: command.channel_id }, deps.log))) {
          const note = chartNotAttached(lang);
          await respond(ephemeral({ text: fallback(note), blocks: [section(escapeMrkdwn(note))] }));
        }
        return;
      }
      acked = true;
      await ack();
      const handler = handlerFor(asked.request, deps.handlers);
      if (!handler) {
        const text = SLACK_TEXT.notAvailable(clipPlain(asked.request.command, 40), lang);
        await respond(ephemeral({ text: fallback(text), blocks: [section(escapeMrkdwn(text))] }));
        return;
      }
      const who = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
      const answer = await handler.handle(asked.request, await conversationOf(client, who, lang, deps));
      await respond(ephemeral(answerToBlocks(answer, lang, { surface: 'channel' })));
    } catch (err) {
      deps.log.error(`slack: /breach failed (${asked.kind})`, err);
      try {
        if (acked) await respond(ephemeral(apology(lang)));
        else await ack(ephemeral(apology(lang)));
      } catch (inner) {
        deps.log.error('slack: could not send the apology', inner);
      }
    }
  });
}
