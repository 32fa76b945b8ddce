import type { AnalysisUsage } from '../table/analysisUsage.js';
import { type SummarySource } from '../summary/summarySource.js';
import { type RuleCount } from '../table/qualityCollector.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import type { StudentData } from '../table/studentTable.js';
/** Achievement of one county in one year and grade. */
export interface CountyAchievement {
    county: string | null;
    year: number | null;
    grade: number | null;
    students: number;
    schools: number;
    mean: number;
    /** Weighted sample SD; null for fewer than 2 students. */
    sd: number | null;
}
/** Achievement of one school in one year and grade (校级汇总). */
export interface SchoolAchievement {
    county: string | null;
    year: number | null;
    grade: number | null;
    school: string;
    students: number;
    sumWeights: number;
    mean: number;
    sd: number | null;
}
/** The achievement summary section of results.json. */
export interface AchievementSummary {
    subject: string;
    method: string;
    usage: AnalysisUsage;
    counties: CountyAchievement[];
    schools: SchoolAchievement[];
    /** Findings that do not exclude rows, e.g. single-student schools. */
    warnings: RuleCount[];
}
/** Key columns of the school-level summary, outermost first. */
export declare const schoolKeys: readonly ["county", "year", "grade", "school"];
/**
 * Achievement summary (学业表现汇总) of one subject per county × year × grade and per
 * school: students, schools, weighted mean and SD — from one scan into per-school moments,
 * rolled up exactly to counties.
 *
 * mean = Σ wᵢxᵢ / Σ wᵢ; sd = √( n/(n − 1) · Σ wᵢ(xᵢ − mean)² / Σ wᵢ ), R's
 * `survey::svymean`/`svyvar` point estimates (with all weights 1: `mean()` and `sd()`).
 *
 * @example
 * describeAchievement(data, 'math').counties[0]; // => { county: '青山县', year: 2021, grade: 4, students: 412, … }
 */
export declare function describeAchievement(data: StudentData | SummarySource, subject: string, options?: {
    design?: SurveyDesign;
}): AchievementSummary;
//# sourceMappingURL=describeAchievement.d.ts.map