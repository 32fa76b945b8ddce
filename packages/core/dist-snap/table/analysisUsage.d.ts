import { type RuleId } from '../messages.js';
import type { ColumnMapping } from './resolveColumns.js';
import { type StudentData } from './studentTable.js';
/** How many rows an analysis used and why each other row was left out. */
export interface AnalysisUsage {
    analysis: string;
    rowsRead: number;
    rowsUsed: number;
    /** rowsRead = rowsUsed + Σ count: every row is accounted for, once. */
    excluded: {
        rule: RuleId;
        field?: string;
        count: number;
    }[];
}
/**
 * The rows an analysis can use: kept by validation and with a usable value in every field it
 * needs. Each left-out row is counted once, under the first reason that applies (row rules of
 * validation first, then the fields in the order given). Returns the mask of used rows too.
 * `defined` (1 where a derived indicator has a value) makes that value decide instead.
 *
 * @example
 * analysisUsage(data, 'describe.math', ['math']).usage.rowsUsed; // => 2987
 */
export declare function analysisUsage(data: StudentData, analysis: string, fields: readonly string[], defined?: ArrayLike<number>): {
    usage: AnalysisUsage;
    used: Uint8Array;
};
/**
 * Exclusions in a fixed order — row rules as applied, then value rules by column (in the
 * file's role order) and rule, then "not applicable" — so that usages merged from batches list
 * them as one pass over the whole file does.
 */
export declare function canonicalExclusions(list: AnalysisUsage['excluded'], mapping: ColumnMapping): AnalysisUsage['excluded'];
//# sourceMappingURL=analysisUsage.d.ts.map