import { describe, expect, it } from 'vitest';
import { cochranArmitage, rateClopperPearson, rateClustered, rateWilson } from '../../src/index.js';

describe('rateWilson and rateClopperPearson', () => {
  it('rateWilson equals prop.test(correct = FALSE)', () => {
    // R 4.2.2: prop.test(36, 100, correct = FALSE)$conf.int → 0.272712204014043 0.457645975483913
    const w = rateWilson(36, 100);
    expect(w.lower).toBeCloseTo(0.272712204014043, 12);
    expect(w.upper).toBeCloseTo(0.457645975483913, 12);
    // prop.test(0, 20, correct = FALSE)$conf.int → 0 0.161125158052819
    expect(rateWilson(0, 20).upper).toBeCloseTo(0.161125158052819, 12);
  });
  it('rateClopperPearson equals binom.test', () => {
    // R: binom.test(36, 100)$conf.int → 0.266408422733235 0.462121893327423
    const cp = rateClopperPearson(36, 100);
    expect(cp.lower).toBeCloseTo(0.266408422733235, 12);
    expect(cp.upper).toBeCloseTo(0.462121893327423, 12);
    // binom.test(0, 20)$conf.int → 0 0.168433470983085
    expect(rateClopperPearson(0, 20)).toMatchObject({ lower: 0 });
    expect(rateClopperPearson(0, 20).upper).toBeCloseTo(0.168433470983085, 12);
    expect(rateClopperPearson(20, 20).upper).toBe(1);
  });
  it('rate intervals refuse impossible counts', () => {
    expect(() => rateWilson(5, 3)).toThrow(RangeError);
    expect(() => rateClopperPearson(1, 0)).toThrow(RangeError);
  });
});

describe('rateClustered', () => {
  // Six schools, weights constant within school. R 4.2.2, survey 4.1.1:
  //   d <- one row per student (school, w, y); des <- svydesign(ids = ~school, weights = ~w, data = d)
  //   svymean(~y, des)                      → 0.310703666997027, SE 0.0689041385670759
  //   svymean(~y, des, deff = 'replace')    → DEff 3.813
  //   svyciprop(~y, des, method = 'beta')   → 0.147081951898983 0.518363795002674
  const n = [30, 25, 32, 18, 40, 28];
  const cases = [9, 12, 5, 10, 16, 7];
  const w = [1.2, 0.8, 2.0, 1.5, 0.6, 1.1];
  const r = rateClustered({
    count: n,
    sumWeights: n.map((k, j) => k * w[j]!),
    sumWeightedCases: cases.map((k, j) => k * w[j]!),
  });
  it('rateClustered equals survey::svymean with schools as clusters', () => {
    expect(r.rate).toBeCloseTo(0.310703666997027, 13);
    expect(r.se).toBeCloseTo(0.0689041385670759, 13);
    expect(r.designEffect).toBeCloseTo(3.813, 3);
    expect([r.students, r.schools]).toEqual([173, 6]);
  });
  it('rateClustered Korn–Graubard interval equals svyciprop(method = "beta")', () => {
    expect(r.lower).toBeCloseTo(0.147081951898983, 11);
    expect(r.upper).toBeCloseTo(0.518363795002674, 11);
    expect(r.wilson[0]).toBeLessThan(r.rate);
    expect(r.wilson[1]).toBeGreaterThan(r.rate);
  });
  it('rateClustered with a rate of 0 falls back to Clopper–Pearson on n', () => {
    const zero = rateClustered({ count: [10, 10], sumWeights: [10, 10], sumWeightedCases: [0, 0] });
    expect(zero).toMatchObject({ rate: 0, se: 0, lower: 0 });
    expect(zero.upper).toBeCloseTo(rateClopperPearson(0, 20).upper, 14);
  });
  it('rateClustered of one school has no design-based SE', () => {
    const one = rateClustered({ count: [10], sumWeights: [10], sumWeightedCases: [3] });
    expect(one.se).toBeNaN();
    expect(one.schools).toBe(1);
    expect(one.lower).toBeCloseTo(rateClopperPearson(3, 10).lower, 14);
  });
});

describe('cochranArmitage', () => {
  it('cochranArmitage equals prop.trend.test', () => {
    // R 4.2.2: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82)) → X-squared 8.224922285198, p 0.00413189747764
    const t = cochranArmitage([83, 90, 129, 70], [86, 93, 136, 82]);
    expect(t.statistic).toBeCloseTo(8.224922285198, 10);
    expect(t.pValue).toBeCloseTo(0.00413189747764, 12);
    expect(t.direction).toBe(-1);
  });
  it('cochranArmitage with years as scores gives the slope per year', () => {
    // R: prop.trend.test(c(30, 36, 41, 45), rep(100, 4), score = 2021:2024) → X-squared 5.305602716469, p 0.0212569437558
    const t = cochranArmitage([30, 36, 41, 45], [100, 100, 100, 100], [2021, 2022, 2023, 2024]);
    expect(t.statistic).toBeCloseTo(5.305602716469, 9);
    expect(t.pValue).toBeCloseTo(0.0212569437558, 11);
    expect(t.slope).toBeCloseTo(0.05, 12); // closed form: equal n → OLS slope of (0.30, 0.36, 0.41, 0.45)
    expect(t.direction).toBe(1);
  });
  it('cochranArmitage of all-zero counts reports no trend', () => {
    expect(cochranArmitage([0, 0], [10, 10])).toEqual({ statistic: 0, pValue: 1, slope: 0, direction: 0 });
  });
});
