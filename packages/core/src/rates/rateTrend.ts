import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { designSlopeOf } from './designSlope.js';
import { cochranArmitage, type TrendTest } from './cochranArmitage.js';
import type { RateCell, RateClusterSums } from './detectionRates.js';
import { assessable, type NotAssessableReason } from '../survey/comparisonMark.js';

/** A change in a rate between two years, in proportion units (× 100 = percentage points). */
export interface RateChange {
  from: number;
  to: number;
  change: number;
  se: number;
  lower: number;
  upper: number;
  pValue: number;
  /** Set when the change has no variance estimate (SE 0: both years at 0% or 100%): the interval and p are NaN. */
  reason?: NotAssessableReason;
}

/**
 * Trend wording: 有所上升 / 基本持平 / 有所下降, or 无法判断 when the slope has no variance
 * estimate (SE 0 or no degrees of freedom), which is neither a change nor its absence.
 */
export type TrendDirection = 'rising' | 'stable' | 'falling' | 'not-assessable';

/** The trend of one rate over monitoring years. */
export interface RateTrend {
  years: number[];
  rates: (number | null)[];
  /** Consecutive-year changes. */
  changes: RateChange[];
  firstToLast: RateChange | null;
  /**
   * Change per year: the design-based slope (designSlope: schools as clusters, years as strata,
   * = svyglm) when cluster sums are given, else the inverse-variance slope of the yearly rates.
   */
  annualChange: {
    slope: number;
    se: number;
    lower: number;
    upper: number;
    pValue: number;
    method: 'design' | 'inverse-variance';
    reason?: NotAssessableReason;
  } | null;
  /** Cochran–Armitage on the unweighted counts (= prop.trend.test, simple random sampling). */
  cochranArmitage: TrendTest | null;
  /** The same χ² divided by the mean design effect (first-order Rao–Scott), for clustered data. */
  designAdjusted: { statistic: number; pValue: number; meanDesignEffect: number } | null;
  /** From the annual change's test at the 5% level. */
  direction: TrendDirection;
  level: number;
}

const twoSided = (z: number): number => 2 * (1 - normalCdf(Math.abs(z), 0, 1));

function change(a: RateCell, b: RateCell, from: number, to: number, z: number): RateChange {
  const d = b.rate! - a.rate!;
  // Samples of different years are treated as independent: conservative when the same
  // schools are monitored again (their positive correlation would shrink the SE).
  const se = Math.sqrt(a.se! ** 2 + b.se! ** 2);
  // SE 0 (both years at 0% or 100%): no interval and no test.
  const q = assessable(se) ? z : NaN;
  return {
    from,
    to,
    change: d,
    se,
    lower: d - q * se,
    upper: d + q * se,
    pValue: assessable(se) ? twoSided(d / se) : NaN,
    ...(assessable(se) ? {} : { reason: 'no-variance-estimate' as const }),
  };
}

/**
 * Trend of a detection rate across monitoring years (检出率趋势) from one cell per year: changes
 * between consecutive years and first → last (SE √(se₁² + se₂²)), the average annual change
 * (design-based slope over all school-year clusters, as `svyglm(y ~ year)` with schools as
 * clusters and years as strata; without cluster sums, the inverse-variance slope of the yearly
 * rates), the Cochran–Armitage test on the counts (`prop.trend.test`) and its Rao–Scott
 * first-order adjustment χ²/mean deff. The direction is rising or falling only when the annual
 * change differs from 0 at the 5% level.
 * Suppressed cells and cells without an SE are left out of the tests.
 *
 * @example
 * const cell = (year: number, rate: number) => ({ keys: { year }, students: 400, schools: 12, cases: rate * 400, suppressed: false, rate, se: 0.01, designEffect: 2, lower: rate - 0.02, upper: rate + 0.02, wilson: null, clopperPearson: null });
 * const cells = [cell(2021, 0.3), cell(2022, 0.33), cell(2023, 0.37), cell(2024, 0.4)];
 * rateTrend(cells).annualChange; // => { slope: 0.034, se: 0.004472…, method: 'inverse-variance', … } (no cluster sums given)
 * rateTrend(cells).direction; // => 'rising'
 */
export function rateTrend(
  cells: readonly RateCell[],
  options: { clusters?: Map<RateCell, RateClusterSums>; yearKey?: string; level?: number } = {},
): RateTrend {
  const yearKey = options.yearKey ?? 'year';
  const level = options.level ?? 0.95;
  const clusters = options.clusters;
  const sorted = [...cells].sort((a, b) => Number(a.keys[yearKey]) - Number(b.keys[yearKey]));
  const years = sorted.map((c) => Number(c.keys[yearKey]));
  const usable = sorted.filter((c) => !c.suppressed && c.rate !== null && c.se !== null && c.se > 0);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const changes: RateChange[] = [];
  for (let i = 1; i < usable.length; i++) {
    changes.push(change(usable[i - 1]!, usable[i]!, Number(usable[i - 1]!.keys[yearKey]), Number(usable[i]!.keys[yearKey]), z));
  }
  const firstToLast = usable.length >= 2 ? change(usable[0]!, usable.at(-1)!, Number(usable[0]!.keys[yearKey]), Number(usable.at(-1)!.keys[yearKey]), z) : null;

  let ca: TrendTest | null = null;
  let designAdjusted: RateTrend['designAdjusted'] = null;
  if (usable.length >= 2) {
    ca = cochranArmitage(
      usable.map((c) => c.cases),
      usable.map((c) => c.students),
      usable.map((c) => Number(c.keys[yearKey])),
    );
    const deffs = usable.map((c) => c.designEffect).filter((d): d is number => d !== null && d > 0);
    const meanDesignEffect = deffs.length ? Math.max(1, deffs.reduce((a, b) => a + b, 0) / deffs.length) : 1;
    const statistic = ca.statistic / meanDesignEffect;
    designAdjusted = { statistic, pValue: 1 - chisquareCdf(statistic, 1), meanDesignEffect };
  }

  let annualChange: RateTrend['annualChange'] = null;
  let slope: ReturnType<typeof designSlopeOf> = null;
  if (clusters && usable.length >= 2) {
    // All school-year clusters of the usable years, as columns.
    const parts = usable.map((c) => clusters.get(c));
    const size = parts.reduce((a, k) => a + (k ? k.sumWeights.length : 0), 0);
    const columns = { year: new Float64Array(size), sumWeights: new Float64Array(size), mean: new Float64Array(size) };
    let at = 0;
    usable.forEach((c, i) => {
      const k = parts[i];
      if (!k) return;
      columns.year.fill(Number(c.keys[yearKey]), at, at + k.sumWeights.length);
      columns.sumWeights.set(k.sumWeights, at);
      columns.mean.set(k.mean, at);
      at += k.sumWeights.length;
    });
    slope = designSlopeOf(columns);
  }
  if (slope) {
    const q = assessable(slope.se, slope.df) ? tQuantile(1 - (1 - level) / 2, slope.df) : NaN;
    annualChange = {
      slope: slope.slope,
      se: slope.se,
      lower: slope.slope - q * slope.se,
      upper: slope.slope + q * slope.se,
      pValue: slope.pValue,
      method: 'design',
      ...(assessable(slope.se, slope.df) ? {} : { reason: 'no-variance-estimate' as const }),
    };
  } else if (usable.length >= 2) {
    // Without cluster sums: inverse-variance weighted least squares of the yearly rates.
    const t = usable.map((c) => Number(c.keys[yearKey]));
    const w = usable.map((c) => 1 / c.se! ** 2);
    const W = w.reduce((a, b) => a + b, 0);
    const tBar = w.reduce((a, wi, i) => a + wi * t[i]!, 0) / W;
    const rBar = w.reduce((a, wi, i) => a + wi * usable[i]!.rate!, 0) / W;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < usable.length; i++) {
      sxy += w[i]! * (t[i]! - tBar) * (usable[i]!.rate! - rBar);
      sxx += w[i]! * (t[i]! - tBar) ** 2;
    }
    const b = sxy / sxx;
    const se = Math.sqrt(1 / sxx);
    annualChange = { slope: b, se, lower: b - z * se, upper: b + z * se, pValue: twoSided(b / se), method: 'inverse-variance' };
  }
  const alpha = 1 - level;
  const direction: TrendDirection = !annualChange
    ? 'stable'
    : Number.isNaN(annualChange.pValue)
      ? 'not-assessable'
      : annualChange.pValue < alpha
        ? annualChange.slope > 0
          ? 'rising'
          : 'falling'
        : 'stable';
  return { years, rates: sorted.map((c) => c.rate), changes, firstToLast, annualChange, cochranArmitage: ca, designAdjusted, direction, level };
}
