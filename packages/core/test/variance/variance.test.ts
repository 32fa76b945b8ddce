import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupedMoments, iccAnova, iccMl, iccReml, parseCsv, studentTable } from '../../src/index.js';
import { minimizeBrent, bisect } from '../../src/optimize/brent.js';
import { findRootIllinois } from '../../src/optimize/illinois.js';

const referenceDir = new URL('../../../../fixtures/reference/', import.meta.url);
const reference = JSON.parse(readFileSync(new URL('hsb-reference.json', referenceDir), 'utf8'));
const hsb = studentTable(parseCsv(readFileSync(new URL('hsb.csv', referenceDir), 'utf8'), 'hsb.csv'), { require: ['school'] });
const bySchool = groupedMoments(hsb.table, { keys: ['school'], value: 'math', weight: null });

const relative = (x: number, y: number): number => Math.abs(x / y - 1);

describe('iccReml and iccMl on High School and Beyond', () => {
  // R 4.2.2, lme4 1.1.31: lmer(math ~ 1 + (1|school), data = hsb, REML = TRUE / FALSE);
  // values in fixtures/reference/hsb-reference.json ("REML", "ML").
  for (const [name, fitter, ref] of [
    ['REML', iccReml, reference.REML],
    ['ML', iccMl, reference.ML],
  ] as const) {
    it(`${name} equals lme4 to 1e-6 relative (intercept, SE, variances, ICC, logLik)`, () => {
      const fit = fitter(bySchool);
      if (!fit.estimable) throw new Error('not estimable');
      expect(fit.schools).toBe(160);
      expect(fit.students).toBe(7185);
      const ours = {
        intercept: fit.intercept,
        intercept_se: fit.interceptSE,
        between_var: fit.betweenVariance,
        within_var: fit.withinVariance,
        icc: fit.icc,
        logLik: fit.logLik,
      };
      for (const key of Object.keys(ours) as (keyof typeof ours)[]) {
        expect([key, relative(ours[key], ref[key]) < 1e-6]).toEqual([key, true]);
      }
    });
    it(`${name} equals R's direct maximisation of the same likelihood to 1e-7 relative`, () => {
      // R's "exact" values maximise ℓ itself with optimize(); ℓ is so flat at its maximum that
      // they are good to ~1e-7 (they differ from lme4 by 6e-8 for ML). Jiance solves the score
      // equation instead, and lands within 1e-8 of lme4 (test above).
      const fit = fitter(bySchool);
      if (!fit.estimable) throw new Error('not estimable');
      const exact = reference.exact[name];
      expect(relative(fit.betweenVariance, exact.between_var)).toBeLessThan(1e-7);
      expect(relative(fit.withinVariance, exact.within_var)).toBeLessThan(1e-7);
      expect(relative(fit.icc, exact.icc)).toBeLessThan(1e-7);
      expect(relative(fit.interceptSE, exact.intercept_se)).toBeLessThan(1e-7);
      expect(Math.abs(fit.logLik - exact.logLik)).toBeLessThan(1e-6);
    });
  }
  it('iccReml gives the published HSB figures (Raudenbush & Bryk 2002, table 4.2)', () => {
    const fit = iccReml(bySchool);
    if (!fit.estimable) throw new Error('not estimable');
    expect(fit.intercept).toBeCloseTo(12.637, 3);
    expect(fit.betweenVariance).toBeCloseTo(8.614, 3);
    expect(fit.withinVariance).toBeCloseTo(39.148, 3);
    expect(fit.iccCI[0]).toBeLessThan(fit.icc);
    expect(fit.iccCI[1]).toBeGreaterThan(fit.icc);
  });
});

describe('iccAnova', () => {
  it('iccAnova equals a hand computation on HSB', () => {
    // By hand, from the per-school table: MSB = Σ n_j(ȳ_j − ȳ)²/(J − 1), MSW = Σ SS_j/(N − J),
    // n0 = (N − Σ n_j²/N)/(J − 1), computed here with plain loops over the raw rows.
    const rows = readFileSync(new URL('hsb.csv', referenceDir), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const groups = new Map<string, number[]>();
    for (const r of rows) groups.set(r[0]!, [...(groups.get(r[0]!) ?? []), Number(r[1])]);
    const N = rows.length;
    const J = groups.size;
    const grand = rows.reduce((s, r) => s + Number(r[1]), 0) / N;
    let ssb = 0;
    let ssw = 0;
    let sumN2 = 0;
    for (const xs of groups.values()) {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      ssb += xs.length * (m - grand) ** 2;
      ssw += xs.reduce((a, x) => a + (x - m) ** 2, 0);
      sumN2 += xs.length ** 2;
    }
    const msb = ssb / (J - 1);
    const msw = ssw / (N - J);
    const n0 = (N - sumN2 / N) / (J - 1);
    const fit = iccAnova(bySchool);
    if (!fit.estimable) throw new Error('not estimable');
    expect(fit.meanSquareBetween).toBeCloseTo(msb, 8);
    expect(fit.meanSquareWithin).toBeCloseTo(msw, 10);
    expect(fit.n0).toBeCloseTo(n0, 10);
    expect(fit.icc).toBeCloseTo((msb - msw) / n0 / ((msb - msw) / n0 + msw), 12);
    // And R's values of the same formulas (hsb-reference.json, exact.ANOVA).
    expect(relative(fit.icc, reference.exact.ANOVA.icc)).toBeLessThan(1e-10);
    expect(relative(fit.n0, reference.exact.ANOVA.n0)).toBeLessThan(1e-12);
  });
  it('iccAnova truncates a negative between-school variance at 0', () => {
    const fit = iccAnova({ count: [3, 3], mean: [5, 5.1], m2: [20, 20] });
    expect(fit).toMatchObject({ estimable: true, betweenVariance: 0, icc: 0, truncated: true });
  });
  it('iccAnova CI equals the closed form for equal school sizes', () => {
    // Two schools of 2: MSB = 4, MSW = 0.5, F = 8, df (1, 2).
    // R: F <- 8; fl <- F/qf(0.975, 1, 2); fu <- F/qf(0.025, 1, 2); (c(fl, fu) - 1)/(c(fl, fu) + 1)
    //    → lower clipped to 0 (fl = 0.2104 < 1), upper 0.99998
    const fit = iccAnova({ count: [2, 2], mean: [1, 3], m2: [0.5, 0.5] });
    if (!fit.estimable) throw new Error('not estimable');
    expect(fit.icc).toBeCloseTo(7 / 9, 14);
    expect(fit.iccCI[0]).toBe(0);
    const fu = 8 / 0.0012726; // qf(0.025, 1, 2) = 0.001272584
    expect(fit.iccCI[1]).toBeCloseTo((fu - 1) / (fu + 1), 4);
  });
});

describe('degenerate input gets a clear answer', () => {
  for (const [name, fitter] of [
    ['iccAnova', iccAnova],
    ['iccReml', iccReml],
    ['iccMl', iccMl],
  ] as const) {
    it(`${name} of one school says so`, () => {
      expect(fitter({ count: [30], mean: [500], m2: [1000] })).toEqual({ estimable: false, reason: 'fewer-than-two-schools', schools: 1, students: 30 });
    });
    it(`${name} of schools of one student says so`, () => {
      expect(fitter({ count: [1, 1, 1], mean: [1, 2, 3], m2: [0, 0, 0] })).toMatchObject({ estimable: false, reason: 'no-within-school-replication' });
    });
    it(`${name} of identical scores says so`, () => {
      expect(fitter({ count: [2, 2], mean: [5, 5], m2: [0, 0] })).toMatchObject({ estimable: false, reason: 'no-variance' });
    });
    it(`${name} of scores whose squares overflow says so (never a root-finder error)`, () => {
      expect(fitter({ count: [2, 2], mean: [5, 1e300], m2: [0, 1e308] })).toMatchObject({ estimable: false, reason: 'values-too-large' });
    });
    it(`${name} with zero within-school variance gives ICC 1`, () => {
      expect(fitter({ count: [2, 3], mean: [4, 6], m2: [0, 0] })).toMatchObject({ estimable: true, icc: 1, withinVariance: 0 });
    });
    it(`${name} skips a school whose every score is missing (n = 0)`, () => {
      const a = fitter({ count: [3, 0, 4], mean: [1, 0, 3], m2: [2, 0, 3] });
      const b = fitter({ count: [3, 4], mean: [1, 3], m2: [2, 3] });
      expect(a).toEqual(b);
    });
  }
  it('iccReml puts σ²_b = 0 on the boundary when schools do not differ', () => {
    const fit = iccReml({ count: [10, 10, 10], mean: [5, 5.01, 4.99], m2: [90, 90, 90] });
    expect(fit).toMatchObject({ estimable: true, icc: 0, betweenVariance: 0, boundary: true });
  });
});

describe('optimisers', () => {
  it('minimizeBrent finds an interior and a boundary minimum', () => {
    expect(minimizeBrent((x) => (x - 2) ** 2, 0, 5).x).toBeCloseTo(2, 8);
    expect(minimizeBrent((x) => x, 0, 1).x).toBe(0);
  });
  it('bisect finds √2', () => {
    expect(bisect((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 15);
  });
  it('findRootIllinois finds √2, the root of cos on [1, 2] and a steep root, in few evaluations', () => {
    let calls = 0;
    const root = findRootIllinois((x) => (calls++, x * x - 2), 0, 2);
    expect(root).toBeCloseTo(Math.SQRT2, 15);
    expect(calls).toBeLessThan(20);
    expect(findRootIllinois(Math.cos, 1, 2)).toBeCloseTo(Math.PI / 2, 15);
    expect(findRootIllinois((x) => Math.exp(40 * (x - 0.3)) - 1, 0, 1)).toBeCloseTo(0.3, 14);
    expect(() => findRootIllinois((x) => x * x + 1, -1, 1)).toThrow(/same sign/);
  });
});

describe('estimates from merged summaries', () => {
  it('iccReml of summaries merged from any split of the rows equals one pass (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { mergeGroupedMoments } = await import('../../src/index.js');
    const whole = iccReml(bySchool);
    if (!whole.estimable) throw new Error('not estimable');
    fc.assert(
      fc.property(fc.array(fc.nat({ max: hsb.table.numRows }), { minLength: 1, maxLength: 5 }), (cuts) => {
        const bounds = [0, ...[...new Set(cuts)].sort((a, b) => a - b), hsb.table.numRows];
        let merged = groupedMoments(hsb.table.slice(0, bounds[1]), { keys: ['school'], value: 'math', weight: null });
        for (let k = 1; k < bounds.length - 1; k++) {
          merged = mergeGroupedMoments(merged, groupedMoments(hsb.table.slice(bounds[k], bounds[k + 1]), { keys: ['school'], value: 'math', weight: null }));
        }
        const fit = iccReml(merged);
        if (!fit.estimable) throw new Error('not estimable');
        expect(Math.abs(fit.icc / whole.icc - 1)).toBeLessThan(1e-9);
        expect(Math.abs(fit.betweenVariance / whole.betweenVariance - 1)).toBeLessThan(1e-9);
        expect(Math.abs(fit.intercept / whole.intercept - 1)).toBeLessThan(1e-12);
      }),
      { seed: 3, numRuns: 30 },
    );
  });
});
