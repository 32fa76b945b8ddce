import type { RawTable } from '../io/raw.js';
import { type StudentTableOptions } from '../table/studentTable.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import { type AnalysisResults, type AnalyzeOptions } from './analyzeStudents.js';
/** The outcome of a streamed analysis: the results and what validation found over all batches. */
export interface StreamedAnalysis {
    results: AnalysisResults;
    mapping: ColumnMapping;
    /** Batches read and the summaries kept between them (what memory is bounded by). */
    batches: number;
    summaries: {
        requests: number;
        groups: number;
    };
}
/**
 * Analyses a file batch by batch (流式分析): each batch of raw rows is validated (duplicate
 * student ids are found across batches), summarised into exactly the per-group summaries the
 * analyses ask for, and merged; the rows are then dropped. Memory is bounded by the number of
 * groups (schools × years × grades…), not by the number of rows. The summaries needed are
 * listed by running the analyses once on a recording source over the first batch's columns.
 * Gives the results of {@link analyzeStudents} on the whole file (up to rounding in the
 * last digits, as merged moments are added in another order).
 *
 * @example
 * await analyzeBatches(csvBatches('province.csv', 100_000), {}); // => { results, mapping, batches: 1, … }
 */
export declare function analyzeBatches(batches: AsyncIterable<RawTable> | Iterable<RawTable>, options?: AnalyzeOptions & {
    table?: StudentTableOptions;
    onBatch?: (rowsRead: number) => void;
}): Promise<StreamedAnalysis>;
//# sourceMappingURL=analyzeBatches.d.ts.map