/** Binary search over a sorted array of strings: the index of the first one ≥ `key` (prefix ranges start there). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For every 3-letter prefix whose range of `sorted` holds more than `minRange` strings: the ids
 * of that range (`ids` parallel to `sorted`), best first by `better`, at most `keep`. Prefix
 * expansion then answers such a prefix without scanning its whole range.
 */
export function bestOfLargePrefix3Ranges(sorted: readonly string[], ids: Int32Array, minRange: number, keep: number, better: (a: number, b: number) => number): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  let from = 0;
  for (let k = 1; k <= sorted.length; k++) {
    const key = sorted[from]!.slice(0, 3);
    if (k < sorted.length && key.length === 3 && sorted[k]!.startsWith(key)) continue;
    if (key.length === 3 && k - from > minRange) {
      const range = Array.from(ids.subarray(from, k)).sort((a, b) => better(a, b) || a - b);
      out.set(key, Int32Array.from(range.slice(0, keep)));
    }
    from = k;
  }
  return out;
}
