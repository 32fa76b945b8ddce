/** Moments of no values. */
export function emptyMoments() {
    return { count: 0, sumWeights: 0, sumWeights2: 0, mean: 0, m2: 0 };
}
/**
 * Adds one value with weight w (> 0) in place (weighted Welford, West 1979).
 *
 * @example
 * const m = emptyMoments(); addValue(m, 1); addValue(m, 3); m.mean; // => 2
 */
export function addValue(m, x, w = 1) {
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
export function mergeMoments(a, b) {
    if (a.sumWeights === 0)
        return { ...b };
    if (b.sumWeights === 0)
        return { ...a };
    const sumWeights = a.sumWeights + b.sumWeights;
    const delta = b.mean - a.mean;
    return {
        count: a.count + b.count,
        sumWeights,
        sumWeights2: a.sumWeights2 + b.sumWeights2,
        mean: a.mean + (delta * b.sumWeights) / sumWeights,
        m2: a.m2 + b.m2 + (delta * delta * a.sumWeights * b.sumWeights) / sumWeights,
    };
}
/**
 * Moments of an array (with optional weights).
 *
 * @example
 * momentsOf([2, 4, 6]).m2; // => 8
 */
export function momentsOf(values, weights) {
    const m = emptyMoments();
    for (let i = 0; i < values.length; i++)
        addValue(m, values[i], weights ? weights[i] : 1);
    return m;
}
/**
 * Weighted sample variance s² = n/(n − 1) · m2/Σw — the estimator of R's `survey::svyvar`
 * (and, with unit weights, the usual sample variance `var()`). Undefined (NaN) for n < 2.
 *
 * @example
 * sampleVarianceOf(momentsOf([2, 4, 6])); // => 4
 */
export function sampleVarianceOf(m) {
    if (m.count < 2)
        return NaN;
    return ((m.count / (m.count - 1)) * m.m2) / m.sumWeights;
}
//# sourceMappingURL=moments.js.map