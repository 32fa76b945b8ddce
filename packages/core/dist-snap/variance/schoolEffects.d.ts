import type { ClusterSummary } from './clusterSummary.js';
import type { RandomInterceptFit } from './randomIntercept.js';
/** One school's mean, raw and shrunken (学校均值与经验贝叶斯收缩估计). */
export interface SchoolEffect {
    students: number;
    mean: number;
    /** s_j/√n_j with the school's own SD; null for a single student. */
    meanSE: number | null;
    /** Empirical-Bayes mean μ̂ + û_j, û_j = σ²_b n_j/(σ²_w + n_j σ²_b) · (ȳ_j − μ̂). */
    shrunkenMean: number;
    /** Posterior SD of u_j: √(σ²_b σ²_w/(σ²_w + n_j σ²_b)) (lme4's condVar). */
    posteriorSD: number;
}
/**
 * Per-school means with standard errors and empirical-Bayes (shrunken) means with posterior
 * SDs, from a fitted random-intercept model (Raudenbush & Bryk 2002, §3.6; lme4 `ranef(fit,
 * condVar = TRUE)`). Small schools are pulled towards μ̂ more than large ones.
 *
 * @example
 * schoolEffects({ count: [10], mean: [520], m2: [900] }, fit)[0].shrunkenMean; // between μ̂ and 520
 */
export declare function schoolEffects(s: ClusterSummary, fit: RandomInterceptFit): SchoolEffect[];
//# sourceMappingURL=schoolEffects.d.ts.map