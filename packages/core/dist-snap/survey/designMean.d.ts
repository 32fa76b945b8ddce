/** A PSU (school, or student in an unclustered design) of a stratified design. */
export interface DesignCluster {
    stratum: string | number;
    sumWeights: number;
    /** Weighted mean of y in the PSU. */
    mean: number;
}
/** A design-based mean (加权均值及其设计标准误). */
export interface DesignMean {
    mean: number;
    se: number;
    /** PSUs − strata, the survey package's degf(). */
    df: number;
    lower: number;
    upper: number;
    /** Strata with a single PSU (they add no variance; survey's lonely.psu = "remove"). */
    lonelyStrata: number;
    level: number;
}
/**
 * Weighted mean with its Taylor-linearised SE in a stratified cluster design (PSUs with
 * replacement within strata; {@link designContrast} with one term): ȳ = ΣW_jȳ_j/ΣW, z_j = W_j(ȳ_j − ȳ)/ΣW, v = stratifiedVariance(z);
 * CI on PSUs − strata degrees of freedom. Equals R `svymean(~y, svydesign(ids = ~psu, strata =
 * ~stratum, weights = ~w))` (no fpc) and `confint(…, df = degf(des))`.
 *
 * @example
 * designMean(schools).se;
 */
export declare function designMean(clusters: readonly DesignCluster[], level?: number): DesignMean;
//# sourceMappingURL=designMean.d.ts.map