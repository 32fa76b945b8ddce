import type { DomainTotals } from './designContrast.js';
import type { DesignEntries } from './designEntries.js';

/** θ_m and v_m of a contrast per plausible value, with the domain ratios and lonely strata. */
export interface ContrastParts {
  estimates: number[];
  variances: number[];
  /** Domain ratio of each term, averaged over plausible values. */
  terms: number[];
  lonelyStrata: number;
}

/**
 * The Taylor-linearised contrasts of counties in design cells without replicate weights, read
 * straight from the entries' columns: each costs a loop over the county's own strata — what
 * `designContrast` computes for the same terms, in the same order of summation (so to the last
 * bit), without a closure or a map per school. Each entry must be its own PSU (entries keyed
 * down to the school), as in county comparisons. Entry lists are indices into the entries; a
 * county's `strata` are the entry lists of the strata its schools are in, in the order
 * `designContrast` would meet them.
 */
export class TaylorCell {
  private readonly M: number;
  private readonly w: Float64Array;
  private readonly wy: Float64Array;

  constructor(design: DesignEntries) {
    if (design.replicates > 0) throw new RangeError('TaylorCell: no replicate weights (their variance is not Taylor)');
    this.M = design.plausibleValues;
    // Without replicates, entry e's full weight is at e and PV m's total at e·M + m.
    this.w = design.sumWeights;
    this.wy = design.sumWY;
  }

  /**
   * v_m of −(province mean) over one stratum's entries, the province's totals given: that
   * stratum's share of the variance of a county − province contrast.
   */
  provinceShare(list: readonly number[], province: DomainTotals): number[] {
    const Wp = province.sumWeights[0]!;
    const out: number[] = [];
    for (let m = 0; m < this.M; m++) {
      const Rp = province.sumWY[m]! / Wp;
      const { wy, w, M } = this;
      out.push(segmentVariance(list, (e) => (-1 * (wy[e * M + m]! - Rp * w[e]!)) / Wp).variance);
    }
    return out;
  }

  /**
   * A county's mean (one term), or its difference from the province (with `province`: the
   * province's totals, and `outside[m]`, the variance its other strata add), over the county's
   * strata. `member(e)` says which entries are the county's.
   */
  county(
    strata: readonly (readonly number[])[],
    member: (e: number) => boolean,
    province?: { totals: DomainTotals; outside: readonly number[] },
  ): ContrastParts {
    const { M, w, wy } = this;
    let Wc = 0;
    for (const list of strata) for (const e of list) if (member(e)) Wc += w[e]!;
    if (!(Wc > 0)) throw new RangeError('designContrast: a term has no students');
    const Wp = province ? province.totals.sumWeights[0]! : NaN;
    const estimates: number[] = [];
    const variances: number[] = [];
    const terms = province ? [0, 0] : [0];
    let lonelyStrata = 0;
    for (let m = 0; m < M; m++) {
      let S = 0;
      for (const list of strata) for (const e of list) if (member(e)) S += wy[e * M + m]!;
      const Rc = S / Wc;
      terms[0]! += Rc / M;
      let estimate = 0 + 1 * Rc;
      let z: (e: number) => number;
      if (province) {
        const Rp = province.totals.sumWY[m]! / Wp;
        terms[1]! += Rp / M;
        estimate += -1 * Rp;
        z = (e) => {
          let zk = 0;
          if (member(e)) zk += (1 * (wy[e * M + m]! - Rc * w[e]!)) / Wc;
          return zk + (-1 * (wy[e * M + m]! - Rp * w[e]!)) / Wp;
        };
      } else z = (e) => (member(e) ? 0 + (1 * (wy[e * M + m]! - Rc * w[e]!)) / Wc : 0);
      estimates.push(estimate);
      let variance = 0;
      lonelyStrata = 0;
      for (const list of strata) {
        const v = segmentVariance(list, z);
        variance += v.variance;
        lonelyStrata += v.lonely;
      }
      variances.push(variance + (province ? province.outside[m]! : 0));
    }
    return { estimates, variances, terms, lonelyStrata };
  }
}

/** n/(n − 1) Σ (z − z̄)² over one stratum's PSUs (stratifiedVariance's term), 0 when n < 2. */
function segmentVariance(list: readonly number[], z: (e: number) => number): { variance: number; lonely: number } {
  const n = list.length;
  if (n < 2) return { variance: 0, lonely: 1 };
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    values[i] = z(list[i]!);
    sum += values[i]!;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { variance: (n / (n - 1)) * ss, lonely: 0 };
}
