/**
 * Discord's official payload schemas (the subset in /work/shared/specs), compiled with ajv,
 * plus the totals the schema does not enforce.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { APIEmbed } from 'discord.js';
import { EMBED, COMPONENTS, MESSAGE } from '../../src/discord/limits.js';

const SPEC = '/work/shared/specs/discord/discord-payload-subset.json';

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
for (const f of ['int32', 'int64', 'snowflake', 'nonce']) ajv.addFormat(f, true);
ajv.addSchema(JSON.parse(readFileSync(SPEC, 'utf8')));

export type SchemaName =
  | 'MessageCreateRequest'
  | 'CreateMessageInteractionCallbackRequest'
  | 'UpdateMessageInteractionCallbackRequest'
  | 'ApplicationCommandAutocompleteCallbackRequest'
  | 'IncomingWebhookInteractionRequest'
  | 'IncomingWebhookUpdateForInteractionCallbackRequestPartial'
  | 'ApplicationCommandCreateRequest';

/** The schema's errors for a payload (empty when valid). */
export function schemaErrors(name: SchemaName, payload: unknown): string[] {
  const validate = ajv.getSchema(`discord-v10-payload-subset#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(payload) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function embedChars(embeds: readonly APIEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

/** Every limit a message must respect, including those the schema leaves out; empty when within. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function limitProblems(message: { content?: string; embeds?: readonly APIEmbed[]; components?: readonly any[] }): string[] {
  const out: string[] = [];
  const embeds = message.embeds ?? [];
  if ((message.content?.length ?? 0) > MESSAGE.content) out.push(`content ${message.content!.length}`);
  if (embeds.length > EMBED.perMessage) out.push(`${embeds.length} embeds`);
  if (embedChars(embeds) > EMBED.total) out.push(`embeds total ${embedChars(embeds)}`);
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > EMBED.title) out.push(`title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > EMBED.description) out.push(`description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > EMBED.footer) out.push(`footer ${e.footer!.text.length}`);
    if ((e.fields?.length ?? 0) > EMBED.fields) out.push(`${e.fields!.length} fields`);
    for (const f of e.fields ?? []) {
      if (f.name.length > EMBED.fieldName || f.name.length === 0) out.push(`field name ${f.name.length}`);
      if (f.value.length > EMBED.fieldValue || f.value.length === 0) out.push(`field value ${f.value.length}`);
    }
  }
  const rows = message.components ?? [];
  if (rows.length > COMPONENTS.rows) out.push(`${rows.length} rows`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.components.length > COMPONENTS.buttonsPerRow) out.push(`${row.components.length} buttons in a row`);
    for (const b of row.components) {
      if ((b.label?.length ?? 0) > COMPONENTS.label) out.push(`label ${b.label.length}`);
      if (b.custom_id !== undefined) {
        if (b.custom_id.length < 1 || b.custom_id.length > COMPONENTS.customId) out.push(`custom_id ${b.custom_id.length}`);
        if (ids.has(b.custom_id)) out.push(`duplicate custom_id ${b.custom_id}`);
        ids.add(b.custom_id);
      }
    }
  }
  return out;
}
