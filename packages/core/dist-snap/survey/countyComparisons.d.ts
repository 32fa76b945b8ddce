import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { StudentData } from '../table/studentTable.js';
import type { IndicatorId, IndicatorOptions } from '../indicators/indicatorValues.js';
import { type SummarySource } from '../summary/summarySource.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import { type Difference } from './compareGroups.js';
import { type ComparisonWithTotal } from './compareWithTotal.js';
import type { DesignMean } from './designMean.js';
import { type RankInterval } from './rankIntervals.js';
import { type SurveyDesign } from './surveyDesign.js';
/** One county in one year × grade, against its province and an optional reference. */
export interface CountyComparison {
    county: string;
    /** False for a county with a single school in the cell: no between-school variation to give its SE, so it is listed but not compared or ranked. */
    estimable: boolean;
    reason: 'single_school' | null;
    mean: DesignMean;
    students: number;
    schools: number;
    /** Against the province including this county (overlap-aware SE), with the effect size. */
    province: (ComparisonWithTotal & {
        effectSize: number | null;
    }) | null;
    reference: Difference | null;
    rank: RankInterval | null;
}
/** County comparisons of a subject for one year × grade (县域比较). */
export interface YearGradeComparison {
    year: KeyLabel;
    grade: KeyLabel;
    province: DesignMean;
    /** Student-level SD of the subject in the province (for effect sizes). */
    provinceSD: number | null;
    counties: CountyComparison[];
    /** Every pair of counties, Holm-adjusted. */
    pairs: Difference[];
    /** True when there were more counties than `maxPairCounties` and the pairs were not listed. */
    pairsOmitted: boolean;
}
/** The county-comparison section of results.json. */
export interface CountyComparisonSummary {
    subject: string;
    method: string;
    /** How the SEs were obtained: Taylor (schools as PSUs) or the replicate method; plausible values combined. */
    design: {
        variance: 'taylor' | 'JK2' | 'BRR' | 'JK1';
        plausibleValues: number;
        replicates: number;
        strata: string | null;
    };
    usage: AnalysisUsage;
    cells: YearGradeComparison[];
}
/**
 * County comparisons of a subject (县域比较) per year × grade under the survey design, from one
 * scan into per-school design totals ({@link designEntries}): each county's mean, its
 * difference from the province including itself (the overlap enters the linearisation, =
 * `svycontrast(svyby(…), county − province)`), Cohen's d against the province SD, an optional
 * reference (e.g. the national 500 with its SE), its rank with a 95% interval from draws of
 * the county means ({@link rankIntervals}), and all county pairs with Holm's correction. Every SE follows the design: Taylor
 * with schools as PSUs in strata, or the replicate weights; with plausible values every
 * estimate is combined by Rubin's rules. Needs two or more counties. With `indicator` the
 * same machinery compares that indicator's detection rates; effect sizes are then
 * relative to √(p(1 − p)) of the province. A county with a single school in a cell is listed
 * with its mean but `estimable: false` (its SE would rest on no between-school variation);
 * the province mean still includes its students.
 *
 * @example
 * countyComparisons(data, 'math', { reference: { label: '全国', estimate: 500 } }).cells[0].counties[0].province.mark; // => 'higher'
 */
export declare function countyComparisons(data: StudentData | SummarySource, subject: string, options?: {
    design?: SurveyDesign;
    reference?: {
        label: string;
        estimate: number;
        se?: number;
    };
    level?: number;
    replicates?: number;
    seed?: number;
    /** List all county pairs up to this many counties (default 200: 19,900 pairs). */
    maxPairCounties?: number;
    /** Compare this indicator's detection rate instead of a subject (`subject` then names it). */
    indicator?: IndicatorId;
    /** Indicator definitions (anxiety cut-off, sleep requirement…) for a table. */
    indicatorOptions?: IndicatorOptions;
}): CountyComparisonSummary;
//# sourceMappingURL=countyComparisons.d.ts.map