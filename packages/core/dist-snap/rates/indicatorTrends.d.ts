import { type IndicatorId, type IndicatorOptions } from '../indicators/indicatorValues.js';
import type { StudentData } from '../table/studentTable.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import { type SummarySource } from '../summary/summarySource.js';
import { type DetectionRates } from './detectionRates.js';
import { type RateTrend } from './rateTrend.js';
import { type TargetVerdict } from './targets.js';
/** Options of {@link indicatorTrends}. */
export interface RateAnalysisOptions extends IndicatorOptions {
    minCell?: number;
    /** The survey design (replicate weights give the rates' SEs; trends stay Taylor, years being separate samples). */
    design?: SurveyDesign;
    level?: number;
    /** indicator → target text, e.g. { vision_poor: '-1pp per year from 2024', fitness_pass: '>= 95%' } */
    targets?: Partial<Record<IndicatorId, string>>;
}
/** A trend with its target verdicts; grade null = all grades of the county together. */
export interface CountyTrend {
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
    skipped: {
        indicator: IndicatorId;
        reason: 'anxiety-cutoff-missing';
    }[];
}
/**
 * Detection rates, trends and target verdicts (检出率、趋势与目标) of every indicator the data
 * support, per county × grade across years.
 *
 * @example
 * indicatorTrends(data, { targets: { fitness_pass: '>= 95%' } }).indicators[0].trends[0].trend.direction; // => 'stable'
 */
export declare function indicatorTrends(data: StudentData | SummarySource, options?: RateAnalysisOptions): RateSection;
//# sourceMappingURL=indicatorTrends.d.ts.map