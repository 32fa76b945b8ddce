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
  it('the interval is the pseudo-REML profile with its drop scaled by the jackknife design effect (replicates equal Brent fits)', () => {
    // The replicates start at the full ICC and find the score's root (not Brent over [0, 1)):
    // their jackknife SE of the intercept must equal one from independent iccMl fits.
    const s = {
      count: [12, 30, 7, 22, 15, 9, 18, 25],
      mean: [480, 530, 505, 470, 550, 495, 515, 500],
      m2: [30e3, 75e3, 17.5e3, 55e3, 37.5e3, 22.5e3, 45e3, 62.5e3],
    };
    const weights = [1.5, 0.8, 2.2, 1, 1.3, 0.7, 1.1, 0.9];
    const ws = weightedClusterSummary({ ...s, sumWeights: s.count.map((n, j) => n * weights[j]!), m2: s.m2.map((m, j) => m * weights[j]!) });
    const w = iccWeighted(ws);
    if (!w.estimable) throw new Error('not estimable');
    // Reference replicates: iccMl (Brent over [0, 1)) on the same summary with school k dropped.
    const J = s.count.length;
    const fits = s.count.map((_, k) => {
      const f = iccMl({ ...ws, count: Float64Array.from(ws.count as ArrayLike<number>, (n, j) => (j === k ? 0 : n)) });
      if (!f.estimable) throw new Error('not estimable');
      return f;
    });
    const jackknifeVariance = (v: number[]) => {
      const mean = v.reduce((a, b) => a + b, 0) / J;
      return ((J - 1) / J) * v.reduce((a, x) => a + (x - mean) ** 2, 0);
    };
    expect(w.interceptSE).toBeCloseTo(Math.sqrt(jackknifeVariance(fits.map((f) => f.intercept))), 10);
    // The model variance of logit(ICC): the ML profile log-likelihood written out (ℓ(t) = −½[N(log 2πQ/N + 1)
    // + Σ a_j log λ_j], λ_j = 1 + n_j t/(1 − t)), its second derivative by a wide central difference.
    const a = ws.schoolWeight;
    const N = ws.count.reduce((acc, n, j) => acc + a[j]! * n, 0);
    const ll = (t: number): number => {
      const rho = t / (1 - t);
      const p = ws.count.map((n, j) => (a[j]! * n) / (1 + n * rho));
      const mu = p.reduce((acc, x, j) => acc + x * ws.mean[j]!, 0) / p.reduce((acc, x) => acc + x, 0);
      const q = ws.m2.reduce((acc, m, j) => acc + a[j]! * m, 0) + p.reduce((acc, x, j) => acc + x * (ws.mean[j]! - mu) ** 2, 0);
      return -0.5 * (N * (Math.log((2 * Math.PI * q) / N) + 1) + ws.count.reduce((acc, n, j) => acc + a[j]! * Math.log(1 + n * rho), 0));
    };
    const logit = (p: number) => Math.log(p / (1 - p));
    const h = 1e-3;
    const model = -1 / ((ll(w.icc + h) - 2 * ll(w.icc) + ll(w.icc - h)) / (h * h)) / (w.icc * (1 - w.icc)) ** 2;
    const designEffect = jackknifeVariance(fits.map((f) => logit(f.icc))) / model;
    expect(w.designEffect).toBeCloseTo(designEffect, 4);
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
  it('on the boundary (ICC 0) the weighted interval is [0, U] with the unscaled drop: δ = 1', () => {
    // Every school mean equal: the pseudo-ML ICC is 0, the jackknife cannot measure a design effect.
    const ws = weightedClusterSummary({ count: [10, 12, 9, 11], sumWeights: [10, 24, 9, 33], mean: [5, 5, 5, 5], m2: [9, 11, 8, 10] });
    const w = iccWeighted(ws);
    if (!w.estimable) throw new Error('not estimable');
    expect(w.icc).toBe(0);
    expect(w.designEffect).toBe(1);
    const t = tQuantile(0.975, 3);
    const reml = iccReml(ws, chisquareCdf(t * t, 1));
    if (!reml.estimable) throw new Error('not estimable');
    expect(w.iccCI[0]).toBe(0);
    expect(w.iccCI[1]).toBeCloseTo(reml.iccCI[1], 12);
    expect(w.iccCI[1]).toBeGreaterThan(0);
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
