import type { GroupedMoments, KeyLabel } from '@jiance/core';

/** Column-wise shifted sums of one value, as a summary query returns them (see summarySql.ts). */
export interface ShiftedSums {
  /** Usable values per group. */
  count: ArrayLike<number | bigint>;
  /** Σw */
  sumWeights: ArrayLike<number | null>;
  /** Σw² */
  sumWeights2: ArrayLike<number | null>;
  /** Σw(x − c) */
  sum1: ArrayLike<number | null>;
  /** Σw(x − c)² */
  sum2: ArrayLike<number | null>;
  /** The shift c. */
  centre: number;
}

/**
 * Core's per-group moments from shifted sums (移位求和 → 分组矩): x̄_w = c + s1/Σw and
 * m2 = s2 − s1²/Σw (the parallel-axis identity Σw(x − x̄)² = Σw(x − c)² − Σw·(x̄ − c)²), clamped
 * at 0 and exactly 0 for a single value, as Welford gives. Groups without a usable value are
 * dropped, as core's `groupedMoments` never creates them.
 *
 * @example
 * const g = momentsFromSums(['school'], [['一小']], { count: [2], sumWeights: [2], sumWeights2: [2], sum1: [2], sum2: [4], centre: 500 });
 * [g.mean[0], g.m2[0]]; // => [501, 2]
 */
export function momentsFromSums(keys: readonly string[], labels: readonly (readonly KeyLabel[])[], sums: ShiftedSums): GroupedMoments {
  const keep: number[] = [];
  for (let g = 0; g < sums.count.length; g++) if (Number(sums.count[g]) > 0) keep.push(g);
  const count = new Float64Array(keep.length);
  const sumWeights = new Float64Array(keep.length);
  const sumWeights2 = new Float64Array(keep.length);
  const mean = new Float64Array(keep.length);
  const m2 = new Float64Array(keep.length);
  keep.forEach((g, i) => {
    const n = Number(sums.count[g]);
    const W = Number(sums.sumWeights[g]);
    const s1 = Number(sums.sum1[g]);
    count[i] = n;
    sumWeights[i] = W;
    sumWeights2[i] = Number(sums.sumWeights2[g]);
    mean[i] = sums.centre + s1 / W;
    m2[i] = n === 1 ? 0 : Math.max(0, Number(sums.sum2[g]) - (s1 * s1) / W);
  });
  return {
    keys: [...keys],
    labels: labels.map((column) => keep.map((g) => column[g] ?? null)),
    count,
    sumWeights,
    sumWeights2,
    mean,
    m2,
  };
}
