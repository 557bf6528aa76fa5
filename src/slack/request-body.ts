/**
 * A verified Slack request body, read defensively: Bolt assumes an object and crashes the
 * process on anything else (a signed JSON `null`), so every shape Bolt relies on is checked here
 * first, and anything else is a clear "malformed" the receiver answers with 400.
 *
 * Each request Bolt should see gets a once-key: what makes it the same request when it comes
 * again. Events: their `event_id` (Slack's retries keep it, with a new signature). Button clicks:
 * the click itself (trigger, action time, user, button value). Slash commands: their trigger.
 * Anything else: its signature (an exact replay).
 */
import * as z from 'zod';
import { parseCommandText } from '../../commands/index.js';
import { askedKind, type AnswerVia, type AskedKind } from '../http/metrics.js';
import { requestKey } from '../http/seen-requests.js';
import { decodeState } from './button-state.js';
import { mentionText, slackTextToPlain } from './dispatch.js';

export type SlackBody =
  | { readonly kind: 'ssl-check' }
  | { readonly kind: 'url-verification'; readonly challenge: string }
  | { readonly kind: 'dispatch'; readonly body: Record<string, unknown>; readonly onceKey: string; readonly label: string; readonly via: AnswerVia; readonly asked: AskedKind }
  | { readonly kind: 'malformed'; readonly reason: string };

const nonEmpty = z.string().min(1);

const EventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: nonEmpty,
  team_id: z.string().optional(),
  event: z.looseObject({ type: nonEmpty }),
});

const UrlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().max(1000) });

const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: nonEmpty }),
  trigger_id: z.string().optional(),
  team: z.looseObject({ id: z.string() }).nullable().optional(),
  actions: z.array(z.looseObject({ action_id: nonEmpty, action_ts: z.string().optional(), value: z.string().optional() })).min(1),
});

const Interactive = z.looseObject({ type: nonEmpty });

const SlashCommand = z.looseObject({
  command: z.string().regex(/^\/\S+$/),
  team_id: nonEmpty,
  user_id: nonEmpty,
  channel_id: nonEmpty,
  trigger_id: z.string().optional(),
  text: z.string().optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

/** Reads a body whose signature was already verified. `signature` is the fallback once-key. */
export function readSlackBody(rawBody: string, contentType: string | undefined, signature: string): SlackBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(rawBody);
    if (form.get('ssl_check') === '1') return { kind: 'ssl-check' };
    const payload = form.get('payload');
    if (payload !== null) {
      const parsed = parseJson(payload);
      if (!isPlainObject(parsed)) return { kind: 'malformed', reason: 'the payload field is not a JSON object' };
      const interactive = Interactive.safeParse(parsed);
      if (!interactive.success) return { kind: 'malformed', reason: `payload ${firstIssue(interactive.error)}` };
      if (parsed.type === 'block_actions') {
        const click = BlockActions.safeParse(parsed);
        if (!click.success) return { kind: 'malformed', reason: `block_actions ${firstIssue(click.error)}` };
        const { user, trigger_id, team, actions } = click.data;
        const keyParts = actions.map((a) => `${a.action_id}\u0001${a.action_ts ?? ''}\u0001${a.value ?? ''}`);
        return { kind: 'dispatch', body: parsed, ...slackAnswerLabels(parsed), label: `block_actions ${actions[0]!.action_id}`, onceKey: requestKey('action', team?.id ?? '', user.id, trigger_id ?? '', ...keyParts) };
      }
      return { kind: 'dispatch', body: parsed, ...slackAnswerLabels(parsed), label: String(parsed.type), onceKey: requestKey('signed', signature) };
    }
    const fields = Object.fromEntries(form);
    const command = SlashCommand.safeParse(fields);
    if (!command.success) return { kind: 'malformed', reason: `form ${firstIssue(command.error)}` };
    const { team_id, trigger_id, command: name } = command.data;
    return { kind: 'dispatch', body: fields, ...slackAnswerLabels(fields), label: `command ${name}`, onceKey: trigger_id ? requestKey('command', team_id, trigger_id) : requestKey('signed', signature) };
  }
  if (type === 'application/json') {
    const parsed = parseJson(rawBody);
    if (!isPlainObject(parsed)) return { kind: 'malformed', reason: 'the body is not a JSON object' };
    if (typeof parsed.type !== 'string') return { kind: 'malformed', reason: 'the body has no type' };
    if (parsed.type === 'url_verification') {
      const check = UrlVerification.safeParse(parsed);
      return check.success ? { kind: 'url-verification', challenge: check.data.challenge } : { kind: 'malformed', reason: `url_verification ${firstIssue(check.error)}` };
    }
    if (parsed.type === 'event_callback') {
      const event = EventCallback.safeParse(parsed);
      if (!event.success) return { kind: 'malformed', reason: `event_callback ${firstIssue(event.error)}` };
      return { kind: 'dispatch', body: parsed, ...slackAnswerLabels(parsed), label: `event ${event.data.event.type}`, onceKey: requestKey('event', event.data.event_id) };
    }
    return { kind: 'dispatch', body: parsed, ...slackAnswerLabels(parsed), label: parsed.type, onceKey: requestKey('signed', signature) };
  }
  return { kind: 'malformed', reason: `unsupported content type ${JSON.stringify(type.slice(0, 60))}` };
}

/**
 * The `/metrics` labels of a Slack request, whichever way it came (HTTP or Socket Mode): how it
 * came (`via`) and what the user asked for (`asked`: the command parsed from the text typed, the
 * request a button carries). Bounded by the command registry, whatever users type.
 */
export function slackAnswerLabels(body: Record<string, unknown>): { readonly via: AnswerVia; readonly asked: AskedKind } {
  if (typeof body.command === 'string') return { via: 'command', asked: askedKind(parseCommandText(slackTextToPlain(typeof body.text === 'string' ? body.text : ''))) };
  if (body.type === 'block_actions') {
    const actions = Array.isArray(body.actions) ? (body.actions as { value?: unknown }[]) : [];
    const value = actions[0]?.value;
    return { via: 'button', asked: askedKind(decodeState(typeof value === 'string' ? value : undefined)?.r) };
  }
  const event = body.type === 'event_callback' && isPlainObject(body.event) ? body.event : undefined;
  if (event?.type === 'app_mention') return { via: 'mention', asked: askedKind(parseCommandText(slackTextToPlain(mentionText(typeof event.text === 'string' ? event.text : '')))) };
  return { via: 'other', asked: 'other' };
}
