/**
 * The `/metrics` labels of a Discord interaction, whichever way it came (gateway or HTTP): how it
 * came (`via`: command, button, autocomplete) and what the user asked for (`kind`: the command by
 * its Discord name, the request a button carries, autocomplete). Bounded by the command registry.
 */
import { InteractionType } from 'discord.js';
import { COMMANDS_BY_DISCORD_NAME } from '../../commands/index.js';
import type { AnswerVia, AskedKind } from '../http/metrics.js';
import { decodeButton } from './custom-id.js';

const BUTTON_ASKS = { 'search-page': 'search', 'latest-page': 'latest', details: 'show', suggestion: 'search' } as const;

export function interactionLabels(type: number, data: { readonly name?: unknown; readonly customId?: unknown }): { via: AnswerVia; kind: AskedKind } {
  switch (type) {
    case InteractionType.ApplicationCommand:
      return { via: 'command', kind: COMMANDS_BY_DISCORD_NAME.get(String(data.name ?? ''))?.name ?? 'other' };
    case InteractionType.ApplicationCommandAutocomplete:
      return { via: 'autocomplete', kind: 'autocomplete' };
    case InteractionType.MessageComponent: {
      const state = typeof data.customId === 'string' ? decodeButton(data.customId) : undefined;
      return { via: 'button', kind: state ? BUTTON_ASKS[state.kind] : 'other' };
    }
    default:
      return { via: 'other', kind: 'other' };
  }
}
