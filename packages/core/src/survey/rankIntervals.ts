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
 * Cost: per draw, a linear-time ranking ({@link rankInto}) of n values built from normals that
 * are generated once per (seed, n, B) and reused by later calls; each group keeps only the few
 * smallest and largest of its ranks (two small heaps), not all B of them.
 *
 * @example
 * rankIntervals([{ label: 'A', estimate: 520, se: 3 }, { label: 'B', estimate: 500, se: 3 }])[0]; // => { label: 'A', rank: 1, lower: 1, upper: 1, … }
 */
export function rankIntervals(
  groups: readonly { label: string; estimate: number; se: number }[],
  options: { replicates?: number; seed?: number; ascending?: boolean; level?: number } = {},
): RankInterval[] {
  const B = options.replicates ?? 1000;
  const seed = options.seed ?? 20261125;
  const level = options.level ?? 0.95;
  const sign = options.ascending ? 1 : -1;
  const n = groups.length;
  if (!(B >= 1)) throw new RangeError(`rankIntervals needs at least one draw, got replicates = ${B}`);
  const bad = groups.find((g) => !Number.isFinite(g.estimate));
  if (bad) throw new RangeError(`rankIntervals needs finite estimates, got ${bad.estimate} for ${bad.label}`);
  if (n === 0) return [];
  const ranker = rankerFor(n);
  const estimate = Float64Array.from(groups, (g) => g.estimate);
  const se = Float64Array.from(groups, (g) => (Number.isFinite(g.se) ? g.se : 0));
  // Ranks of the estimates themselves.
  const values = new Float64Array(n);
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i++) values[i] = sign * estimate[i]!;
  ranker(values, ranks);
  // The order statistics of the draws at the interval's ends: the kLow-th smallest and the
  // kHigh-th largest of each group's B ranks, kept in two small heaps per group.
  const at = (p: number): number => Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))));
  const kLow = at((1 - level) / 2) + 1;
  const kHigh = B - at(1 - (1 - level) / 2);
  const ends = new IntervalEnds(n, kLow, kHigh);
  const r = new Int32Array(n);
  // The draws: from standardNormals, or (too many to keep) from the stream as we go — the same numbers.
  const z = standardNormals(seed, n, B);
  const rng = z ? undefined : randomSource(seed);
  for (let b = 0; b < B; b++) {
    if (z) {
      const at = b * n;
      for (let i = 0; i < n; i++) values[i] = sign * (estimate[i]! + se[i]! * z[at + i]!);
    } else {
      rng!.fillNormal(values);
      for (let i = 0; i < n; i++) values[i] = sign * (estimate[i]! + se[i]! * values[i]!);
    }
    ranker(values, r);
    ends.add(r);
  }
  return groups.map((g, i) => ({ label: g.label, estimate: g.estimate, rank: ranks[i]!, lower: ends.lower(i), upper: ends.upper(i) }));
}

/** The last ranking function made (its buffers, and its compiled code, serve the next call of the same size). */
let lastRanker: { n: number; rank: (values: Float64Array, out: Int32Array) => void } | undefined;
function rankerFor(n: number): (values: Float64Array, out: Int32Array) => void {
  if (lastRanker?.n !== n) lastRanker = { n, rank: rankInto(n) };
  return lastRanker.rank;
}

/** The streams of standard normals last drawn for rank intervals, most recent first (see standardNormals). */
const recentNormals: { seed: number; n: number; B: number; z: Float64Array }[] = [];

/**
 * The B × n standard normals of the rank draws (draw b's at b·n), as the seeded stream gives
 * them, kept for the next calls: every cell of a national run (72 of them: 9 measures × 8 years ×
 * grades) ranks about the same counties with the same seed, so the draws are the same numbers
 * and are generated once, not 72 times. The last 3 (seed, n, B) are kept (cells where fewer
 * counties are estimable need their own). Undefined (draw as you go) above 8 M numbers (64 MB).
 */
function standardNormals(seed: number, n: number, B: number): Float64Array | undefined {
  if (n * B > 1 << 23) return undefined;
  const at = recentNormals.findIndex((r) => r.seed === seed && r.n === n && r.B === B);
  const hit = at >= 0 ? recentNormals.splice(at, 1)[0]! : { seed, n, B, z: new Float64Array(n * B) };
  if (at < 0) randomSource(seed).fillNormal(hit.z);
  recentNormals.unshift(hit);
  if (recentNormals.length > 3) recentNormals.pop();
  return hit.z;
}

/**
 * Per group, the kLow smallest and the kHigh largest integers seen so far, each as a heap
 * whose top is the kLow-th smallest (kHigh-th largest). Every group gets one value per draw, so
 * all heaps fill together; then a draw costs two comparisons per group against contiguous
 * arrays of the tops (the heaps, k numbers a group, are touched only when a value enters).
 */
class IntervalEnds {
  private readonly low: Int32Array;
  private readonly high: Int32Array;
  /** low[i·kLow] and high[i·kHigh], kept apart so the usual comparisons read small arrays in order. */
  private readonly lowTops: Int32Array;
  private readonly highTops: Int32Array;
  private added = 0;
  constructor(
    private readonly n: number,
    private readonly kLow: number,
    private readonly kHigh: number,
  ) {
    this.low = new Int32Array(n * kLow);
    this.high = new Int32Array(n * kHigh);
    this.lowTops = new Int32Array(n);
    this.highTops = new Int32Array(n);
  }

  add(values: Int32Array): void {
    const m = this.added++;
    const { n, kLow, kHigh, low, high, lowTops, highTops } = this;
    // The k smallest are kept negated, so both are min-heaps of "keep the larger".
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (m < kLow) lowTops[i] = siftUp(low, i * kLow, m, -v);
      else if (-v > lowTops[i]!) lowTops[i] = replaceTop(low, i * kLow, kLow, -v);
      if (m < kHigh) highTops[i] = siftUp(high, i * kHigh, m, v);
      else if (v > highTops[i]!) highTops[i] = replaceTop(high, i * kHigh, kHigh, v);
    }
  }

  /** The kLow-th smallest value of group i. */
  lower(i: number): number {
    return -this.lowTops[i]!;
  }

  /** The kHigh-th largest value of group i. */
  upper(i: number): number {
    return this.highTops[i]!;
  }
}

/** Adds x as element m of the min-heap at heap[base…]; returns the new top. */
function siftUp(heap: Int32Array, base: number, m: number, x: number): number {
  let c = m;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (heap[base + p]! <= x) break;
    heap[base + c] = heap[base + p]!;
    c = p;
  }
  heap[base + c] = x;
  return heap[base]!;
}

/** Replaces the top of the full min-heap of k at heap[base…] by x (> top); returns the new top. */
function replaceTop(heap: Int32Array, base: number, k: number, x: number): number {
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
  return heap[base]!;
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
  const bucketStart = new Int32Array(n + 1);
  const bucketOf = new Int32Array(n);
  const sortedValues = new Float64Array(n);
  const sortedIndex = new Int32Array(n);
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
    // Bucket k = ⌊(v − lo)·(n − ½)/(hi − lo)⌋ ∈ [0, n) is monotone in v, so buckets are in value order.
    const scale = (n - 0.5) / (hi - lo);
    bucketStart.fill(0);
    let crowded = false;
    for (let i = 0; i < n; i++) {
      const k = ((values[i]! - lo) * scale) | 0;
      bucketOf[i] = k;
      if (++bucketStart[k + 1]! > maxBucket) crowded = true;
    }
    if (crowded) {
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => values[a]! - values[b]!);
      for (let p = 0; p < n; p++) {
        sortedIndex[p] = order[p]!;
        sortedValues[p] = values[order[p]!]!;
      }
    } else {
      for (let k = 0; k < n; k++) bucketStart[k + 1]! += bucketStart[k]!;
      // Scatter into the buckets, then one insertion pass: values only move within their bucket.
      for (let i = 0; i < n; i++) {
        const p = bucketStart[bucketOf[i]!]!++;
        sortedValues[p] = values[i]!;
        sortedIndex[p] = i;
      }
      for (let p = 1; p < n; p++) {
        const v = sortedValues[p]!;
        if (sortedValues[p - 1]! <= v) continue;
        const idx = sortedIndex[p]!;
        let q = p - 1;
        while (q >= 0 && sortedValues[q]! > v) {
          sortedValues[q + 1] = sortedValues[q]!;
          sortedIndex[q + 1] = sortedIndex[q]!;
          q--;
        }
        sortedValues[q + 1] = v;
        sortedIndex[q + 1] = idx;
      }
    }
    let rank = 0;
    let previous = NaN;
    for (let p = 0; p < n; p++) {
      const v = sortedValues[p]!;
      // −0 and +0 compare equal, so they tie.
      if (!(v === previous)) rank = p + 1;
      previous = v;
      out[sortedIndex[p]!] = rank;
    }
  };
}
