/**
 * What a button carries in its `value`: the core request to run when it is clicked, the answer's
 * language and, for a details view, the page to go back to. Keeping the whole state in the value
 * means paging and details keep working after a restart or on another instance: there is no
 * server-side session. Values come back from Slack in signed requests, but they are parsed
 * with zod all the same, and a value that does not parse is ignored.
 */
import * as z from 'zod';
import type { CoreRequest } from '../core/answer.js';
import { MAX_PAGE_SIZE } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { SLACK_LIMITS } from './block-kit.js';

const page = z.number().int().min(1).max(1_000_000).optional();
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE).optional();

const CoreRequestSchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('search'), query: z.string().min(1).max(1000), page, pageSize }),
  z.strictObject({ command: z.literal('latest'), page, pageSize }),
  z.strictObject({ command: z.literal('stats'), query: z.string().min(1).max(1000).optional() }),
  z.strictObject({ command: z.literal('show'), id: z.string().min(1).max(100) }),
  z.strictObject({ command: z.literal('help'), topic: z.string().max(100).optional() }),
]);

const ButtonStateSchema = z.strictObject({
  r: CoreRequestSchema,
  l: z.enum(['en', 'fr']),
  b: CoreRequestSchema.optional(),
  t: z.number().int().min(0).max(1_000_000_000).optional(),
});

export interface ButtonState {
  /** The request the button runs. */
  readonly r: CoreRequest;
  readonly l: Lang;
  /** The request a "Back" button on the answer returns to. */
  readonly b?: CoreRequest;
  /** Paging: how many results the list had when the button was made (a different count now means the catalog changed). */
  readonly t?: number;
}

/** Strips keys whose value is undefined (zod's strict objects and JSON both prefer them absent). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The button value for a state, or undefined when it cannot fit Slack's 2,000 characters
 * (then the button is left out: a missing button beats an API error). A back request that does
 * not fit is dropped first.
 */
export function encodeState(state: ButtonState): string | undefined {
  const full = JSON.stringify(compact({ r: compact(state.r), l: state.l, b: state.b ? compact(state.b) : undefined, t: state.t }));
  if (full.length <= SLACK_LIMITS.buttonValue) return full;
  const bare = JSON.stringify(compact({ r: compact(state.r), l: state.l, t: state.t }));
  return bare.length <= SLACK_LIMITS.buttonValue ? bare : undefined;
}

export function decodeState(value: string | undefined): ButtonState | undefined {
  if (!value || value.length > SLACK_LIMITS.buttonValue) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = ButtonStateSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { r, l, b, t } = parsed.data;
  return compact({ r: compact(r) as CoreRequest, l, b: b ? (compact(b) as CoreRequest) : undefined, t });
}
