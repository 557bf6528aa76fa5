/**
 * Renders the core's `Answer` as a Slack message: Block Kit blocks plus the fallback `text`
 * (notifications, screen readers). Pure: answer in, payload out; tested by equality and by
 * Slack's limits. Lists are fitted to the limits (blocks per message, size in total) by
 * showing fewer incidents with a "more" affordance, never by letting the API refuse.
 */
import type { Answer, CoreRequest, Match, MessageAnswer, ResultsAnswer } from '../core/answer.js';
import type { Incident } from '../core/incident-schema.js';
import { incidentTitle } from '../render/format.js';
import type { Lang } from '../core/lang.js';
import { errorMessage, helpIntro, noResultsMessage, notFoundMessage, statsHeading, suggestionsLead } from '../render/messages.js';
import { type Block, type ButtonElement, type SlackMessage, SLACK_LIMITS, actions, blocksBytes, context, divider, section } from './block-kit.js';
import { backButton, detailsButton, moreButton, pageButton, postButton, present, suggestionButton } from './buttons.js';
import { incidentDetailBlocks, incidentSummaryMrkdwn } from './incident-blocks.js';
import { clipPlain, escapeMrkdwn, joinLines, oneLine, safe } from './mrkdwn.js';
import { SLACK_SPELLING, SLACK_TEXT } from './slack-messages.js';
import { type FeatureWords, featureWords, searchHeading } from '../render/feature-words.js';
import { usageProblemWords } from '../render/usage-words.js';
import type { UsageProblem } from '../core/feature-outcome.js';
import { phraseText } from '../render/phrase.js';
import { colon } from '../render/typography.js';
import type { Localized } from '../../commands/command-definition.js';
import { type UsageDetail, helpBlocks, phraseMrkdwn, statsBlocks, usageBlocks } from './reference-blocks.js';

export interface RenderOptions {
  /**
   * `ephemeral` (the default): the asker's private answer, with a "Post to channel" button.
   * `channel`: a message everyone sees (a mention's reply, a shared answer, a digest).
   */
  readonly surface?: 'ephemeral' | 'channel';
  /** The Slack user who shared it to the channel, credited under the answer. */
  readonly sharedBy?: string;
  /** For a detail view: the list it was opened from, for a "Back" button. */
  readonly back?: CoreRequest;
  /** A line shown above the answer (e.g. "the catalog changed since this answer"); plain text, escaped here. */
  readonly notice?: string;
}

/** The request that reproduces an answer (what "Post to channel" re-runs), when there is one. */
export function requestOf(answer: Answer): CoreRequest | undefined {
  switch (answer.kind) {
    case 'results':
      return { ...answer.request, page: answer.page.number };
    case 'no-results':
      return answer.request;
    case 'incident':
      return { command: 'show', id: answer.incident.id };
    case 'stats':
      return answer.query ? { command: 'stats', query: answer.query } : { command: 'stats' };
    case 'help':
      return answer.topic === undefined ? { command: 'help' } : { command: 'help', topic: answer.topic };
    default:
      return undefined;
  }
}

/** No message can show more incidents than this: each takes a section and a divider of the 50 blocks. */
export const MAX_ITEMS = Math.floor(SLACK_LIMITS.blocks / 2);

const TONE_ICON: Record<MessageAnswer['tone'], string> = { info: '', success: ':white_check_mark: ', error: ':warning: ' };

/** The answer as one message (a long list is cut to fit, with a "more" affordance). */
export function answerToBlocks(answer: Answer, lang: Lang, options: RenderOptions = {}): SlackMessage {
  if (options.notice === undefined || answer.kind === 'results') return renderAnswer(answer, lang, options);
  // Lists fit the notice in their head; anything else gets it on top (and stays within the limits).
  const { notice, ...rest } = options;
  const message = renderAnswer(answer, lang, rest);
  return { text: message.text, blocks: fitBlocks([noticeBlock(notice), ...message.blocks]) };
}

function noticeBlock(notice: string): Block {
  return context(`:information_source: ${safe(notice, 500)}`);
}

function renderAnswer(answer: Answer, lang: Lang, options: RenderOptions): SlackMessage {
  const surface = options.surface ?? 'ephemeral';
  const post = surface === 'ephemeral' ? requestOf(answer) : undefined;
  const footer: Block[] = options.sharedBy && /^[UW][A-Z0-9]{2,}$/.test(options.sharedBy) ? [context(SLACK_TEXT.sharedBy(options.sharedBy, lang))] : [];
  const postButtons = post ? present([postButton(post, lang)]) : [];
  const withButtons = (blocks: Block[], buttons: readonly (ButtonElement | undefined)[]): Block[] => {
    const list = present(buttons);
    return list.length ? [...blocks, actions(list), ...footer] : [...blocks, ...footer];
  };

  switch (answer.kind) {
    case 'results':
      return resultsMessage(answer, lang, postButtons, footer, options.notice);
    case 'message':
    {
      const words = featureWords(answer, lang, SLACK_SPELLING);
      return listMessage(messageHead(answer, lang), answer.incidents, lang, fallback(featurePlainText(words)), words.footer ? [context(phraseMrkdwn(words.footer, 1000))] : [], footer);
    }
    case 'incident': {
      const buttons = [options.back ? backButton(options.back, lang) : undefined, ...postButtons];
      return { text: fallback(incidentTitle(answer.incident, lang)), blocks: fitBlocks(withButtons(incidentDetailBlocks(answer, lang), buttons)) };
    }
    case 'no-results': {
      const lead = `${safe(noResultsMessage(answer, lang), 1000)}\n${suggestionsLead(lang)}`;
      const names = answer.suggestions.slice(0, 5);
      const buttons = names.map((name, i) => suggestionButton(name, i, { command: 'search', query: name }, lang));
      return { text: fallback(noResultsMessage(answer, lang)), blocks: withButtons([section(lead)], [...buttons, ...postButtons]) };
    }
    case 'not-found': {
      const message = notFoundMessage(answer.id, lang);
      const suggestions = answer.suggestions.slice(0, 5);
      const lines = suggestions.length ? [suggestionsLead(lang), ...suggestions.map((s) => `• ${safe(s.title, 300)}  \`${s.id}\``)] : [];
      const buttons = suggestions.map((s, i) => suggestionButton(s.id, i, { command: 'show', id: s.id }, lang));
      return { text: fallback(message), blocks: withButtons([section(joinLines([safe(message, 500), ...lines], SLACK_LIMITS.sectionText))], buttons) };
    }
    case 'stats':
      return { text: fallback(statsHeading(answer.stats.total, lang)), blocks: withButtons(statsBlocks(answer.stats, lang), postButtons) };
    case 'help':
      return { text: fallback(helpIntro(lang)), blocks: withButtons(helpBlocks(lang), []) };
    case 'error': {
      const message = errorMessage(answer, lang);
      return { text: fallback(message), blocks: [section(`:warning: ${safe(message, 1500)}`), ...footer] };
    }
  }
}

/**
 * A command typed wrong (`/breach show` without an id, `/breach watch add` without a name): what
 * the command's parser said was wrong, its usage, then the help (or, for a feature command, its
 * examples).
 */
export function usageToBlocks(usage: Localized, lang: Lang, extra: UsageDetail = {}): SlackMessage {
  const line = `${SLACK_TEXT.usage(lang)}${colon(lang)}${usage[lang]}`;
  const detail = extra.problem ? phraseText(usageProblemWords(extra.problem, lang), (c) => c) : undefined;
  return { text: fallback(detail ? `${detail} — ${line}` : line), blocks: usageBlocks(usage[lang], lang, extra) };
}

/** The usage message for what `parseAsked` found typed wrong. */
export function askedUsageToBlocks(asked: { readonly usage: Localized; readonly problem?: UsageProblem; readonly examples: readonly string[]; readonly core: boolean }, lang: Lang): SlackMessage {
  return usageToBlocks(asked.usage, lang, { ...(asked.problem ? { problem: asked.problem } : {}), examples: asked.examples, withHelp: asked.core });
}

/** The notification text: escaped like the blocks (Slack parses it as mrkdwn), one line, short. */
export function fallback(text: string): string {
  return escapeMrkdwn(clipPlain(oneLine(text), 500)).slice(0, SLACK_LIMITS.fallbackText) || ' ';
}

/** A feature's words as one line of plain text (notifications), commands as typed. */
export function featurePlainText(words: FeatureWords): string {
  return words.lines.map((l) => phraseText(l, (c) => c)).join(' ');
}

/** The head of a feature's message; `part` labels the continuation messages of a long one. */
export function messageHead(answer: MessageAnswer, lang: Lang, part?: string): Block[] {
  const label = part ? ` _${part}_` : '';
  // The feature's line breaks are its layout (a status has one setting per line, a list one
  // name per line): kept; each line is escaped and flattened like any other dynamic text.
  const lines = featureWords(answer, lang, SLACK_SPELLING).lines.map((line) => phraseMrkdwn(line, SLACK_LIMITS.sectionText)).filter((line) => line !== '');
  return [section(`${TONE_ICON[answer.tone]}${joinLines(lines, SLACK_LIMITS.sectionText - 60)}${label}`)];
}

function resultsMessage(answer: ResultsAnswer, lang: Lang, postButtons: readonly ButtonElement[], footer: readonly Block[], notice?: string): SlackMessage {
  const page = answer.page;
  const request: CoreRequest = { ...answer.request, page: page.number };
  const head = [...(notice ? [noticeBlock(notice)] : []), section(`*${safe(searchHeading(answer, lang), 600)}*`)];
  const nav = present([
    page.number > 1 ? pageButton('prev', { ...answer.request, page: page.number - 1 }, lang, answer.total) : undefined,
    page.number < page.count ? pageButton('next', { ...answer.request, page: page.number + 1 }, lang, answer.total) : undefined,
  ]);
  // Rendered once: the fitting below tries several counts.
  const sections = incidentSections(answer.matches.slice(0, MAX_ITEMS), lang, (page.number - 1) * page.size, request);
  const build = (shown: number): Block[] => {
    const blocks: Block[] = [...head, ...withDividers(sections.slice(0, shown))];
    const more: ButtonElement[] = [];
    if (shown < answer.matches.length) {
      blocks.push(context(SLACK_TEXT.notShown(answer.matches.length - shown, lang)));
      // The rest: a page that starts exactly at the first incident cut. Its size must divide
      // that position (page numbers are the only offsets a request has): at most `shown`.
      const start = (page.number - 1) * page.size + shown;
      let size = Math.max(1, shown);
      while (start % size !== 0) size--;
      const button = moreButton({ ...answer.request, page: start / size + 1, pageSize: size }, lang, answer.total);
      if (button) more.push(button);
    }
    const buttons = [...nav, ...more, ...postButtons];
    return [...blocks, ...(buttons.length ? [actions(buttons)] : []), ...footer];
  };
  const text = fallback([searchHeading(answer, lang), ...answer.matches.slice(0, 5).map((m) => incidentTitle(m.incident, lang))].join(' — '));
  return { text, blocks: build(largestFitting(answer.matches.length, build)) };
}

/** A list of incidents under a head (digests, alerts): fitted to one message. */
function listMessage(head: Block[], incidents: readonly Incident[], lang: Lang, text: string, tail: readonly Block[], footer: readonly Block[]): SlackMessage {
  const sections = incidentSections(incidents.slice(0, MAX_ITEMS).map((incident) => ({ incident, reasons: [] })), lang, 0);
  const build = (shown: number): Block[] => {
    const blocks: Block[] = [...head, ...withDividers(sections.slice(0, shown))];
    if (shown < incidents.length) blocks.push(context(SLACK_TEXT.notShown(incidents.length - shown, lang)));
    return [...blocks, ...tail, ...footer];
  };
  return { text, blocks: build(largestFitting(incidents.length, build)) };
}

/** One section per incident (with its Details button), numbered from `offset + 1`. */
export function incidentSections(matches: readonly Pick<Match, 'incident' | 'reasons'>[], lang: Lang, offset: number, back?: CoreRequest): Block[] {
  return matches.map((m, i) => section(incidentSummaryMrkdwn(m, offset + i + 1, lang), detailsButton(m.incident.id, i, lang, back)));
}

/** Sections with a divider between each two. */
export function withDividers(sections: readonly Block[]): Block[] {
  return sections.flatMap((s, i) => (i > 0 ? [divider, s] : [s]));
}

export function fits(blocks: readonly Block[]): boolean {
  return blocks.length <= SLACK_LIMITS.blocks && blocksBytes(blocks) <= SLACK_LIMITS.messageBytes;
}

/**
 * The most items `build(k)` can show within the limits: a first guess from the average size of
 * an item, then one step at a time (usually none).
 */
export function largestFitting(count: number, build: (shown: number) => Block[]): number {
  const cap = Math.min(count, MAX_ITEMS);
  const all = build(cap);
  if (fits(all) || cap === 0) return cap;
  const empty = build(0);
  const perItem = Math.max(1, (blocksBytes(all) - blocksBytes(empty)) / cap);
  let k = Math.min(cap - 1, Math.floor((SLACK_LIMITS.messageBytes - blocksBytes(empty)) / perItem), Math.floor((SLACK_LIMITS.blocks - empty.length) / 2));
  k = Math.max(0, k);
  while (k < cap - 1 && fits(build(k + 1))) k++;
  while (k > 0 && !fits(build(k))) k--;
  return k;
}

/** Drops blocks from the end of a fixed layout (detail views) if it ever outgrows a message. */
function fitBlocks(blocks: Block[]): Block[] {
  const out = [...blocks];
  while (out.length > 1 && !fits(out)) {
    const last = out[out.length - 1]!;
    // Keep the buttons: drop the block before them instead.
    out.splice(last.type === 'actions' ? out.length - 2 : out.length - 1, 1);
  }
  return out;
}
