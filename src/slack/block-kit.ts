/**
 * The Block Kit subset breachbot sends, as plain data types, and Slack's limits for it. The
 * renderers build these; nothing here imports Bolt, so the renderers stay pure and testable by
 * equality.
 */
import { clipPlain, plainSafe } from './mrkdwn.js';

export interface MrkdwnText {
  readonly type: 'mrkdwn';
  readonly text: string;
  /** Always true: no auto-linking of bare URLs, `#channel` names or `@here` in our text. */
  readonly verbatim: true;
}

export interface PlainText {
  readonly type: 'plain_text';
  readonly text: string;
  readonly emoji?: boolean;
}

export interface ButtonElement {
  readonly type: 'button';
  readonly text: PlainText;
  readonly action_id: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
}

export interface SectionBlock {
  readonly type: 'section';
  readonly text: MrkdwnText;
  readonly accessory?: ButtonElement;
}

export interface ContextBlock {
  readonly type: 'context';
  readonly elements: readonly MrkdwnText[];
}

export interface ActionsBlock {
  readonly type: 'actions';
  readonly elements: readonly ButtonElement[];
}

export interface DividerBlock {
  readonly type: 'divider';
}

export type Block = SectionBlock | ContextBlock | ActionsBlock | DividerBlock;

/** One message: the blocks and the notification / accessibility fallback `text`. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly Block[];
}

/**
 * Slack's limits for messages (docs.slack.dev, Block Kit reference), and our budgets under them.
 * `messageBytes`: Slack refuses a message with `msg_blocks_too_long` near 13,200 characters of
 * blocks even when every block is within its own limit (bolt-js#2509, #2867; how Slack counts is
 * undocumented), so we keep the serialized blocks under 11,000 UTF-8 bytes.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Slack truncates `text` past 40,000; a notification shows far less, so we keep it short. */
  fallbackText: 3000,
  messageBytes: 11_000,
} as const;

export function mrkdwn(text: string): MrkdwnText {
  return { type: 'mrkdwn', text: text === '' ? ' ' : text, verbatim: true };
}

/** A plain_text object from a dynamic or fixed string, made safe and clipped to `max`. */
export function plain(text: string, max: number = SLACK_LIMITS.buttonText): PlainText {
  const clean = clipPlain(plainSafe(text.replace(/[^\S\u202f\u00a0]+/g, ' ').trim()), max);
  return { type: 'plain_text', text: clean === '' ? '…' : clean, emoji: true };
}

export function section(text: string, accessory?: ButtonElement): SectionBlock {
  return accessory ? { type: 'section', text: mrkdwn(text), accessory } : { type: 'section', text: mrkdwn(text) };
}

export function context(...texts: readonly string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, SLACK_LIMITS.contextElements).map(mrkdwn) };
}

export function actions(elements: readonly ButtonElement[]): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, SLACK_LIMITS.actionsElements) };
}

export const divider: DividerBlock = { type: 'divider' };

export function button(label: string, actionId: string, value: string, style?: 'primary'): ButtonElement {
  return style ? { type: 'button', text: plain(label), action_id: actionId, value, style } : { type: 'button', text: plain(label), action_id: actionId, value };
}

/** UTF-8 size of the serialized blocks: what we budget against `SLACK_LIMITS.messageBytes`. */
export function blocksBytes(blocks: readonly Block[]): number {
  return Buffer.byteLength(JSON.stringify(blocks), 'utf8');
}
