/**
 * `@breachbot what leaked at Orange?`: answered in a thread under the question (Slack slash
 * commands do not run in threads; mentions do), with the same grammar and core as `/breach`.
 * A question the core rejects is answered to the asker alone (`chat.postEphemeral` in the
 * thread), like the slash command's errors.
 */
import type { App } from '@slack/bolt';
import type { SlackMessage } from '../block-kit.js';
import { answerToBlocks, fallback, askedUsageToBlocks } from '../answer-blocks.js';
import { section } from '../block-kit.js';
import { handlerFor, mentionText, parseAsked } from '../dispatch.js';
import { type ListenerDeps, apology, conversationOf, settleLanguage } from '../listener-deps.js';
import { SLACK_TEXT } from '../slack-messages.js';
import { clipPlain, escapeMrkdwn } from '../mrkdwn.js';
import { chartNotAttached, wantsChart } from '../../charts/stats-attachment.js';
import { uploadStatsChart } from '../chart-upload.js';

export function registerAppMention(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ event, client, body }) => {
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user ?? '';
    const teamId = event.team ?? (body as { team_id?: string }).team_id ?? '';
    const text = mentionText(event.text ?? '');
    const asked = await settleLanguage(parseAsked(text.trim() === '' ? 'help' : text, deps.language), client, { teamId, channelId: channel, userId: user }, deps);
    const lang = asked.lang;
    const reply = (message: SlackMessage) =>
      client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: [...message.blocks], unfurl_links: false, unfurl_media: false });
    const privately = (message: SlackMessage) => client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text: message.text, blocks: [...message.blocks] });
    try {
      if (asked.kind === 'usage') {
        await privately(askedUsageToBlocks(asked, lang));
        return;
      }
      if (asked.kind === 'core') {
        const answer = deps.holder.core.execute(asked.request);
        if (answer.kind === 'error') await privately(answerToBlocks(answer, lang, { surface: 'channel' }));
        else await reply(answerToBlocks(answer, lang, { surface: 'channel' }));
        // The chart goes under the numbers, in the same thread.
        if (wantsChart(answer) && !(await uploadStatsChart(client, answer, lang, { channel, threadTs }, deps.log))) {
          const note = chartNotAttached(lang);
          await privately({ text: fallback(note), blocks: [section(escapeMrkdwn(note))] });
        }
        return;
      }
      const handler = handlerFor(asked.request, deps.handlers);
      if (!handler) {
        const notice = SLACK_TEXT.notAvailable(clipPlain(asked.request.command, 40), lang);
        await privately({ text: fallback(notice), blocks: [section(escapeMrkdwn(notice))] });
        return;
      }
      const conversation = await conversationOf(client, { teamId, channelId: channel, userId: user }, lang, deps);
      const answer = await handler.handle(asked.request, conversation);
      await reply(answerToBlocks(answer, lang, { surface: 'channel' }));
    } catch (err) {
      deps.log.error(`slack: mention in ${channel} failed (${asked.kind})`, err);
      await reply(apology(lang)).catch((e: unknown) => deps.log.error('slack: could not send the apology', e));
    }
  });
}
