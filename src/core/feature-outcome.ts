/**
 * What the features beyond the query core (digests, watchlists, a channel's language) have to
 * say, as typed outcomes with their facts: never worded. src/render/feature-words.ts words each
 * kind in English and French; each adapter renders the words and spells the commands they point
 * to the way its platform types them. Types only: the core imports no feature.
 */
import type { ErrorAnswer } from './error-answer.js';
import type { Lang } from './lang.js';
import type { ParsedQuery } from './query-parser.js';

/** A channel's digest subscription, as the words need it (the store's record fits it). */
export interface SubscriptionFacts {
  /** Cron expression read in `timeZone`. */
  readonly cron: string;
  readonly timeZone: string;
  readonly language: Lang;
  readonly postEmpty: boolean;
  readonly active: boolean;
  readonly inactiveReason?: string | undefined;
  /** ISO date-times. */
  readonly createdAt: string;
  readonly lastRunAt?: string | undefined;
  /** Why the last digest did not go out (cleared when one does). */
  readonly lastFailure?: RunFailure | undefined;
}

/**
 * Why a digest did not go out, as facts: `detail` is the technical token (a platform's error code,
 * an HTTP status, a database message) shown as code in every language. `other` is a failure
 * recorded as text by an earlier version.
 */
export type RunFailure =
  | { readonly kind: 'filters-unreadable'; readonly filters: string; readonly detail: string }
  | { readonly kind: 'not-recordable'; readonly detail: string }
  | { readonly kind: 'refused'; readonly detail: string; readonly tries: number }
  | { readonly kind: 'given-up'; readonly detail: string }
  | { readonly kind: 'other'; readonly detail: string };

/** What went wrong with the bot's saved state (the store's problem kinds). */
export type StateProblemKind = 'missing' | 'replaced' | 'deleted' | 'unreachable';

/** A watched vendor behind a new incident, and the client it hit (the incident's organization). */
export interface VendorClient {
  readonly vendor: string;
  readonly client: string;
}

/** Everything a channel's status says: its digest, what is pending, what was posted, its "updated" notes switch, its watchlist. */
export interface ChannelStatus {
  readonly subscription?: SubscriptionFacts | undefined;
  /** The subscription's filters, read. */
  readonly filters?: ParsedQuery | undefined;
  /** ISO date-time of the next digest. */
  readonly nextRun?: string | undefined;
  readonly delivered: number;
  readonly watches: readonly string[];
  /**
   * What the next digest would hold if it went now (an active subscription whose filters read):
   * its new breaches and attacks, and the incidents the channel had that changed since the last
   * digest (its "Updated since …" section).
   */
  readonly pending?: { readonly breaches: number; readonly attacks: number; readonly updated: number } | undefined;
  /** Whether the channel gets "updated" notes (`/breach updates on|off`); the digest lists the changes either way. */
  readonly updates: boolean;
  readonly stateProblems: readonly StateProblemKind[];
}

/** What changed of an incident a channel already received: a revised count, new sources, newly named affected organizations. */
export interface IncidentRevision {
  readonly incidentId: string;
  /** The name it is known by. */
  readonly name: string;
  readonly change: {
    /** The count before (null: none was known) and after. */
    readonly count?: { readonly from: number | null; readonly to: number } | undefined;
    readonly newSources: readonly string[];
    readonly newAffected: readonly string[];
  };
}

/** The digest post: its incidents are the answer's; the incidents it already posted that changed since, after them. */
export interface DigestOutcome {
  readonly kind: 'digest';
  /** ISO date-time: what the digest covers starts there. */
  readonly since: string;
  readonly timeZone: string;
  readonly filters?: ParsedQuery | undefined;
  readonly revisions?: readonly IncidentRevision[] | undefined;
}

export type FeatureOutcome =
  | DigestOutcome
  | { readonly kind: 'watch-alert'; readonly names: readonly string[]; readonly clients: readonly VendorClient[] }
  | { readonly kind: 'refused'; readonly what: 'digest' | 'watch' | 'language' | 'updates' }
  /** The note a channel gets when incidents it received change. */
  | { readonly kind: 'update-note'; readonly revisions: readonly IncidentRevision[] }
  /** Whether the channel gets "updated" notes (`/breach updates`), or that it now does or does not. */
  | { readonly kind: 'updates-shown' | 'updates-set'; readonly on: boolean }
  | { readonly kind: 'bad-filters'; readonly error: ErrorAnswer }
  | { readonly kind: 'invalid-schedule'; readonly cron: string }
  | { readonly kind: 'subscribed'; readonly updated: boolean; readonly subscription: SubscriptionFacts; readonly filters?: ParsedQuery | undefined; readonly nextRun?: string | undefined }
  | { readonly kind: 'unsubscribed'; readonly removed: boolean }
  /** `digest status`: the digest, and the watchlist on one line. */
  | { readonly kind: 'digest-status'; readonly status: ChannelStatus }
  /** `status` (everyone): the digest, then the watchlist. */
  | { readonly kind: 'channel-status'; readonly status: ChannelStatus }
  | { readonly kind: 'nothing-to-preview' }
  /** The digest as it would be posted now (`digest` absent: nothing would be posted). */
  | { readonly kind: 'preview'; readonly nextRun?: string | undefined; readonly timeZone: string; readonly digest?: DigestOutcome | undefined }
  | { readonly kind: 'watch-added'; readonly name: string; readonly added: boolean; readonly alreadyNamed: number }
  | { readonly kind: 'watch-removed'; readonly name: string; readonly removed: boolean }
  | { readonly kind: 'watch-full'; readonly max: number }
  | { readonly kind: 'watch-list'; readonly names: readonly string[] }
  /** The channel's language: `lang` absent when none is chosen. */
  | { readonly kind: 'language-shown'; readonly lang?: Lang | undefined }
  | { readonly kind: 'language-set'; readonly lang: Lang | null };

/**
 * A command typed wrong, as what was wrong (the adapters word it with the command's usage):
 * an action none of the command's, a watch name missing or too long, a time or time zone that
 * does not read, a language that is none.
 */
export type UsageProblem =
  | { readonly kind: 'unknown-action'; readonly word: string }
  | { readonly kind: 'watch-name-missing'; readonly action: 'add' | 'remove' }
  | { readonly kind: 'watch-name-too-long'; readonly max: number }
  | { readonly kind: 'bad-time'; readonly text: string }
  | { readonly kind: 'bad-time-zone'; readonly text: string }
  | { readonly kind: 'not-a-language'; readonly text: string }
  | { readonly kind: 'not-on-off'; readonly text: string };
