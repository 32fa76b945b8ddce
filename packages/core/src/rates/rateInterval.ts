import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A proportion with a confidence interval. */
export interface RateInterval {
  /** x/n */
  rate: number;
  lower: number;
  upper: number;
  level: number;
}

function checkCounts(x: number, n: number): void {
  if (!(n > 0) || !(x >= 0) || x > n) throw new RangeError(`need 0 ≤ x ≤ n and n > 0, got x = ${x}, n = ${n}`);
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
 * rateWilson(36, 100); // => { rate: 0.36, lower: 0.272712…, upper: 0.457645…, level: 0.95 }
 */
export function rateWilson(x: number, n: number, level = 0.95): RateInterval {
  checkCounts(x, n);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return { rate: x / n, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), level };
}

/**
 * Clopper–Pearson "exact" interval (精确区间): the beta quantiles
 * B(α/2; x, n − x + 1) and B(1 − α/2; x + 1, n − x) (Clopper & Pearson 1934). Equals R
 * `binom.test(x, n)$conf.int`. A non-integer n and x (effective counts) are accepted.
 *
 * @example
 * rateClopperPearson(36, 100); // => { rate: 0.36, lower: 0.266408…, upper: 0.462121…, level: 0.95 }
 */
export function rateClopperPearson(x: number, n: number, level = 0.95): RateInterval {
  checkCounts(x, n);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { rate: x / n, lower, upper, level };
}
