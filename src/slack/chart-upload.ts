/**
 * Attaches the `/breach stats` chart in Slack: `filesUploadV2` asks files.getUploadURLExternal
 * for an upload URL (with the file's size and alt text), sends the PNG there, then
 * files.completeUploadExternal shares it in the channel (or the mention's thread). Needs the
 * `files:write` scope. Slack has no way to attach a file to an ephemeral reply, so the chart is
 * shared where the question was asked; the text answer went out first, so a refused upload
 * (bot not in the channel, scope missing, Slack down) leaves the numbers and a short note.
 */
import type { App } from '@slack/bolt';
import type { StatsAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import type { Logger } from '../ports/index.js';
import { statsHeading } from '../render/messages.js';
import { UPLOAD_LIMITS, statsAttachment } from '../charts/stats-attachment.js';
import { platformError } from './listener-deps.js';

type Client = App['client'];

/** Uploads the chart of `answer` to `where`; false (logged) when it could not. */
export async function uploadStatsChart(client: Client, answer: StatsAnswer, lang: Lang, where: { readonly channel: string; readonly threadTs?: string }, log: Logger): Promise<boolean> {
  try {
    const chart = statsAttachment(answer, lang, UPLOAD_LIMITS.slack);
    const title = `${statsHeading(answer.stats.total, lang)}${answer.query ? ` — ${answer.query}` : ''}`;
    const file = { file: chart.png, filename: chart.filename, title, alt_text: chart.alt };
    await client.filesUploadV2(where.threadTs ? { ...file, channel_id: where.channel, thread_ts: where.threadTs } : { ...file, channel_id: where.channel });
    return true;
  } catch (err) {
    log.warn(`slack: the stats chart was not attached in ${where.channel} (${platformError(err) ?? (err as Error).message})`);
    return false;
  }
}
