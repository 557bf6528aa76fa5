/**
 * Checks a Slack message the way Slack would: the Block Kit schema in /work/shared/specs (ajv,
 * 2020-12), the limits the schema does not cover, and the markup no dynamic text may produce.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { SlackMessage } from '../../src/slack/block-kit.js';

const SPEC = '/work/shared/specs/slack/blockkit-message-subset.schema.json';

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validateBlocks = ajv.compile(JSON.parse(readFileSync(SPEC, 'utf8')));

/** Slack refuses messages whose blocks total about this many characters (msg_blocks_too_long). */
const SLACK_TOTAL_CHARS = 13_200;

/** Every problem Slack would have with the message; empty when it would be accepted. */
export function blockKitProblems(message: SlackMessage | { text: string; blocks: readonly unknown[] }): string[] {
  const problems: string[] = [];
  if (!validateBlocks(message.blocks)) problems.push(...(validateBlocks.errors ?? []).map((e) => `schema ${e.instancePath} ${e.message}`));
  const json = JSON.stringify(message.blocks);
  if (json.length >= SLACK_TOTAL_CHARS) problems.push(`blocks total ${json.length} characters`);
  if (Buffer.byteLength(json) > 11_000) problems.push(`blocks total ${Buffer.byteLength(json)} bytes, over the 11,000 budget`);
  if (message.text.length === 0 || message.text.length > 40_000) problems.push(`text length ${message.text.length}`);
  const ids = actionIds(message.blocks);
  if (new Set(ids).size !== ids.length) problems.push(`duplicate action_id in ${ids.join(', ')}`);
  return problems;
}

export function actionIds(blocks: readonly unknown[]): string[] {
  const ids: string[] = [];
  walk(blocks, (key, value) => {
    if (key === 'action_id' && typeof value === 'string') ids.push(value);
  });
  return ids;
}

export function buttons(blocks: readonly unknown[]): { action_id: string; value: string; text: { text: string } }[] {
  const out: { action_id: string; value: string; text: { text: string } }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'button') out.push(o as never);
      Object.values(o).forEach(visit);
    }
  };
  visit(blocks);
  return out;
}

function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

/** Every string Slack displays: text objects' `text` and the fallback `text`. */
export function displayedTexts(message: { text: string; blocks: readonly unknown[] }): string[] {
  const out = [message.text];
  walk(message.blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') out.push(value);
  });
  return out;
}

/**
 * Markup a dynamic string must never produce: broadcasts, user and group mentions, or any `<`
 * that is not one of our own `<http(s)://...|label>` links.
 */
export function unsafeMarkup(message: { text: string; blocks: readonly unknown[] }): string[] {
  const found: string[] = [];
  for (const text of displayedTexts(message)) {
    if (/<!(channel|here|everyone|subteam)/i.test(text)) found.push(`broadcast in ${text.slice(0, 80)}`);
    if (/<[@#]/.test(text)) found.push(`mention in ${text.slice(0, 80)}`);
    // Defused broadcast words carry a word joiner after the @, which this does not match.
    if (/@(here|channel|everyone)\b/i.test(text)) found.push(`bare broadcast word in ${text.slice(0, 80)}`);
    const stripped = text.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, '');
    if (/[<>]/.test(stripped)) found.push(`raw angle bracket in ${stripped.slice(0, 80)}`);
  }
  return found;
}
