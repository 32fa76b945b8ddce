import { type ClusterSummary, type VarianceUnavailable } from './clusterSummary.js';
/** One-way ANOVA (method of moments) decomposition of a score into between- and within-school variance. */
export interface AnovaDecomposition {
    estimable: true;
    method: 'ANOVA';
    schools: number;
    students: number;
    /** Mean square between schools, SSB/(J − 1). */
    meanSquareBetween: number;
    /** Mean square within schools, SSW/(N − J) = σ̂²_w. */
    meanSquareWithin: number;
    /** n₀ = (N − Σn_j²/N)/(J − 1), the "average" school size for unequal sizes. */
    n0: number;
    betweenVariance: number;
    withinVariance: number;
    /** ICC = σ²_b/(σ²_b + σ²_w) (校间差异占比). */
    icc: number;
    /** Confidence interval for the ICC (F-based, see iccAnova). */
    iccCI: [number, number];
    level: number;
    /** True when MSB < MSW and σ²_b was truncated at 0. */
    truncated: boolean;
}
/**
 * Between-school share of variance by one-way ANOVA (方差分析法组内相关系数):
 *
 *   MSB = Σ n_j(ȳ_j − ȳ)²/(J − 1),  MSW = Σ SS_j/(N − J),  n₀ = (N − Σ n_j²/N)/(J − 1),
 *   σ²_b = max(0, (MSB − MSW)/n₀),  σ²_w = MSW,  ICC = σ²_b/(σ²_b + σ²_w).
 *
 * The CI inverts F = MSB/MSW (Searle 1971, *Linear Models* §9.7; Donner 1986, Int. Stat. Rev.
 * 54:67–82): with F_L = F/F_{1−α/2}(J−1, N−J) and F_U = F/F_{α/2}(J−1, N−J), the limits are
 * (F − 1)/(F + n₀ − 1) at F_L and F_U, clipped to [0, 1]. Exact for equal school sizes,
 * a close approximation otherwise (Donner 1986).
 *
 * Degenerate input (fewer than two schools, one student per school, no variance) returns
 * `{ estimable: false, reason }`.
 *
 * @example
 * iccAnova({ count: [2, 2], mean: [1, 3], m2: [0.5, 0.5] }).icc; // => 0.7777777777777778
 */
export declare function iccAnova(s: ClusterSummary, level?: number): AnovaDecomposition | VarianceUnavailable;
//# sourceMappingURL=iccAnova.d.ts.map