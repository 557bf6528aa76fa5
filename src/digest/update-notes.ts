/**
 * "Updated" notes and the digest's updates section, as typed outcomes: what changed of incidents
 * a channel already received (incident-facts.ts), one revision per incident. Worded by
 * src/render/feature-words.ts: a line per incident and a pointer to `show` for the rest.
 */
import type { MessageAnswer } from '../core/answer.js';
import type { IncidentRevision } from '../core/feature-outcome.js';
import { message } from './digest-messages.js';

export type { IncidentRevision };

/** The note a channel gets when incidents it received change: one message, one line per incident. */
export function updateNoteAnswer(revisions: readonly IncidentRevision[]): MessageAnswer {
  return message('info', { kind: 'update-note', revisions });
}

/** The digest with its updates section after the new incidents. */
export function withUpdates(digest: MessageAnswer, revisions: readonly IncidentRevision[]): MessageAnswer {
  if (revisions.length === 0 || digest.outcome.kind !== 'digest') return digest;
  return { ...digest, outcome: { ...digest.outcome, revisions } };
}
