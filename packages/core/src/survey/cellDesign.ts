import type { DesignEntries } from './designEntries.js';
import { stratumIds } from './stratumIds.js';

/**
 * The entries of a cell that a domain's estimate rests on, and the design's degrees of freedom
 * there, as R's `degf()` of the design restricted to the cell (a domain: to its own schools):
 * schools − strata, or with replicate weights the rank of the replicate weights less one.
 *
 * @example
 * const schools = Array.from({ length: 12 }, (_, i) => `s${i + 1}`); // 12 schools in one county
 * const entries = designEntriesOf({ keys: ['school'], labels: [schools], strata: schools.map(() => '青山县'), count: new Float64Array(12).fill(30), sumWeights: new Float64Array(12).fill(30), sumWY: new Float64Array(12), sumWYY: new Float64Array(12), plausibleValues: 1, replicates: 0, method: null });
 * cellDegreesOfFreedom(entries, [...schools.keys()]); // => 11 (12 schools − 1 stratum)
 */
export function cellDegreesOfFreedom(entries: DesignEntries, rows: readonly number[], includes?: (e: number) => boolean): number {
  const own = includes ? rows.filter((e) => entries.count[e]! > 0 && includes(e)) : rows;
  if (entries.replicates > 0) return replicateRank(entries, own) - 1;
  const strata = stratumIds(entries);
  return new Set(own.map((e) => entries.psu[e])).size - new Set(own.map((e) => strata[e])).size;
}

/**
 * The rank of the replicate weights over some entries (their Σw under each replicate, entries ×
 * R), as R's `qr(weights(design, "analysis"), tol = 1e-5)$rank` on the rows of those entries —
 * equal when the replicate weights are school-level multipliers of the student weight (JK2,
 * BRR, Fay, JK1). Modified Gram–Schmidt; a column whose residual is under 1e-5 of its norm is
 * dependent (LINPACK's limited pivoting, as R's qr). Cost O(R² × entries).
 *
 * @example
 * // Three schools; Σw under the full weight and replicates 1–3 (replicate 3 = replicate 1 + replicate 2).
 * const entries = designEntriesOf({ keys: ['school'], labels: [['s1', 's2', 's3']], strata: ['a', 'a', 'a'], count: Float64Array.of(10, 10, 10), sumWeights: Float64Array.of(10, 20, 0, 20, 10, 0, 20, 20, 10, 10, 10, 20), sumWY: new Float64Array(12), sumWYY: new Float64Array(3), plausibleValues: 1, replicates: 3, method: { kind: 'JK2' } });
 * replicateRank(entries, [0, 1, 2]); // => 2
 */
export function replicateRank(entries: DesignEntries, rows: readonly number[]): number {
  const R = entries.replicates;
  const basis: Float64Array[] = [];
  for (let r = 1; r <= R; r++) {
    const v = Float64Array.from(rows, (e) => entries.sumWeights[e * (R + 1) + r]!);
    const norm = euclidean(v);
    if (!(norm > 0)) continue;
    for (const b of basis) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * b[i]!;
      for (let i = 0; i < v.length; i++) v[i]! -= dot * b[i]!;
    }
    const rest = euclidean(v);
    if (rest < 1e-5 * norm) continue;
    for (let i = 0; i < v.length; i++) v[i]! /= rest;
    basis.push(v);
  }
  return basis.length;
}

function euclidean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}
