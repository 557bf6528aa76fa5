/**
 * What a process remembers of posts it could not record and of posts given up: how often it
 * looked for each unrecorded post and when it may look again, and who is told of a give-up.
 */
import type { OutboxKind } from '../store/state-store.js';

/** Looks for a post whose record failed, before this process stops looking. */
export const UNRECORDED_MAX_LOOKS = 10;

/** The first wait between two looks at an unrecorded post; doubled each time, at most `UNRECORDED_MAX_WAIT_MS`. */
export const UNRECORDED_FIRST_WAIT_MS = 30_000;
export const UNRECORDED_MAX_WAIT_MS = 30 * 60_000;

/** Told once per post given up for good: its platform, kind and why. */
export type GivenUpListener = (given: { readonly platform: string; readonly kind: OutboxKind; readonly reason: string }) => void;

/**
 * Per outbox key, how often this process found the post unrecordable and when it may look
 * again. In memory on purpose: the database is what failed.
 */
export class UnrecordedLooks {
  private readonly looks = new Map<string, { count: number; nextAt: number }>();

  /** False while `key` waits for its next look (or was given up). */
  due(key: string, now: number): boolean {
    const entry = this.looks.get(key);
    return entry === undefined || entry.nextAt <= now;
  }

  /** Counts one more failed record; true when that was the last look allowed (the caller gives up). */
  failed(key: string, now: number): boolean {
    const count = (this.looks.get(key)?.count ?? 0) + 1;
    if (count >= UNRECORDED_MAX_LOOKS) {
      this.looks.set(key, { count, nextAt: Number.POSITIVE_INFINITY });
      return true;
    }
    this.looks.set(key, { count, nextAt: now + Math.min(UNRECORDED_FIRST_WAIT_MS * 2 ** (count - 1), UNRECORDED_MAX_WAIT_MS) });
    return false;
  }

  /** The post was recorded after all. */
  recorded(key: string): void {
    this.looks.delete(key);
  }
}
