import type { KeyLabel } from '../summary/groupedMoments.js';
import { type AnalysisUsage } from '../table/analysisUsage.js';
import { type StudentData } from '../table/studentTable.js';
import type { ReplicateMethod } from './replicateVariance.js';
import type { SurveyDesign } from './surveyDesign.js';
/**
 * Weighted totals of one group of students inside one PSU (school), under the full weight and
 * every replicate weight, for every plausible value: the sufficient statistics of every
 * design-based ratio estimator (均值、比例及其差). Entries are mergeable by addition.
 */
export interface DesignEntry {
    /** Labels of the grouping keys (e.g. year, grade, county, school, sex). */
    labels: KeyLabel[];
    /** Identity of the PSU (the labels up to and including the school). */
    psu: string;
    stratum: KeyLabel;
    count: number;
    /** Σw under the full weight (index 0) and replicate r (index r). */
    sumWeights: Float64Array;
    /** Σw·y of plausible value m under weight r at index m·(R + 1) + r. */
    sumWY: Float64Array;
    /** Σw·y² of plausible value m under the full weight (for SDs and effect sizes). */
    sumWYY: Float64Array;
}
/** Entries of a measure, with the shape of the design they were built under. */
export interface DesignEntries {
    keys: string[];
    entries: DesignEntry[];
    /** Number of plausible values M (1 for a plain column or an indicator). */
    plausibleValues: number;
    /** Number of replicate weights R (0 without replicates). */
    replicates: number;
    /** How the replicate estimates give a variance (null without replicates). */
    method: ReplicateMethod | null;
}
/**
 * One scan of the student table into {@link DesignEntry} totals per combination of `keys`
 * (which must include 'school', the PSU). `values` holds the measure, one array per plausible
 * value (NaN = no value). A row is used only when every key, every plausible value and every
 * replicate weight is present, so that all M × (R + 1) estimates rest on the same students —
 * the rows left out are counted by the caller's analysisUsage over the same fields.
 *
 * @example
 * designEntries(data, design, ['year', 'grade', 'county', 'school'], [readNumbers(data.table, 'math')]).entries.length;
 */
export declare function designEntries(data: StudentData, design: SurveyDesign, keys: readonly string[], values: readonly Float64Array[]): DesignEntries;
/**
 * Adds the rows a replicate-weight design cannot use to an analysis's usage: a used row whose
 * replicate weight is blank or invalid is excluded (counted under that column), because every
 * replicate estimate must rest on the same students. Without replicate columns the usage is
 * returned unchanged.
 *
 * @example
 * withReplicateUsage(analysisUsage(data, 'math', ['math']), data, design.replicates?.columns ?? []).usage.rowsUsed;
 */
export declare function withReplicateUsage(base: {
    usage: AnalysisUsage;
    used: Uint8Array;
}, data: StudentData, replicates: readonly string[]): {
    usage: AnalysisUsage;
    used: Uint8Array;
};
//# sourceMappingURL=designEntries.d.ts.map