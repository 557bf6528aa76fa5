/**
 * Each Slack user's language, from `users.info` with `include_locale` (scope users:read, which
 * the app already has): asked once per user and kept for hours, so a question costs at most one
 * lookup a day per person, and never waits long — Slack wants the slash command acknowledged
 * within 3 seconds, so a slow or failed lookup counts as "unknown" and the default decides.
 */
import type { App } from '@slack/bolt';
import { langOfLocale, type Lang } from '../core/language.js';
import type { Logger } from '../ports/index.js';

type Client = App['client'];

export interface UserLocaleOptions {
  /** How long a user's language is kept (default 6 hours). */
  readonly ttlMs?: number;
  /** How long a lookup may take before the answer goes without it (default 1,200 ms). */
  readonly timeoutMs?: number;
  /** Users remembered at most (oldest forgotten first; default 10,000). */
  readonly maxUsers?: number;
  readonly now?: () => number;
}

export class UserLocales {
  private readonly cache = new Map<string, { readonly lang: Lang | undefined; readonly at: number }>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(
    private readonly log?: Logger,
    options: UserLocaleOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 6 * 3600_000;
    this.timeoutMs = options.timeoutMs ?? 1_200;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The user's language (undefined when Slack does not say, or not in time). */
  async of(client: Client, userId: string): Promise<Lang | undefined> {
    if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) return undefined;
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.lang;
    let timer: NodeJS.Timeout | undefined;
    try {
      const lookup = client.users.info({ user: userId, include_locale: true }).then((r) => langOfLocale(r.user?.locale));
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.timeoutMs)));
      const lang = await Promise.race([lookup, late]);
      if (lang === 'late') {
        // Kept when it arrives, for the next question.
        void lookup.then((l) => this.remember(userId, l)).catch(() => undefined);
        return undefined;
      }
      this.remember(userId, lang);
      return lang;
    } catch (err) {
      this.log?.warn(`slack: users.info (locale) failed for ${userId}`, err);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private remember(userId: string, lang: Lang | undefined): void {
    this.cache.delete(userId);
    this.cache.set(userId, { lang, at: this.now() });
    if (this.cache.size > this.maxUsers) this.cache.delete(this.cache.keys().next().value!);
  }
}
