/**
 * What `/metrics` shows, in Prometheus text (prom-client), on a registry of its own (several bots
 * in one process, as in tests, never share counters). Every name starts with `breachbot_`;
 * Node's own process metrics (`breachbot_process_*`, `breachbot_nodejs_*`) come along.
 *
 * | metric | type | labels |
 * | --- | --- | --- |
 * | `breachbot_answers_total` | counter | `platform` (slack, discord), `via` (command, mention, button, autocomplete, other), `kind` (what was asked: a command of the registry — search, latest, stats, show, status, digest, watch, language, help — or usage, autocomplete, other), `outcome` (ok, failed) |
 * | `breachbot_answer_duration_seconds` | histogram | `platform`, `kind` |
 * | `breachbot_requests_refused_total` | counter | `platform`, `reason` (bad-signature, malformed, too-large, duplicate) |
 * | `breachbot_channel_posts_total` | counter | `platform`, `kind` (digest, alert, update), `outcome` (ok: a new message, found: an earlier try's message found in the channel, failed, gone) |
 * | `breachbot_channel_post_retries_total` | counter | `platform`, `kind`: a digest or alert tried again after a failed or unknown try |
 * | `breachbot_channel_posts_given_up_total` | counter | `platform`, `kind`: a watch alert refused for over a day, or a post accepted but never recorded, given up for good |
 * | `breachbot_outbox_depth` | gauge | deliveries waiting in the state store |
 * | `breachbot_catalog_incidents` | gauge | incidents the serving catalog holds |
 * | `breachbot_catalog_reload_duration_seconds` | histogram | `outcome` (reloaded, rejected) |
 * | `breachbot_import_refresh_duration_seconds` | histogram | `feed`, `outcome` (updated, unchanged, failed) |
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { COMMANDS_BY_NAME, isUsageError, type CommandRequest, type UsageError } from '../../commands/index.js';

/** How a request reached the bot. */
export type AnswerVia = 'command' | 'mention' | 'button' | 'autocomplete' | 'other';

/**
 * What the user asked for: a command of the registry by its name, `usage` for a command typed
 * wrong, `autocomplete`, or `other`. Bounded by the registry, whatever users type.
 */
export type AskedKind = string;

/** The `kind` label of a parsed request (undefined: nothing could be read from it). */
export function askedKind(request: CommandRequest | UsageError | undefined): AskedKind {
  if (!request) return 'other';
  if (isUsageError(request)) return 'usage';
  return COMMANDS_BY_NAME.has(request.command) ? request.command : 'other';
}

export interface MetricsSources {
  /** Incidents in the serving catalog, read at each scrape. */
  readonly catalogSize?: () => number;
  /** Deliveries waiting in the store's outbox, read at each scrape (undefined: not known). */
  readonly outboxDepth?: () => Promise<number | undefined> | number | undefined;
}

export class BotMetrics {
  readonly registry = new Registry();
  readonly answers: Counter<'platform' | 'via' | 'kind' | 'outcome'>;
  readonly answerSeconds: Histogram<'platform' | 'kind'>;
  readonly refused: Counter<'platform' | 'reason'>;
  readonly posts: Counter<'platform' | 'kind' | 'outcome'>;
  readonly postRetries: Counter<'platform' | 'kind'>;
  readonly givenUp: Counter<'platform' | 'kind'>;
  readonly reloadSeconds: Histogram<'outcome'>;
  readonly refreshSeconds: Histogram<'feed' | 'outcome'>;
  private sources: MetricsSources = {};

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'breachbot_' });
    this.answers = new Counter({ name: 'breachbot_answers_total', help: 'Questions, clicks and autocompletes answered, by platform, how they came, what was asked and outcome.', labelNames: ['platform', 'via', 'kind', 'outcome'], registers });
    this.answerSeconds = new Histogram({
      name: 'breachbot_answer_duration_seconds',
      help: 'Time from a request reaching the bot to its answer being sent, by what was asked.',
      labelNames: ['platform', 'kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers,
    });
    this.refused = new Counter({ name: 'breachbot_requests_refused_total', help: 'Platform requests refused or ignored before any work, by reason.', labelNames: ['platform', 'reason'], registers });
    this.posts = new Counter({ name: 'breachbot_channel_posts_total', help: 'Digest and watch-alert posts to channels, by platform, kind and outcome.', labelNames: ['platform', 'kind', 'outcome'], registers });
    this.postRetries = new Counter({ name: 'breachbot_channel_post_retries_total', help: 'Digest and watch-alert posts tried again after a failed or unknown try.', labelNames: ['platform', 'kind'], registers });
    this.givenUp = new Counter({ name: 'breachbot_channel_posts_given_up_total', help: 'Digest and watch-alert posts given up for good (an alert refused for over a day, a post never recorded).', labelNames: ['platform', 'kind'], registers });
    const sources = () => this.sources;
    new Gauge({
      name: 'breachbot_outbox_depth',
      help: 'Deliveries waiting in the state store (absent when the store does not tell).',
      registers,
      async collect() {
        const depth = await sources().outboxDepth?.();
        if (typeof depth === 'number') this.set(depth);
      },
    });
    new Gauge({
      name: 'breachbot_catalog_incidents',
      help: 'Incidents in the serving catalog.',
      registers,
      collect() {
        const size = sources().catalogSize?.();
        if (typeof size === 'number') this.set(size);
      },
    });
    this.reloadSeconds = new Histogram({ name: 'breachbot_catalog_reload_duration_seconds', help: 'Catalog hot reloads: load, validate and index.', labelNames: ['outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60], registers });
    this.refreshSeconds = new Histogram({ name: 'breachbot_import_refresh_duration_seconds', help: 'Scheduled feed refreshes: download, check and write.', labelNames: ['feed', 'outcome'], buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120], registers });
  }

  /** Where the gauges read their values (set once the catalog and store exist). */
  setSources(sources: MetricsSources): void {
    this.sources = { ...this.sources, ...sources };
  }

  /** Times one answer: call the returned function with its outcome when it was sent. */
  startAnswer(platform: string, via: AnswerVia, kind: AskedKind): (outcome: 'ok' | 'failed') => void {
    const end = this.answerSeconds.startTimer({ platform, kind });
    return (outcome) => {
      end();
      this.answers.inc({ platform, via, kind, outcome });
    };
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
