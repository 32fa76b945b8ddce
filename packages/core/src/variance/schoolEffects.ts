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
 * const fit = { intercept: 500, betweenVariance: 100, withinVariance: 1000 } as RandomInterceptFit; // a fitted model's μ̂, σ²_b, σ²_w
 * schoolEffects({ count: [10], mean: [520], m2: [9000] }, fit); // => [{ students: 10, mean: 520, meanSE: 10, shrunkenMean: 510, posteriorSD: 7.0710678118654755 }]
 */
export function schoolEffects(s: ClusterSummary, fit: RandomInterceptFit): SchoolEffect[] {
  const out: SchoolEffect[] = [];
  const tau2 = fit.betweenVariance;
  const sigma2 = fit.withinVariance;
  for (let j = 0; j < s.count.length; j++) {
    const n = s.count[j]!;
    const mean = s.mean[j]!;
    const shrink = sigma2 + n * tau2 > 0 ? (n * tau2) / (sigma2 + n * tau2) : 1;
    out.push({
      students: n,
      mean,
      meanSE: n > 1 ? Math.sqrt(s.m2[j]! / (n - 1) / n) : null,
      shrunkenMean: fit.intercept + shrink * (mean - fit.intercept),
      posteriorSD: sigma2 + n * tau2 > 0 ? Math.sqrt((tau2 * sigma2) / (sigma2 + n * tau2)) : 0,
    });
  }
  return out;
}
