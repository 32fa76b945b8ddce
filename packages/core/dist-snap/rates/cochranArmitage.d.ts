/** Result of the Cochran–Armitage test for a trend in proportions. */
export interface TrendTest {
    /** χ² statistic on 1 degree of freedom. */
    statistic: number;
    pValue: number;
    /** Slope of the proportion per unit of score (weighted least squares), e.g. per year. */
    slope: number;
    /** Sign of the trend: +1 rising, −1 falling, 0 none. */
    direction: 1 | -1 | 0;
}
/**
 * Cochran–Armitage test for trend in proportions (趋势检验; Cochran 1954, Armitage 1955):
 * with p̄ = Σx/Σn, weights w_k = n_k/(p̄(1 − p̄)) and f_k = x_k/n_k,
 *
 *   χ² = [Σ w_k (s_k − s̄)(f_k − f̄)]² / Σ w_k (s_k − s̄)²  (s̄, f̄ weighted by w),
 *
 * the regression sum of squares of R's `prop.trend.test(x, n, score)`, which it equals.
 * Scores default to 1, 2, …; pass the years to get the slope per year.
 *
 * @example
 * cochranArmitage([83, 90, 129, 70], [86, 93, 136, 82]).statistic; // => 8.2249…
 */
export declare function cochranArmitage(cases: readonly number[], totals: readonly number[], scores?: readonly number[]): TrendTest;
//# sourceMappingURL=cochranArmitage.d.ts.map