import { type ClusterSummary, type VarianceUnavailable } from './clusterSummary.js';
/** A fitted random-intercept model y_ij = μ + u_j + e_ij (随机截距模型). */
export interface RandomInterceptFit {
    estimable: true;
    method: 'REML' | 'ML';
    schools: number;
    students: number;
    /** μ̂ and its standard error √(1/Σ n_j/λ_j), λ_j = σ²_w + n_j σ²_b (as lme4's vcov). */
    intercept: number;
    interceptSE: number;
    betweenVariance: number;
    withinVariance: number;
    /** ICC = σ²_b/(σ²_b + σ²_w) (校间差异占比). */
    icc: number;
    /** Profile-likelihood confidence interval for the ICC. */
    iccCI: [number, number];
    level: number;
    /** Log-likelihood (restricted for REML), on lme4's scale (logLik()). */
    logLik: number;
    /** True when the maximum is at σ²_b = 0. */
    boundary: boolean;
}
/**
 * Restricted maximum likelihood (REML, 限制性极大似然) fit of the random-intercept model
 * y_ij = μ + u_j + e_ij, u_j ~ N(0, σ²_b), e_ij ~ N(0, σ²_w), computed exactly from per-school
 * n_j, ȳ_j and SS_j (no pass over students): the likelihood is profiled over μ and σ²_w and
 * maximised over the ICC by Brent's method. Matches R `lme4::lmer(y ~ 1 + (1 | school))`
 * (High School and Beyond: σ²_b 8.614, σ²_w 39.148). CI: profile likelihood.
 *
 * @example
 * iccReml(groupedMoments(table, { keys: ['school'], value: 'math', weight: null })).icc; // => 0.1803…
 */
export declare function iccReml(s: ClusterSummary, level?: number): RandomInterceptFit | VarianceUnavailable;
/**
 * Maximum likelihood (ML, 极大似然) fit of the random-intercept model, as {@link iccReml};
 * matches `lme4::lmer(…, REML = FALSE)`.
 *
 * @example
 * iccMl(summary).betweenVariance; // => 8.553… on High School and Beyond
 */
export declare function iccMl(s: ClusterSummary, level?: number): RandomInterceptFit | VarianceUnavailable;
/** A weighted (pseudo-likelihood) fit, with jackknife uncertainty. */
export interface WeightedRandomInterceptFit extends Omit<RandomInterceptFit, 'method'> {
    method: 'pseudo-ML';
}
/**
 * Weighted between-school decomposition (加权估计): maximum pseudo-likelihood of the
 * random-intercept model with school weights a_j and scaled within-school weights
 * (Pfeffermann et al. 1998; Rabe-Hesketh & Skrondal 2006 — Stata `mixed … [pw=]`, R WeMix),
 * from the summary of {@link weightedClusterSummary}. Standard errors and the ICC interval come
 * from the delete-one-school jackknife (the ICC on the logit scale), since the
 * pseudo-likelihood is not a likelihood. With equal weights it equals {@link iccMl}.
 *
 * @example
 * iccWeighted(weightedClusterSummary(weightedSchoolMoments)).icc;
 */
export declare function iccWeighted(s: ClusterSummary, level?: number): WeightedRandomInterceptFit | VarianceUnavailable;
//# sourceMappingURL=randomIntercept.d.ts.map