/**
 * `/breach updates` answers as typed outcomes (worded by src/render/feature-words.ts): what the
 * channel gets now, that it changed, or that only admins may change it.
 */
import type { MessageAnswer } from '../core/answer.js';

export type UpdatesOutcome =
  | { readonly kind: 'shown'; readonly on: boolean }
  | { readonly kind: 'set'; readonly on: boolean }
  | { readonly kind: 'refused' };

export function updatesMessage(outcome: UpdatesOutcome): MessageAnswer {
  const tone = outcome.kind === 'refused' ? 'error' : outcome.kind === 'set' ? 'success' : 'info';
  const feature = outcome.kind === 'refused' ? ({ kind: 'refused', what: 'updates' } as const) : ({ kind: outcome.kind === 'set' ? 'updates-set' : 'updates-shown', on: outcome.on } as const);
  return { kind: 'message', tone, outcome: feature, incidents: [] };
}
