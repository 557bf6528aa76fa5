/**
 * `/breach updates on|off`: the request it parses to. Plain data, so Slack text, Discord options
 * and the terminal all produce the same thing.
 */
import { fold } from '../core/text-folding.js';
import type { UsageError } from '../../commands/command-definition.js';

export type UpdatesRequest =
  /** Whether the channel gets "updated" notes now. */
  | { readonly command: 'updates'; readonly action: 'show' }
  | { readonly command: 'updates'; readonly action: 'set'; readonly on: boolean };

const VALUES: ReadonlyMap<string, boolean> = new Map([
  ['on', true],
  ['yes', true],
  ['oui', true],
  ['enable', true],
  ['activer', true],
  ['active', true],
  ['off', false],
  ['no', false],
  ['non', false],
  ['disable', false],
  ['desactiver', false],
  ['desactive', false],
]);

/** True when `args` is a value the updates command takes (or nothing): "off", "oui"... */
export function isUpdatesArgs(args: string): boolean {
  const v = fold(args.trim());
  return v === '' || v === 'status' || v === 'statut' || VALUES.has(v);
}

export function parseUpdatesArgs(args: string): UpdatesRequest | UsageError {
  const v = fold(args.trim());
  if (v === '' || v === 'status' || v === 'statut') return { command: 'updates', action: 'show' };
  const on = VALUES.get(v);
  if (on === undefined) {
    const shown = args.trim().slice(0, 40);
    return { usageError: true, command: 'updates', unknownAction: true, problem: { kind: 'not-on-off', text: shown } };
  }
  return { command: 'updates', action: 'set', on };
}
