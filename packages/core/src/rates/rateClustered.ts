import { kornGraubard } from './kornGraubard.js';
import { rateWilson } from './rateInterval.js';

/** Per-school (cluster) sums of an indicator: students, Σw and Σw·y (y = 0/1). */
export interface RateClusters {
  count: ArrayLike<number>;
  sumWeights: ArrayLike<number>;
  /** Σ w_ij y_ij per school */
  sumWeightedCases: ArrayLike<number>;
}

/** A weighted detection rate with a design-based SE and interval. */
export interface ClusteredRate {
  /** p̂ = Σ w y / Σ w (检出率) */
  rate: number;
  /** Taylor-linearised SE with schools as primary sampling units. */
  se: number;
  /**
   * Design effect: v(p̂) over the variance of a simple random sample with replacement of the
   * same size, p̂(1 − p̂)/(n − 1) (survey::svymean(…, deff = "replace")).
   */
  designEffect: number;
  /** Effective sample size p̂(1 − p̂)/SE² (∞ when SE = 0). */
  effectiveSize: number;
  students: number;
  schools: number;
  /** Korn–Graubard interval (survey::svyciprop(method = "beta")). */
  lower: number;
  upper: number;
  /** Wilson interval on the effective sample size. */
  wilson: [number, number];
  level: number;
}

/**
 * Weighted proportion with schools as clusters (整群抽样检出率): the ratio estimator
 * p̂ = Σ w_ij y_ij / Σ w_ij, its Taylor-linearised variance with schools as PSUs sampled with
 * replacement in one stratum,
 *
 *   v(p̂) = J/(J − 1) Σ_j z_j²,  z_j = Σ_i w_ij (y_ij − p̂) / Σ w,
 *
 * (Wolter 2007, §6.5; R `survey::svymean(~y, svydesign(ids = ~school, weights = ~w))`), the
 * design effect, and the Korn–Graubard (1998) interval: Clopper–Pearson on the effective
 * sample size n_eff = p̂(1 − p̂)/v, scaled by (t_{n−1}/t_{J−1})², as `svyciprop(method =
 * "beta")`. With p̂ = 0 or 1 the variance is 0 and the interval is Clopper–Pearson on n.
 * Needs at least two schools with students for a design-based SE; with one, the SE is NaN
 * and the interval is the simple-random-sample Clopper–Pearson (flagged by schools = 1).
 *
 * @example
 * rateClustered({ count: [30, 30], sumWeights: [30, 60], sumWeightedCases: [9, 24] }).rate; // => 0.3666…
 */
export function rateClustered(c: RateClusters, level = 0.95, options: { variance?: number } = {}): ClusteredRate {
  let n = 0;
  let W = 0;
  let WY = 0;
  let J = 0;
  for (let j = 0; j < c.count.length; j++) {
    if (!(c.count[j]! > 0)) continue;
    J++;
    n += c.count[j]!;
    W += c.sumWeights[j]!;
    WY += c.sumWeightedCases[j]!;
  }
  if (n === 0) throw new RangeError('rateClustered needs at least one student');
  const p = WY / W;
  // A design with replicate weights supplies its own variance (replicateVariance); the
  // Korn–Graubard interval is then built on it in the same way. Otherwise, with one stratum:
  // v = J/(J − 1) Σ_j (z_j − z̄)² (stratifiedVariance, written out: no object per school).
  let variance = options.variance ?? NaN;
  if (options.variance === undefined && J > 1) {
    let zSum = 0;
    for (let j = 0; j < c.count.length; j++) if (c.count[j]! > 0) zSum += (c.sumWeightedCases[j]! - p * c.sumWeights[j]!) / W;
    const zBar = zSum / J;
    let squares = 0;
    for (let j = 0; j < c.count.length; j++) if (c.count[j]! > 0) squares += ((c.sumWeightedCases[j]! - p * c.sumWeights[j]!) / W - zBar) ** 2;
    variance = (J / (J - 1)) * squares;
  }
  const se = Math.sqrt(variance);
  const srsVariance = n > 1 ? (p * (1 - p)) / (n - 1) : NaN;
  const designEffect = srsVariance > 0 ? variance / srsVariance : NaN;
  // Korn–Graubard on one stratum of J schools: df = J − 1.
  const kg = kornGraubard(p, variance, n, J - 1, level);
  if (!(variance > 0)) {
    return {
      rate: p,
      se,
      designEffect,
      effectiveSize: kg.effectiveSize,
      students: n,
      schools: J,
      lower: kg.lower,
      upper: kg.upper,
      wilson: [kg.lower, kg.upper],
      level,
    };
  }
  const w = rateWilson(p * kg.effectiveSize, kg.effectiveSize, level);
  return {
    rate: p,
    se,
    designEffect,
    effectiveSize: kg.effectiveSize,
    students: n,
    schools: J,
    lower: kg.lower,
    upper: kg.upper,
    wilson: [w.lower, w.upper],
    level,
  };
}
