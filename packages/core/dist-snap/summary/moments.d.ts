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
export declare function emptyMoments(): Moments;
/**
 * Adds one value with weight w (> 0) in place (weighted Welford, West 1979).
 *
 * @example
 * const m = emptyMoments(); addValue(m, 1); addValue(m, 3); m.mean; // => 2
 */
export declare function addValue(m: Moments, x: number, w?: number): Moments;
/**
 * Merges two summaries of disjoint sets of values (Chan, Golub & LeVeque 1979).
 *
 * @example
 * mergeMoments(momentsOf([1, 2]), momentsOf([3, 4])).mean; // => 2.5
 */
export declare function mergeMoments(a: Moments, b: Moments): Moments;
/**
 * Moments of an array (with optional weights).
 *
 * @example
 * momentsOf([2, 4, 6]).m2; // => 8
 */
export declare function momentsOf(values: ArrayLike<number>, weights?: ArrayLike<number>): Moments;
/**
 * Weighted sample variance s² = n/(n − 1) · m2/Σw — the estimator of R's `survey::svyvar`
 * (and, with unit weights, the usual sample variance `var()`). Undefined (NaN) for n < 2.
 *
 * @example
 * sampleVarianceOf(momentsOf([2, 4, 6])); // => 4
 */
export declare function sampleVarianceOf(m: Moments): number;
//# sourceMappingURL=moments.d.ts.map