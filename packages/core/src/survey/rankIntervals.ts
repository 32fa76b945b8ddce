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
  // Ranks of the estimates (and of draws beyond 2¹⁶ counties): a sorted typed copy and a
  // binary search, ties sharing the smallest rank.
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
  const estimate = Float64Array.from(groups, (g) => g.estimate);
  const se = Float64Array.from(groups, (g) => (Number.isFinite(g.se) ? g.se : 0));
  // County-major (county i's ranks at i·B), filled a block of draws at a time so each county's
  // slot gets one contiguous write per block (a write per draw and county would miss the cache
  // at every step once thousands of counties are ranked).
  const draws = new Int32Array(B * n);
  const rankDraw = n <= 1 << indexBits ? packedRanks(n, sign) : undefined;
  const values = new Float64Array(n);
  const blockSize = 32;
  const block = new Int32Array(blockSize * n);
  const r = new Int32Array(n);
  for (let b0 = 0; b0 < B; b0 += blockSize) {
    const size = Math.min(blockSize, B - b0);
    for (let k = 0; k < size; k++) {
      for (let i = 0; i < n; i++) values[i] = estimate[i]! + se[i]! * rng.normal();
      if (rankDraw) rankDraw(values, r);
      else rankOf(values, r);
      block.set(r, k * n);
    }
    // Transposed in tiles of 16 counties: each read is one cache line of the block.
    for (let i0 = 0; i0 < n; i0 += 16) {
      const i1 = Math.min(n, i0 + 16);
      for (let k = 0; k < size; k++) {
        const row = k * n;
        for (let i = i0; i < i1; i++) draws[i * B + b0 + k] = block[row + i]!;
      }
    }
  }
  // The order statistics of the draws at the interval's ends (selected, not sorted).
  const at = (p: number): number => Math.min(B - 1, Math.max(0, Math.round(p * (B - 1))));
  const low = at((1 - level) / 2);
  const high = at(1 - (1 - level) / 2);
  return groups.map((g, i) => {
    const column = draws.subarray(i * B, (i + 1) * B);
    const lower = select(column, low, 0, B - 1);
    const upper = select(column, high, low, B - 1);
    return { label: g.label, estimate: g.estimate, rank: ranks[i]!, lower, upper };
  });
}

/**
 * The k-th smallest of a[left..right] (Hoare's quickselect, median-of-three pivot), leaving
 * a[left..k−1] ≤ a[k] ≤ a[k+1..right]: a second call for a larger k may then start at k.
 */
function select(a: Int32Array, k: number, left: number, right: number): number {
  let l = left;
  let r = right;
  while (r > l) {
    const m = (l + r) >>> 1;
    // Median of a[l], a[m], a[r] as the pivot.
    if (a[m]! < a[l]!) swap(a, m, l);
    if (a[r]! < a[l]!) swap(a, r, l);
    if (a[r]! < a[m]!) swap(a, r, m);
    const pivot = a[m]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

const indexBits = 16;

/**
 * Ranks of n ≤ 2¹⁶ values by one native sort of 64-bit keys: each double is mapped to an
 * unsigned integer of the same order (sign bit flipped, or all bits for negatives) and its
 * index written into the low 16 bits, so the sorted keys say where each value went — no
 * comparator, no search (3× faster than sort + binary search at 2,000 counties). Equal values
 * share the smallest rank; values within about 1e-11 relative of each other count as equal.
 */
function packedRanks(n: number, sign: number): (values: Float64Array, out: Int32Array) => void {
  const buffer = new ArrayBuffer(8 * n);
  const f = new Float64Array(buffer);
  const u = new Uint32Array(buffer);
  const keys = new BigUint64Array(buffer);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const [lo, hi] = little ? [0, 1] : [1, 0];
  return (values, out) => {
    // + 0 turns −0 into +0, so that they tie as the estimates' ranking has them tie.
    for (let i = 0; i < n; i++) f[i] = sign * values[i]! + 0;
    for (let i = 0; i < n; i++) {
      let h = u[2 * i + hi]!;
      let l = u[2 * i + lo]!;
      if (h & 0x80000000) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      } else h = (h | 0x80000000) >>> 0;
      u[2 * i + hi] = h;
      u[2 * i + lo] = ((l & 0xffff0000) | i) >>> 0;
    }
    keys.sort();
    // Equal values share the smallest rank, as in the estimates' ranking.
    let rank = 0;
    for (let p = 0; p < n; p++) {
      const same = p > 0 && u[2 * p + hi] === u[2 * p - 2 + hi] && ((u[2 * p + lo]! ^ u[2 * p - 2 + lo]!) & 0xffff0000) === 0;
      if (!same) rank = p + 1;
      out[u[2 * p + lo]! & 0xffff] = rank;
    }
  };
}
