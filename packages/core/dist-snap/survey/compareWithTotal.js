import { clusterEntries, designContrast } from './designContrast.js';
/**
 * A group (county) against the total it belongs to (province), 县与全省比较: d = ȳ_g − ȳ, with
 * the Taylor-linearised variance that accounts for the overlap (the county's students are in
 * both means). With W_g, W the weight totals, each school's influence is
 *
 *   z_j = 1{j ∈ g} W_j (ȳ_j − ȳ_g)/W_g − W_j (ȳ_j − ȳ)/W,
 *
 * and v(d) = Σ_h n_h/(n_h − 1) Σ_{j∈h} (z_j − z̄_h)² over strata h (schools as PSUs with
 * replacement within strata) — R `svycontrast(svymean(~y_g + g + y, des), quote(y_g/g − y))`.
 * The CI and test use a t distribution on (schools in the group − 1) degrees of freedom: the
 * group's own schools dominate the variance, and in simulation (counties of 20 schools built
 * equal to the province, 800 tests) the normal reference flagged 7.3% at the 5% level, the t
 * reference 5.9%. The mark is 显著高于/低于 when the CI excludes 0.
 *
 * @example
 * compareWithTotal(clusters, 0.95).mark; // => 'higher'
 */
export function compareWithTotal(clusters, level = 0.95) {
    const design = clusterEntries(clusters);
    const inGroup = (e) => clusters[e.labels[0]].inGroup;
    if (!design.entries.some((e) => inGroup(e) && e.sumWeights[0] > 0))
        throw new RangeError('compareWithTotal needs students in the group');
    const df = Math.max(1, clusters.filter((c) => c.inGroup).length - 1);
    const d = designContrast(design, [{ coefficient: 1, includes: inGroup }, { coefficient: -1, includes: () => true }], { df, level });
    // A zero SE gives p = 1 here (no evidence either way), as this function always has.
    return { ...comparisonWithTotal(d), pValue: d.se > 0 ? d.pValue : 1 };
}
/**
 * A county − province contrast from {@link designContrast} (terms: the group, then the total)
 * in the shape of {@link ComparisonWithTotal}.
 *
 * @example
 * comparisonWithTotal(designContrast(entries, [county, province], { df: 11 })).mark;
 */
export function comparisonWithTotal(d) {
    return {
        groupMean: d.terms[0],
        totalMean: d.terms[1],
        difference: d.estimate,
        se: d.se,
        lower: d.lower,
        upper: d.upper,
        z: d.se > 0 ? d.estimate / d.se : 0,
        df: d.df,
        pValue: d.pValue,
        mark: d.mark,
        level: d.level,
    };
}
//# sourceMappingURL=compareWithTotal.js.map