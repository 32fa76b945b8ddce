import { assessable, type ComparisonMark, type NotAssessableReason } from './comparisonMark.js';
import { clusterEntries, designContrast, type DesignEstimate } from './designContrast.js';

/** One school (cluster) for a design-based comparison: its stratum, group membership and sums. */
export interface ComparisonCluster {
  /** Stratum of the design (e.g. the county, when schools are sampled within counties). */
  stratum: string | number;
  /** Whether the school belongs to the group compared (the county). */
  inGroup: boolean;
  sumWeights: number;
  /** Weighted mean of y in the school (a rate for 0/1 y). */
  mean: number;
}

export type { ComparisonMark, NotAssessableReason } from './comparisonMark.js';

/** A group's weighted mean against the total it is part of. */
export interface ComparisonWithTotal {
  groupMean: number;
  totalMean: number;
  difference: number;
  se: number;
  lower: number;
  upper: number;
  /** difference / SE, referred to a t distribution on `df`. */
  z: number;
  /** The group's schools − 1: its own clusters dominate the variance of the difference. */
  df: number;
  /** NaN when not assessable. */
  pValue: number;
  mark: ComparisonMark;
  /** Set when `mark` is 'not-assessable' (the interval and p are then NaN). */
  reason?: NotAssessableReason;
  level: number;
}

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
 * const school = (county: string, mean: number) => ({ stratum: county, inGroup: county === '青山县', sumWeights: 30, mean });
 * const clusters = [school('青山县', 560), school('青山县', 570), school('青山县', 585), school('河东区', 480), school('河东区', 490), school('河东区', 505)];
 * compareWithTotal(clusters, 0.95); // => { groupMean: 571.66…, totalMean: 531.66…, difference: 40, se: 5.137011…, df: 2, mark: 'higher', … } (R svycontrast: 40, SE 5.13701167)
 */
export function compareWithTotal(clusters: readonly ComparisonCluster[], level = 0.95): ComparisonWithTotal {
  const design = clusterEntries(clusters);
  const inGroup = (e: number) => clusters[e]!.inGroup;
  if (!clusters.some((c) => c.inGroup && c.sumWeights > 0)) throw new RangeError('compareWithTotal needs students in the group');
  const df = Math.max(1, clusters.filter((c) => c.inGroup).length - 1);
  const d = designContrast(
    design,
    [
      { coefficient: 1, includes: inGroup },
      { coefficient: -1, includes: () => true },
    ],
    { df, level },
  );
  return comparisonWithTotal(d);
}

/**
 * A county − province contrast from {@link designContrast} (terms: the group, then the total)
 * in the shape of {@link ComparisonWithTotal}.
 *
 * @example
 * const school = (county: string, mean: number) => ({ stratum: county, inGroup: county === '青山县', sumWeights: 30, mean });
 * const clusters = [school('青山县', 560), school('青山县', 570), school('青山县', 585), school('河东区', 480), school('河东区', 490), school('河东区', 505)];
 * const entries = designEntriesOf({ keys: ['county', 'school'], labels: [clusters.map((c) => c.stratum), clusters.map((_, i) => i)], strata: clusters.map((c) => c.stratum), count: Float64Array.from(clusters, () => 30), sumWeights: Float64Array.from(clusters, (c) => c.sumWeights), sumWY: Float64Array.from(clusters, (c) => c.sumWeights * c.mean), sumWYY: new Float64Array(clusters.length), plausibleValues: 1, replicates: 0, method: null });
 * const county = { coefficient: 1, includes: (e: number) => clusters[e].inGroup };
 * const province = { coefficient: -1, includes: () => true };
 * comparisonWithTotal(designContrast(entries, [county, province], { df: 2 })).mark; // => 'higher'
 */
export function comparisonWithTotal(d: DesignEstimate): ComparisonWithTotal {
  return {
    groupMean: d.terms[0]!,
    totalMean: d.terms[1]!,
    difference: d.estimate,
    se: d.se,
    lower: d.lower,
    upper: d.upper,
    z: assessable(d.se, d.df) ? d.estimate / d.se : NaN,
    df: d.df,
    pValue: d.pValue,
    mark: d.mark,
    ...(d.reason ? { reason: d.reason } : {}),
    level: d.level,
  };
}
