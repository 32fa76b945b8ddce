import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
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
export function cochranArmitage(cases, totals, scores) {
    const k = cases.length;
    if (k < 2 || totals.length !== k || (scores && scores.length !== k)) {
        throw new RangeError('cochranArmitage needs at least two groups and equal-length cases, totals and scores');
    }
    const s = scores ?? cases.map((_, i) => i + 1);
    const N = totals.reduce((a, b) => a + b, 0);
    const pooled = cases.reduce((a, b) => a + b, 0) / N;
    if (pooled === 0 || pooled === 1)
        return { statistic: 0, pValue: 1, slope: 0, direction: 0 };
    let sw = 0;
    let sws = 0;
    let swf = 0;
    for (let i = 0; i < k; i++) {
        const w = totals[i] / (pooled * (1 - pooled));
        sw += w;
        sws += w * s[i];
        swf += w * (cases[i] / totals[i]);
    }
    const sBar = sws / sw;
    const fBar = swf / sw;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < k; i++) {
        const w = totals[i] / (pooled * (1 - pooled));
        sxy += w * (s[i] - sBar) * (cases[i] / totals[i] - fBar);
        sxx += w * (s[i] - sBar) ** 2;
    }
    const statistic = (sxy * sxy) / sxx;
    const pValue = 2 * (1 - normalCdf(Math.sqrt(statistic), 0, 1));
    const slope = sxy / sxx;
    return { statistic, pValue, slope, direction: slope > 0 ? 1 : slope < 0 ? -1 : 0 };
}
//# sourceMappingURL=cochranArmitage.js.map