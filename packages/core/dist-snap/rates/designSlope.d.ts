/** One school-year cluster: its year (the stratum), Σw and the weighted mean of y. */
export interface SlopeCluster {
    year: number;
    sumWeights: number;
    mean: number;
}
/** A design-based linear trend: the change in the weighted mean per year. */
export interface DesignSlope {
    slope: number;
    se: number;
    /** Degrees of freedom: clusters − strata − 1. */
    df: number;
    pValue: number;
}
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
export declare function designSlope(clusters: readonly SlopeCluster[]): DesignSlope | null;
//# sourceMappingURL=designSlope.d.ts.map