/**
 * Button state lives in the button's `custom_id` (at most 100 characters), never in memory, so a
 * button keeps working after a restart. Each id carries what is needed to ask the core again,
 * plus what the message showed (its total), so a press can tell the user when the data changed.
 *
 *   bb|p|<page>|<size>|<total>|<query>   a page of `/breach` results
 *   bb|l|<page>|<size>|<total>           a page of `/breach-latest`
 *   bb|d|<incident id>                    the details of one incident
 *   bb|q|<name>                           a search for a suggested name
 */
import { COMPONENTS } from './limits.js';

export type ButtonState =
  | { readonly kind: 'search-page'; readonly query: string; readonly page: number; readonly size: number; readonly total: number }
  | { readonly kind: 'latest-page'; readonly page: number; readonly size: number; readonly total: number }
  | { readonly kind: 'details'; readonly id: string }
  | { readonly kind: 'suggestion'; readonly query: string };

const PREFIX = 'bb';

/** The custom_id for a state, or undefined when it does not fit in Discord's 100 characters. */
export function encodeButton(state: ButtonState): string | undefined {
  let id: string;
  switch (state.kind) {
    case 'search-page':
      id = [PREFIX, 'p', state.page, state.size, state.total, state.query].join('|');
      break;
    case 'latest-page':
      id = [PREFIX, 'l', state.page, state.size, state.total].join('|');
      break;
    case 'details':
      id = [PREFIX, 'd', state.id].join('|');
      break;
    case 'suggestion':
      id = [PREFIX, 'q', state.query].join('|');
      break;
  }
  return id.length <= COMPONENTS.customId ? id : undefined;
}

const int = (s: string | undefined, min: number): number | undefined => {
  if (s === undefined || !/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min ? n : undefined;
};

/** Reads a custom_id back; undefined for ids this bot did not make (or made by an older version). */
export function decodeButton(customId: string): ButtonState | undefined {
  const [prefix, kind, ...rest] = customId.split('|');
  if (prefix !== PREFIX) return undefined;
  switch (kind) {
    case 'p': {
      const [page, size, total] = [int(rest[0], 1), int(rest[1], 1), int(rest[2], 0)];
      const query = rest.slice(3).join('|');
      return page && size && total !== undefined && query ? { kind: 'search-page', query, page, size, total } : undefined;
    }
    case 'l': {
      const [page, size, total] = [int(rest[0], 1), int(rest[1], 1), int(rest[2], 0)];
      return page && size && total !== undefined ? { kind: 'latest-page', page, size, total } : undefined;
    }
    case 'd': {
      const id = rest.join('|');
      return id ? { kind: 'details', id } : undefined;
    }
    case 'q': {
      const query = rest.join('|');
      return query ? { kind: 'suggestion', query } : undefined;
    }
    default:
      return undefined;
  }
}
