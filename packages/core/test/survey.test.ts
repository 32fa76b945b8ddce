import { describe, expect, it } from 'vitest';
import { combinePlausibleValues, replicateVariance } from '../src/index.js';

describe('combinePlausibleValues', () => {
  const estimates = [500, 504, 498, 502, 501];
  const variances = [16, 16, 16, 16, 16];
  it('combinePlausibleValues equals a hand computation and mitools::MIcombine', () => {
    // By hand: θ̄ = 501, Ū = 16, B = (1 + 9 + 9 + 1 + 0)/4 = 5, T = 16 + 1.2·5 = 22.
    // R 4.2.2: MIcombine(results = as.list(c(500, 504, 498, 502, 501)), variances = as.list(rep(16, 5)))
    //          → 501, SE 4.69041575982343, df 53.7777777777778
    const c = combinePlausibleValues(estimates, variances);
    expect(c.estimate).toBe(501);
    expect(c.withinVariance).toBe(16);
    expect(c.betweenVariance).toBe(5);
    expect(c.variance).toBeCloseTo(22, 12);
    expect(c.se).toBeCloseTo(4.69041575982343, 12);
    expect(c.df).toBeCloseTo(53.7777777777778, 10);
  });
  it('combinePlausibleValues uses the Barnard–Rubin df with a complete-data df', () => {
    // R: MIcombine(…, df.complete = 50)$df → 21.7986250016558
    expect(combinePlausibleValues(estimates, variances, { completeDf: 50 }).df).toBeCloseTo(21.7986250016558, 10);
  });
  it('combinePlausibleValues refuses fewer than two plausible values', () => {
    expect(() => combinePlausibleValues([500], [16])).toThrow(RangeError);
  });
});

describe('replicateVariance', () => {
  // Four students y = 1, 3, 5, 7 with weights 1, 1, 2, 2 and four replicate weight columns;
  // replicate means by hand: 4.5, 4.8333, 4.3333, 5; full-sample mean 4.6667.
  // R: svrepdesign(…, type = 'Fay', rho = 0.5, mse = TRUE); SE(svymean(~y, des))^2 → 0.277777777777778
  const full = 14 / 3;
  const reps = [4.5, 29 / 6, 13 / 3, 5];
  it('replicateVariance with Fay-BRR equals svrepdesign(type = "Fay", rho = 0.5)', () => {
    expect(replicateVariance(full, reps, { kind: 'BRR', fay: 0.5 })).toBeCloseTo(0.277777777777778, 12);
  });
  it('replicateVariance with JK2 is the plain sum of squares (TIMSS), and JK1 scales by (R − 1)/R', () => {
    const ss = reps.reduce((a, r) => a + (r - full) ** 2, 0);
    expect(replicateVariance(full, reps, { kind: 'JK2' })).toBeCloseTo(ss, 14);
    expect(replicateVariance(full, reps, { kind: 'JK1' })).toBeCloseTo((3 / 4) * ss, 14);
    expect(replicateVariance(full, reps, { kind: 'BRR', fay: 0 })).toBeCloseTo(ss / 4, 14);
  });
  it('replicateVariance refuses a Fay factor outside [0, 1)', () => {
    expect(() => replicateVariance(1, [1, 2], { kind: 'BRR', fay: 1 })).toThrow(RangeError);
  });
});
