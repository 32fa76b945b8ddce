import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { designSlopeOf } from '../rates/designSlope.js';
import type { TrendDirection } from '../rates/rateTrend.js';
import { tQuantileCached } from './quantiles.js';
import { combinePlausibleValues } from './rubinsRules.js';
import type { DesignEntries } from './designEntries.js';
import { assessable, type NotAssessableReason } from './comparisonMark.js';

/** The change of a design mean (or share) per year, with its test (年均变化). */
export interface DesignTrend {
  years: number[];
  slope: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
  pValue: number;
  /** 有所上升 / 基本持平 / 有所下降: rising or falling only when p < 1 − level; 无法判断 without a variance estimate. */
  direction: TrendDirection;
  /** Set when the slope has no variance estimate (SE 0 or no df): the interval and p are NaN. */
  reason?: NotAssessableReason;
  /** Plausible values combined (1 without). */
  plausibleValues: number;
  level: number;
}

/**
 * The trend of a weighted mean across monitoring years (均值或比例的年度趋势) from design
 * entries with one entry per school-year: for each plausible value, the design-based slope of
 * the rates' trend ({@link designSlopeOf}: schools as clusters within years as strata, = R
 * `svyglm(y ~ year, svydesign(ids = ~school, strata = ~year, weights = ~w))`), the slopes of
 * the plausible values combined by Rubin's rules with the Barnard–Rubin df on the slope's df
 * (`mitools::MIcombine`). Replicate weights are not used: years are separate samples, so the
 * Taylor variance over school-years is the honest one, as for rates. Null with fewer than two
 * years or a year with a single school. `rows` are the entries of one county × grade (every
 * year); `yearAt` the index of the year among the entries' keys.
 *
 * @example
 * const rows = [[2021, 's1', 0.3], [2021, 's2', 0.32], [2022, 's1', 0.35], [2022, 's2', 0.37], [2023, 's1', 0.4], [2023, 's2', 0.42]] as const; // year, school, rate
 * const entries = designEntriesOf({ keys: ['year', 'school'], labels: [rows.map((r) => r[0]), rows.map((r) => r[1])], strata: rows.map(() => '青山县'), count: Float64Array.from(rows, () => 30), sumWeights: Float64Array.from(rows, () => 30), sumWY: Float64Array.from(rows, (r) => 30 * r[2]), sumWYY: Float64Array.from(rows, (r) => 30 * r[2]), plausibleValues: 1, replicates: 0, method: null });
 * designTrend(entries, [0, 1, 2, 3, 4, 5], 0); // => { years: [2021, 2022, 2023], slope: 0.05, se: 0.007071…, df: 2, direction: 'rising', … } (R svyglm: 0.05, SE 0.00707107)
 */
export function designTrend(entries: DesignEntries, rows: readonly number[], yearAt: number, level = 0.95): DesignTrend | null {
  const M = entries.plausibleValues;
  const R = entries.replicates;
  const n = rows.length;
  const year = new Float64Array(n);
  const sumWeights = new Float64Array(n);
  rows.forEach((e, c) => {
    year[c] = Number(entries.labels[yearAt]![e]);
    sumWeights[c] = entries.sumWeights[e * (R + 1)]!;
  });
  const years = [...new Set(year)].sort((a, b) => a - b);
  if (years.length < 2) return null;
  const slopes: number[] = [];
  const variances: number[] = [];
  let df = 0;
  for (let m = 0; m < M; m++) {
    const mean = new Float64Array(n);
    rows.forEach((e, c) => (mean[c] = entries.sumWY[(e * M + m) * (R + 1)]! / sumWeights[c]!));
    const s = designSlopeOf({ year, sumWeights, mean });
    if (!s) return null;
    slopes.push(s.slope);
    variances.push(s.se * s.se);
    df = s.df;
  }
  let slope = slopes[0]!;
  let variance = variances[0]!;
  if (M > 1) {
    const c = combinePlausibleValues(slopes, variances, { level, completeDf: df });
    slope = c.estimate;
    variance = c.variance;
    df = c.df;
  }
  const se = Math.sqrt(variance);
  // SE 0 or no df (one school a year): no interval, no test, and no direction.
  const testable = assessable(se, df);
  const q = testable ? tQuantileCached(1 - (1 - level) / 2, df) : NaN;
  const pValue = testable ? 2 * (1 - tCdf(Math.abs(slope / se), df)) : NaN;
  const direction: TrendDirection = !testable ? 'not-assessable' : pValue < 1 - level ? (slope > 0 ? 'rising' : 'falling') : 'stable';
  return {
    years,
    slope,
    se,
    df,
    lower: slope - q * se,
    upper: slope + q * se,
    pValue,
    direction,
    ...(testable ? {} : { reason: 'no-variance-estimate' as const }),
    plausibleValues: M,
    level,
  };
}
