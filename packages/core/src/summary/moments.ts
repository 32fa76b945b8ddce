/**
 * Weighted moments (加权矩) of one group: count, Σw, Σw², weighted mean and the weighted sum
 * of squared deviations about it (m2 = Σ w (x − x̄_w)²). Built one value at a time by the
 * weighted Welford update (West 1979) and merged exactly by Chan, Golub & LeVeque (1979):
 *
 *   W = W_a + W_b,  δ = x̄_b − x̄_a,  x̄ = x̄_a + δ·W_b/W,  m2 = m2_a + m2_b + δ²·W_a·W_b/W.
 *
 * Merging is exact in real arithmetic and order-free, which lets summaries of batches, files
 * or SQL GROUP BYs be combined (DESIGN.md, "Shape").
 */
export interface Moments {
  count: number;
  sumWeights: number;
  sumWeights2: number;
  mean: number;
  m2: number;
}

/** Moments of no values. */
export function emptyMoments(): Moments {
  return { count: 0, sumWeights: 0, sumWeights2: 0, mean: 0, m2: 0 };
}

/**
 * Adds one value with weight w (> 0) in place (weighted Welford, West 1979).
 *
 * @example
 * const m = emptyMoments(); addValue(m, 1); addValue(m, 3); m.mean; // => 2
 */
export function addValue(m: Moments, x: number, w = 1): Moments {
  m.count++;
  m.sumWeights += w;
  m.sumWeights2 += w * w;
  const delta = x - m.mean;
  m.mean += (w / m.sumWeights) * delta;
  m.m2 += w * delta * (x - m.mean);
  return m;
}

/**
 * Merges two summaries of disjoint sets of values (Chan, Golub & LeVeque 1979).
 *
 * @example
 * mergeMoments(momentsOf([1, 2]), momentsOf([3, 4])).mean; // => 2.5
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.sumWeights === 0) return { ...b };
  if (b.sumWeights === 0) return { ...a };
  mergeMeanM2(a.sumWeights, a.mean, a.m2, b.sumWeights, b.mean, b.m2, merged);
  return { count: a.count + b.count, sumWeights: a.sumWeights + b.sumWeights, sumWeights2: a.sumWeights2 + b.sumWeights2, mean: merged[0]!, m2: merged[1]! };
}

const merged = new Float64Array(2);

/**
 * Chan, Golub & LeVeque's step (1979) on plain numbers, for loops over typed arrays that keep
 * moments in columns (summaryAccumulator, derivedSummaries, the SQL merge): the mean and m2 of
 * two parts with weights wa, wb > 0, written to out[0] and out[1] — the one place the merge is
 * written.
 *
 *   δ = x̄_b − x̄_a,  x̄ = x̄_a + δ·W_b/W,  m2 = m2_a + m2_b + δ²·W_a·W_b/W.
 *
 * @example
 * const out = new Float64Array(2);
 * mergeMeanM2(2, 1.5, 0.5, 2, 3.5, 0.5, out); // the values 1, 2 and 3, 4
 * out; // => Float64Array [2.5, 5]
 */
export function mergeMeanM2(wa: number, meanA: number, m2A: number, wb: number, meanB: number, m2B: number, out: Float64Array): void {
  const w = wa + wb;
  const delta = meanB - meanA;
  out[0] = meanA + (delta * wb) / w;
  out[1] = m2A + m2B + (delta * delta * wa * wb) / w;
}

/**
 * Moments of an array (with optional weights).
 *
 * @example
 * momentsOf([2, 4, 6]).m2; // => 8
 */
export function momentsOf(values: ArrayLike<number>, weights?: ArrayLike<number>): Moments {
  const m = emptyMoments();
  for (let i = 0; i < values.length; i++) addValue(m, values[i]!, weights ? weights[i]! : 1);
  return m;
}

/**
 * Weighted sample variance s² = n/(n − 1) · m2/Σw — the estimator of R's `survey::svyvar`
 * (and, with unit weights, the usual sample variance `var()`). Undefined (NaN) for n < 2.
 *
 * @example
 * sampleVarianceOf(momentsOf([2, 4, 6])); // => 4
 */
export function sampleVarianceOf(m: Moments): number {
  if (m.count < 2) return NaN;
  return ((m.count / (m.count - 1)) * m.m2) / m.sumWeights;
}
