import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import {
  iccMl,
  iccReml,
  iccWeighted,
  randomSource,
  weightedClusterSummary,
  type BetweenSchoolSummary,
  type ClusterSummary,
  type CountyBetweenSchool,
  type RandomSource,
} from '../../src/index.js';
import { combineOverPlausibleValues } from '../../src/variance/betweenSchoolVariance.js';

/**
 * One simulated county: J schools of n ~ U{lo..hi} students, y_ij = u_j + e_ij with ICC `icc`
 * (total variance 1), school weights lognormal (σ = 0.5: a county's schools drawn with unequal
 * probabilities) and within-school weights varying around them (σ = 0.2), summarised as
 * analyze does (weighted per-school n, Σw, weighted mean and SS).
 */
function county(rng: RandomSource, J: number, lo: number, hi: number, icc: number): Required<ClusterSummary> {
  const count: number[] = [];
  const sumWeights: number[] = [];
  const mean: number[] = [];
  const m2: number[] = [];
  for (let j = 0; j < J; j++) {
    const n = rng.integer(lo, hi);
    const u = Math.sqrt(icc) * rng.normal();
    const a = Math.exp(0.5 * rng.normal());
    const ys = new Float64Array(n);
    const ws = new Float64Array(n);
    let W = 0;
    let S = 0;
    for (let i = 0; i < n; i++) {
      ys[i] = u + Math.sqrt(1 - icc) * rng.normal();
      ws[i] = a * Math.exp(0.2 * rng.normal());
      W += ws[i]!;
      S += ws[i]! * ys[i]!;
    }
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ws[i]! * (ys[i]! - S / W) ** 2;
    count.push(n);
    sumWeights.push(W);
    mean.push(S / W);
    m2.push(ss);
  }
  return weightedClusterSummary({ count, sumWeights, mean, m2 });
}

/**
 * The interval iccWeighted gave before issue 23: delete-one-school jackknife of logit(ICC), t on
 * J − 1 df; and whether a replicate's ICC was 0 (where the jackknife's design effect, used for the
 * interval in between, jumped).
 */
function oldJackknifeCI(s: Required<ClusterSummary>, icc: number, J: number): { ci: [number, number]; replicateAtZero: boolean } {
  const reps: number[] = [];
  for (let k = 0; k < J; k++) {
    const f = iccMl({ ...s, count: Float64Array.from(s.count, (n, j) => (j === k ? 0 : n)) });
    if (f.estimable) reps.push(f.icc);
  }
  const clamp = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));
  const logit = (p: number) => Math.log(clamp(p) / (1 - clamp(p)));
  const se = (v: number[]) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    return Math.sqrt(((J - 1) / J) * v.reduce((a, x) => a + (x - m) ** 2, 0));
  };
  const t = tQuantile(0.975, J - 1);
  const replicateAtZero = reps.some((x) => x === 0);
  if (icc > 0 && icc < 1 && reps.length === J) {
    const e = se(reps.map(logit));
    return { ci: [1 / (1 + Math.exp(-(logit(icc) - t * e))), 1 / (1 + Math.exp(-(logit(icc) + t * e)))], replicateAtZero };
  }
  const e = reps.length > 1 ? se(reps) : 0;
  return { ci: [Math.max(0, icc - t * e), Math.min(1, icc + t * e)], replicateAtZero };
}

const designs: [number, number, number][] = [
  [8, 10, 50],
  [12, 5, 40],
  [20, 20, 40],
  [40, 3, 60],
  [60, 10, 50],
];
const iccs = [0.02, 0.05, 0.15, 0.3, 0.5];
// JIANCE_LONG_SIMULATION=1: 1,000 counties per cell and the old jackknife beside (the table of issue 23's note).
const long = process.env.JIANCE_LONG_SIMULATION === '1';
const reps = long ? 1000 : 500;

describe(`weighted ICC interval covers the truth (simulation, ${reps} counties per cell, seeded)`, () => {
  const rows: string[] = [];
  for (const [J, lo, hi] of designs) {
    for (const icc of iccs) {
      // Near the boundary with few schools the interval is mostly [0, U]: it may cover more than 95%
      // (a two-sided likelihood interval at a true ICC ≈ 0 covers up to 97.5%, plus the t of δ's J − 1 df),
      // never less.
      const boundary = J <= 12 && icc <= 0.05;
      it(`${J} schools of ${lo}–${hi}, ICC ${icc}: coverage ${boundary ? '93–99.5%' : '93–97%'}, the interval within [0, 1] around the estimate`, () => {
        const rng = randomSource(1000 * J + Math.round(icc * 1000));
        let n = 0;
        let covered = 0;
        let coveredOld = 0;
        // Counties with an interior estimate and a delete-one replicate at 0, and how many of them the new interval covers.
        let atZero = 0;
        // Counties where δ is at its bound, 5 (the profile flat or not curved downwards at an estimate of 0).
        let bounded = 0;
        let coveredAtZero = 0;
        for (let k = 0; k < reps; k++) {
          const s = county(rng, J, lo, hi, icc);
          const w = iccWeighted(s);
          if (!w.estimable) continue;
          n++;
          const [lower, upper] = w.iccCI;
          if (!(lower >= 0 && lower <= w.icc && w.icc <= upper && upper <= 1)) throw new Error(`interval ${lower}–${upper} around ${w.icc}`);
          if (lower <= icc && icc <= upper) covered++;
          if (w.designEffect === 5) bounded++;
          if (long) {
            const old = oldJackknifeCI(s, w.icc, J);
            if (old.ci[0] <= icc && icc <= old.ci[1]) coveredOld++;
            if (old.replicateAtZero && w.icc > 0) {
              atZero++;
              if (lower <= icc && icc <= upper) coveredAtZero++;
            }
          }
        }
        const coverage = covered / n;
        rows.push(
          `| ${J} | ${lo}–${hi} | ${icc} | ${(100 * coverage).toFixed(1)}% |${long ? ` ${((100 * coveredOld) / n).toFixed(1)}% | ${coveredAtZero}/${atZero} | ${bounded} |` : ''}`,
        );
        expect(n).toBe(reps);
        expect(coverage).toBeGreaterThanOrEqual(0.93);
        expect(coverage).toBeLessThanOrEqual(boundary ? 0.995 : 0.97);
      });
    }
  }
  it.runIf(long)('prints the table', () => {
    console.log(
      [
        '| schools | students per school | ICC | design-adjusted profile | old logit jackknife | covered where a replicate is 0 | δ = 1 / δ > 5 |',
        '|---|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    );
  });
});

/**
 * One simulated county's M = 5 plausible values: the latent score θ_ij = u_j + e_ij (ICC `icc`)
 * is observed with error (reliability 0.7), and each PV is a proper draw given the observed
 * scores — the school effect from its posterior given the school's scores, then θ given the
 * score and the effect (variance components known to the imputer, as in a national scaling
 * model). Weights as in {@link county}.
 */
function plausibleCounty(rng: RandomSource, J: number, lo: number, hi: number, icc: number, M = 5): Required<ClusterSummary>[] {
  const within = 1 - icc;
  const error = (within * 0.3) / 0.7;
  const posterior = (within * error) / (within + error);
  const pvs = Array.from({ length: M }, () => ({ count: [] as number[], sumWeights: [] as number[], mean: [] as number[], m2: [] as number[] }));
  for (let j = 0; j < J; j++) {
    const n = rng.integer(lo, hi);
    const u = Math.sqrt(icc) * rng.normal();
    const a = Math.exp(0.5 * rng.normal());
    const w = Float64Array.from({ length: n }, () => a * Math.exp(0.2 * rng.normal()));
    const x = Float64Array.from({ length: n }, () => u + Math.sqrt(within) * rng.normal() + Math.sqrt(error) * rng.normal());
    const xbar = x.reduce((acc, v) => acc + v, 0) / n;
    const shrink = icc / (icc + (within + error) / n);
    for (const pv of pvs) {
      const effect = shrink * xbar + Math.sqrt((shrink * (within + error)) / n) * rng.normal();
      const y = Float64Array.from(x, (xi) => (within * xi + error * effect) / (within + error) + Math.sqrt(posterior) * rng.normal());
      let W = 0;
      let S = 0;
      for (let i = 0; i < n; i++) {
        W += w[i]!;
        S += w[i]! * y[i]!;
      }
      let ss = 0;
      for (let i = 0; i < n; i++) ss += w[i]! * (y[i]! - S / W) ** 2;
      pv.count.push(n);
      pv.sumWeights.push(W);
      pv.mean.push(S / W);
      pv.m2.push(ss);
    }
  }
  return pvs.map((g) => weightedClusterSummary(g));
}

/** A between-school summary of one county, year and grade with the given fits: what combineOverPlausibleValues reads. */
function oneCounty(schools: number, students: number, fits: Pick<CountyBetweenSchool, 'reml' | 'ml' | 'weighted'>): BetweenSchoolSummary {
  return {
    subject: 'math',
    method: '',
    thresholds: { large: 0.15, small: 0.1 },
    usage: {} as BetweenSchoolSummary['usage'],
    province: [],
    nation: [],
    counties: [
      {
        province: null,
        county: 'c',
        year: 2024,
        grade: 4,
        schools,
        students,
        primary: 'pseudo-ML',
        ...fits,
        anova: { estimable: false, reason: 'no-variance', schools, students },
        cv: null,
        level: null,
        references: [],
        schoolsDetail: [],
      },
    ],
  };
}

describe('weighted ICC interval with plausible values (Rubin across 5 PVs, 300 counties per cell, seeded)', () => {
  for (const [J, lo, hi, icc] of [
    [12, 5, 40, 0.15],
    [20, 20, 40, 0.3],
    [40, 3, 60, 0.15],
  ] as const) {
    // Rubin's variance is conservative here: the imputer knows the variance components, more than
    // the analysis assumes (Meng 1994, uncongenial imputation); REML's combined interval is too.
    it(`${J} schools, ICC ${icc}: the combined interval covers the latent ICC in 93–99.5%`, () => {
      const rng = randomSource(77 * J + Math.round(icc * 1000));
      let covered = 0;
      for (let k = 0; k < 300; k++) {
        const fits = plausibleCounty(rng, J, lo, hi, icc).map((s) => {
          const reml = iccReml(s);
          return oneCounty(J, 0, { reml, ml: reml, weighted: iccWeighted(s) });
        });
        const c = combineOverPlausibleValues(fits).counties[0]!;
        expect(c.primary).toBe('pseudo-ML');
        if (!c.weighted?.estimable) throw new Error('not estimable');
        if (c.weighted.iccCI[0] <= icc && icc <= c.weighted.iccCI[1]) covered++;
      }
      if (long) console.log(`plausible values: ${J} schools, ICC ${icc}: ${((100 * covered) / 300).toFixed(1)}%`);
      expect(covered / 300).toBeGreaterThanOrEqual(0.93);
      expect(covered / 300).toBeLessThanOrEqual(0.995);
    });
  }
});

describe('combineOverPlausibleValues: Ū of a weighted fit', () => {
  it('takes each interval’s half-width over t(0.975, J − 1), the quantile its drop used (z for REML)', () => {
    const weighted = (icc: number, iccCI: [number, number]) =>
      ({ estimable: true, method: 'pseudo-ML', schools: 10, students: 200, icc, iccCI, level: 0.95, designEffect: 1.5, intercept: 0, interceptSE: 1 }) as never;
    const likelihood = (method: 'REML' | 'ML', icc: number, iccCI: [number, number]) =>
      ({ estimable: true, method, schools: 10, students: 200, icc, iccCI, level: 0.95, intercept: 0, interceptSE: 1 }) as never;
    const summary = (icc: number, iccCI: [number, number]) =>
      oneCounty(10, 200, { reml: likelihood('REML', icc, iccCI), ml: likelihood('ML', icc, iccCI), weighted: weighted(icc, iccCI) });
    const c = combineOverPlausibleValues([summary(0.2, [0.1, 0.32]), summary(0.24, [0.13, 0.37])]).counties[0]!;
    const mean = 0.22;
    const B = (0.02 ** 2 * 2) / 1; // variance of (0.2, 0.24)
    const widen = (q: number) => {
      const U = (((0.32 - 0.1) / (2 * q)) ** 2 + ((0.37 - 0.13) / (2 * q)) ** 2) / 2;
      return Math.sqrt((U + 1.5 * B) / U);
    };
    const t9 = tQuantile(0.975, 9);
    // Weighted: t on 9 df; REML: z.
    expect(c.weighted!.estimable && c.weighted!.iccCI[1]).toBeCloseTo(mean + (0.345 - mean) * widen(t9), 12);
    expect(c.weighted!.estimable && c.weighted!.iccCI[0]).toBeCloseTo(mean - (mean - 0.115) * widen(t9), 12);
    expect(c.reml.estimable && c.reml.iccCI[1]).toBeCloseTo(mean + (0.345 - mean) * widen(1.959963984540054), 12);
  });
});
