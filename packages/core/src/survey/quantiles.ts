import tQuantile from '@stdlib/stats-base-dists-t-quantile';

const cache = new Map<number, Map<number, number>>();

/**
 * The t quantile (t 分布分位数) of `@stdlib/stats-base-dists-t-quantile`, remembered per (p, df):
 * national runs ask for the same few (0.975 on a county's schools − 1, say) hundreds of
 * thousands of times, at about 2 µs each. Equal to the uncached value bit for bit. At most
 * 100,000 values are kept; the cache is then cleared.
 *
 * @example
 * tQuantileCached(0.975, 10); // => 2.2281388519862744
 */
export function tQuantileCached(p: number, df: number): number {
  let byDf = cache.get(p);
  if (!byDf) cache.set(p, (byDf = new Map()));
  let q = byDf.get(df);
  if (q === undefined) {
    if (byDf.size >= 100_000) byDf.clear();
    byDf.set(df, (q = tQuantile(p, df)));
  }
  return q;
}
