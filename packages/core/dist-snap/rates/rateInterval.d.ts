/** A proportion with a confidence interval. */
export interface RateInterval {
    /** x/n */
    rate: number;
    lower: number;
    upper: number;
    level: number;
}
/**
 * Wilson score interval (威尔逊区间) for a proportion of a simple random sample:
 *
 *   (x + z²/2 ± z √(x(n − x)/n + z²/4)) / (n + z²)
 *
 * (Wilson 1927). Equals R `prop.test(x, n, correct = FALSE)$conf.int`. Accepts a non-integer
 * n (an effective sample size). Throws a RangeError unless 0 ≤ x ≤ n, n > 0.
 *
 * @example
 * rateWilson(36, 100); // => { rate: 0.36, lower: 0.2726…, upper: 0.4580…, level: 0.95 }
 */
export declare function rateWilson(x: number, n: number, level?: number): RateInterval;
/**
 * Clopper–Pearson "exact" interval (精确区间): the beta quantiles
 * B(α/2; x, n − x + 1) and B(1 − α/2; x + 1, n − x) (Clopper & Pearson 1934). Equals R
 * `binom.test(x, n)$conf.int`. A non-integer n and x (effective counts) are accepted.
 *
 * @example
 * rateClopperPearson(36, 100); // => { rate: 0.36, lower: 0.2664…, upper: 0.4626…, level: 0.95 }
 */
export declare function rateClopperPearson(x: number, n: number, level?: number): RateInterval;
//# sourceMappingURL=rateInterval.d.ts.map