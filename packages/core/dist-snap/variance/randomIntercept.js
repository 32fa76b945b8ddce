import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { bisect, minimizeBrent } from '../optimize/brent.js';
import { findRootIllinois } from '../optimize/illinois.js';
import { clusterTotals, unavailableReason } from './clusterSummary.js';
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
function profile(s, N, withinSS, reml, t) {
    const rho = t / (1 - t);
    const a = s.schoolWeight;
    let sumPrecision = 0;
    let weightedSum = 0;
    let logDet = 0;
    let dS = 0;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        if (!(n > 0))
            continue;
        const aj = a ? a[j] : 1;
        const lambda = 1 + n * rho;
        sumPrecision += (aj * n) / lambda;
        weightedSum += ((aj * n) / lambda) * s.mean[j];
        logDet += aj * Math.log(lambda);
        dS -= (aj * n * n) / (lambda * lambda);
    }
    const intercept = weightedSum / sumPrecision;
    let q = withinSS;
    let dQ = 0;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        if (!(n > 0))
            continue;
        const aj = a ? a[j] : 1;
        const lambda = 1 + n * rho;
        const d2 = (s.mean[j] - intercept) ** 2;
        q += (aj * n * d2) / lambda;
        dQ -= (aj * n * n * d2) / (lambda * lambda);
    }
    const dof = reml ? N - 1 : N;
    const withinVariance = q / dof;
    const logLik = -0.5 * (dof * (Math.log(2 * Math.PI * withinVariance) + 1) + logDet + (reml ? Math.log(sumPrecision) : 0));
    // Σ a_j n_j/λ̃_j is sumPrecision: the derivative of Σ a_j log λ̃_j.
    const score = -0.5 * ((dof * dQ) / q + sumPrecision + (reml ? dS / sumPrecision : 0));
    return { logLik, score, intercept, sumPrecision, withinVariance };
}
/** Σ a_j n_j and Σ a_j SS_j: the (weighted) number of students and within sum of squares. */
function weightedTotals(s) {
    const a = s.schoolWeight;
    let students = 0;
    let withinSS = 0;
    for (let j = 0; j < s.count.length; j++) {
        const n = s.count[j];
        if (!(n > 0))
            continue;
        const aj = a ? a[j] : 1;
        students += aj * n;
        withinSS += aj * s.m2[j];
    }
    return { students, withinSS };
}
const upperICC = 1 - 1e-10;
/** The maximising ICC: Brent's method on ℓ over [0, 1), polished as the root of the score. */
function maximise(ll, sc) {
    const best = minimizeBrent((t) => -ll(t), 0, upperICC, 1e-13);
    // Polish: the root of the score in a small bracket around Brent's answer.
    let t = best.x;
    if (t > 0) {
        const a = Math.max(0, t - 1e-5);
        const b = Math.min(upperICC, t + 1e-5);
        if (sc(a) > 0 && sc(b) < 0)
            t = bisect(sc, a, b);
    }
    return t;
}
/**
 * The ICC where the score vanishes, bracketed from a nearby `start` (0 when the score is not
 * positive at 0: the maximum is on the boundary). Assumes, like the polish above, that the
 * profile is unimodal — it is for the one-way random-effects model with n_j > 0.
 */
function scoreRoot(sc, start) {
    const f0 = sc(0);
    if (!(f0 > 0))
        return 0;
    let a = 0;
    let fa = f0;
    let b = Math.min(Math.max(start, 1e-6), upperICC);
    let fb = sc(b);
    while (fb > 0) {
        if (b >= upperICC)
            return upperICC;
        a = b;
        fa = fb;
        b = Math.min(upperICC, b + (1 - b) / 2);
        fb = sc(b);
    }
    // Narrow a wide lower bracket towards the start first (the root is usually close to it).
    if (a === 0 && b > 1e-3) {
        const m = b / 2;
        const fm = sc(m);
        if (fm > 0) {
            a = m;
            fa = fm;
        }
    }
    return findRootIllinois(sc, a, b, fa, fb);
}
// `interval: false` skips the profile interval (jackknife replicates need only the estimates).
// `start` (a nearby estimate, e.g. the full sample's for a jackknife replicate) finds the
// score's root from there instead of searching [0, 1) with Brent's method.
function fit(s, reml, level, interval = true, start) {
    const totals = clusterTotals(s);
    const reason = unavailableReason(totals);
    if (reason)
        return { estimable: false, reason, schools: totals.schools, students: totals.students };
    const weighted = weightedTotals(s);
    const N = weighted.students;
    const method = reml ? 'REML' : 'ML';
    if (totals.withinSS === 0) {
        // Every school is internally constant: all variance lies between schools.
        const between = totals.betweenSS / (reml ? totals.schools - 1 : totals.schools);
        return {
            estimable: true, method, schools: totals.schools, students: totals.students,
            intercept: meanOfMeans(s), interceptSE: Math.sqrt(between / totals.schools),
            betweenVariance: between, withinVariance: 0, icc: 1, iccCI: [1, 1], level, logLik: Infinity, boundary: false,
        };
    }
    const ll = (t) => profile(s, N, weighted.withinSS, reml, t).logLik;
    const sc = (x) => profile(s, N, weighted.withinSS, reml, x).score;
    const t = start === undefined ? maximise(ll, sc) : scoreRoot(sc, start);
    const p = profile(s, N, weighted.withinSS, reml, t);
    const rho = t / (1 - t);
    const betweenVariance = rho * p.withinVariance;
    // Profile-likelihood interval: {t : 2(ℓ̂ − ℓ(t)) ≤ χ²₁(level)}.
    const cut = p.logLik - chisquareQuantile(level, 1) / 2;
    const gap = (x) => ll(x) - cut;
    const lower = !interval ? NaN : t === 0 || gap(0) >= 0 ? 0 : bisect(gap, 0, t);
    const upper = !interval ? NaN : gap(upperICC) >= 0 ? 1 : bisect(gap, t, upperICC);
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
function meanOfMeans(s) {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < s.count.length; j++) {
        if (s.count[j] > 0) {
            sum += s.mean[j];
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
 * iccReml(groupedMoments(table, { keys: ['school'], value: 'math', weight: null })).icc; // => 0.1803…
 */
export function iccReml(s, level = 0.95) {
    return fit(s, true, level);
}
/**
 * Maximum likelihood (ML, 极大似然) fit of the random-intercept model, as {@link iccReml};
 * matches `lme4::lmer(…, REML = FALSE)`.
 *
 * @example
 * iccMl(summary).betweenVariance; // => 8.553… on High School and Beyond
 */
export function iccMl(s, level = 0.95) {
    return fit(s, false, level);
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
export function iccWeighted(s, level = 0.95) {
    const full = fit(s, false, level);
    if (!full.estimable)
        return full;
    const J = full.schools;
    const count = Float64Array.from(s.count);
    const iccs = [];
    const intercepts = [];
    for (let j = 0; j < count.length; j++) {
        if (!(count[j] > 0))
            continue;
        const dropped = Float64Array.from(count);
        dropped[j] = 0;
        const f = fit({ ...s, count: dropped }, false, level, false, full.icc);
        if (!f.estimable)
            continue;
        iccs.push(f.icc);
        intercepts.push(f.intercept);
    }
    const jackknifeSE = (values) => {
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        return Math.sqrt(((J - 1) / J) * values.reduce((a, v) => a + (v - mean) ** 2, 0));
    };
    const z = tQuantile(1 - (1 - level) / 2, J - 1);
    const clamp = (x) => Math.min(1 - 1e-12, Math.max(1e-12, x));
    const logit = (p) => Math.log(clamp(p) / (1 - clamp(p)));
    let iccCI;
    if (full.icc > 0 && full.icc < 1 && iccs.length === J) {
        const se = jackknifeSE(iccs.map(logit));
        const centre = logit(full.icc);
        iccCI = [1 / (1 + Math.exp(-(centre - z * se))), 1 / (1 + Math.exp(-(centre + z * se)))];
    }
    else {
        const se = iccs.length > 1 ? jackknifeSE(iccs) : 0;
        iccCI = [Math.max(0, full.icc - z * se), Math.min(1, full.icc + z * se)];
    }
    return {
        ...full,
        method: 'pseudo-ML',
        interceptSE: intercepts.length > 1 ? jackknifeSE(intercepts) : full.interceptSE,
        iccCI,
    };
}
//# sourceMappingURL=randomIntercept.js.map