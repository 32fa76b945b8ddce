import { JianceError } from '../errors.js';
import { noUsableRows } from '../messages.js';
import type { RawTable } from '../io/raw.js';
import { answer, recordingSource, summarySource, tableSource, type EntriesRequest, type MomentsRequest, type SourceInfo, type SummaryRequest } from '../summary/summarySource.js';
import { deriveFrom, deriveSummary } from '../summary/derivedSummaries.js';
import type { GroupedMoments } from '../summary/groupedMoments.js';
import { StudentIdIndex } from '../table/studentIdIndex.js';
import { mergeDataQuality, studentTable, type StudentTableOptions } from '../table/studentTable.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import { GroupIndex, SummaryAccumulator } from '../summary/summaryAccumulator.js';
import { analyzeStudents, type AnalysisResults, type AnalyzeOptions } from './analyzeStudents.js';

/** The outcome of a streamed analysis: the results and what validation found over all batches. */
export interface StreamedAnalysis {
  results: AnalysisResults;
  mapping: ColumnMapping;
  /**
   * Batches read; the summary requests of the analyses, how many of them were kept between
   * batches (the others are derived from those at the end: see deriveFrom), and the groups
   * the kept ones hold (what memory is bounded by).
   */
  batches: number;
  summaries: { requests: number; kept: number; groups: number };
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
 * const raw = parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'); // 3,266 rows
 * await analyzeBatches(batchesOf(raw, 1000)); // => { results, mapping, batches: 4, summaries: { requests: 86, kept: 61, groups: 4955 } }
 */
export async function analyzeBatches(
  batches: AsyncIterable<RawTable> | Iterable<RawTable>,
  options: AnalyzeOptions & { table?: StudentTableOptions; onBatch?: (rowsRead: number) => void } = {},
): Promise<StreamedAnalysis> {
  let studentIds: StudentIdIndex | undefined = new StudentIdIndex();
  const indicatorOptions = options.rates ?? {};
  let info: SourceInfo | undefined;
  let requests: Map<string, SummaryRequest> | undefined;
  let uses = new Map<string, number>();
  // Requests answered from another request's summary at the end (not kept batch by batch).
  let derived = new Map<string, string>();
  const merged = new Map<string, SummaryAccumulator>();
  const indexes = new Map<string, GroupIndex>();
  let count = 0;
  let file = '';
  let mapping: ColumnMapping | undefined;
  for await (const raw of batches) {
    file = raw.file;
    const data = studentTable(raw, { ...options.table, ...(studentIds ? { studentIds } : {}), allowEmpty: true });
    count++;
    if (!info || !requests || !mapping) {
      mapping = data.mapping;
      info = tableSource(data, indicatorOptions).info;
      const recorder = recordingSource(info);
      analyzeStudents(recorder.source, options);
      requests = recorder.requests;
      uses = recorder.uses;
      derived = deriveFrom(requests);
    } else {
      info = { ...info, quality: mergeDataQuality(info.quality, data.quality, mapping) };
      mapping = { ...mapping, columns: mapping.columns.map((c, i) => ({ ...c, nonEmpty: c.nonEmpty + (data.mapping.columns[i]?.nonEmpty ?? 0) })) };
    }
    // One request at a time, so a batch's summaries are dropped as soon as they are merged.
    const source = tableSource(data, indicatorOptions);
    for (const [key, request] of requests) {
      if (derived.has(key)) continue;
      let acc = merged.get(key);
      if (!acc) {
        const keys = request.kind === 'usage' ? '' : JSON.stringify(request.keys);
        let index = indexes.get(keys);
        if (!index) indexes.set(keys, (index = new GroupIndex()));
        merged.set(key, (acc = new SummaryAccumulator(request.kind, mapping, index, { weighted: request.kind !== 'moments' || request.weighted })));
      }
      acc.add(answer(source, request));
    }
    options.onBatch?.(info.quality.rowsRead);
  }
  if (!info || !mapping) throw new RangeError('analyzeBatches needs at least one batch');
  if (info.quality.rowsKept === 0) throw new JianceError(noUsableRows(file, info.quality.rowsRead));
  info = { ...info, mapping };
  let groups = 0;
  const summaryCount = merged.size;
  for (const acc of merged.values()) groups += acc.kind === 'usage' ? 0 : acc.groups;
  studentIds = undefined; // duplicates are settled; free the ids before estimating
  indexes.clear(); // each accumulator keeps its own: an index goes with its last summary
  // Summaries are built when an analysis asks for them; a summary's columns are released after
  // the last request for it or for one derived from it (the recording pass counted them), so
  // they are not all held while the results grow. A summary asked for more than once is built
  // once and its accumulator dropped.
  const left = new Map<string, number>();
  for (const [key, n] of uses) {
    const from = derived.get(key) ?? key;
    left.set(from, (left.get(from) ?? 0) + n);
  }
  const built = new Map<string, ReturnType<SummaryAccumulator['result']>>();
  const summaries = {
    get: (key: string) => {
      const from = derived.get(key) ?? key;
      let result = built.get(from);
      if (!result) {
        result = merged.get(from)?.result();
        merged.delete(from);
        if (result && (left.get(from) ?? 0) > 1) built.set(from, result);
      }
      const n = (left.get(from) ?? 1) - 1;
      left.set(from, n);
      if (n <= 0) built.delete(from);
      if (!result || from === key) return result;
      return deriveSummary(requests!.get(key) as MomentsRequest | EntriesRequest, result as GroupedMoments);
    },
  };
  const results = analyzeStudents(summarySource(info, summaries), options);
  return { results, mapping, batches: count, summaries: { requests: requests!.size, kept: summaryCount, groups } };
}
