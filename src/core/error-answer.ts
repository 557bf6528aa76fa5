/** The core's refusal of a request: why, and the facts its message names. */
import type { FilterKind, QueryError } from './query-parser.js';

export type CoreErrorCode = QueryError['code'] | 'bad-request' | 'unknown-command' | 'internal';

export interface ErrorAnswer {
  readonly kind: 'error';
  readonly code: CoreErrorCode;
  readonly limit?: number;
  readonly length?: number;
  readonly detail?: string;
  /** For `bad-filter`: which filter, so the message can list what it accepts. */
  readonly filter?: FilterKind;
}
