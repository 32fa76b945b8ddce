import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { stratifiedVariance } from '../survey/stratifiedVariance.js';
/**
 * Design-based slope of a weighted mean on the year (线性趋势): weighted least squares of y on
 * year over all students, with the sandwich variance of the survey package for schools as
 * clusters within years as strata (R `svyglm(y ~ year, svydesign(ids = ~school, strata =
 * ~year, weights = ~w))`). From per-school-year Σw and weighted means only:
 *
 *   β̂ = Σ W_c (t_c − t̄)(ȳ_c − ȳ) / S,  S = Σ W_c (t_c − t̄)²,
 *   U_c = W_c (t_c − t̄)(ȳ_c − ȳ − β̂(t_c − t̄)),  v(β̂) = Σ_h n_h/(n_h − 1) Σ_{c∈h} (U_c − Ū_h)² / S²,
 *
 * and a t test on clusters − strata − 1 degrees of freedom (svyglm's df.residual). Every student of a school-year shares
 * the year, so the cluster sums are enough. Null with fewer than two years or two clusters in
 * some year.
 *
 * @example
 * designSlope([{ year: 2021, sumWeights: 30, mean: 0.3 }, …]).slope; // => 0.03
 */
export function designSlope(clusters) {
    const W = clusters.reduce((a, c) => a + c.sumWeights, 0);
    if (!(W > 0))
        return null;
    const tBar = clusters.reduce((a, c) => a + c.sumWeights * c.year, 0) / W;
    const yBar = clusters.reduce((a, c) => a + c.sumWeights * c.mean, 0) / W;
    let sxx = 0;
    let sxy = 0;
    for (const c of clusters) {
        sxx += c.sumWeights * (c.year - tBar) ** 2;
        sxy += c.sumWeights * (c.year - tBar) * (c.mean - yBar);
    }
    if (!(sxx > 0))
        return null;
    const slope = sxy / sxx;
    const { variance: meat, lonelyStrata } = stratifiedVariance(clusters.map((c) => ({ stratum: c.year, z: c.sumWeights * (c.year - tBar) * (c.mean - yBar - slope * (c.year - tBar)) })));
    if (lonelyStrata > 0)
        return null;
    const se = Math.sqrt(meat) / sxx;
    // As svyglm: design df (clusters − strata) minus the one slope parameter.
    const df = clusters.length - new Set(clusters.map((c) => c.year)).size - 1;
    const pValue = se > 0 ? 2 * (1 - tCdf(Math.abs(slope / se), df)) : slope === 0 ? 1 : 0;
    return { slope, se, df, pValue };
}
//# sourceMappingURL=designSlope.js.map