/**
 * The platform-neutral answer model. The core returns these typed outcomes, never worded
 * text; each adapter (terminal, Slack, Discord, digest) words and renders them in the user's
 * language with pure functions.
 */
import type { Incident } from './incident-schema.js';
import type { NameKind } from './search-index.js';
import type { ParsedQuery } from './query-parser.js';
import type { FeatureOutcome } from './feature-outcome.js';
import type { ErrorAnswer } from './error-answer.js';

/** What a request asks the core to do; what paging and detail buttons carry as their state. */
export type CoreRequest =
  | { readonly command: 'search'; readonly query: string; readonly page?: number; readonly pageSize?: number }
  | { readonly command: 'latest'; readonly page?: number; readonly pageSize?: number }
  | { readonly command: 'stats'; /** Filters in the search syntax ("country:FR", "passwords 2024"): the stats of what they match. */ readonly query?: string }
  | { readonly command: 'show'; readonly id: string }
  | { readonly command: 'help'; readonly topic?: string };

/** Why an incident matched: a name it carries, or a text field that held query terms. */
export type MatchReason =
  | { readonly field: NameKind; readonly value: string; readonly terms: readonly string[] }
  | { readonly field: 'title' | 'summary' | 'classes' | 'response' | 'place' | 'sector' | 'cause' | 'source'; readonly terms: readonly string[] };

export interface Match {
  readonly incident: Incident;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
  /**
   * True when the answer is filtered by country and this incident's count is not that
   * country's: it was found through where the people hit live (`peopleCountries`) while the
   * organization is elsewhere or unknown, so its figure counts people everywhere (IDMerit's 3
   * billion records in "biggest breaches in France"). Renderers say so beside the count.
   */
  readonly worldwideCount?: boolean;
}

export interface Page {
  /** 1-based. */
  readonly number: number;
  readonly size: number;
  readonly count: number;
  /** The page asked for, when it was past the last one (`number` is then the last page). */
  readonly requested?: number;
}

/**
 * What a search answer tells about how its question was read, above its list (worded by
 * render/feature-words.ts).
 */
export type SearchNote =
  /** Only words every incident answers to ("breach", "fuites de données"): the latest incidents are listed, not matches. */
  | { readonly kind: 'too-broad' }
  /** Words no listed incident holds as typed, read as the closest spellings its names hold ("cnil" as "anil"). */
  | { readonly kind: 'typo'; readonly read: readonly { readonly typed: string; readonly as: readonly string[] }[] };

export interface ResultsAnswer {
  readonly kind: 'results';
  /** The request that produced it (paging buttons re-issue it with another page). */
  readonly request: Extract<CoreRequest, { command: 'search' | 'latest' }>;
  readonly query?: ParsedQuery;
  readonly total: number;
  readonly page: Page;
  readonly matches: readonly Match[];
  /**
   * Set when no incident holds every word of the question: the matches are the closest, holding
   * `matched` of the `terms` (renderers head them "nothing matches all of …; closest:").
   */
  readonly partial?: { readonly terms: readonly string[]; readonly matched: number };
  readonly note?: SearchNote;
}

export interface NoResultsAnswer {
  readonly kind: 'no-results';
  readonly request: Extract<CoreRequest, { command: 'search' }>;
  readonly query: ParsedQuery;
  /** Names close to what was typed, best first (never empty when the catalog is not). */
  readonly suggestions: readonly string[];
  /** How many incidents match the words alone, when filters emptied the result. */
  readonly withoutFilters?: number;
  /** Words of the question that match nothing in the catalog, even with a typo. */
  readonly unmatched?: readonly string[];
}

export interface IncidentAnswer {
  readonly kind: 'incident';
  readonly incident: Incident;
  readonly related: readonly Incident[];
}

export interface NotFoundAnswer {
  readonly kind: 'not-found';
  readonly id: string;
  /** Ids of incidents whose id or name is close. */
  readonly suggestions: readonly { readonly id: string; readonly title: string }[];
}

export interface Count<K> {
  readonly key: K;
  readonly count: number;
}

export interface Stats {
  readonly total: number;
  readonly breaches: number;
  readonly byYear: readonly Count<number>[];
  readonly byDataClass: readonly Count<string>[];
  readonly byCountry: readonly Count<string>[];
  readonly bySource: readonly Count<string>[];
  readonly biggest: readonly Incident[];
}

export interface StatsAnswer {
  readonly kind: 'stats';
  readonly stats: Stats;
  /** The filters the stats were computed over, as typed; absent for the whole catalog. */
  readonly query?: string;
}

export interface HelpAnswer {
  readonly kind: 'help';
  readonly topic?: string;
}

export type { CoreErrorCode, ErrorAnswer } from './error-answer.js';

/**
 * What a feature beyond the query core (digests, watchlists, a channel's language) has to say:
 * a typed outcome with its facts, optionally with incidents to list (a digest post is a
 * `message` whose incidents are the new ones). Worded by src/render/feature-words.ts; adapters
 * render it generically, so a new feature needs no new renderer.
 */
export interface MessageAnswer {
  readonly kind: 'message';
  readonly tone: 'info' | 'success' | 'error';
  readonly outcome: FeatureOutcome;
  readonly incidents: readonly Incident[];
}

export type Answer = ResultsAnswer | NoResultsAnswer | IncidentAnswer | NotFoundAnswer | StatsAnswer | HelpAnswer | ErrorAnswer | MessageAnswer;

export const DEFAULT_PAGE_SIZE = 5;
export const MAX_PAGE_SIZE = 100;
