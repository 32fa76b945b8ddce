import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  betweenSchoolVariance,
  groupedMoments,
  iccAnova,
  iccMl,
  iccReml,
  iccWeighted,
  parseCsv,
  randomSource,
  rawFromRecords,
  schoolEffects,
  schoolMeanCV,
  studentTable,
  weightedClusterSummary,
  type ClusterSummary,
  type RandomSource,
  tableSource,
} from '../../src/index.js';

const referenceDir = new URL('../../../../fixtures/reference/', import.meta.url);
const hsb = studentTable(parseCsv(readFileSync(new URL('hsb.csv', referenceDir), 'utf8'), 'hsb.csv'), { require: ['school'] });
const bySchool = groupedMoments(hsb.table, { keys: ['school'], value: 'math', weight: null });

/**
 * Per-school summaries drawn exactly from y = u_j + e_ij with σ²_b = icc, σ²_w = 1 − icc:
 * ȳ_j ~ N(u_j, σ²_w/n_j) and SS_j ~ σ²_w χ²(n_j − 1), independent (normal theory).
 */
function simulateSchools(rng: RandomSource, sizes: number[], icc: number): ClusterSummary {
  const count = Float64Array.from(sizes);
  const mean = Float64Array.from(sizes, (n) => Math.sqrt(icc) * rng.normal() + Math.sqrt((1 - icc) / n) * rng.normal());
  const m2 = Float64Array.from(sizes, (n) => (n > 1 ? (1 - icc) * 2 * rng.gamma((n - 1) / 2) : 0));
  return { count, mean, m2 };
}

function coverage(fitter: typeof iccReml | typeof iccAnova, seed: number, sizes: (rng: RandomSource) => number[], icc: number, reps = 500): number {
  const rng = randomSource(seed);
  let covered = 0;
  for (let k = 0; k < reps; k++) {
    const f = fitter(simulateSchools(rng, sizes(rng), icc));
    if (f.estimable && f.iccCI[0] <= icc && icc <= f.iccCI[1]) covered++;
  }
  return covered / reps;
}

describe('ICC confidence intervals cover the truth (simulation, 500 replications each, seeded)', () => {
  const designs: [string, (rng: RandomSource) => number[]][] = [
    ['20 schools of 30', () => Array(20).fill(30)],
    ['12 schools of 5–40', (rng) => Array.from({ length: 12 }, () => rng.integer(5, 40))],
    ['40 schools of 3–60', (rng) => Array.from({ length: 40 }, () => rng.integer(3, 60))],
  ];
  for (const [name, sizes] of designs) {
    for (const icc of [0.05, 0.15, 0.3, 0.5]) {
      it(`iccReml profile-likelihood CI covers ICC ${icc} in 93–97% (${name})`, () => {
        const c = coverage(iccReml, Math.round(icc * 1000) + name.length, sizes, icc);
        expect(c).toBeGreaterThanOrEqual(0.93);
        expect(c).toBeLessThanOrEqual(0.97);
      });
    }
  }
  for (const icc of [0.05, 0.15, 0.3, 0.5]) {
    it(`iccAnova F-based CI covers ICC ${icc} in 93–97% with equal school sizes`, () => {
      const c = coverage(iccAnova, 99 + icc * 100, () => Array(20).fill(30), icc);
      expect(c).toBeGreaterThanOrEqual(0.93);
      expect(c).toBeLessThanOrEqual(0.97);
    });
  }
  it('iccAnova F-based CI under-covers with very unequal school sizes (documented, Donner 1986)', () => {
    const c = coverage(iccAnova, 5, (rng) => Array.from({ length: 40 }, () => rng.integer(3, 60)), 0.3, 1000);
    expect(c).toBeLessThan(0.94);
    expect(c).toBeGreaterThan(0.88);
  });
  it('iccReml is nearly unbiased for the ICC with 40 schools', () => {
    const rng = randomSource(11);
    let sum = 0;
    for (let k = 0; k < 500; k++) {
      const f = iccReml(simulateSchools(rng, Array(40).fill(30), 0.2));
      if (f.estimable) sum += f.icc;
    }
    expect(sum / 500).toBeCloseTo(0.2, 2);
  });
});

describe('iccWeighted', () => {
  /**
   * The pseudo-ML profile log-likelihood of a weighted summary written out, over the schools
   * `count` keeps: ℓ(t) = −½[N(log 2πQ/N + 1) + Σ a_j log λ_j], λ_j = 1 + n_j t/(1 − t),
   * N = Σ a_j n_j, Q = Σ a_j SS_j + Σ p_j (ȳ_j − μ̂)², p_j = a_j n_j/λ_j.
   */
  const profileLogLik =
    (ws: Required<ClusterSummary>, count: ArrayLike<number> = ws.count) =>
    (t: number): number => {
      const a = ws.schoolWeight;
      const rho = t / (1 - t);
      const keep = Array.from(count, (n) => n > 0);
      const N = Array.from(count).reduce((acc, n, j) => acc + (keep[j] ? a[j]! * n : 0), 0);
      const p = Array.from(count, (n, j) => (keep[j] ? (a[j]! * n) / (1 + n * rho) : 0));
      const mu = p.reduce((acc, x, j) => acc + x * ws.mean[j]!, 0) / p.reduce((acc, x) => acc + x, 0);
      const q = Array.from(ws.m2).reduce((acc, m, j) => acc + (keep[j] ? a[j]! * m : 0), 0) + p.reduce((acc, x, j) => acc + x * (ws.mean[j]! - mu) ** 2, 0);
      const logDet = Array.from(count).reduce((acc, n, j) => acc + (keep[j] ? a[j]! * Math.log(1 + n * rho) : 0), 0);
      return -0.5 * (N * (Math.log((2 * Math.PI * q) / N) + 1) + logDet);
    };
  /**
   * δ recomputed from {@link profileLogLik} by numerical differences: school j's score U_j = −dℓ_(−j)/dt
   * at t̂ (the profile without it), I = −ℓ″(t̂), leverage h_j = a_j (n_j/λ_j)² / Σ, and
   * δ = Σ (U_j − Ū)²/(1 − h_j)² / I. Central differences at an interior t̂, forward ones at t̂ = 0
   * (a central one would step below 0).
   */
  const designEffectByDifferences = (ws: Required<ClusterSummary>, t: number): { information: number; delta: number } => {
    const ll = profileLogLik(ws);
    const slope = (x: number) => (ll(x + 1e-7) - ll(x)) / 1e-7;
    const e = 1e-4;
    const information = t === 0 ? -(slope(e) - slope(0)) / e : -(ll(t + e) - 2 * ll(t) + ll(t - e)) / (e * e);
    const J = ws.count.length;
    const rho = t / (1 - t);
    const share = Array.from(ws.count, (n, j) => ws.schoolWeight[j]! * (n / (1 + n * rho)) ** 2);
    const total = share.reduce((x, y) => x + y, 0);
    const scores = Array.from({ length: J }, (_, k) => {
      const without = profileLogLik(
        ws,
        Float64Array.from(ws.count, (n, j) => (j === k ? 0 : n)),
      );
      return t === 0 ? -(without(1e-7) - without(0)) / 1e-7 : -(without(t + 1e-6) - without(t - 1e-6)) / 2e-6;
    });
    const mean = scores.reduce((x, y) => x + y, 0) / J;
    return { information, delta: scores.reduce((acc, u, j) => acc + (u - mean) ** 2 / (1 - share[j]! / total) ** 2, 0) / information };
  };
  it('the interval is the pseudo-REML profile with its drop scaled by the leverage-adjusted sandwich design effect; the intercept SE is the jackknife’s', () => {
    const s = {
      count: [12, 30, 7, 22, 15, 9, 18, 25],
      mean: [480, 530, 505, 470, 550, 495, 515, 500],
      m2: [30e3, 75e3, 17.5e3, 55e3, 37.5e3, 22.5e3, 45e3, 62.5e3],
    };
    const weights = [1.5, 0.8, 2.2, 1, 1.3, 0.7, 1.1, 0.9];
    const ws = weightedClusterSummary({ ...s, sumWeights: s.count.map((n, j) => n * weights[j]!), m2: s.m2.map((m, j) => m * weights[j]!) });
    const w = iccWeighted(ws);
    if (!w.estimable) throw new Error('not estimable');
    // The intercept's replicates start at the full ICC and find the score's root (not Brent over
    // [0, 1)): their jackknife SE must equal one from independent iccMl fits.
    const J = s.count.length;
    const fits = s.count.map((_, k) => {
      const f = iccMl({ ...ws, count: Float64Array.from(ws.count as ArrayLike<number>, (n, j) => (j === k ? 0 : n)) });
      if (!f.estimable) throw new Error('not estimable');
      return f;
    });
    const mean = fits.reduce((a, f) => a + f.intercept, 0) / J;
    expect(w.interceptSE).toBeCloseTo(Math.sqrt(((J - 1) / J) * fits.reduce((a, f) => a + (f.intercept - mean) ** 2, 0)), 10);
    expect(w.designEffect).toBeCloseTo(designEffectByDifferences(ws, w.icc).delta, 4);
    expect(Math.abs(w.designEffect - 1)).toBeGreaterThan(0.01); // measured, not the fallback
    // The interval: iccReml's profile interval at the level whose χ²₁ quantile is δ·t²(J − 1).
    const t = tQuantile(0.975, J - 1);
    const reml = iccReml(ws, chisquareCdf(w.designEffect * t * t, 1));
    if (!reml.estimable) throw new Error('not estimable');
    expect(w.iccCI[0]).toBeCloseTo(Math.min(reml.iccCI[0], w.icc), 10);
    expect(w.iccCI[1]).toBeCloseTo(Math.max(reml.iccCI[1], w.icc), 10);
    expect(w.icc).toBeGreaterThan(0.1);
    expect(w.iccCI[0]).toBeLessThan(w.icc);
    expect(w.iccCI[1]).toBeGreaterThan(w.icc);
  });
  it('on the boundary (ICC 0) the weighted interval is [0, U], U from the drop scaled by δ; the curvature taken forward from 0, δ at its bound where it is not downward', () => {
    const count = [25, 12, 30, 18, 22, 15, 28, 10, 20, 16, 24, 14];
    const weights = [2.5, 0.6, 1, 1.4, 0.8, 1.2, 0.9, 1.8, 1, 0.7, 1.3, 1.1];
    const cases = [
      // Every school mean equal: the profile falls from 0 and is not curved downwards there.
      { ws: weightedClusterSummary({ count: [10, 12, 9, 11], sumWeights: [10, 24, 9, 33], mean: [5, 5, 5, 5], m2: [9, 11, 8, 10] }), curved: false },
      // Twelve schools whose means differ a little less than their students do: ICC 0, the profile curved downwards at 0.
      {
        ws: weightedClusterSummary({
          count,
          mean: [507, 512, 501, 499, 500.5, 499.5, 500, 501.5, 498.5, 500, 499, 501],
          m2: count.map((n, j) => (n - 1) * 400 * weights[j]!),
          sumWeights: count.map((n, j) => n * weights[j]!),
        }),
        curved: true,
      },
    ];
    for (const { ws, curved } of cases) {
      const w = iccWeighted(ws);
      if (!w.estimable) throw new Error('not estimable');
      expect(w.icc).toBe(0);
      const expected = designEffectByDifferences(ws, 0);
      expect(expected.information > 0).toBe(curved);
      // Where the profile is not curved downwards δ takes its bound, 5 (the limit of Σ/I as I falls to 0).
      if (curved) {
        expect(w.designEffect).toBeCloseTo(expected.delta, 3);
        expect(w.designEffect).toBeGreaterThan(1.5);
      } else expect(w.designEffect).toBe(5);
      const t = tQuantile(0.975, ws.count.length - 1);
      const reml = iccReml(ws, chisquareCdf(w.designEffect * t * t, 1));
      if (!reml.estimable) throw new Error('not estimable');
      expect(w.iccCI[0]).toBe(0);
      expect(w.iccCI[1]).toBeCloseTo(reml.iccCI[1], 9);
      expect(w.iccCI[1]).toBeGreaterThan(0);
    }
  });
  it('δ is continuous where the profile’s curvature at an estimate of 0 changes sign (bounded at 5, not 1 on one side and unbounded on the other)', () => {
    // School 0's mean moves from 500 to 510: the county's ICC stays 0 (to 509.4), and the
    // profile's curvature at 0 goes from upwards (I ≤ 0) to downwards.
    const count = [25, 12, 30, 18, 22, 15, 28, 10, 20, 16, 24, 14];
    const weights = [2.5, 0.6, 1, 1.4, 0.8, 1.2, 0.9, 1.8, 1, 0.7, 1.3, 1.1];
    const at = (m0: number) =>
      weightedClusterSummary({
        count,
        mean: [m0, 512, 501, 499, 500.5, 499.5, 500, 501.5, 498.5, 500, 499, 501],
        m2: count.map((n, j) => (n - 1) * 400 * weights[j]!),
        sumWeights: count.map((n, j) => n * weights[j]!),
      });
    const deltas: number[] = [];
    const curved: boolean[] = [];
    for (let k = 0; k <= 180; k++) {
      const ws = at(500 + k * 0.05);
      const w = iccWeighted(ws);
      if (!w.estimable || w.icc !== 0) throw new Error(`ICC not 0 at ${500 + k * 0.05}`);
      deltas.push(w.designEffect);
      curved.push(designEffectByDifferences(ws, 0).information > 0);
    }
    expect(curved.some(Boolean) && curved.some((x) => !x)).toBe(true);
    expect(Math.max(...deltas)).toBe(5);
    expect(Math.min(...deltas)).toBeLessThan(3);
    const largestStep = Math.max(...deltas.slice(1).map((x, k) => Math.abs(x - deltas[k]!) / Math.max(x, deltas[k]!)));
    expect(largestStep).toBeLessThan(0.15);
  });
  it('δ equals the sandwich recomputed by differences in simulated counties, below 1 as well as above', () => {
    const rng = randomSource(8);
    const seen: number[] = [];
    for (let k = 0; k < 12; k++) {
      const J = 10;
      const count = Array.from({ length: J }, () => rng.integer(5, 30));
      const weights = Array.from({ length: J }, () => Math.exp(0.5 * rng.normal()));
      const mean = Array.from({ length: J }, () => 500 + 20 * rng.normal());
      const ws = weightedClusterSummary({
        count,
        mean,
        m2: count.map((n, j) => (n - 1) * 2500 * weights[j]!),
        sumWeights: count.map((n, j) => n * weights[j]!),
      });
      const w = iccWeighted(ws);
      if (!w.estimable || w.icc === 0) continue;
      expect(w.designEffect).toBeCloseTo(designEffectByDifferences(ws, w.icc).delta, 3);
      seen.push(w.designEffect);
    }
    expect(seen.length).toBeGreaterThan(8);
    expect(Math.min(...seen)).toBeLessThan(0.9);
    expect(Math.max(...seen)).toBeGreaterThan(1.1);
  });
  it('δ moves smoothly as a delete-one replicate’s ICC leaves 0 (the jackknife’s δ it replaced jumped there)', () => {
    // Twelve schools, school 0 outlying (530, the between-school variance) and school 1 moved from
    // 500 to 530. Near 500 the schools without school 0 are alike: that replicate's ICC is 0. As school 1
    // moves out, the replicate's ICC leaves 0; the county's own ICC stays about 0.22–0.28 throughout.
    const base = {
      count: [25, 40, 30, 18, 22, 15, 28, 10, 20, 16, 24, 14],
      mean: [530, 0, 501, 499, 500.5, 499.5, 500, 501.5, 498.5, 500, 499, 501],
      m2: Array.from([25, 40, 30, 18, 22, 15, 28, 10, 20, 16, 24, 14], (n) => (n - 1) * 400),
    };
    const weights = [2.5, 1, 1, 1.4, 0.8, 1.2, 0.9, 1.8, 1, 0.7, 1.3, 1.1];
    const at = (m1: number) => {
      const mean = base.mean.map((m, j) => (j === 1 ? m1 : m));
      return weightedClusterSummary({ ...base, mean, sumWeights: base.count.map((n, j) => n * weights[j]!), m2: base.m2.map((m, j) => m * weights[j]!) });
    };
    const steps = Array.from({ length: 121 }, (_, k) => 500 + k * 0.25);
    const deltas: number[] = [];
    const jackknifeDeltas: number[] = [];
    const replicateAtZero: boolean[] = [];
    for (const m1 of steps) {
      const ws = at(m1);
      const w = iccWeighted(ws);
      if (!w.estimable || !(w.icc > 0.2)) throw new Error(`ICC not above 0.2 at ${m1}`);
      deltas.push(w.designEffect);
      // The stop-32 δ: jackknife variance of logit(ICC) over the model variance; 1 when a replicate is 0.
      const reps = Array.from(ws.count, (_, k) => iccMl({ ...ws, count: Float64Array.from(ws.count, (n, j) => (j === k ? 0 : n)) }));
      const iccs = reps.map((f) => (f.estimable ? f.icc : NaN));
      replicateAtZero.push(iccs.some((x) => x === 0));
      const ll = profileLogLik(ws);
      const e = 1e-4;
      const model = -1 / ((ll(w.icc + e) - 2 * ll(w.icc) + ll(w.icc - e)) / (e * e)) / (w.icc * (1 - w.icc)) ** 2;
      const logits = iccs.map((x) => Math.log(x / (1 - x)));
      const m = logits.reduce((a, b) => a + b, 0) / 12;
      jackknifeDeltas.push(iccs.every((x) => x > 0) ? ((11 / 12) * logits.reduce((a, x) => a + (x - m) ** 2, 0)) / model : 1);
    }
    // The sweep crosses the point where a replicate reaches 0.
    expect(replicateAtZero.some(Boolean)).toBe(true);
    expect(replicateAtZero.some((x) => !x)).toBe(true);
    const largestStep = (v: number[]) => Math.max(...v.slice(1).map((x, k) => Math.abs(x - v[k]!) / Math.max(x, v[k]!)));
    expect(largestStep(deltas)).toBeLessThan(0.05);
    expect(largestStep(jackknifeDeltas)).toBeGreaterThan(0.3);
  });
  it('iccWeighted with equal weights equals iccMl', () => {
    const equal = weightedClusterSummary({
      ...bySchool,
      sumWeights: Float64Array.from(bySchool.count, (n) => 2.5 * n),
      m2: Float64Array.from(bySchool.m2, (m) => 2.5 * m),
    });
    const w = iccWeighted(equal);
    const m = iccMl(bySchool);
    if (!w.estimable || !m.estimable) throw new Error('not estimable');
    expect(w.icc).toBeCloseTo(m.icc, 10);
    expect(w.betweenVariance).toBeCloseTo(m.betweenVariance, 8);
    expect(w.intercept).toBeCloseTo(m.intercept, 10);
  });
  it('iccWeighted with integer school weights equals ML on replicated schools', () => {
    const s = { count: [10, 20, 15, 12], mean: [1, 3, 2, 5], m2: [9, 22, 14, 10] };
    const weights = [1, 2, 1, 3];
    const w = iccWeighted(weightedClusterSummary({ ...s, sumWeights: s.count.map((n, j) => n * weights[j]!), m2: s.m2.map((m, j) => m * weights[j]!) }));
    const rep = (a: number[]) => a.flatMap((v, j) => Array(weights[j]!).fill(v));
    const m = iccMl({ count: rep(s.count), mean: rep(s.mean), m2: rep(s.m2) });
    if (!w.estimable || !m.estimable) throw new Error('not estimable');
    expect(w.icc).toBeCloseTo(m.icc, 9);
    expect(w.withinVariance).toBeCloseTo(m.withinVariance, 9);
    expect(w.intercept).toBeCloseTo(m.intercept, 10);
    expect(w.iccCI[0]).toBeLessThan(w.icc);
    expect(w.iccCI[1]).toBeGreaterThan(w.icc);
  });
});

describe('schoolEffects and schoolMeanCV', () => {
  it('schoolEffects equals lme4 ranef(condVar = TRUE) on HSB', () => {
    // R: f <- lmer(math ~ 1 + (1|school), hsb); re <- ranef(f, condVar = TRUE)
    //    fixef(f)[1] + re$school[s, 1]; sqrt(attr(re$school, 'postVar')[1, 1, i])
    const fit = iccReml(bySchool);
    if (!fit.estimable) throw new Error('not estimable');
    const effects = schoolEffects(bySchool, fit);
    const expected: Record<string, [number, number, number]> = {
      '1224': [9.97303903904, 0.871494172308, 47],
      '8367': [6.533962292043, 1.452935875517, 14],
      '9198': [18.26691878699, 1.049467594557, 31],
    };
    for (const [school, [shrunken, sd, n]] of Object.entries(expected)) {
      const e = effects[bySchool.labels[0]!.indexOf(school)]!;
      expect(e.students).toBe(n);
      expect(e.shrunkenMean).toBeCloseTo(shrunken, 6);
      expect(e.posteriorSD).toBeCloseTo(sd, 6);
    }
  });
  it('schoolMeanCV is the student-weighted CV of school means', () => {
    expect(schoolMeanCV({ count: [10, 30], mean: [400, 600], m2: [0, 0] })).toBeCloseTo(Math.sqrt((10 * 150 ** 2 + 30 * 50 ** 2) / 40) / 550, 14);
    expect(schoolMeanCV({ count: [10], mean: [400], m2: [0] })).toBeNull();
  });
});

describe('betweenSchoolVariance', () => {
  it('betweenSchoolVariance fits each county × year × grade and gives verdicts', () => {
    const rng = randomSource(3);
    const records: Record<string, string | number>[] = [];
    for (const [county, icc] of [
      ['甲县', 0.3],
      ['乙县', 0.02],
    ] as const) {
      for (let j = 0; j < 30; j++) {
        const u = Math.sqrt(icc) * 100 * rng.normal();
        for (let i = 0; i < 25; i++) records.push({ 区县: county, 学校: `${county}${j}校`, 年级: 4, 数学: 500 + u + Math.sqrt(1 - icc) * 100 * rng.normal() });
      }
    }
    const data = studentTable(rawFromRecords(records, 'sim.csv'));
    const result = betweenSchoolVariance(tableSource(data), 'math', { reference: { icc: 0.17, label: '全国' } });
    expect(result.counties.map((c) => [c.county, c.schools, c.students, c.level])).toEqual([
      ['甲县', 30, 750, 'large'],
      ['乙县', 30, 750, 'small'],
    ]);
    const [a, b] = result.counties;
    expect(a!.references.find((r) => r.label === '全国')!.comparison).toBe('higher');
    expect(b!.references.find((r) => r.label === '全国')!.comparison).toBe('lower');
    expect(result.province).toHaveLength(1);
    expect(a!.schoolsDetail).toHaveLength(30);
    expect(a!.weighted).toBeNull();
  });
});

describe('betweenSchoolVariance: the province’s share is estimated as its counties’ are', () => {
  /** Two counties of one province, 12 schools each; with `weighted`, the schools' weights vary. */
  const data = (weighted: boolean) => {
    const rng = randomSource(29);
    const records: Record<string, string | number>[] = [];
    for (const county of ['甲县', '乙县']) {
      for (let j = 0; j < 12; j++) {
        const u = Math.sqrt(0.2) * 100 * rng.normal();
        const w = weighted ? Math.exp(0.5 * rng.normal()) : 1;
        for (let i = 0; i < 15 + j; i++)
          records.push({
            省份: '某省',
            区县: county,
            学校: `${county}${j}校`,
            年级: 4,
            学生权重: w * (weighted ? Math.exp(0.2 * rng.normal()) : 1),
            数学: 500 + u + Math.sqrt(0.8) * 100 * rng.normal(),
          });
      }
    }
    return studentTable(rawFromRecords(records, 'sim.csv'));
  };
  it('weighted (pseudo-ML, iccWeighted on all its schools) when the weights vary; REML when they do not', () => {
    for (const weighted of [true, false]) {
      const table = data(weighted);
      const result = betweenSchoolVariance(tableSource(table), 'math');
      const [share] = result.province;
      expect(result.counties.map((c) => c.primary)).toEqual(weighted ? ['pseudo-ML', 'pseudo-ML'] : ['REML', 'REML']);
      expect(share!.method).toBe(weighted ? 'pseudo-ML' : 'REML');
      // The same fit from the schools of both counties pooled.
      const moments = groupedMoments(table.table, { keys: ['county', 'school'], value: 'math', weight: weighted ? 'weight' : null });
      const expected = weighted ? iccWeighted(weightedClusterSummary(moments)) : iccReml(moments);
      if (!expected.estimable) throw new Error('not estimable');
      expect(share!.icc).toBeCloseTo(expected.icc, 10);
      expect(share!.iccCI![0]).toBeCloseTo(expected.iccCI[0], 8);
      expect(share!.iccCI![1]).toBeCloseTo(expected.iccCI[1], 8);
      // The county is compared with that share.
      expect(result.counties[0]!.references.find((r) => r.source === 'province')!.icc).toBeCloseTo(expected.icc, 10);
    }
  });
});
