import { randomSource } from '../random.js';

/** A county's rank with its uncertainty (排名及其区间). */
export interface RankInterval {
  label: string;
  estimate: number;
  /** Rank of the estimate (1 = highest, or lowest with `ascending`). */
  rank: number;
  /** Central `level` (95%) interval of the rank over the draws. */
  lower: number;
  upper: number;
}

/**
 * Rank intervals from the estimates' sampling distributions (排名区间，参数法): each of
 * `replicates` draws takes every group's estimate from N(estimate, se²) and ranks them; the
 * interval is the central `level` range of a group's ranks (Goldstein & Spiegelhalter 1996,
 * "League tables and their limitations"). Using the design-based SEs, it respects strata,
 * replicate weights and plausible values; groups are independent (separate strata). Equal
 * values share the smallest rank. The interval ends are the order statistics at
 * round(p·(B − 1)) of the B ranks, p = (1 ∓ level)/2.
 *
 * Cost: per draw, n normals and a linear-time ranking ({@link rankInto}); each group keeps only
 * the few smallest and largest of its ranks (two small heaps), not all B of them.
 *
 * @example
 * rankIntervals([{ label: 'A', estimate: 520, se: 3 }, { label: 'B', estimate: 500, se: 3 }])[0]; // => { label: 'A', rank: 1, lower: 1, upper: 1, … }
 */
export function rankIntervals(
  groups: readonly { label: string; estimate: number; se: number }[],
  options: { replicates?: number; seed?: number; ascending?: boolean; level?: number } = {},
): RankInterval[] {
  const B = options.replicates ?? 1000;
  const rng = randomSource(options.seed ?? 20261125);
  const level = options.level ?? 0.95;
  const sign = options.ascending ? 1 : -1;
  const n = groups.length;
  const ranker = rankInto(n);
  const estimate = Float64Array.from(groups, (g) => g.estimate);
  const se = Float64Array.from(groups, (g) => (Number.isFinite(g.se) ? g.se : 0));
  // Ranks of the estimates themselves.
  const values = new Float64Array(n);
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) values[i] = sign * estimate[i]!;
  ranker(values, ranks);
  // The order statistics of the draws at the interval's ends: the kLow-th smallest and the
  // kHigh-th largest of each group's B ranks, kept in a max-heap and a min-heap per group.
  const at = (p: number): number => Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))));
  const kLow = at((1 - level) / 2) + 1;
  const kHigh = B - at(1 - (1 - level) / 2);
  const low = new OrderStatistic(n, kLow, true);
  const high = new OrderStatistic(n, kHigh, false);
  const r = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    rng.fillNormal(values);
    for (let i = 0; i < n; i++) values[i] = sign * (estimate[i]! + se[i]! * values[i]!);
    ranker(values, r);
    low.add(r);
    high.add(r);
  }
  return groups.map((g, i) => ({ label: g.label, estimate: g.estimate, rank: ranks[i]!, lower: low.top(i), upper: high.top(i) }));
}

/**
 * Per group, the k smallest (or largest) integers seen so far, as a heap whose top is the
 * k-th smallest (largest): a draw costs one comparison per group once the heaps are full.
 */
class OrderStatistic {
  private readonly heap: Int32Array;
  private readonly size: Int32Array;
  constructor(
    private readonly n: number,
    private readonly k: number,
    /** True: keep the k smallest (a max-heap); false: the k largest (a min-heap). */
    private readonly smallest: boolean,
  ) {
    this.heap = new Int32Array(n * k);
    this.size = new Int32Array(n);
  }

  add(values: Int32Array): void {
    const { heap, size, k } = this;
    // Stored negated for the k smallest, so both cases are a min-heap of "keep the larger".
    const s = this.smallest ? -1 : 1;
    for (let i = 0; i < this.n; i++) {
      const x = s * values[i]!;
      const base = i * k;
      const m = size[i]!;
      if (m < k) {
        // Sift up.
        let c = m;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (heap[base + p]! <= x) break;
          heap[base + c] = heap[base + p]!;
          c = p;
        }
        heap[base + c] = x;
        size[i] = m + 1;
      } else if (x > heap[base]!) {
        // Replace the top, sift down.
        let c = 0;
        for (;;) {
          let child = 2 * c + 1;
          if (child >= k) break;
          if (child + 1 < k && heap[base + child + 1]! < heap[base + child]!) child++;
          if (heap[base + child]! >= x) break;
          heap[base + c] = heap[base + child]!;
          c = child;
        }
        heap[base + c] = x;
      }
    }
  }

  /** The k-th smallest (largest) value of group i. */
  top(i: number): number {
    return (this.smallest ? -1 : 1) * this.heap[i * this.k]!;
  }
}

/**
 * A ranking function for n values (1 = smallest; equal values share the smallest rank), in
 * expected linear time: the values are spread over n buckets by value (a bucket's order is the
 * values' order), each bucket sorted by insertion. A draw whose values crowd into a few buckets
 * (an outlier stretching the range) is ranked by a native sort of the values' indices instead,
 * so the worst case stays n log n.
 *
 * @example
 * const rank = rankInto(3); const out = new Int32Array(3); rank(Float64Array.of(2, 1, 2), out); Array.from(out); // => [2, 1, 2]
 */
export function rankInto(n: number): (values: Float64Array, out: Int32Array) => void {
  const bucketOf = new Int32Array(n);
  const start = new Int32Array(n + 1);
  const order = new Int32Array(n);
  const maxBucket = 48;
  return (values, out) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) {
      // All equal (or n ≤ 1).
      out.fill(1);
      return;
    }
    // Bucket k = ⌊(v − lo)·n/(hi − lo)⌋ is monotone in v, so buckets are in value order.
    const scale = n / (hi - lo);
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const k = Math.min(n - 1, Math.floor((values[i]! - lo) * scale));
      bucketOf[i] = k;
      start[k + 1]!++;
    }
    let crowded = false;
    for (let k = 0; k < n; k++) {
      if (start[k + 1]! > maxBucket) crowded = true;
      start[k + 1]! += start[k]!;
    }
    if (crowded) {
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => values[a]! - values[b]!);
    } else {
      // Scatter (start[k] advances to the end of bucket k), then insertion-sort each bucket.
      for (let i = 0; i < n; i++) order[start[bucketOf[i]!]!++] = i;
      let begin = 0;
      for (let k = 0; k < n; k++) {
        const end = start[k]!;
        for (let p = begin + 1; p < end; p++) {
          const idx = order[p]!;
          const v = values[idx]!;
          let q = p - 1;
          while (q >= begin && values[order[q]!]! > v) {
            order[q + 1] = order[q]!;
            q--;
          }
          order[q + 1] = idx;
        }
        begin = end;
      }
    }
    let rank = 0;
    let previous = NaN;
    for (let p = 0; p < n; p++) {
      const idx = order[p]!;
      const v = values[idx]!;
      // −0 and +0 compare equal, so they tie.
      if (!(v === previous)) rank = p + 1;
      previous = v;
      out[idx] = rank;
    }
  };
}
