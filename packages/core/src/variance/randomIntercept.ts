import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { tQuantileCached } from '../survey/quantiles.js';
import { minimizeBrent } from '../optimize/brent.js';
import { findRootIllinois } from '../optimize/illinois.js';
import { clusterTotals, unavailableReason, type ClusterSummary, type VarianceUnavailable } from './clusterSummary.js';

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
  /** Log-likelihood (restricted for REML), on lme4's scale (logLik()); null when it is unbounded (see `note`). */
  logLik: number | null;
  /** True when the maximum is at σ²_b = 0. */
  boundary: boolean;
  /** 'no-within-school-variance': every school is internally constant, so ICC = 1 and the likelihood has no maximum. */
  note?: 'no-within-school-variance';
}

interface Profile {
  /** profiled log-likelihood at ICC t (σ²_w and μ profiled out) */
  logLik: number;
  /** d ℓ/dρ at t */
  score: number;
  intercept: number;
  sumPrecision: number;
  withinVariance: number;
}

/**
 * The log-likelihood of the random-intercept model profiled over μ and σ²_w, and its
 * derivative, as functions of t = ICC (ρ = σ²_b/σ²_w = t/(1 − t)), computed exactly from
 * per-school n_j, ȳ_j, SS_j (and school weights a_j, default 1):
 *
 *   λ̃_j = 1 + n_j ρ,  S = Σ a_j n_j/λ̃_j,  μ̂ = Σ (a_j n_j/λ̃_j) ȳ_j / S,
 *   Q = Σ a_j SS_j + Σ a_j n_j (ȳ_j − μ̂)²/λ̃_j,
 *   ML:   σ̂² = Q/N,        ℓ = −½ [N(log 2πσ̂² + 1) + Σ a_j log λ̃_j]
 *   REML: σ̂² = Q/(N − 1),  ℓ = −½ [(N − 1)(log 2πσ̂² + 1) + Σ a_j log λ̃_j + log S]
 *
 * The score (envelope theorem for μ̂): Q′ = −Σ a_j n_j²(ȳ_j − μ̂)²/λ̃_j², S′ = −Σ a_j n_j²/λ̃_j²,
 * dℓ/dρ = −½ [dof·Q′/Q + Σ a_j n_j/λ̃_j + (REML: S′/S)]. Its root gives the estimate to full
 * precision (ℓ itself is too flat near its maximum).
 */
function profile(s: ClusterSummary, N: number, withinSS: number, reml: boolean, t: number, centre: number, withLogLik = true): Profile {
  const rho = t / (1 - t);
  const a = s.schoolWeight;
  const count = s.count;
  const mean = s.mean;
  // One pass, with the school means taken about a centre c near μ̂ (d_j = ȳ_j − c), so that
  // Q = SS_w + Σ p_j (d_j − δ)² = SS_w + Σ p_j d_j² − δ Σ p_j d_j with δ = μ̂ − c, p_j = a_j n_j/λ̃_j,
  // and likewise Q′, need no second pass for μ̂. The score needs no logarithms.
  let sumPrecision = 0;
  let sumD = 0;
  let sumDD = 0;
  let logDet = 0;
  let dS = 0;
  let dSD = 0;
  let dSDD = 0;
  for (let j = 0; j < count.length; j++) {
    const n = count[j]!;
    if (!(n > 0)) continue;
    const aj = a ? a[j]! : 1;
    const lambda = 1 + n * rho;
    const pj = (aj * n) / lambda;
    const d = mean[j]! - centre;
    sumPrecision += pj;
    sumD += pj * d;
    sumDD += pj * d * d;
    if (withLogLik) logDet += aj * Math.log(lambda);
    const r = (pj * n) / lambda; // a_j n_j²/λ̃_j²
    dS -= r;
    dSD -= r * d;
    dSDD -= r * d * d;
  }
  const intercept = centre + sumD / sumPrecision;
  const q = profiledQ(withinSS, sumPrecision, sumD, sumDD);
  const dof = reml ? N - 1 : N;
  const withinVariance = q / dof;
  const logLik = withLogLik ? -0.5 * (dof * (Math.log(2 * Math.PI * withinVariance) + 1) + logDet + (reml ? Math.log(sumPrecision) : 0)) : NaN;
  const score = profiledScore(q, dof, reml, sumPrecision, sumD, dS, dSD, dSDD);
  return { logLik, score, intercept, sumPrecision, withinVariance };
}

/**
 * Q from the one-pass sums about the centre (S = Σ p_j, SD = Σ p_j d_j, SDD = Σ p_j d_j², δ = SD/S):
 * Q = SS_w + SDD − δ·SD. Shared by `profile` and `leaveOneOutScores`, so a replicate's score is
 * the profile's formula on its sums.
 */
function profiledQ(withinSS: number, S: number, SD: number, SDD: number): number {
  const delta = SD / S;
  return withinSS + Math.max(0, SDD - delta * SD);
}

/**
 * dℓ/dρ from Q and the sums: Q′ = dSDD − 2δ·dSD + δ²·dS, score = −½ [dof·Q′/Q + S + (REML: dS/S)]
 * (S = Σ a_j n_j/λ̃_j is the derivative of Σ a_j log λ̃_j).
 */
function profiledScore(q: number, dof: number, reml: boolean, S: number, SD: number, dS: number, dSD: number, dSDD: number): number {
  const delta = SD / S;
  const dQ = dSDD - 2 * delta * dSD + delta * delta * dS;
  return -0.5 * ((dof * dQ) / q + S + (reml ? dS / S : 0));
}

/** Σ a_j n_j and Σ a_j SS_j: the (weighted) number of students and within sum of squares; and Σ a_j n_j ȳ_j / Σ a_j n_j. */
function weightedTotals(s: ClusterSummary): { students: number; withinSS: number; centre: number } {
  const a = s.schoolWeight;
  let students = 0;
  let withinSS = 0;
  let sum = 0;
  for (let j = 0; j < s.count.length; j++) {
    const n = s.count[j]!;
    if (!(n > 0)) continue;
    const aj = a ? a[j]! : 1;
    students += aj * n;
    withinSS += aj * s.m2[j]!;
    sum += aj * n * s.mean[j]!;
  }
  return { students, withinSS, centre: sum / students };
}

const upperICC = 1 - 1e-10;

/** χ²₁(level)/2, the drop in log-likelihood at the ends of the profile interval (remembered per level). */
const cuts = new Map<number, number>();
function chisquareCut(level: number): number {
  let c = cuts.get(level);
  if (c === undefined) cuts.set(level, (c = chisquareQuantile(level, 1) / 2));
  return c;
}

/** The maximising ICC: Brent's method on ℓ over [0, 1), polished as the root of the score (Illinois). */
function maximise(ll: (t: number) => number, sc: (t: number) => number): number {
  const best = minimizeBrent((t) => -ll(t), 0, upperICC, 1e-13);
  // Polish: the root of the score in a small bracket around Brent's answer.
  let t = best.x;
  if (t > 0) {
    // A bracket on a fixed grid of 10⁻⁵ around Brent's answer, not centred on it: the
    // logarithms in ℓ may differ in the last bit between JavaScript engines (Math.log is not
    // required to be correctly rounded), which moves Brent's answer by ~1e-13; from the same
    // bracket the score (no logarithms) leads to the same root, bit for bit, in Node and Chromium.
    const grid = 1e-5;
    const a = Math.max(0, Math.floor(t / grid) * grid - grid);
    const b = Math.min(upperICC, a + 3 * grid);
    const fa = sc(a);
    const fb = fa > 0 ? sc(b) : NaN;
    if (fa > 0 && fb < 0) t = findRootIllinois(sc, a, b, fa, fb);
  }
  return t;
}

/**
 * The ICC where the score vanishes, bracketed from a nearby `start` (0 when the score is not
 * positive at 0: the maximum is on the boundary). Assumes, like the polish above, that the
 * profile is unimodal — it is for the one-way random-effects model with n_j > 0.
 */
function scoreRoot(sc: (t: number) => number, start: number, known?: { f0: number; x1: number; f1: number }): number {
  // Bracket the root from the start outwards, in steps growing 4-fold: a jackknife replicate's
  // estimate is usually within a few hundredths of the full sample's.
  const b0 = Math.min(Math.max(start, 1e-6), upperICC);
  const f0 = known && b0 === start ? known.f0 : sc(b0);
  if (f0 === 0) return b0;
  // First secant steps from the start and a point 10⁻⁷ beside it (the first step is then
  // Newton's): from a start a few hundredths off, the root to 10⁻¹² in about five evaluations
  // (a replicate's ICC needs no more for its jackknife SE). If they leave (0, 1) or do not
  // settle in 8 steps, bracket from the start.
  const h = 1e-7 * Math.max(b0, 1e-3);
  if (b0 + h < upperICC) {
    let xa = b0;
    let fa = f0;
    let xb = known && b0 === start ? known.x1 : b0 + h;
    let fb = known && b0 === start ? known.f1 : sc(xb);
    for (let i = 0; i < 8 && fb !== fa; i++) {
      const x = xb - (fb * (xb - xa)) / (fb - fa);
      if (!(x > 0 && x < upperICC)) break;
      const fx = sc(x);
      // 10⁻¹² relative: the score's rounding noise keeps a secant from settling to the last bit.
      if (fx === 0 || Math.abs(x - xb) <= 1e-12 * x) return x;
      xa = xb;
      fa = fb;
      xb = x;
      fb = fx;
    }
  }
  let step = Math.max(1e-4, 0.05 * Math.min(b0, 1 - b0));
  if (f0 > 0) {
    let lo = b0;
    let flo = f0;
    let hi = Math.min(upperICC, b0 + step);
    let fhi = sc(hi);
    while (fhi > 0) {
      if (hi >= upperICC) return upperICC;
      lo = hi;
      flo = fhi;
      step *= 4;
      hi = Math.min(upperICC, hi + step);
      fhi = sc(hi);
    }
    return secantRoot(sc, lo, hi, flo, fhi);
  }
  let hi = b0;
  let fhi = f0;
  let lo = Math.max(0, b0 - step);
  let flo = sc(lo);
  while (!(flo > 0)) {
    // The score is not positive at 0: the maximum is on the boundary.
    if (lo === 0) return 0;
    hi = lo;
    fhi = flo;
    step *= 4;
    lo = Math.max(0, lo - step);
    flo = sc(lo);
  }
  return secantRoot(sc, lo, hi, flo, fhi);
}

/**
 * The root of f in the bracket [a, b] (f(a), f(b) of opposite sign) by secant steps through the
 * two latest points (order 1.6: from a bracket a few hundredths wide, about four evaluations to
 * the last digit), kept inside the bracket: a step that leaves it, or 60 of them, hand over to
 * Illinois' method on the bracket so far.
 */
function secantRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number): number {
  let x0 = a;
  let f0 = fa;
  let x1 = b;
  let f1 = fb;
  let lo = a;
  let flo = fa;
  let hi = b;
  let fhi = fb;
  for (let i = 0; i < 60; i++) {
    const x2 = x1 - (f1 * (x1 - x0)) / (f1 - f0);
    if (!(x2 > Math.min(lo, hi) && x2 < Math.max(lo, hi))) return findRootIllinois(f, lo, hi, flo, fhi);
    const f2 = f(x2);
    if (f2 === 0) return x2;
    if (f2 < 0 === flo < 0) {
      lo = x2;
      flo = f2;
    } else {
      hi = x2;
      fhi = f2;
    }
    if (Math.abs(x2 - x1) <= 4 * Number.EPSILON * Math.abs(x2)) return x2;
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = f2;
  }
  return findRootIllinois(f, lo, hi, flo, fhi);
}

// `interval: false` skips the profile interval (jackknife replicates need only the estimates).
// `start` (a nearby estimate, e.g. the full sample's for a jackknife replicate) finds the
// score's root from there instead of searching [0, 1) with Brent's method.
function fit(
  s: ClusterSummary,
  reml: boolean,
  level: number,
  interval = true,
  start?: number,
  known?: { f0: number; x1: number; f1: number },
  cutOverride?: () => number,
): RandomInterceptFit | VarianceUnavailable {
  const totals = clusterTotals(s);
  const reason = unavailableReason(totals);
  if (reason) return { estimable: false, reason, schools: totals.schools, students: totals.students };
  const weighted = weightedTotals(s);
  const N = weighted.students;
  const method = reml ? 'REML' : 'ML';
  if (totals.withinSS === 0) {
    // Every school is internally constant: all variance lies between schools.
    const between = totals.betweenSS / (reml ? totals.schools - 1 : totals.schools);
    return {
      estimable: true,
      method,
      schools: totals.schools,
      students: totals.students,
      intercept: meanOfMeans(s),
      interceptSE: Math.sqrt(between / totals.schools),
      betweenVariance: between,
      withinVariance: 0,
      icc: 1,
      iccCI: [1, 1],
      level,
      logLik: null,
      boundary: false,
      note: 'no-within-school-variance',
    };
  }
  // The centre of the school means: their student-weighted mean (μ̂ at ρ = 0).
  const centre = weighted.centre;
  const ll = (t: number): number => profile(s, N, weighted.withinSS, reml, t, centre).logLik;
  const sc = (x: number): number => profile(s, N, weighted.withinSS, reml, x, centre, false).score;
  const t = start === undefined ? maximise(ll, sc) : scoreRoot(sc, start, known);
  const p = profile(s, N, weighted.withinSS, reml, t, centre);
  const rho = t / (1 - t);
  const betweenVariance = rho * p.withinVariance;
  // Profile-likelihood interval: {t : 2(ℓ̂ − ℓ(t)) ≤ χ²₁(level)} (or the drop `cutOverride` gives).
  const cut = p.logLik - (interval && cutOverride ? cutOverride() : chisquareCut(level));
  const gap = (x: number): number => ll(x) - cut;
  // The ends: roots of the gap on each side of the estimate (gap(t) = χ²/2 > 0), found by
  // Illinois' method to the last digit, as bisection would but in a tenth of the evaluations.
  const top = p.logLik - cut;
  const gapAt0 = !interval || t === 0 ? NaN : gap(0);
  const lower = !interval ? NaN : t === 0 || gapAt0 >= 0 ? 0 : findRootIllinois(gap, 0, t, gapAt0, top);
  const gapAtTop = !interval ? NaN : gap(upperICC);
  const upper = !interval ? NaN : gapAtTop >= 0 ? 1 : findRootIllinois(gap, t, upperICC, top, gapAtTop);
  return {
    estimable: true,
    method,
    schools: totals.schools,
    students: totals.students,
    intercept: p.intercept,
    interceptSE: Math.sqrt(p.withinVariance / p.sumPrecision),
    betweenVariance,
    withinVariance: p.withinVariance,
    icc: t,
    iccCI: [lower, upper],
    level,
    logLik: p.logLik,
    boundary: t === 0,
  };
}

function meanOfMeans(s: ClusterSummary): number {
  let sum = 0;
  let n = 0;
  for (let j = 0; j < s.count.length; j++) {
    if (s.count[j]! > 0) {
      sum += s.mean[j]!;
      n++;
    }
  }
  return sum / n;
}

/**
 * Restricted maximum likelihood (REML, 限制性极大似然) fit of the random-intercept model
 * y_ij = μ + u_j + e_ij, u_j ~ N(0, σ²_b), e_ij ~ N(0, σ²_w), computed exactly from per-school
 * n_j, ȳ_j and SS_j (no pass over students): the likelihood is profiled over μ and σ²_w and
 * maximised over the ICC by Brent's method. Matches R `lme4::lmer(y ~ 1 + (1 | school))`
 * (High School and Beyond: σ²_b 8.614, σ²_w 39.148). CI: profile likelihood.
 *
 * @example
 * const table = studentTable(parseCsv(readFileSync('fixtures/reference/hsb.csv', 'utf8'), 'hsb.csv'), { require: ['school'] }).table; // High School and Beyond
 * iccReml(groupedMoments(table, { keys: ['school'], value: 'math', weight: null })).icc; // => 0.180351… (lme4: 0.1803518)
 */
export function iccReml(s: ClusterSummary, level = 0.95): RandomInterceptFit | VarianceUnavailable {
  return fit(s, true, level);
}

/**
 * Maximum likelihood (ML, 极大似然) fit of the random-intercept model, as {@link iccReml};
 * matches `lme4::lmer(…, REML = FALSE)`.
 *
 * @example
 * const table = studentTable(parseCsv(readFileSync('fixtures/reference/hsb.csv', 'utf8'), 'hsb.csv'), { require: ['school'] }).table; // High School and Beyond
 * const summary = groupedMoments(table, { keys: ['school'], value: 'math', weight: null });
 * iccMl(summary).betweenVariance; // => 8.55346… (lme4: 8.553464)
 */
export function iccMl(s: ClusterSummary, level = 0.95): RandomInterceptFit | VarianceUnavailable {
  return fit(s, false, level);
}

/**
 * The ML score (the profile's dℓ/dρ, as `profile` computes it) of every delete-one-school
 * replicate at ICC t, in two passes over the schools for all of them: the sums of `profile`
 * over all schools, less each school's own terms. Entry j is the score without school j (NaN
 * for a school without students).
 */
function leaveOneOutScores(s: ClusterSummary, t: number): Float64Array {
  const rho = t / (1 - t);
  const a = s.schoolWeight;
  const J = s.count.length;
  const { students: N, withinSS, centre } = weightedTotals(s);
  const p = new Float64Array(J);
  const r = new Float64Array(J);
  const d = new Float64Array(J);
  let S = 0;
  let SD = 0;
  let SDD = 0;
  let dS = 0;
  let dSD = 0;
  let dSDD = 0;
  for (let j = 0; j < J; j++) {
    const n = s.count[j]!;
    if (!(n > 0)) continue;
    const aj = a ? a[j]! : 1;
    const lambda = 1 + n * rho;
    p[j] = (aj * n) / lambda;
    r[j] = (p[j]! * n) / lambda;
    d[j] = s.mean[j]! - centre;
    S += p[j]!;
    SD += p[j]! * d[j]!;
    SDD += p[j]! * d[j]! * d[j]!;
    dS -= r[j]!;
    dSD -= r[j]! * d[j]!;
    dSDD -= r[j]! * d[j]! * d[j]!;
  }
  const out = new Float64Array(J).fill(NaN);
  for (let j = 0; j < J; j++) {
    const n = s.count[j]!;
    if (!(n > 0)) continue;
    const aj = a ? a[j]! : 1;
    const sj = S - p[j]!;
    const sdj = SD - p[j]! * d[j]!;
    const sddj = SDD - p[j]! * d[j]! * d[j]!;
    const dsj = dS + r[j]!;
    const dsdj = dSD + r[j]! * d[j]!;
    const dsddj = dSDD + r[j]! * d[j]! * d[j]!;
    const q = profiledQ(withinSS - aj * s.m2[j]!, sj, sdj, sddj);
    out[j] = profiledScore(q, N - aj * n, false, sj, sdj, dsj, dsdj, dsddj);
  }
  return out;
}

/** A weighted (pseudo-likelihood) fit, with a design-adjusted interval. */
export interface WeightedRandomInterceptFit extends Omit<RandomInterceptFit, 'method'> {
  method: 'pseudo-ML';
  /**
   * The design effect δ of the ICC: its leverage-adjusted sandwich variance (from the schools'
   * score contributions) over its model-based variance from the pseudo-ML profile's curvature, at
   * most 5 (its bound also where the profile is not curved downwards at an estimate of 0). The
   * interval's likelihood drop is δ times the usual one.
   */
  designEffect: number;
}

/**
 * The information −ℓ″(t) of a profile log-likelihood in t = ICC, by differences of
 * dℓ/dt = score(ρ)·dρ/dt = score/(1 − t)² (the score has no logarithms: differences of ℓ itself
 * would lose half the digits): central at an interior t, forward at t = 0.
 */
function curvatureInformation(score: (t: number) => number, t: number): number {
  const slope = (x: number): number => score(x) / ((1 - x) * (1 - x));
  if (t === 0) return -(slope(1e-4) - slope(0)) / 1e-4;
  const h = 1e-3 * Math.min(t, 1 - t);
  return -(slope(t + h) - slope(t - h)) / (2 * h);
}

/**
 * The largest design effect the interval uses. δ = Σ/I grows without bound as the profile's
 * curvature I at an estimate of 0 falls to 0, and I ≤ 0 leaves nothing to measure against: both
 * take this bound, so δ is continuous in the data there too. 5 is well above the design effects
 * of the fixtures (0.2–3.6) and the simulations (a median of 1.2); where δ exceeds it, it is
 * mostly the profile that is flat. A bound of 3 covered the same in the simulations.
 */
const maxDesignEffect = 5;

/**
 * The design effect of the pseudo-ML ICC at t (its estimate): δ = V_sandwich / V_model with
 * V_model = 1/I, I = −ℓ″(t) of the pseudo-ML profile, and
 *
 *   V_sandwich = Σ_j (U_j − Ū)² / (1 − h_j)² / I²,  h_j = a_j (n_j/λ̃_j)² / Σ_k a_k (n_k/λ̃_k)²,
 *
 * U_j school j's contribution to the profile score, taken as minus the score of the profile
 * without school j at t (so μ and σ²_w are profiled out, as in the fit), and h_j its share of the
 * information about ρ — the leverage of Mancl & DeRouen's (2001) small-sample correction of the
 * sandwich (an HC3-type estimator: it approximates the delete-one jackknife without its refits, and
 * the plain sandwich is biased down with few clusters). Unlike the jackknife it is smooth in the
 * data: no replicate falls on the boundary. I is taken forward from t = 0 at an estimate of 0;
 * there it can fall to 0 and below (possible only there), where δ = Σ/I would grow without bound:
 * δ is capped at `maxDesignEffect`, and takes the cap when I ≤ 0, so it stays continuous. 1 when
 * every school's contribution is the same (Σ = 0) or t̂ = 1.
 */
function designEffectAt(s: ClusterSummary, t: number): number {
  if (!(t >= 0 && t < 1)) return 1;
  const totals = weightedTotals(s);
  const score = (x: number): number => profile(s, totals.students, totals.withinSS, false, x, totals.centre, false).score;
  const rho = t / (1 - t);
  const a = s.schoolWeight;
  const information = curvatureInformation(score, t);
  // Scores in t (dℓ/dt = dℓ/dρ / (1 − t)²), as the information is.
  const scale = 1 / ((1 - t) * (1 - t));
  if (!(information > 0)) return maxDesignEffect;
  const without = leaveOneOutScores(s, t);
  let schools = 0;
  let mean = 0;
  let total = 0;
  const share = new Float64Array(without.length);
  for (let j = 0; j < without.length; j++) {
    if (!Number.isFinite(without[j]!)) continue;
    const n = s.count[j]!;
    share[j] = (a ? a[j]! : 1) * (n / (1 + n * rho)) ** 2;
    total += share[j]!;
    mean += without[j]! * scale;
    schools++;
  }
  mean /= schools;
  let sum = 0;
  for (let j = 0; j < without.length; j++) {
    if (!Number.isFinite(without[j]!)) continue;
    const leverage = share[j]! / total;
    sum += (without[j]! * scale - mean) ** 2 / (1 - leverage) ** 2;
  }
  const delta = sum / information;
  return delta > 0 ? Math.min(delta, maxDesignEffect) : 1;
}

/**
 * Weighted between-school decomposition (加权估计): maximum pseudo-likelihood of the
 * random-intercept model with school weights a_j and scaled within-school weights
 * (Pfeffermann et al. 1998; Rabe-Hesketh & Skrondal 2006 — Stata `mixed … [pw=]`, R WeMix),
 * from the summary of {@link weightedClusterSummary}. With equal weights it equals {@link iccMl}.
 *
 * The ICC interval (加权校间差异占比的置信区间) is the profile of the weighted pseudo-REML
 * likelihood with a design-adjusted drop — the first-order Rao–Scott correction of a
 * pseudo-likelihood-ratio statistic (Rao & Scott 1984; Lumley & Scott 2014, "Tests for
 * regression models fitted to survey data", Aust. N. Z. J. Stat. 56:1):
 *
 *   { t : 2(ℓ_R(t̂_R) − ℓ_R(t)) ≤ δ · F₁,J−1(level) },  δ = V_sandwich(t̂) / V_model(t̂),
 *
 * where V_model is the inverse curvature of the pseudo-ML profile and V_sandwich the sandwich
 * variance from the schools' score contributions with Mancl & DeRouen's (2001, Biometrics 57:126)
 * small-sample leverage correction (see `designEffectAt`). The profile keeps the interval's
 * asymmetry and its lower end at 0 near the boundary (never negative); δ carries what the weights
 * and the clustering do to the variance; F on J − 1 df carries the few schools δ is measured
 * from. δ is a smooth function of the data — a delete-one jackknife of the ICC, which it replaces,
 * jumped when a replicate fell on 0 and so flipped single counties' intervals. In simulated
 * counties (8–60 schools of unequal size, ICC 0.02–0.5, weights varying between and within
 * schools; test/variance, 1,000 counties per cell) it covered 93.5–96.7%, and 97.6–98.7% at
 * ICC ≤ 0.05 with 8–12 schools, where it mostly gives [0, U]. δ is at most 5, the value it takes
 * where the estimate is 0 and the profile is flat or not curved downwards there (so U is then
 * wide: few schools with alike means do not show that the share is small). The interval always
 * contains the pseudo-ML estimate. Standard error of the intercept: the delete-one-school
 * jackknife's.
 *
 * @example
 * const table = studentTable(parseCsv(readFileSync('fixtures/reference/hsb.csv', 'utf8'), 'hsb.csv'), { require: ['school'] }).table; // High School and Beyond
 * const schools = groupedMoments(table, { keys: ['school'], value: 'math', weight: null }); // every weight 1
 * iccWeighted(weightedClusterSummary(schools)).icc; // => 0.179310… (= iccMl(schools).icc)
 */
export function iccWeighted(
  s: ClusterSummary,
  level = 0.95,
  options: {
    /** false: skip the J refits of the intercept's jackknife (for an ICC alone, e.g. a province's thousands of schools); interceptSE is then the model's. */
    interceptJackknife?: boolean;
  } = {},
): WeightedRandomInterceptFit | VarianceUnavailable {
  const full = fit(s, false, level, false);
  if (!full.estimable) return full;
  const J = full.schools;
  const designEffect = designEffectAt(s, full.icc);
  const t = tQuantileCached(1 - (1 - level) / 2, J - 1);
  // The pseudo-REML profile with the drop δ·F₁,J−1(level)/2.
  const reml = fit(s, true, level, true, undefined, undefined, () => (designEffect * t * t) / 2);
  const iccCI: [number, number] = reml.estimable ? [Math.min(reml.iccCI[0], full.icc), Math.max(reml.iccCI[1], full.icc)] : full.iccCI;
  const interceptSE = options.interceptJackknife === false ? full.interceptSE : (interceptJackknifeSE(s, full.icc, J, level) ?? full.interceptSE);
  return { ...full, method: 'pseudo-ML', interceptSE, iccCI, designEffect };
}

/** The delete-one-school jackknife SE of the pseudo-ML intercept (null with fewer than two replicates). */
function interceptJackknifeSE(s: ClusterSummary, icc: number, J: number, level: number): number | null {
  const count = Float64Array.from(s.count);
  const intercepts: number[] = [];
  // The jackknife of the intercept. Every replicate's score at the full estimate and just beside
  // it, from the full sums less the dropped school's terms (one pass each for all replicates):
  // the first two points of each replicate's secant search.
  const h = 1e-7 * Math.max(icc, 1e-3);
  const atFull = leaveOneOutScores(s, icc);
  const beside = icc + h < upperICC ? leaveOneOutScores(s, icc + h) : undefined;
  for (let j = 0; j < count.length; j++) {
    if (!(count[j]! > 0)) continue;
    const dropped = Float64Array.from(count);
    dropped[j] = 0;
    const known = beside && Number.isFinite(atFull[j]!) && Number.isFinite(beside[j]!) ? { f0: atFull[j]!, x1: icc + h, f1: beside[j]! } : undefined;
    const f = fit({ ...s, count: dropped }, false, level, false, icc, known);
    if (f.estimable) intercepts.push(f.intercept);
  }
  if (intercepts.length < 2) return null;
  const mean = intercepts.reduce((acc, v) => acc + v, 0) / intercepts.length;
  return Math.sqrt(((J - 1) / J) * intercepts.reduce((acc, v) => acc + (v - mean) ** 2, 0));
}

/**
 * The quantile an ICC interval's half-width is divided by to serve as a standard error: t on
 * J − 1 df for the weighted interval of {@link iccWeighted} (its drop is δ·t²(J − 1)/2), z for a
 * likelihood or F interval. Used where intervals are combined (plausible values) or differenced
 * (the ledger's changes).
 *
 * @example
 * iccIntervalQuantile({ method: 'pseudo-ML', schools: 11 }); // => 2.2281388519862744 (t on 10 df)
 * iccIntervalQuantile({ method: 'REML', schools: 11 }); // => 1.959963984540054
 */
export function iccIntervalQuantile(fit: { method?: string; schools?: number }, level = 0.95): number {
  const tail = 1 - (1 - level) / 2;
  return fit.method === 'pseudo-ML' && (fit.schools ?? 0) > 1 ? tQuantileCached(tail, fit.schools! - 1) : normalQuantile(tail, 0, 1);
}
