import type { IndicatorOptions } from '../indicators/indicatorValues.js';
import type { DesignEntries } from '../survey/designEntries.js';
import type { GroupedMoments } from '../summary/groupedMoments.js';
import { answer, asSource, recordingSource, summarySource, type SourceInfo, type SummaryRequest, type SummarySource } from '../summary/summarySource.js';
import type { AnalysisUsage } from '../table/analysisUsage.js';
import { stepTimer } from './stepTimer.js';
import type { StudentData } from '../table/studentTable.js';
import { analyzeStudents, type AnalysisResults, type AnalyzeOptions } from './analyzeStudents.js';

/** One answered summary request: group moments, design totals or an analysis's row usage. */
export type Summary = GroupedMoments | DesignEntries | AnalysisUsage;

/** Summaries by request key (`requestKey`); what `summarySource` answers the estimators from. */
export interface SummaryLookup {
  get(key: string): Summary | undefined;
}

/** The requests the analyses make, by key, and how often each is asked for (a stream releases a summary after its last use). */
export interface SummaryRequests {
  requests: ReadonlyMap<string, SummaryRequest>;
  uses: ReadonlyMap<string, number>;
}

/** What a provider returns once it has summarised all of its rows. */
export interface SummaryAnswers {
  /** The data's facts over all rows (a stream knows its data quality only at the end). */
  info: SourceInfo;
  summaries: SummaryLookup;
}

/**
 * Where the data lives, seen by the analyses (汇总提供者): a table in memory, batches of a
 * stream, an SQL engine. A provider only *opens* the data (its columns, roles and quality, from
 * which the analyses plan their requests) and *answers* summary requests; the analyses and the
 * estimators are {@link analyzeFrom}'s, the same for every provider.
 */
export interface SummaryProvider {
  /** The data's columns, roles and quality (so far): what the analyses plan their requests from. */
  open(indicatorOptions: IndicatorOptions): Promise<SourceInfo> | SourceInfo;
  /** Every request answered, with the facts of all rows. */
  answer(requests: SummaryRequests): Promise<SummaryAnswers> | SummaryAnswers;
  /**
   * How the estimators run on the answers (default: here, `analyzeStudents` over
   * `summarySource`); an engine may run some sections in a worker thread, with the same results.
   */
  estimate?(answers: SummaryAnswers, options: AnalyzeOptions): Promise<AnalysisResults> | AnalysisResults;
  /** Frees what the provider holds (a database, a temporary file); called whatever happened. */
  close?(): Promise<void> | void;
}

/** The phases of {@link analyzeFrom}: open the data, plan (record the requests), answer them, run the estimators. */
export type AnalyzePhase = 'open' | 'plan' | 'summaries' | 'estimators';

/** Observers of {@link analyzeFrom}: `onPhase` gets each phase's wall time in milliseconds as it ends. */
export interface AnalyzeFromHooks {
  onPhase?: (phase: AnalyzePhase, ms: number) => void;
}

/** What {@link analyzeFrom} returns: the results and the facts of the data they rest on. */
export interface ProvidedAnalysis {
  results: AnalysisResults;
  info: SourceInfo;
  /** Summary requests the analyses made (distinct). */
  requests: number;
}

/**
 * Runs every analysis of {@link analyzeStudents} on the summaries a provider gives (一个驱动,
 * 多种数据来源): open the data, record the summary requests by running the analyses once on a
 * recording source, have the provider answer them (in memory, batch by batch, or as SQL
 * `GROUP BY`s where the data lives), then run the estimators on the answers. Every provider
 * therefore gets the same analyses from the same code; only the summaries come from elsewhere
 * (DESIGN.md, "Shape": one scan, mergeable per-group summaries).
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const { results } = await analyzeFrom(tableProvider(data)); // = analyzeStudents(data)
 * results.dataQuality.rowsRead; // => 3266
 */
export async function analyzeFrom(provider: SummaryProvider, options: AnalyzeOptions = {}, hooks: AnalyzeFromHooks = {}): Promise<ProvidedAnalysis> {
  // Each phase's wall time, for run.json's phases (where a run's time went).
  const phase = stepTimer<AnalyzePhase>(hooks.onPhase);
  try {
    const opened = await provider.open(options.rates ?? {});
    phase('open');
    const recorder = recordingSource(opened);
    analyzeStudents(recorder.source, options);
    phase('plan');
    const answers = await provider.answer({ requests: recorder.requests, uses: recorder.uses });
    phase('summaries');
    const results = provider.estimate ? await provider.estimate(answers, options) : analyzeStudents(summarySource(answers.info, answers.summaries), options);
    phase('estimators');
    return { results, info: answers.info, requests: recorder.requests.size };
  } finally {
    await provider.close?.();
  }
}

/**
 * The provider of a validated table in memory (内存表): each request is answered when the
 * estimators ask for it, by one scan of the typed columns (`tableSource`, which computes each
 * indicator and measure once per table).
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: 512 }, { 区县: '青山县', 学校: '二小', 数学: 480 }]));
 * (await analyzeFrom(tableProvider(data))).results.achievement[0].subject; // => 'math'
 */
export function tableProvider(data: StudentData): SummaryProvider {
  let source: SummarySource | undefined;
  return {
    // The table's own source (asSource: one per table and indicator options), as analyzeStudents(data) uses.
    open: (indicatorOptions) => (source = asSource(data, indicatorOptions)).info,
    answer: ({ requests }) => {
      const from = source ?? asSource(data);
      return {
        info: from.info,
        summaries: {
          get: (key) => {
            const request = requests.get(key);
            return request ? answer(from, request) : undefined;
          },
        },
      };
    },
  };
}
