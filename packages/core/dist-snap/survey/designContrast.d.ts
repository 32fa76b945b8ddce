import type { ComparisonMark } from './compareWithTotal.js';
import type { DesignEntries, DesignEntry } from './designEntries.js';
import { type ReplicateMethod } from './replicateVariance.js';
/** One domain ratio R_d = Σ_{e∈d} Σwy / Σ_{e∈d} Σw in a linear combination θ = Σ c_d R_d. */
export interface ContrastTerm {
    coefficient: number;
    /** Which entries belong to the domain (a county, the province, the girls of a county…). */
    includes: (entry: DesignEntry) => boolean;
    /**
     * The domain's totals when they were computed over more entries than are passed (e.g. the
     * province, when only a county's strata are passed): Σw per weight r and Σwy per PV m × r.
     */
    totals?: DomainTotals;
}
/** Σw (index r) and Σwy (index m·(R + 1) + r) of a domain. */
export interface DomainTotals {
    sumWeights: Float64Array;
    sumWY: Float64Array;
}
/**
 * The totals of the entries a predicate selects (for {@link ContrastTerm.totals}).
 *
 * @example
 * domainTotals(entries, () => true).sumWeights[0]; // => Σw of everyone
 */
export declare function domainTotals(design: DesignEntries, includes?: (e: DesignEntry) => boolean): DomainTotals;
/** A design-based estimate with its standard error (设计估计). */
export interface DesignEstimate {
    estimate: number;
    se: number;
    /** Degrees of freedom of the t reference (Infinity: normal); Barnard–Rubin with plausible values. */
    df: number;
    lower: number;
    upper: number;
    /** Two-sided p of estimate = 0. */
    pValue: number;
    mark: ComparisonMark;
    level: number;
    /** 'taylor' (schools as PSUs) or the replicate method. */
    variance: 'taylor' | ReplicateMethod['kind'];
    /** With plausible values: their number, the mean sampling variance Ū and the between-PV variance B. */
    plausibleValues: {
        count: number;
        withinVariance: number;
        betweenVariance: number;
    } | null;
    /** Domain ratios of each term (for PVs: averaged), e.g. the county and province means. */
    terms: number[];
    /** Strata with a single PSU, which add no variance under Taylor linearisation. */
    lonelyStrata: number;
    /** The sampling variance of each plausible value's estimate (before Rubin's rules). */
    pvVariances: number[];
}
/**
 * Design entries of PSU summaries given directly (one PSU each, one value, full weight only):
 * what {@link designMean} and {@link compareWithTotal} pass to {@link designContrast}.
 *
 * @example
 * clusterEntries([{ stratum: 'a', sumWeights: 30, mean: 512 }]).entries[0].sumWY[0]; // => 15360
 */
export declare function clusterEntries(clusters: readonly {
    stratum: string | number;
    sumWeights: number;
    mean: number;
}[]): DesignEntries;
/**
 * A linear combination of domain ratios θ = Σ_d c_d R_d with R_d = Σ_{d} wy / Σ_{d} w — a
 * mean or rate (one term), a county against its province including itself (+1 county,
 * −1 province), two counties, two sexes inside a county — with its design-based SE:
 *
 * - Taylor: z_j = Σ_d c_d (Σ_{e∈j,d} wy − R_d Σ_{e∈j,d} w)/W_d per PSU j, v = Σ_h n_h/(n_h − 1)
 *   Σ_j (z_j − z̄_h)² (Binder 1983; R `svycontrast(svyby(…))`, lonely PSUs removed);
 * - replicates: θ_r recomputed with each replicate weight, v by {@link replicateVariance};
 * - plausible values: θ_m, v_m per PV, combined by {@link combinePlausibleValues} with
 *   Barnard–Rubin df on the complete-data `df`.
 *
 * Entries must include every PSU of the design cell (a PSU outside all domains still counts
 * towards n_h, as in R's domain estimation).
 *
 * @example
 * designContrast(entries, [{ coefficient: 1, includes: (e) => e.labels[2] === '青山县' }], { df: 11 }).se;
 */
export declare function designContrast(design: DesignEntries, terms: readonly ContrastTerm[], options: {
    df: number;
    level?: number;
    /**
     * Taylor variance (per PV) from strata not among the entries passed — with `totals`, this
     * lets a county − province contrast look only at the county's strata.
     */
    outsideVariance?: readonly number[];
}): DesignEstimate;
//# sourceMappingURL=designContrast.d.ts.map