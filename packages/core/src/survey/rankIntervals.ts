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
 * replicate weights and plausible values; groups are independent (separate strata).
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
  // Rank by sorting a typed copy (no comparator) and binary search: fast for many counties.
  const sorted = new Float64Array(n);
  const rankOf = (values: Float64Array, out: Int32Array): void => {
    for (let i = 0; i < n; i++) sorted[i] = sign * values[i]!;
    sorted.sort();
    for (let i = 0; i < n; i++) {
      const v = sign * values[i]!;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      out[i] = lo + 1;
    }
  };
  const ranks = new Int32Array(n);
  rankOf(Float64Array.from(groups, (g) => g.estimate), ranks);
  const draws = groups.map(() => new Int32Array(B));
  const values = new Float64Array(n);
  const r = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) values[i] = groups[i]!.estimate + (Number.isFinite(groups[i]!.se) ? groups[i]!.se : 0) * rng.normal();
    rankOf(values, r);
    for (let i = 0; i < n; i++) draws[i]![b] = r[i]!;
  }
  const quantile = (sorted: Int32Array, p: number): number => sorted[Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))))]!;
  return groups.map((g, i) => {
    const sorted = draws[i]!.sort();
    return { label: g.label, estimate: g.estimate, rank: ranks[i]!, lower: quantile(sorted, (1 - level) / 2), upper: quantile(sorted, 1 - (1 - level) / 2) };
  });
}
