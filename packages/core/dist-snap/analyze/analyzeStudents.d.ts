import { type AchievementSummary } from '../describe/describeAchievement.js';
import type { DataQuality, StudentData } from '../table/studentTable.js';
import { type CountyComparisonSummary } from '../survey/countyComparisons.js';
import { type SummarySource } from '../summary/summarySource.js';
import { type DomainGap } from '../survey/domainGap.js';
import { type SurveyDesignOptions } from '../survey/surveyDesign.js';
import type { ReplicateMethod } from '../survey/replicateVariance.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import { type RateAnalysisOptions, type RateSection } from '../rates/indicatorTrends.js';
import { type BetweenSchoolOptions, type BetweenSchoolSummary } from '../variance/betweenSchoolVariance.js';
/** Version of the results.json layout; bumped when a field changes meaning. */
export declare const resultsFormatVersion = 1;
/**
 * Everything `analyze` computes (results.json). It holds only what follows from the data
 * and the options — no file names, paths or times — so the same data in any file format
 * gives byte-identical JSON. Run details (file, encoding, column mapping) go to run.json.
 */
export interface AnalysisResults {
    format: 'jiance-results';
    formatVersion: number;
    data: {
        rowsRead: number;
        rowsKept: number;
        /** Roles found in the data (canonical names; student ids are used only for duplicates). */
        roles: string[];
        subjects: string[];
        weighted: boolean;
        /** The survey design the SEs follow. */
        design: {
            weight: string | null;
            strata: string | null;
            /** Subject → its plausible-value columns (combined by Rubin's rules). */
            plausibleValues: Record<string, string[]>;
            replicates: {
                count: number;
                method: ReplicateMethod;
            } | null;
            /** Point-score columns not analysed because the subject's plausible values are (e.g. math beside math_pv1…5). */
            shadowedColumns: string[];
        };
    };
    dataQuality: DataQuality;
    /** Achievement summary per subject (学业表现汇总). */
    achievement: AchievementSummary[];
    /** Between-school variance per subject (校间差异). */
    betweenSchool: BetweenSchoolSummary[];
    /** Detection rates, trends and targets (检出率趋势). */
    rates: RateSection;
    /** Counties against the province, a reference and each other, per subject (县域比较). */
    countyComparison: CountyComparisonSummary[];
    /** Counties compared on each detection rate (same machinery as scores). */
    rateComparison: CountyComparisonSummary[];
    /** Gaps inside counties per subject: sex (M − F) and urban/rural (城区 − 乡村) (县内差距). */
    gaps: {
        subject: string;
        by: 'sex' | 'locale';
        a: string;
        b: string;
        usage: AnalysisUsage;
        cells: DomainGap[];
    }[];
}
/** Options of {@link analyzeStudents}. */
export interface AnalyzeOptions {
    betweenSchool?: BetweenSchoolOptions;
    rates?: RateAnalysisOptions;
    countyComparison?: {
        reference?: {
            label: string;
            estimate: number;
            se?: number;
        };
    };
    /** Strata and replicate-weight method (the rest of the design is read from the columns). */
    design?: SurveyDesignOptions;
}
/**
 * Runs every analysis the data supports under the data's survey design ({@link surveyDesign}):
 * the achievement summary, between-school variance, county comparisons and gaps of each subject
 * (plausible values combined by Rubin's rules), and the detection rates with trends, targets and
 * county comparisons of every indicator.
 *
 * @example
 * analyzeStudents(studentTable(parseCsv(text, 'county.csv'))).achievement[0].subject; // => 'math'
 */
export declare function analyzeStudents(data: StudentData | SummarySource, options?: AnalyzeOptions): AnalysisResults;
//# sourceMappingURL=analyzeStudents.d.ts.map