import type { Table } from 'apache-arrow';
import { type Moments } from './moments.js';
/** A group's key value (county name, year, grade…); null where the key column is absent. */
export type KeyLabel = string | number | null;
/**
 * Per-group weighted moments as columns (struct of arrays): the mergeable sufficient
 * statistics (分组充分统计量) every estimator in core starts from.
 */
export interface GroupedMoments {
    keys: string[];
    /** labels[k][g]: value of key k for group g */
    labels: KeyLabel[][];
    count: Float64Array;
    sumWeights: Float64Array;
    sumWeights2: Float64Array;
    mean: Float64Array;
    m2: Float64Array;
    /**
     * The first row of each group: its index in the scanned table (groupedMoments), or its file
     * row number once a summary source has translated it (merges keep the smallest).
     */
    firstRow?: Int32Array;
}
/** Options of {@link groupedMoments}. */
export interface GroupedMomentsOptions {
    /** Key columns, outermost first, e.g. ['county', 'year', 'grade', 'school']. Absent columns give null labels. */
    keys: readonly string[];
    /** The value column (e.g. 'math'); rows where it is null are skipped. */
    value: string;
    /** Values to use instead of the column (e.g. a derived 0/1 indicator; NaN = skip). */
    values?: Float64Array;
    /** Weight column (default 'weight'; all 1 when the column is absent); null for unweighted. */
    weight?: string | null;
}
/**
 * One scan of a table into per-group weighted moments, with typed arrays in the loop.
 * Groups come in order of first appearance. Rows with a null value or a null key are skipped
 * (validation has already counted them).
 *
 * @example
 * groupedMoments(table, { keys: ['county', 'school'], value: 'math' }).count; // => Float64Array [30, 28, …]
 */
export declare function groupedMoments(table: Table, options: GroupedMomentsOptions): GroupedMoments;
/** Number of groups. */
export declare function groupCount(g: GroupedMoments): number;
/** The moments of group i. */
export declare function momentsAt(g: GroupedMoments, i: number): Moments;
/** The key labels of group i. */
export declare function labelsAt(g: GroupedMoments, i: number): KeyLabel[];
/**
 * Collapses groups to a coarser key (e.g. schools → counties) by exact merging; keys must be
 * a subset of g.keys. Order: first appearance.
 *
 * @example
 * rollupMoments(bySchool, ['county', 'year', 'grade']);
 */
export declare function rollupMoments(g: GroupedMoments, keys: readonly string[]): GroupedMoments;
/**
 * Merges two summaries with the same keys (e.g. of two batches of rows): groups with equal
 * labels are merged exactly, the others appended. The result does not depend on how the rows
 * were split (up to floating-point rounding).
 *
 * @example
 * mergeGroupedMoments(firstBatch, secondBatch);
 */
export declare function mergeGroupedMoments(a: GroupedMoments, b: GroupedMoments): GroupedMoments;
//# sourceMappingURL=groupedMoments.d.ts.map