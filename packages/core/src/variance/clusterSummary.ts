/**
 * Per-school sufficient statistics of a score (校级充分统计量): the number of students n_j,
 * the school mean ȳ_j and the within-school sum of squares SS_j = Σ_i (y_ij − ȳ_j)².
 * `GroupedMoments` from an unweighted scan satisfies this shape (count, mean, m2).
 */
export interface ClusterSummary {
  count: ArrayLike<number>;
  mean: ArrayLike<number>;
  m2: ArrayLike<number>;
  /**
   * Level-2 (school) weights a_j for the pseudo-likelihood; absent = 1. With weights, count,
   * mean and m2 are the scaled level-1 quantities (see {@link weightedClusterSummary}).
   */
  schoolWeight?: ArrayLike<number>;
}

/**
 * The cluster summary for the weighted (pseudo-likelihood) estimator from weighted per-school
 * moments. A student's weight w_ij is split into a school weight a_j = W_j/n_j (the mean
 * weight in the school) and a within-school weight w_ij/a_j, scaled to sum to n_j ("size"
 * scaling, Pfeffermann et al. 1998 method A; Rabe-Hesketh & Skrondal 2006, JRSS A 169:805).
 * Then n*_j = n_j, ȳ*_j = the weighted mean, SS*_j = n_j/W_j · Σ w_ij (y_ij − ȳ*_j)², and the
 * a_j are scaled to sum to the number of schools.
 *
 * @example
 * weightedClusterSummary({ count: [2, 2], sumWeights: [2, 6], mean: [1, 3], m2: [1, 3] }).schoolWeight; // => Float64Array [0.5, 1.5]
 */
export function weightedClusterSummary(g: {
  count: ArrayLike<number>;
  sumWeights: ArrayLike<number>;
  mean: ArrayLike<number>;
  m2: ArrayLike<number>;
}): Required<ClusterSummary> {
  const J = g.count.length;
  const count = new Float64Array(J);
  const mean = new Float64Array(J);
  const m2 = new Float64Array(J);
  const schoolWeight = new Float64Array(J);
  let sumA = 0;
  let schools = 0;
  for (let j = 0; j < J; j++) {
    const n = g.count[j]!;
    count[j] = n;
    mean[j] = g.mean[j]!;
    if (n > 0) {
      m2[j] = (g.m2[j]! * n) / g.sumWeights[j]!;
      schoolWeight[j] = g.sumWeights[j]! / n;
      sumA += schoolWeight[j]!;
      schools++;
    }
  }
  for (let j = 0; j < J; j++) schoolWeight[j] = (schoolWeight[j]! * schools) / sumA;
  return { count, mean, m2, schoolWeight };
}

/** Why a between-school decomposition cannot be estimated from the data. */
export type VarianceUnavailableReason =
  /** Fewer than two schools: there is no between-school variation to measure. */
  | 'fewer-than-two-schools'
  /** Every school has one student: within- and between-school variance are confounded. */
  | 'no-within-school-replication'
  /** Every student has the same score. */
  | 'no-variance'
  /** The sums of squares overflow (scores near 1e154 or beyond, possible only with a widened range). */
  | 'values-too-large';

/** The answer when the decomposition cannot be estimated: a reason instead of NaN. */
export interface VarianceUnavailable {
  estimable: false;
  reason: VarianceUnavailableReason;
  schools: number;
  students: number;
}

/** Totals of a cluster summary that every estimator needs. */
export interface ClusterTotals {
  schools: number;
  students: number;
  /** Σ n_j ȳ_j / N */
  grandMean: number;
  /** Σ n_j (ȳ_j − ȳ)² */
  betweenSS: number;
  /** Σ SS_j */
  withinSS: number;
  /** Σ n_j² */
  sumSquaredSizes: number;
}

/** Computes the totals (schools with n_j = 0 are skipped). */
export function clusterTotals(s: ClusterSummary): ClusterTotals {
  let schools = 0;
  let students = 0;
  let sum = 0;
  let withinSS = 0;
  let sumSquaredSizes = 0;
  for (let j = 0; j < s.count.length; j++) {
    const n = s.count[j]!;
    if (!(n > 0)) continue;
    schools++;
    students += n;
    sum += n * s.mean[j]!;
    withinSS += s.m2[j]!;
    sumSquaredSizes += n * n;
  }
  const grandMean = sum / students;
  let betweenSS = 0;
  for (let j = 0; j < s.count.length; j++) {
    const n = s.count[j]!;
    if (n > 0) betweenSS += n * (s.mean[j]! - grandMean) ** 2;
  }
  return { schools, students, grandMean, betweenSS, withinSS, sumSquaredSizes };
}

/** The reason a decomposition is not estimable, or undefined when it is. */
export function unavailableReason(t: ClusterTotals): VarianceUnavailableReason | undefined {
  if (t.schools < 2) return 'fewer-than-two-schools';
  if (t.students === t.schools) return 'no-within-school-replication';
  if (!Number.isFinite(t.withinSS) || !Number.isFinite(t.betweenSS)) return 'values-too-large';
  if (t.withinSS === 0 && t.betweenSS === 0) return 'no-variance';
  return undefined;
}
