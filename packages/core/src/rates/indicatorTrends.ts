import { pushTo } from '../summary/pushTo.js';
import { availableIndicators, type IndicatorId, type IndicatorOptions } from '../indicators/indicatorValues.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import { requireSource, hasColumn, type SummarySource } from '../summary/summarySource.js';
import { detectionRatesWithClusters, type DetectionRates } from './detectionRates.js';
import { rateTrend, type RateTrend } from './rateTrend.js';
import { evaluateTarget, parseTarget, type TargetVerdict } from './targets.js';

/** Options of {@link indicatorTrends} (the indicator definitions are the source's: {@link tableSource}). */
export interface IndicatorTrendOptions {
  minCell?: number;
  /** The survey design (replicate weights give the rates' SEs; trends stay Taylor, years being separate samples). */
  design?: SurveyDesign;
  level?: number;
  /** indicator → target text, e.g. { vision_poor: '-1pp per year from 2024', fitness_pass: '>= 95%' } */
  targets?: Partial<Record<IndicatorId, string>>;
}

/** The rate options of {@link analyzeStudents}: the indicator definitions and the trends' options. */
export interface RateAnalysisOptions extends IndicatorOptions, IndicatorTrendOptions {}

/** A trend with its target verdicts; grade null = all grades of the county together. */
export interface CountyTrend {
  province: string | null;
  county: string | null;
  grade: number | null;
  trend: RateTrend;
  targets: TargetVerdict[];
}

/**
 * One indicator: rates per county × year × grade with a trend per county × grade, and rates per
 * county × year (grades together) with a trend per county — more schools, so more power to see
 * a change that runs through the grades.
 */
export interface IndicatorTrend {
  indicator: IndicatorId;
  rates: DetectionRates;
  trends: CountyTrend[];
  countyRates: DetectionRates;
  countyTrends: CountyTrend[];
}

/** The detection-rate section of results.json. */
export interface RateSection {
  indicators: IndicatorTrend[];
  /** Indicators the data have columns for but that were not computed, and why. */
  skipped: { indicator: IndicatorId; reason: 'anxiety-cutoff-missing' }[];
}

/**
 * Detection rates, trends and target verdicts (检出率、趋势与目标) of every indicator the data
 * support, per county × grade across years.
 *
 * @example
 * const source = tableSource(studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv')));
 * indicatorTrends(source, { targets: { fitness_pass: '>= 95%' } }).indicators[0].trends[0].trend.direction; // => 'stable'
 */
export function indicatorTrends(source: SummarySource, options: IndicatorTrendOptions = {}): RateSection {
  requireSource(source, 'indicatorTrends');
  // Each grouping is one scan of the indicator into per-school sums.
  const targets = Object.entries(options.targets ?? {}).map(([indicator, text]) => parseTarget(indicator as IndicatorId, text));
  const indicators: IndicatorTrend[] = [];
  for (const indicator of availableIndicators(source, source.info.indicatorOptions)) {
    const trendsBy = (by: string[]): { rates: DetectionRates; trends: CountyTrend[] } => {
      const { rates, clusters } = detectionRatesWithClusters(source, indicator, { ...options, by });
      const clusterOf = new Map(rates.cells.map((cell, i) => [cell, clusters[i]!]));
      const groups = new Map<string, typeof rates.cells>();
      for (const cell of rates.cells) {
        const key = JSON.stringify([cell.keys.province ?? null, cell.keys.county, cell.keys.grade ?? null]);
        pushTo(groups, key, cell);
      }
      const trends = [...groups].map(([key, cells]) => {
        const [province, county, grade] = JSON.parse(key) as [string | null, string | null, number | null];
        const trend = rateTrend(cells, { clusters: clusterOf, ...(options.level === undefined ? {} : { level: options.level }) });
        return { province, county, grade, trend, targets: targets.filter((t) => t.indicator === indicator).map((t) => evaluateTarget(t, cells, trend)) };
      });
      return { rates, trends };
    };
    const byGrade = trendsBy(['province', 'county', 'year', 'grade']);
    const byCounty = trendsBy(['province', 'county', 'year']);
    indicators.push({ indicator, rates: byGrade.rates, trends: byGrade.trends, countyRates: byCounty.rates, countyTrends: byCounty.trends });
  }
  const skipped: RateSection['skipped'] =
    hasColumn(source, 'anxiety') && !hasColumn(source, 'anxiety_flag') && source.info.indicatorOptions.anxietyCutoff === undefined
      ? [{ indicator: 'anxiety', reason: 'anxiety-cutoff-missing' }]
      : [];
  return { indicators, skipped };
}
