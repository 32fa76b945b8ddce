import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { stratifiedVariance } from '../survey/stratifiedVariance.js';
import { rateClopperPearson, rateWilson } from './rateInterval.js';
/**
 * Weighted proportion with schools as clusters (整群抽样检出率): the ratio estimator
 * p̂ = Σ w_ij y_ij / Σ w_ij, its Taylor-linearised variance with schools as PSUs sampled with
 * replacement in one stratum,
 *
 *   v(p̂) = J/(J − 1) Σ_j z_j²,  z_j = Σ_i w_ij (y_ij − p̂) / Σ w,
 *
 * (Wolter 2007, §6.5; R `survey::svymean(~y, svydesign(ids = ~school, weights = ~w))`), the
 * design effect, and the Korn–Graubard (1998) interval: Clopper–Pearson on the effective
 * sample size n_eff = p̂(1 − p̂)/v, scaled by (t_{n−1}/t_{J−1})², as `svyciprop(method =
 * "beta")`. With p̂ = 0 or 1 the variance is 0 and the interval is Clopper–Pearson on n.
 * Needs at least two schools with students for a design-based SE; with one, the SE is NaN
 * and the interval is the simple-random-sample Clopper–Pearson (flagged by schools = 1).
 *
 * @example
 * rateClustered({ count: [30, 30], sumWeights: [30, 60], sumWeightedCases: [9, 24] }).rate; // => 0.3666…
 */
export function rateClustered(c, level = 0.95, options = {}) {
    let n = 0;
    let W = 0;
    let WY = 0;
    let J = 0;
    for (let j = 0; j < c.count.length; j++) {
        if (!(c.count[j] > 0))
            continue;
        J++;
        n += c.count[j];
        W += c.sumWeights[j];
        WY += c.sumWeightedCases[j];
    }
    if (n === 0)
        throw new RangeError('rateClustered needs at least one student');
    const p = WY / W;
    const z = [];
    for (let j = 0; j < c.count.length; j++) {
        if (c.count[j] > 0)
            z.push({ stratum: 0, z: (c.sumWeightedCases[j] - p * c.sumWeights[j]) / W });
    }
    // A design with replicate weights supplies its own variance (replicateVariance); the
    // Korn–Graubard interval is then built on it in the same way.
    const variance = options.variance ?? (J > 1 ? stratifiedVariance(z).variance : NaN);
    const se = Math.sqrt(variance);
    const srsVariance = n > 1 ? (p * (1 - p)) / (n - 1) : NaN;
    const designEffect = srsVariance > 0 ? variance / srsVariance : NaN;
    if (!(variance > 0)) {
        const cp = rateClopperPearson(p * n, n, level);
        return { rate: p, se, designEffect, effectiveSize: variance === 0 ? Infinity : n, students: n, schools: J, lower: cp.lower, upper: cp.upper, wilson: [cp.lower, cp.upper], level };
    }
    const alpha = 1 - level;
    const effectiveSize = (p * (1 - p)) / variance;
    const dfAdjusted = effectiveSize * (tQuantile(alpha / 2, n - 1) / tQuantile(alpha / 2, J - 1)) ** 2;
    const kg = rateClopperPearson(p * dfAdjusted, dfAdjusted, level);
    const w = rateWilson(p * effectiveSize, effectiveSize, level);
    return { rate: p, se, designEffect, effectiveSize, students: n, schools: J, lower: kg.lower, upper: kg.upper, wilson: [w.lower, w.upper], level };
}
//# sourceMappingURL=rateClustered.js.map