import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { assessable, comparisonMark, type ComparisonMark, type NotAssessableReason } from './comparisonMark.js';

/** An estimate of one group with its standard error (and SD, for effect sizes of scores). */
export interface GroupEstimate {
  label: string;
  estimate: number;
  se: number;
  /** Population SD of the score, for the standardised difference (omit for rates). */
  sd?: number;
}

/** A difference between two estimates, tested. */
export interface Difference {
  a: string;
  b: string;
  difference: number;
  se: number;
  lower: number;
  upper: number;
  pValue: number;
  /** p after the multiple-comparison adjustment (equal to pValue for a single comparison). */
  adjustedP: number;
  /** d / pooled SD (Cohen's d) when both SDs are known. */
  effectSize: number | null;
  mark: ComparisonMark;
  /** Set when `mark` is 'not-assessable' (SE 0: the interval and p are NaN). */
  reason?: NotAssessableReason;
}

function difference(a: GroupEstimate, b: { label: string; estimate: number; se: number; sd?: number }, level: number): Difference {
  const d = a.estimate - b.estimate;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  // SE 0 (a rate of 0% against a published figure without SE): no interval, no test.
  const testable = assessable(se);
  const q = testable ? normalQuantile(1 - (1 - level) / 2, 0, 1) : NaN;
  const pValue = testable ? 2 * (1 - normalCdf(Math.abs(d / se), 0, 1)) : NaN;
  const effectSize = a.sd !== undefined && b.sd !== undefined ? d / Math.sqrt((a.sd ** 2 + b.sd ** 2) / 2) : null;
  const lower = d - q * se;
  const upper = d + q * se;
  return {
    a: a.label,
    b: b.label,
    difference: d,
    se,
    lower,
    upper,
    pValue,
    adjustedP: pValue,
    effectSize,
    mark: comparisonMark(lower, upper, se),
    ...(testable ? {} : { reason: 'no-variance-estimate' as const }),
  };
}

/**
 * Holm's adjustment over the assessable pairs only, and each pair's mark from its adjusted p: a
 * pair without a variance estimate is no test, so it neither counts in m nor gets a mark.
 *
 * @example
 * holmMarks([{ difference: 3, pValue: 0.01, mark: 'higher' }, { difference: 1, pValue: NaN, mark: 'not-assessable' }], 0.95).map((d) => d.mark); // => ['higher', 'not-assessable']
 */
export function holmMarks<T extends { difference: number; pValue: number; mark: ComparisonMark }>(
  pairs: readonly T[],
  level: number,
): (T & { adjustedP: number })[] {
  const tested = pairs.flatMap((d, k) => (d.mark === 'not-assessable' ? [] : [k]));
  const adjusted = holmAdjust(tested.map((k) => pairs[k]!.pValue));
  const byPair = new Map(tested.map((k, i) => [k, adjusted[i]!]));
  return pairs.map((d, k) => {
    const p = byPair.get(k);
    if (p === undefined) return { ...d, adjustedP: NaN };
    return { ...d, adjustedP: p, mark: p < 1 - level ? (d.difference > 0 ? 'higher' : 'lower') : 'similar' };
  });
}

/**
 * A county's estimate against a reference value from outside the data (与全国常模比较), e.g.
 * the national figure of the official report, with its SE when published (else 0). The two
 * samples are treated as independent: SE = √(se² + se_ref²).
 *
 * @example
 * compareWithReference({ label: '青山县', estimate: 0.42, se: 0.02 }, { label: '全国', estimate: 0.365 }).mark; // => 'higher'
 */
export function compareWithReference(group: GroupEstimate, reference: { label: string; estimate: number; se?: number; sd?: number }, level = 0.95): Difference {
  return difference(group, { ...reference, se: reference.se ?? 0 }, level);
}

/**
 * Holm's step-down adjustment of p-values (Holm 1979), as R `p.adjust(p, "holm")`.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03]); // => [0.03, 0.06, 0.06]
 */
export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([v, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * v));
    out[i] = running;
  });
  return out;
}

/**
 * Every pair of counties compared (县际两两比较): difference, SE √(se_a² + se_b²) (counties are
 * separate strata, so independent), CI, p, Holm-adjusted p over all pairs, effect size, and the
 * mark from the adjusted p (the multiple-comparison correction is stated, not hidden).
 *
 * @example
 * const counties = [{ label: 'A', estimate: 520, se: 3 }, { label: 'B', estimate: 500, se: 3 }, { label: 'C', estimate: 505, se: 3 }];
 * pairwiseComparisons(counties).filter((d) => d.mark !== 'similar').map((d) => `${d.a} > ${d.b}`); // => ['A > B', 'A > C']
 */
export function pairwiseComparisons(groups: readonly GroupEstimate[], level = 0.95): Difference[] {
  const pairs: Difference[] = [];
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs.push(difference(groups[i]!, groups[j]!, level));
  return holmMarks(pairs, level);
}
