/**
 * How long the outbox keeps what it is done with. Every digest, alert and "updated" note leaves
 * a row, and a sent or abandoned one was never deleted: the table grew with every post for as
 * long as the bot ran. Each process deletes the rows sent or abandoned more than
 * `OUTBOX_KEPT_MS` ago, at start-up and hourly, beside the expired lease rows (`leases.ts`).
 *
 * What a row's idempotency key guards is a post in flight: a retry, a crashed process's post
 * being reconciled. Those rows are pending and are never deleted, however old. A closed row's
 * key is not made again a month later: a digest key names its slot and the period it covers
 * (the run moves both on before posting), an alert key the moment it was queued, a note key
 * the versions it tells of (recorded once). What keeps an incident from being posted twice to
 * a channel is the deliveries table, which is kept.
 */
import type { StateStore } from '../store/state-store.js';

/** Sent and abandoned outbox rows are kept this long after they were closed (30 days): enough to look into a post gone wrong. */
export const OUTBOX_KEPT_MS = 30 * 24 * 60 * 60_000;

/** Deletes the outbox rows sent or abandoned more than `OUTBOX_KEPT_MS` ago; logs how many when any. */
export async function pruneClosedOutbox(store: Pick<StateStore, 'pruneOutbox'>, now: Date, log: { info(message: string): void; warn(message: string, err?: unknown): void }): Promise<number> {
  try {
    const pruned = await store.pruneOutbox(new Date(now.getTime() - OUTBOX_KEPT_MS));
    if (pruned > 0) log.info(`outbox: ${pruned} row${pruned === 1 ? '' : 's'} sent or abandoned more than 30 days ago deleted`);
    return pruned;
  } catch (err) {
    log.warn('outbox: old sent and abandoned rows could not be deleted this time', err);
    return 0;
  }
}
