import { type AnalysisUsage } from '../table/analysisUsage.js';
import type { StudentData } from '../table/studentTable.js';
import { type SleepRequirement } from './sleepShort.js';
import { type VisionThresholds } from './visionPoor.js';
/** The detection-rate indicators (检出率指标). */
export declare const indicatorIds: readonly ["vision_poor", "sleep_short", "anxiety", "overweight", "obese", "overweight_obese", "thin", "fitness_pass", "fitness_good"];
/** One of {@link indicatorIds}. */
export type IndicatorId = (typeof indicatorIds)[number];
/** Chinese names of the indicators, as reports use them. */
export declare const indicatorNames: Record<IndicatorId, {
    zh: string;
    en: string;
}>;
/** Thresholds of the indicator definitions (DESIGN.md defaults; all configurable). */
export interface IndicatorOptions {
    /** Anxiety score at or above which a student is anxious; required for the anxiety score. */
    anxietyCutoff?: number;
    sleep?: SleepRequirement;
    vision?: VisionThresholds;
}
/** An indicator's value per kept row (1, 0, or NaN when it cannot be determined). */
export interface IndicatorValues {
    indicator: IndicatorId;
    values: Float64Array;
    /** The columns it was computed from. */
    fields: string[];
    usage: AnalysisUsage;
}
/** Anything that knows its columns: a validated table or a summary source. */
type WithColumns = StudentData | {
    info: {
        columns: readonly string[];
    };
};
/**
 * The indicators the data can give (an anxiety score without a cut-off is left out: there is
 * no universal cut-off, and Jiance does not guess one).
 *
 * @example
 * availableIndicators(data, {}); // => ['vision_poor', 'sleep_short', 'overweight', …]
 */
export declare function availableIndicators(data: WithColumns, options?: IndicatorOptions): IndicatorId[];
/**
 * Computes an indicator for every kept row (检出指标): 视力不良 (either eye < 5.0, or a ready
 * flag), 睡眠不足 (below 10/9/8 h by stage), 焦虑 (score ≥ the configured cut-off, or a flag),
 * 超重/肥胖/消瘦 (WS/T 586-2018, WS/T 456-2014 by sex and half-year age), 体质达标/优良
 * (total ≥ 60 / ≥ 80). Throws a JianceError for anxiety from a score without a cut-off.
 *
 * @example
 * indicatorValues(data, 'vision_poor').usage.rowsUsed; // => 3262
 */
export declare function indicatorValues(data: StudentData, indicator: IndicatorId, options?: IndicatorOptions): IndicatorValues;
export {};
//# sourceMappingURL=indicatorValues.d.ts.map