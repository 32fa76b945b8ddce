import { type IndicatorId, type IndicatorOptions } from '../indicators/indicatorValues.js';
import { type DesignEntries } from '../survey/designEntries.js';
import type { SurveyDesign } from '../survey/surveyDesign.js';
import { type AnalysisUsage } from '../table/analysisUsage.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import type { DataQuality, StudentData } from '../table/studentTable.js';
import { type GroupedMoments } from './groupedMoments.js';
/**
 * What is summarised: a numeric column, one plausible value of a set (used only where every
 * value of the set is present, so all PVs rest on the same students), or a derived 0/1
 * indicator (with the source's indicator options). `replicates` leaves out rows without
 * their replicate weights.
 */
export type Measure = {
    column: string;
    replicates?: string[];
} | {
    columns: string[];
    pv: number;
    replicates?: string[];
} | {
    indicator: IndicatorId;
    replicates?: string[];
};
/** Per-group moments of a measure (groupedMoments). */
export interface MomentsRequest {
    kind: 'moments';
    keys: string[];
    measure: Measure;
    /** Weighted by the weight column, or every student 1. */
    weighted: boolean;
}
/** Per-(keys × school) design totals of a measure's plausible values (designEntries). */
export interface EntriesRequest {
    kind: 'entries';
    keys: string[];
    /** One measure per plausible value (a single one otherwise). */
    measures: Measure[];
    design: SurveyDesign;
}
/** The rows an analysis uses and why the others are left out (analysisUsage). */
export interface UsageRequest {
    kind: 'usage';
    analysis: string;
    fields: string[];
    /** The usage of an indicator's derivation instead of plain fields. */
    indicator?: IndicatorId;
    /** Replicate-weight columns that must be present too. */
    replicates?: string[];
}
/** Any summary request. */
export type SummaryRequest = MomentsRequest | EntriesRequest | UsageRequest;
/** What the analyses know of the data without reading rows: its columns, roles and quality. */
export interface SourceInfo {
    /** Columns of the validated table (canonical roles; 'weight' always). */
    columns: string[];
    mapping: ColumnMapping;
    subjects: string[];
    quality: DataQuality;
    indicatorOptions: IndicatorOptions;
}
/**
 * Where the analyses get their per-group summaries (汇总来源): a table in memory
 * ({@link tableSource}), the merged summaries of batches of a stream, or an SQL engine. Every
 * estimator asks a source, never the rows, so the same code serves all three (DESIGN.md,
 * "Shape").
 */
export interface SummarySource {
    info: SourceInfo;
    moments(request: Omit<MomentsRequest, 'kind'>): GroupedMoments;
    entries(request: Omit<EntriesRequest, 'kind'>): DesignEntries;
    usage(request: Omit<UsageRequest, 'kind'>): AnalysisUsage;
}
/** Whether the source's table has a column. */
export declare const hasColumn: (source: SummarySource, column: string) => boolean;
/** A stable key of a request (what a stream records and replays). */
export declare function requestKey(request: SummaryRequest): string;
/**
 * The source over a validated table in memory: each request is one scan of the typed
 * columns (indicator values computed once per indicator and kept).
 *
 * @example
 * tableSource(data).moments({ keys: ['county', 'school'], measure: { column: 'math' }, weighted: true });
 */
export declare function tableSource(data: StudentData, indicatorOptions?: IndicatorOptions): SummarySource;
/** Accepts a validated table or a source (the estimators' first argument). */
export declare function asSource(data: StudentData | SummarySource, indicatorOptions?: IndicatorOptions): SummarySource;
/** Merges two usages of the same analysis over disjoint rows: counts added, reasons kept in order. */
export declare function mergeUsage(a: AnalysisUsage, b: AnalysisUsage, mapping?: ColumnMapping): AnalysisUsage;
/**
 * A source that answers requests from summaries computed elsewhere (merged batches, an SQL
 * engine). An unknown request is a programming error: the analyses ask the same questions of
 * every source with the same columns.
 */
export declare function summarySource(info: SourceInfo, summaries: {
    get(key: string): GroupedMoments | DesignEntries | AnalysisUsage | undefined;
}): SummarySource;
/**
 * A source that answers every request with an empty summary and records it: running the
 * analyses on it once lists the summaries they need (for a stream or an SQL engine).
 */
export declare function recordingSource(info: SourceInfo): {
    source: SummarySource;
    requests: Map<string, SummaryRequest>;
};
/**
 * Answers one request from a source (e.g. a batch's table, in a stream).
 *
 * @example
 * answer(tableSource(batch), request);
 */
export declare function answer(source: SummarySource, request: SummaryRequest): GroupedMoments | DesignEntries | AnalysisUsage;
//# sourceMappingURL=summarySource.d.ts.map