import { tQuantileCached } from '../survey/quantiles.js';
import { rateClopperPearson } from './rateInterval.js';

/**
 * Korn–Graubard interval of a proportion estimated under a complex design (Korn & Graubard
 * 1998): Clopper–Pearson on the effective sample size n_eff = p̂(1 − p̂)/v(p̂), scaled by the
 * ratio of t quantiles (t_{α/2, n−1} / t_{α/2, df})² with n the students and df the design's
 * degrees of freedom — as R `svyciprop(method = "beta")` (which takes n = nrow(design) and
 * df = degf(design)). With v = 0 (p̂ = 0 or 1, or no variation between schools) it is
 * Clopper–Pearson on n.
 *
 * @example
 * kornGraubard(0.3666, 0.0009, 60, 19); // => { lower: 0.305004…, upper: 0.431595…, effectiveSize: 258.004933… }
 * kornGraubard(0.3666, 0.0009, 60, 1).lower; // => 0.061080… (one degree of freedom: far wider)
 */
export function kornGraubard(p: number, variance: number, students: number, df: number, level = 0.95): { lower: number; upper: number; effectiveSize: number } {
  if (!(variance > 0)) {
    const cp = rateClopperPearson(p * students, students, level);
    return { lower: cp.lower, upper: cp.upper, effectiveSize: variance === 0 ? Infinity : students };
  }
  const alpha = 1 - level;
  const effectiveSize = (p * (1 - p)) / variance;
  const scaled = effectiveSize * (tQuantileCached(alpha / 2, students - 1) / tQuantileCached(alpha / 2, df)) ** 2;
  const kg = rateClopperPearson(p * scaled, scaled, level);
  return { lower: kg.lower, upper: kg.upper, effectiveSize };
}
