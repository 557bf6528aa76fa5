/**
 * An answer as the messages it takes to post it whole in a channel. A digest or an alert (a
 * `message` answer) can list more incidents than one Slack message holds (50 blocks, about
 * 13,000 characters): it is split into as many messages as needed, each labelled
 * "(continued, 2/3)", numbering running on. Any other answer fits in one message. Each part
 * knows which incidents it shows, so a poster can tell which reached the channel.
 */
import type { Answer, MessageAnswer } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { MAX_ITEMS, answerToBlocks, fallback, featurePlainText, incidentSections, largestFitting, messageHead, withDividers } from './answer-blocks.js';
import { phraseMrkdwn } from './reference-blocks.js';
import { featureWords } from '../render/feature-words.js';
import { type Block, type SlackMessage, context } from './block-kit.js';
import { SLACK_SPELLING, SLACK_TEXT } from './slack-messages.js';

/** One message of a split answer and the ids of the incidents it shows, in order. */
export interface SlackPart {
  readonly message: SlackMessage;
  readonly incidentIds: readonly string[];
}

export function answerToMessages(answer: Answer, lang: Lang): SlackMessage[] {
  return answerToParts(answer, lang).map((p) => p.message);
}

export function answerToParts(answer: Answer, lang: Lang): SlackPart[] {
  if (answer.kind !== 'message' || answer.incidents.length === 0) return [{ message: answerToBlocks(answer, lang, { surface: 'channel' }), incidentIds: [] }];
  return splitMessage(answer, lang);
}

function splitMessage(answer: MessageAnswer, lang: Lang): SlackPart[] {
  const incidents = answer.incidents;
  const words = featureWords(answer, lang, SLACK_SPELLING);
  const tail: Block[] = words.footer ? [context(phraseMrkdwn(words.footer, 1000))] : [];
  // Each incident is rendered once; the packing below only tries counts.
  const sections = incidentSections(incidents.map((incident) => ({ incident, reasons: [] })), lang, 0);
  const build = (from: number, shown: number, part: string | undefined, last: boolean): Block[] => [
    ...messageHead(answer, lang, part),
    ...withDividers(sections.slice(from, from + shown)),
    ...(last ? tail : []),
  ];
  // First pass: how many incidents each message holds, sized with the longest label it could carry.
  const widest = SLACK_TEXT.continued(9999, 9999, lang);
  const sizes: number[] = [];
  for (let from = 0; from < incidents.length; ) {
    const remaining = incidents.length - from;
    const candidates = Math.min(remaining, MAX_ITEMS);
    const shown = Math.max(1, largestFitting(candidates, (k) => build(from, k, widest, k === remaining)));
    sizes.push(shown);
    from += shown;
  }
  // Second pass: the messages, labelled now that their number is known.
  const out: SlackPart[] = [];
  let from = 0;
  sizes.forEach((shown, i) => {
    const part = sizes.length > 1 ? SLACK_TEXT.continued(i + 1, sizes.length, lang) : undefined;
    const head = featurePlainText(words);
    const text = fallback(part ? `${head} ${part}` : head);
    out.push({ message: { text, blocks: build(from, shown, part, i === sizes.length - 1) }, incidentIds: incidents.slice(from, from + shown).map((incident) => incident.id) });
    from += shown;
  });
  return out;
}
