import { type KeyLabel } from '../summary/groupedMoments.js';
import { type SummarySource } from '../summary/summarySource.js';
import type { StudentData } from '../table/studentTable.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { IndicatorId, IndicatorOptions } from '../indicators/indicatorValues.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
/** The detection rate of one cell (e.g. a county × year × grade). */
export interface RateCell {
    /** Values of the grouping keys, in the order of `by`. */
    keys: Record<string, KeyLabel>;
    students: number;
    schools: number;
    /** Students with the condition (unweighted count). */
    cases: number;
    /** True when students < minCell: rate and interval are withheld, counts kept. */
    suppressed: boolean;
    rate: number | null;
    se: number | null;
    designEffect: number | null;
    /** Korn–Graubard interval with schools as clusters. */
    lower: number | null;
    upper: number | null;
    /** Simple-random-sample intervals on the unweighted counts, for reference. */
    wilson: [number, number] | null;
    clopperPearson: [number, number] | null;
}
/** Detection rates of one indicator for every cell of a grouping. */
export interface DetectionRates {
    indicator: IndicatorId;
    by: string[];
    minCell: number;
    level: number;
    method: string;
    usage: AnalysisUsage;
    cells: RateCell[];
}
/** Options of {@link detectionRates}. */
export interface DetectionRateOptions extends IndicatorOptions {
    /** Grouping keys (default county, year, grade); any role: sex, locale, school… */
    by?: readonly string[];
    /** Cells with fewer students are suppressed in what is shown (default 10). */
    minCell?: number;
    level?: number;
    /** The survey design; with replicate weights the SEs come from them (Taylor otherwise). */
    design?: SurveyDesign;
}
/**
 * Detection rates (检出率) of an indicator for any grouping, from one scan into per-school
 * sums: the weighted proportion Σwy/Σw, its Taylor-linearised SE with schools as clusters, the
 * design effect and the Korn–Graubard interval (`survey::svyciprop(method = "beta")`), plus
 * Wilson and Clopper–Pearson on the unweighted counts. Cells below `minCell` students keep
 * their counts but withhold the rate (小样本不报告), and say so.
 *
 * @example
 * detectionRates(data, 'vision_poor').cells[0]; // => { keys: { county: '青山县', year: 2021, grade: 4 }, rate: 0.36, … }
 */
export declare function detectionRates(data: StudentData | SummarySource, indicator: IndicatorId, options?: DetectionRateOptions): DetectionRates;
/**
 * {@link detectionRates} plus, for each cell (same order), its school clusters (Σw and weighted
 * rate per school), which design-based trend tests need.
 */
export declare function detectionRatesWithClusters(data: StudentData | SummarySource, indicator: IndicatorId, options?: DetectionRateOptions): {
    rates: DetectionRates;
    clusters: {
        sumWeights: number;
        mean: number;
    }[][];
};
//# sourceMappingURL=detectionRates.d.ts.map