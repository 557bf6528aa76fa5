/**
 * The first `k` of `count` candidates in the order `cmp` gives: a bounded max-heap when the page
 * is a small part of the candidates (5 out of 100,000 costs a heap of 5, not a sort), a plain
 * sort otherwise.
 */
export function topK(cand: Int32Array, count: number, cmp: (a: number, b: number) => number, k: number): number[] {
  k = Math.min(k, count);
  if (k <= 0) return [];
  if (k * 8 >= count) return Array.from(cand.subarray(0, count)).sort(cmp).slice(0, k);
  // A max-heap (by answer order, worst on top) of the best k seen so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => cmp(a, b) > 0;
  const siftDown = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let top = at;
      if (l < heap.length && worse(heap[l]!, heap[top]!)) top = l;
      if (r < heap.length && worse(heap[r]!, heap[top]!)) top = r;
      if (top === at) return;
      [heap[at], heap[top]] = [heap[top]!, heap[at]!];
      at = top;
    }
  };
  for (let c = 0; c < count; c++) {
    const i = cand[c]!;
    if (heap.length < k) {
      heap.push(i);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(heap[at]!, heap[parent]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (cmp(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(cmp);
}
