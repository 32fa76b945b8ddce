import type { StudentData } from '../table/studentTable.js';
import type { SummarySource } from '../summary/summarySource.js';
import type { ReplicateMethod } from './replicateVariance.js';
/**
 * The sampling design of a monitoring data set (抽样设计): sampling weights, schools as the
 * primary sampling units (PSUs), optional strata, optional plausible values per subject and
 * optional replicate weights. Every design-based estimator in core takes one, and uses it
 * for its standard errors:
 *
 * - no replicate weights: Taylor linearisation with schools as PSUs sampled with
 *   replacement within strata (R `svydesign(ids = ~school, strata = ~stratum, weights = ~w)`);
 * - replicate weights: the replicate variance of the method (JK2 as TIMSS/PIRLS, Fay-BRR as
 *   PISA, JK1; R `svrepdesign(…, type = "JK2" | "Fay" | "JK1", mse = TRUE)`);
 * - plausible values: each estimate computed once per plausible value and combined by Rubin's
 *   rules (R `mitools::MIcombine(with(imputationList, svymean(…)))`).
 */
export interface SurveyDesign {
    /** Weight column, or null when every student counts 1. */
    weight: string | null;
    /** Strata column (e.g. 'county' when schools were drawn county by county), or null for one stratum. */
    strata: string | null;
    /** Plausible-value columns by subject, e.g. { math: ['math_pv1', …, 'math_pv5'] }. */
    plausibleValues: Record<string, string[]>;
    /** Replicate-weight columns and how their estimates give a variance, or null. */
    replicates: {
        columns: string[];
        method: ReplicateMethod;
    } | null;
}
/** Options of {@link surveyDesign}, as in the config file's `design` key. */
export interface SurveyDesignOptions {
    /** Strata column; default the `stratum` column (抽样层) when the data have one, else 'county' (monitoring samples schools county by county). */
    strata?: string | null;
    /** How the replicate weights were built; required when the data carry them. */
    replicates?: ReplicateMethod;
}
/**
 * The design a student table carries: its weight column (if any), its plausible values
 * (`math_pv1…K` grouped by subject, in order) and its replicate weights (`rep_w1…R`, read from
 * headers such as PISA's `W_FSTR1…80`). Replicate weights without a stated method are an
 * error that says which to give; fewer than two are an error too.
 *
 * @example
 * surveyDesign(data).plausibleValues; // => { math: ['math_pv1', 'math_pv2', 'math_pv3', 'math_pv4', 'math_pv5'] }
 */
export declare function surveyDesign(data: StudentData | SummarySource, options?: SurveyDesignOptions): SurveyDesign;
/**
 * The subjects to analyse: each subject once, with the columns that carry it — its plausible
 * values when the data have them (a point-score column of the same subject is then not used,
 * and said so), else its own column.
 *
 * @example
 * designSubjects(data, design); // => [{ subject: 'math', columns: ['math_pv1', …] }]
 */
export declare function designSubjects(data: StudentData | SummarySource, design: SurveyDesign): {
    subject: string;
    columns: string[];
    shadowed: boolean;
}[];
/** The design of a table without plausible values or replicates: its weights, county strata. */
export declare function simpleDesign(data: StudentData | SummarySource): SurveyDesign;
//# sourceMappingURL=surveyDesign.d.ts.map