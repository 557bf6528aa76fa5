/**
 * A digest's last failure as the store keeps it: one text column (`subscriptions.last_error`)
 * holding the typed `RunFailure` as JSON, so `/breach status` words it in the reader's language
 * instead of showing the English sentence the log got. The sentences earlier versions stored are
 * read back as the same facts where they have a known shape, else as `other` (shown as code).
 */
import * as z from 'zod';
import type { RunFailure } from '../core/feature-outcome.js';

const runFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filters-unreadable'), filters: z.string(), detail: z.string() }),
  z.object({ kind: z.literal('not-recordable'), detail: z.string() }),
  z.object({ kind: z.literal('refused'), detail: z.string(), tries: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('given-up'), detail: z.string() }),
  z.object({ kind: z.literal('other'), detail: z.string() }),
]);

/** The text stored for `failure`. */
export function storedRunFailure(failure: RunFailure): string {
  return JSON.stringify(failure);
}

/** The failure a stored text holds; undefined for none. */
export function readRunFailure(stored: string | undefined): RunFailure | undefined {
  if (stored === undefined || stored === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return fromEarlierText(stored);
  }
  const read = runFailureSchema.safeParse(parsed);
  return read.success ? read.data : fromEarlierText(stored);
}

/** The English sentences versions before this one stored, read back as facts where they have a known shape. */
function fromEarlierText(text: string): RunFailure {
  const refused = /^(.+) \((\d+) tr(?:y|ies)\)$/.exec(text);
  if (refused) return { kind: 'refused', detail: refused[1]!, tries: Number(refused[2]) };
  const filters = /^its filters “(.*)” can no longer be read \(([^:)]+)/.exec(text);
  if (filters) return { kind: 'filters-unreadable', filters: filters[1]!, detail: filters[2]! };
  const unrecordable = /^the state database cannot record it \((.*)\); nothing posted$/.exec(text);
  if (unrecordable) return { kind: 'not-recordable', detail: unrecordable[1]! };
  // A platform's own token ("channel_not_found", "HTTP 403") was stored as it was for a digest given up.
  if (/^[\w.: -]{1,60}$/.test(text) && !/\s[a-z]+\s[a-z]+\s/.test(text)) return { kind: 'given-up', detail: text };
  return { kind: 'other', detail: text };
}
