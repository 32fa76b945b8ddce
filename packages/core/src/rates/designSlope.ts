import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { assessable } from '../survey/comparisonMark.js';

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
 * const school = (year: number, mean: number) => ({ year, sumWeights: 30, mean });
 * designSlope([school(2021, 0.2), school(2021, 0.4), school(2022, 0.23), school(2022, 0.43), school(2023, 0.26), school(2023, 0.46)])!.slope; // => 0.03
 */
export function designSlope(clusters: readonly SlopeCluster[]): DesignSlope | null {
  return designSlopeOf({
    year: clusters.map((c) => c.year),
    sumWeights: clusters.map((c) => c.sumWeights),
    mean: clusters.map((c) => c.mean),
  });
}

/** School-year clusters as columns: cluster c has year[c], sumWeights[c] and mean[c]. */
export interface SlopeClusterColumns {
  year: ArrayLike<number>;
  sumWeights: ArrayLike<number>;
  mean: ArrayLike<number>;
}

/**
 * {@link designSlope} on clusters given as columns (no object per cluster: a national run has
 * millions of school-years). The strata (years) are taken in order of first appearance.
 *
 * @example
 * designSlopeOf({ year: [2021, 2021, 2022, 2022], sumWeights: [10, 10, 10, 10], mean: [0.2, 0.4, 0.2, 0.4] })!.slope; // => 0
 */
export function designSlopeOf(clusters: SlopeClusterColumns): DesignSlope | null {
  const { year, sumWeights, mean } = clusters;
  const n = year.length;
  let W = 0;
  for (let c = 0; c < n; c++) W += sumWeights[c]!;
  if (!(W > 0)) return null;
  let tSum = 0;
  let ySum = 0;
  for (let c = 0; c < n; c++) tSum += sumWeights[c]! * year[c]!;
  for (let c = 0; c < n; c++) ySum += sumWeights[c]! * mean[c]!;
  const tBar = tSum / W;
  const yBar = ySum / W;
  let sxx = 0;
  let sxy = 0;
  for (let c = 0; c < n; c++) {
    sxx += sumWeights[c]! * (year[c]! - tBar) ** 2;
    sxy += sumWeights[c]! * (year[c]! - tBar) * (mean[c]! - yBar);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  // The meat: with-replacement variance of the scores U_c within years (stratifiedVariance).
  const z = new Float64Array(n);
  for (let c = 0; c < n; c++) z[c] = sumWeights[c]! * (year[c]! - tBar) * (mean[c]! - yBar - slope * (year[c]! - tBar));
  const strata: number[] = [];
  const stratumOf = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    let h = strata.indexOf(year[c]!);
    if (h < 0) h = strata.push(year[c]!) - 1;
    stratumOf[c] = h;
  }
  const H = strata.length;
  const count = new Float64Array(H);
  const sum = new Float64Array(H);
  for (let c = 0; c < n; c++) {
    count[stratumOf[c]!]!++;
    sum[stratumOf[c]!]! += z[c]!;
  }
  const squares = new Float64Array(H);
  for (let c = 0; c < n; c++) {
    const h = stratumOf[c]!;
    squares[h]! += (z[c]! - sum[h]! / count[h]!) ** 2;
  }
  let meat = 0;
  for (let h = 0; h < H; h++) {
    // A year with a single school-year cluster: no within-stratum variance (svyglm fails there).
    if (count[h]! < 2) return null;
    meat += (count[h]! / (count[h]! - 1)) * squares[h]!;
  }
  const se = Math.sqrt(meat) / sxx;
  // As svyglm: design df (clusters − strata) minus the one slope parameter.
  const df = n - H - 1;
  const pValue = assessable(se, df) ? 2 * (1 - tCdf(Math.abs(slope / se), df)) : NaN;
  return { slope, se, df, pValue };
}
