import type { AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import type { DesignEntries } from '../survey/designEntries.js';
import type { GroupedMoments, KeyLabel } from './groupedMoments.js';
import { type SummaryRequest } from './summarySource.js';
/**
 * The groups of one key list (e.g. year × grade × county × school), numbered once and shared
 * by every summary with those keys, so a stream keeps each group's labels once. Groups are
 * found through one map per key level (no key string built per lookup) and their labels kept
 * by column.
 */
export declare class GroupIndex {
    private readonly root;
    /** columns[k][id]: label of key k for group id. */
    readonly columns: KeyLabel[][];
    private count;
    /** The id of a group, numbering it when new. */
    idOf(labels: readonly KeyLabel[]): number;
    /** The labels of group id. */
    labelsOf(id: number): KeyLabel[];
}
/**
 * Merges the summaries of one request batch after batch, in place (汇总累加器): moments are
 * updated by Chan's formulas and design totals added, in columns indexed by the shared group
 * ids; memory is a few numbers per group and summary — not per row, not per batch. Unweighted
 * moments keep count, mean and m2 only (their Σw and Σw² are the count). Groups are listed in
 * the order they first appeared in this summary, as one pass over the file lists them.
 */
export declare class SummaryAccumulator {
    readonly kind: SummaryRequest['kind'];
    private readonly mapping;
    private readonly index;
    private order;
    private size;
    private seen;
    private readonly weighted;
    private moments;
    private firstRows;
    private totals;
    private strata;
    private shape;
    private usage;
    private keys;
    constructor(kind: SummaryRequest['kind'], mapping: ColumnMapping, index: GroupIndex, options?: {
        weighted?: boolean;
    });
    /** Adds the summary of one batch. */
    add(summary: GroupedMoments | DesignEntries | AnalysisUsage): void;
    /** Groups held (what memory is bounded by). */
    get groups(): number;
    /** The merged summary (built on each call: keep it only while it is used). */
    result(): GroupedMoments | DesignEntries | AnalysisUsage;
    /** Marks a group as part of this summary (in order of first appearance); true when new. */
    private include;
    private addEntries;
    private addMoments;
}
//# sourceMappingURL=summaryAccumulator.d.ts.map