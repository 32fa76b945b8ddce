import { clusterEntries, designContrast } from './designContrast.js';
/**
 * Weighted mean with its Taylor-linearised SE in a stratified cluster design (PSUs with
 * replacement within strata; {@link designContrast} with one term): ȳ = ΣW_jȳ_j/ΣW, z_j = W_j(ȳ_j − ȳ)/ΣW, v = stratifiedVariance(z);
 * CI on PSUs − strata degrees of freedom. Equals R `svymean(~y, svydesign(ids = ~psu, strata =
 * ~stratum, weights = ~w))` (no fpc) and `confint(…, df = degf(des))`.
 *
 * @example
 * designMean(schools).se;
 */
export function designMean(clusters, level = 0.95) {
    if (!(clusters.reduce((w, c) => w + c.sumWeights, 0) > 0))
        throw new RangeError('designMean needs a positive total weight');
    const df = clusters.length - new Set(clusters.map((c) => c.stratum)).size;
    const d = designContrast(clusterEntries(clusters), [{ coefficient: 1, includes: () => true }], { df, level });
    return { mean: d.estimate, se: d.se, df, lower: d.lower, upper: d.upper, lonelyStrata: d.lonelyStrata, level };
}
//# sourceMappingURL=designMean.js.map