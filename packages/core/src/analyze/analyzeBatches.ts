import { JianceError } from '../errors.js';
import { noUsableRows } from '../messages.js';
import type { RawTable } from '../io/raw.js';
import { answer, tableSource, type EntriesRequest, type MomentsRequest, type SourceInfo } from '../summary/summarySource.js';
import { deriveFrom, deriveSummary } from '../summary/derivedSummaries.js';
import type { GroupedMoments } from '../summary/groupedMoments.js';
import { StudentIdIndex } from '../table/studentIdIndex.js';
import { mergeDataQuality, studentTable, type StudentData, type StudentTableOptions } from '../table/studentTable.js';
import type { ColumnMapping } from '../table/resolveColumns.js';
import { GroupIndex, SummaryAccumulator } from '../summary/summaryAccumulator.js';
import type { AnalysisResults, AnalyzeOptions } from './analyzeStudents.js';
import { analyzeFrom, type Summary, type SummaryProvider } from './analyzeFrom.js';

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

/** Options of {@link batchProvider}: how each batch is validated, and a callback after each. */
export interface BatchProviderOptions {
  table?: StudentTableOptions;
  onBatch?: (rowsRead: number) => void;
}

/**
 * The provider of a stream of raw batches (分批汇总): each batch of raw rows is validated
 * (duplicate student ids are found across batches), summarised into exactly the per-group
 * summaries the analyses ask for, and merged; the rows are then dropped. Memory is bounded by
 * the number of groups (schools × years × grades…), not by the number of rows. The first batch
 * is read when the provider opens (its columns are what the analyses plan from). Requests
 * answered from another request's summary (see deriveFrom) are not kept batch by batch, and a
 * summary's columns are released after its last use (the recording pass counted them), so they
 * are not all held while the results grow. `stats()` says what was kept.
 *
 * @example
 * const raw = parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv');
 * const provider = batchProvider(batchesOf(raw, 1000));
 * await analyzeFrom(provider);
 * provider.stats(); // => { batches: 4, summaries: { requests: 86, kept: 61, groups: 4955 } }
 */
export function batchProvider(
  batches: AsyncIterable<RawTable> | Iterable<RawTable>,
  options: BatchProviderOptions = {},
): SummaryProvider & { stats(): Omit<StreamedAnalysis, 'results' | 'mapping'> } {
  let studentIds: StudentIdIndex | undefined = new StudentIdIndex();
  const iterator = Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : batches[Symbol.iterator]();
  let first: StudentData | undefined;
  let info: SourceInfo | undefined;
  let count = 0;
  let file = '';
  let done = false;
  const stats = { batches: 0, summaries: { requests: 0, kept: 0, groups: 0 } };
  const read = async (): Promise<StudentData | undefined> => {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      return undefined;
    }
    const raw = next.value;
    file = raw.file;
    count++;
    return studentTable(raw, { ...options.table, ...(studentIds ? { studentIds } : {}), allowEmpty: true });
  };
  return {
    async open(indicatorOptions) {
      first = await read();
      if (!first) throw new RangeError('analyzeBatches needs at least one batch');
      info = tableSource(first, indicatorOptions).info;
      return info;
    },
    async answer({ requests, uses }) {
      if (!info || !first) throw new RangeError('batchProvider: answer before open');
      const indicatorOptions = info.indicatorOptions;
      // Requests answered from another request's summary at the end (not kept batch by batch).
      const derived = deriveFrom(requests);
      const merged = new Map<string, SummaryAccumulator>();
      const indexes = new Map<string, GroupIndex>();
      let mapping = info.mapping;
      for (let data: StudentData | undefined = first; data; data = await read()) {
        if (data !== first) {
          info = { ...info, quality: mergeDataQuality(info.quality, data.quality, mapping) };
          mapping = { ...mapping, columns: mapping.columns.map((c, i) => ({ ...c, nonEmpty: c.nonEmpty + (data?.mapping.columns[i]?.nonEmpty ?? 0) })) };
        }
        first = undefined; // the first batch's rows are not held past their turn
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
      if (info.quality.rowsKept === 0) throw new JianceError(noUsableRows(file, info.quality.rowsRead));
      info = { ...info, mapping };
      let groups = 0;
      for (const acc of merged.values()) groups += acc.kind === 'usage' ? 0 : acc.groups;
      stats.batches = count;
      stats.summaries = { requests: requests.size, kept: merged.size, groups };
      studentIds = undefined; // duplicates are settled; free the ids before estimating
      indexes.clear(); // each accumulator keeps its own: an index goes with its last summary
      // A summary is built when an analysis asks for it and released after the last request for
      // it or for one derived from it; a summary asked for more than once is built once.
      const left = new Map<string, number>();
      for (const [key, n] of uses) {
        const from = derived.get(key) ?? key;
        left.set(from, (left.get(from) ?? 0) + n);
      }
      const built = new Map<string, ReturnType<SummaryAccumulator['result']>>();
      const get = (key: string): Summary | undefined => {
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
        return deriveSummary(requests.get(key) as MomentsRequest | EntriesRequest, result as GroupedMoments);
      };
      return { info, summaries: { get } };
    },
    // A run that stops early (an error in a batch, in the design, in a callback) ends the stream,
    // so a reader's file is closed, as a for-await loop's exit would.
    async close() {
      first = undefined;
      if (done) return;
      done = true;
      await iterator.return?.();
    },
    stats: () => stats,
  };
}

/**
 * Analyses a file batch by batch (流式分析): {@link analyzeFrom} on a {@link batchProvider}.
 * Gives the results of {@link analyzeStudents} on the whole file (up to rounding in the last
 * digits, as merged moments are added in another order).
 *
 * @example
 * const raw = parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'); // 3,266 rows
 * await analyzeBatches(batchesOf(raw, 1000)); // => { results, mapping, batches: 4, summaries: { requests: 86, kept: 61, groups: 4955 } }
 */
export async function analyzeBatches(
  batches: AsyncIterable<RawTable> | Iterable<RawTable>,
  options: AnalyzeOptions & BatchProviderOptions = {},
): Promise<StreamedAnalysis> {
  const { table, onBatch, ...analyzeOptions } = options;
  const provider = batchProvider(batches, { ...(table ? { table } : {}), ...(onBatch ? { onBatch } : {}) });
  const { results, info } = await analyzeFrom(provider, analyzeOptions);
  return { results, mapping: info.mapping, ...provider.stats() };
}
