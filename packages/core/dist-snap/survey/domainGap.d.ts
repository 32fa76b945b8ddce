import type { AnalysisUsage } from '../table/analysisUsage.js';
import { type SummarySource } from '../summary/summarySource.js';
import type { KeyLabel } from '../summary/groupedMoments.js';
import type { StudentData } from '../table/studentTable.js';
import type { ComparisonMark } from './compareWithTotal.js';
import { type SurveyDesign } from './surveyDesign.js';
/** A gap between two groups of students inside one county × year × grade (县内差距). */
export interface DomainGap {
    county: KeyLabel;
    year: KeyLabel;
    grade: KeyLabel;
    /** The two levels compared, a − b (e.g. 城区 − 乡村, M − F). */
    a: string;
    b: string;
    studentsA: number;
    studentsB: number;
    /** False when one level has no students in the cell (e.g. a county without 城区 schools); the figures are then null. */
    estimable: boolean;
    meanA: number | null;
    meanB: number | null;
    gap: number | null;
    se: number | null;
    lower: number | null;
    upper: number | null;
    pValue: number | null;
    mark: ComparisonMark | null;
}
/**
 * Gaps inside each county (城乡差距、性别差距): the difference between the weighted means of two
 * levels of a student or school characteristic (sex M − F, locale 城区 − 乡村), per county ×
 * year × grade, under the survey design (schools as PSUs, a school may hold both levels;
 * replicate weights and plausible values as the design has them; see {@link designContrast}):
 *
 *   z_j = W_ja (ȳ_ja − ȳ_a)/W_a − W_jb (ȳ_jb − ȳ_b)/W_b,  v = J/(J − 1) Σ (z_j − z̄)²,
 *
 * as R `svycontrast(svyby(~y, ~sex, svydesign(ids = ~school, weights = ~w)), c(1, -1))` within
 * the county; normal reference. A cell where one level has no students is returned with
 * `estimable: false` (nothing is dropped silently).
 *
 * @example
 * domainGap(data, 'math', 'locale', '城区', '乡村')[0].gap; // => 21.4
 */
export declare function domainGap(data: StudentData | SummarySource, subject: string, by: string, a: string, b: string, options?: {
    design?: SurveyDesign;
    level?: number;
}): DomainGap[];
/** Rows a gap analysis of a subject uses, with the reasons for the rest. */
export declare function domainGapUsage(data: StudentData | SummarySource, subject: string, by: string, design?: SurveyDesign): AnalysisUsage;
//# sourceMappingURL=domainGap.d.ts.map