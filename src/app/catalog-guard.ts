/**
 * The catalog guard: a reload that would lose a large share of the serving catalog's incidents
 * is almost always a folder emptied, moved or half-copied, not a curator's decision, and
 * accepting it would make search answer "nothing" and, when the folder comes back, announce old
 * incidents again. A pure function (no I/O, no logger), so a reload running in a worker thread
 * can call it as well as the one on the main thread.
 */

/** Default share of the serving catalog a reload may lose: more than a quarter is refused. */
export const DEFAULT_MAX_CATALOG_LOSS = 0.25;

export type CatalogGuardVerdict =
  | { readonly ok: true; readonly removed: number }
  | {
      readonly ok: false;
      readonly removed: number;
      /** Share of the serving catalog the reload would lose, 0..1. */
      readonly share: number;
      /** One line for the log: what would have been lost, and how to accept it on purpose. */
      readonly reason: string;
    };

/**
 * Whether a reload from `previousSize` incidents, of which `removed` are absent from the new
 * catalog, may be swapped in. `maxLoss` is the largest share that may go (0..1; 1 accepts
 * everything). A catalog that was empty has nothing to lose.
 */
export function guardCatalogReload(previousSize: number, removed: number, maxLoss: number = DEFAULT_MAX_CATALOG_LOSS): CatalogGuardVerdict {
  if (previousSize <= 0 || removed <= 0 || maxLoss >= 1) return { ok: true, removed: Math.max(0, removed) };
  const share = removed / previousSize;
  if (share <= maxLoss) return { ok: true, removed };
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return {
    ok: false,
    removed,
    share,
    reason:
      `the new catalog would lose ${removed} of ${previousSize} incidents (${pct(share)}, more than the ${pct(maxLoss)} allowed)` +
      ` — a data folder emptied, moved or half-copied? Still serving the last good catalog. To remove that many on purpose, raise CATALOG_MAX_LOSS (1 accepts any loss) or restart the bot.`,
  };
}
