import { clusterEntries, designContrast } from './designContrast.js';
import type { NotAssessableReason } from './comparisonMark.js';

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
  /** Set when no variance can be estimated (SE 0: a rate of 0% or 100%, every stratum one school): the interval is NaN. */
  reason?: NotAssessableReason;
}

/**
 * Weighted mean with its Taylor-linearised SE in a stratified cluster design (PSUs with
 * replacement within strata; {@link designContrast} with one term): ȳ = ΣW_jȳ_j/ΣW, z_j = W_j(ȳ_j − ȳ)/ΣW, v = stratifiedVariance(z);
 * CI on PSUs − strata degrees of freedom. Equals R `svymean(~y, svydesign(ids = ~psu, strata =
 * ~stratum, weights = ~w))` (no fpc) and `confint(…, df = degf(des))`.
 *
 * @example
 * const schools = [{ stratum: 'a', sumWeights: 30, mean: 480 }, { stratum: 'a', sumWeights: 20, mean: 520 }, { stratum: 'b', sumWeights: 25, mean: 500 }, { stratum: 'b', sumWeights: 25, mean: 540 }];
 * designMean(schools); // => { mean: 508, se: 14.718695…, df: 2, lonelyStrata: 0, … } (R svymean: 508, SE 14.7186956)
 */
export function designMean(clusters: readonly DesignCluster[], level = 0.95): DesignMean {
  if (!(clusters.reduce((w, c) => w + c.sumWeights, 0) > 0)) throw new RangeError('designMean needs a positive total weight');
  const df = clusters.length - new Set(clusters.map((c) => c.stratum)).size;
  const d = designContrast(clusterEntries(clusters), [{ coefficient: 1, includes: () => true }], { df, level });
  return { mean: d.estimate, se: d.se, df, lower: d.lower, upper: d.upper, lonelyStrata: d.lonelyStrata, level, ...(d.reason ? { reason: d.reason } : {}) };
}
