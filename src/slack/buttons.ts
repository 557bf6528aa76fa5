/**
 * The buttons breachbot puts on its messages. Every button runs a core request carried in its
 * value (see button-state.ts); `breach_post` also shares the answer in the channel. Action ids
 * must be unique within a message, hence the suffixes.
 */
import type { CoreRequest } from '../core/answer.js';
import type { Lang } from '../core/lang.js';
import { LABELS } from '../render/messages.js';
import { type ButtonElement, button } from './block-kit.js';
import { encodeState } from './button-state.js';
import { SLACK_TEXT } from './slack-messages.js';

/** Runs the request in the value and shows the answer (replacing an ephemeral message). */
export const RUN_ACTION = 'breach_run';
/** Posts the answer of the request in the value to the channel, for everyone. */
export const POST_ACTION = 'breach_post';
/** Matches every run button, whatever its suffix. */
export const RUN_ACTION_PATTERN = /^breach_run(?::[a-z0-9:_-]+)?$/;

function runButton(label: string, suffix: string, request: CoreRequest, lang: Lang, back?: CoreRequest, style?: 'primary', total?: number): ButtonElement | undefined {
  const value = encodeState({ r: request, l: lang, ...(back ? { b: back } : {}), ...(total !== undefined ? { t: total } : {}) });
  return value === undefined ? undefined : button(label, `${RUN_ACTION}:${suffix}`, value, style);
}

/** Next / Previous; `total` is the list's count now, so a click can tell when the catalog changed. */
export function pageButton(direction: 'prev' | 'next', request: CoreRequest, lang: Lang, total?: number): ButtonElement | undefined {
  return runButton(direction === 'next' ? LABELS[lang].next : LABELS[lang].previous, direction, request, lang, undefined, direction === 'next' ? 'primary' : undefined, total);
}

/** "Details" beside an incident; `back` is the list it was picked from. */
export function detailsButton(id: string, slot: number, lang: Lang, back?: CoreRequest): ButtonElement | undefined {
  return runButton(LABELS[lang].details, `show:${slot}`, { command: 'show', id }, lang, back);
}

export function backButton(request: CoreRequest, lang: Lang): ButtonElement | undefined {
  return runButton(SLACK_TEXT.back(lang), 'back', request, lang);
}

export function moreButton(request: CoreRequest, lang: Lang, total?: number): ButtonElement | undefined {
  return runButton(SLACK_TEXT.moreButton(lang), 'more', request, lang, undefined, undefined, total);
}

/** A suggestion (a name, an incident id) that runs `request` when clicked. */
export function suggestionButton(label: string, slot: number, request: CoreRequest, lang: Lang): ButtonElement | undefined {
  return runButton(label, `suggest:${slot}`, request, lang);
}

export function postButton(request: CoreRequest, lang: Lang): ButtonElement | undefined {
  const value = encodeState({ r: request, l: lang });
  return value === undefined ? undefined : button(LABELS[lang].postToChannel, POST_ACTION, value);
}

/** Drops the buttons that could not be built (their state did not fit a value). */
export function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined);
}
