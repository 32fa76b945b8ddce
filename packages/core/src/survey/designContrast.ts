import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { tQuantileCached } from './quantiles.js';
import { assessable, comparisonMark, type ComparisonMark, type NotAssessableReason } from './comparisonMark.js';
import type { DesignEntries } from './designEntries.js';
import { replicateVariance, type ReplicateMethod } from './replicateVariance.js';
import { combinePlausibleValues } from './rubinsRules.js';
import { stratifiedVariance } from './stratifiedVariance.js';
import { stratumIds } from './stratumIds.js';

/** One domain ratio R_d = Σ_{e∈d} Σwy / Σ_{e∈d} Σw in a linear combination θ = Σ c_d R_d. */
export interface ContrastTerm {
  coefficient: number;
  /**
   * Which entries belong to the domain (a county, the province, the girls of a county…), by
   * index e into the entries (read `design.labels[k][e]`).
   */
  includes: (e: number) => boolean;
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
 * The totals of the entries a predicate selects (for {@link ContrastTerm.totals}), over all
 * entries or the `rows` given.
 *
 * @example
 * const schools = [{ stratum: 'a', sumWeights: 30, mean: 480 }, { stratum: 'a', sumWeights: 20, mean: 520 }, { stratum: 'b', sumWeights: 25, mean: 500 }, { stratum: 'b', sumWeights: 25, mean: 540 }];
 * domainTotals(clusterEntries(schools), () => true).sumWeights[0]; // => 100 (Σw of everyone)
 */
export function domainTotals(design: DesignEntries, includes: (e: number) => boolean = () => true, rows?: readonly number[]): DomainTotals {
  const R = design.replicates;
  const width = design.plausibleValues * (R + 1);
  const sumWeights = new Float64Array(R + 1);
  const sumWY = new Float64Array(width);
  const add = (e: number): void => {
    if (!includes(e)) return;
    for (let r = 0; r <= R; r++) sumWeights[r]! += design.sumWeights[e * (R + 1) + r]!;
    for (let i = 0; i < width; i++) sumWY[i]! += design.sumWY[e * width + i]!;
  };
  if (rows) for (const e of rows) add(e);
  else for (let e = 0; e < design.size; e++) add(e);
  return { sumWeights, sumWY };
}

/** A design-based estimate with its standard error (设计估计). */
export interface DesignEstimate {
  estimate: number;
  se: number;
  /** Degrees of freedom of the t reference (Infinity: normal); Barnard–Rubin with plausible values. */
  df: number;
  lower: number;
  upper: number;
  /** Two-sided p of estimate = 0 (NaN when not assessable). */
  pValue: number;
  mark: ComparisonMark;
  /** Set when no variance can be estimated (SE 0 or df 0): the interval and p are NaN. */
  reason?: NotAssessableReason;
  level: number;
  /** 'taylor' (schools as PSUs) or the replicate method. */
  variance: 'taylor' | ReplicateMethod['kind'];
  /** With plausible values: their number, the mean sampling variance Ū and the between-PV variance B. */
  plausibleValues: { count: number; withinVariance: number; betweenVariance: number } | null;
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
 * clusterEntries([{ stratum: 'a', sumWeights: 30, mean: 512 }]).sumWY[0]; // => 15360
 */
export function clusterEntries(clusters: readonly { stratum: string | number; sumWeights: number; mean: number }[]): DesignEntries {
  const n = clusters.length;
  return {
    keys: ['school'],
    size: n,
    labels: [clusters.map((_, i) => i)],
    psu: Int32Array.from(clusters, (_, i) => i),
    strata: clusters.map((c) => c.stratum),
    count: new Float64Array(n),
    sumWeights: Float64Array.from(clusters, (c) => c.sumWeights),
    sumWY: Float64Array.from(clusters, (c) => c.sumWeights * c.mean),
    sumWYY: new Float64Array(n),
    plausibleValues: 1,
    replicates: 0,
    method: null,
  };
}

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
 * The entries (all, or `rows`) must include every PSU of the design cell (a PSU outside all domains still counts
 * towards n_h, as in R's domain estimation).
 *
 * @example
 * const school = (county: string, mean: number) => ({ stratum: county, inGroup: county === '青山县', sumWeights: 30, mean });
 * const clusters = [school('青山县', 560), school('青山县', 570), school('青山县', 585), school('河东区', 480), school('河东区', 490), school('河东区', 505)];
 * const entries = clusterEntries(clusters);
 * designContrast(entries, [{ coefficient: 1, includes: (e) => clusters[e].inGroup }], { df: 2 }).se; // => 7.264831… (R: SE(svyratio(~y·g, ~g)) 7.26483157)
 */
export function designContrast(
  design: DesignEntries,
  terms: readonly ContrastTerm[],
  options: {
    df: number;
    level?: number;
    /**
     * Taylor variance (per PV) from strata not among the entries passed — with `totals`, this
     * lets a county − province contrast look only at the county's strata.
     */
    outsideVariance?: readonly number[];
    /** The entries of the design cell to use (indices; default all): a year × grade, a county's strata. */
    rows?: readonly number[];
  },
): DesignEstimate {
  const level = options.level ?? 0.95;
  const { plausibleValues: M, replicates: R } = design;
  const rows = options.rows ?? Array.from({ length: design.size }, (_, e) => e);
  const method = R > 0 ? design.method : null;
  const member = terms.map((t) => rows.map((e) => t.includes(e)));
  const stratum = stratumIds(design);
  const width = M * (R + 1);
  // Σw per term and weight r.
  const W = terms.map((t, d) => {
    if (t.totals) return t.totals.sumWeights;
    const out = new Float64Array(R + 1);
    rows.forEach((e, k) => {
      if (member[d]![k]) for (let r = 0; r <= R; r++) out[r]! += design.sumWeights[e * (R + 1) + r]!;
    });
    return out;
  });
  if (W.some((w) => !(w[0]! > 0))) throw new RangeError('designContrast: a term has no students');
  const estimates: number[] = [];
  const variances: number[] = [];
  const termRatios = terms.map(() => 0);
  let lonelyStrata = 0;
  for (let m = 0; m < M; m++) {
    const base = m * (R + 1);
    const ratio = (d: number, r: number): number => {
      if (terms[d]!.totals) return terms[d]!.totals.sumWY[base + r]! / W[d]![r]!;
      let s = 0;
      rows.forEach((e, k) => {
        if (member[d]![k]) s += design.sumWY[e * width + base + r]!;
      });
      return s / W[d]![r]!;
    };
    const theta = (r: number): number => terms.reduce((a, t, d) => a + t.coefficient * ratio(d, r), 0);
    const ratios0 = terms.map((_, d) => ratio(d, 0));
    ratios0.forEach((x, d) => (termRatios[d]! += x / M));
    const estimate = ratios0.reduce((a, x, d) => a + terms[d]!.coefficient * x, 0);
    estimates.push(estimate);
    if (method) {
      const reps: number[] = [];
      for (let r = 1; r <= R; r++) reps.push(theta(r));
      variances.push(replicateVariance(estimate, reps, method));
    } else {
      const z = new Map<number, { stratum: number; z: number }>();
      rows.forEach((e, k) => {
        let zk = 0;
        terms.forEach((t, d) => {
          if (member[d]![k]) zk += (t.coefficient * (design.sumWY[e * width + base]! - ratios0[d]! * design.sumWeights[e * (R + 1)]!)) / W[d]![0]!;
        });
        const psu = z.get(design.psu[e]!);
        if (psu) psu.z += zk;
        else z.set(design.psu[e]!, { stratum: stratum[e]!, z: zk });
      });
      const v = stratifiedVariance([...z.values()]);
      lonelyStrata = v.lonelyStrata;
      variances.push(v.variance + (options.outsideVariance?.[m] ?? 0));
    }
  }
  return designEstimate(estimates, variances, { df: options.df, level, variance: method ? method.kind : 'taylor', terms: termRatios, lonelyStrata });
}

/**
 * The estimate, SE, interval, test and mark of a contrast from its per-plausible-value
 * estimates θ_m and sampling variances v_m (the last step of {@link designContrast}, shared by
 * the fast paths that compute θ_m and v_m themselves): one value as is, several combined by
 * Rubin's rules with Barnard–Rubin df on the complete-data `df`; a t reference on `df`
 * (normal when infinite).
 *
 * @example
 * designEstimate([2], [1], { df: Infinity, level: 0.95, variance: 'taylor', terms: [2], lonelyStrata: 0 }).mark; // => 'higher'
 */
export function designEstimate(
  estimates: readonly number[],
  variances: readonly number[],
  shape: { df: number; level: number; variance: DesignEstimate['variance']; terms: number[]; lonelyStrata: number },
): DesignEstimate {
  const { level } = shape;
  const M = estimates.length;
  let estimate: number;
  let variance: number;
  let df = shape.df;
  let pv: DesignEstimate['plausibleValues'] = null;
  if (M > 1) {
    const c = combinePlausibleValues(estimates, variances, Number.isFinite(df) ? { level, completeDf: df } : { level });
    estimate = c.estimate;
    variance = c.variance;
    df = c.df;
    pv = { count: M, withinVariance: c.withinVariance, betweenVariance: c.betweenVariance };
  } else {
    estimate = estimates[0]!;
    variance = variances[0]!;
  }
  const se = Math.sqrt(variance);
  // SE 0 (every stratum one school, a rate of 0 or 1) or no df: no interval and no test, not certainty.
  const testable = assessable(se, df);
  const q = testable ? (Number.isFinite(df) ? tQuantileCached(1 - (1 - level) / 2, df) : 1.959963984540054) : NaN;
  const t = estimate / se;
  const pValue = testable ? 2 * (1 - (Number.isFinite(df) ? tCdf(Math.abs(t), df) : normalCdf(Math.abs(t), 0, 1))) : NaN;
  const lower = estimate - q * se;
  const upper = estimate + q * se;
  return {
    estimate,
    se,
    df,
    lower,
    upper,
    pValue,
    mark: comparisonMark(lower, upper, se, df),
    ...(testable ? {} : { reason: 'no-variance-estimate' as const }),
    level,
    variance: shape.variance,
    plausibleValues: pv,
    terms: shape.terms,
    lonelyStrata: shape.lonelyStrata,
    pvVariances: [...variances],
  };
}
