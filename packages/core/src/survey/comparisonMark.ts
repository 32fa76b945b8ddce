/**
 * Significance mark of a comparison (显著高于 / 无显著差异 / 显著低于 / 无法判断).
 * 'not-assessable': no sampling variance can be estimated (SE 0 or no degrees of freedom —
 * every stratum a single school, a rate of 0% or 100% under Taylor linearisation), so the data
 * can say neither "different" nor "not different".
 */
export type ComparisonMark = 'higher' | 'similar' | 'lower' | 'not-assessable';

/** Why a comparison is not assessable: its sampling variance cannot be estimated. */
export type NotAssessableReason = 'no-variance-estimate';

/**
 * Whether an SE (and its degrees of freedom) can carry a test (可检验): positive and finite.
 * An SE of 0 is not certainty but the absence of a variance estimate.
 *
 * @example
 * [assessable(2.1, 12), assessable(0, 12), assessable(2.1, 0)]; // => [true, false, false]
 */
export function assessable(se: number, df = Infinity): boolean {
  return se > 0 && Number.isFinite(se) && df > 0;
}

/**
 * The mark of an interval for a difference: 显著高于 when it lies above 0, 显著低于 below,
 * 无显著差异 when it holds 0, and 无法判断 when the SE cannot carry a test ({@link assessable}).
 *
 * @example
 * [comparisonMark(0.5, 3.2, 0.7), comparisonMark(-1, 1, 0.5), comparisonMark(50, 50, 0)]; // => ['higher', 'similar', 'not-assessable']
 */
export function comparisonMark(lower: number, upper: number, se: number, df = Infinity): ComparisonMark {
  if (!assessable(se, df)) return 'not-assessable';
  return lower > 0 ? 'higher' : upper < 0 ? 'lower' : 'similar';
}
