import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  analysisPlan,
  recordingSource,
  summarySource,
  type AnalysisResults,
  type AnalyzeStudentsOptions,
  type SourceInfo,
  type SummaryLookup,
  type SummaryProvider,
} from '@jiance/core';
import type { Answer } from './answerRequests.js';

/** What the estimator thread is given: the source's facts, the options, its sections and their summaries. */
export interface EstimatorTask {
  info: SourceInfo;
  options: AnalyzeStudentsOptions;
  sections: string[];
  answers: [string, Answer][];
}

/** The sections sent to the second thread: every indicator's county comparison (rank draws make them the heaviest). */
const offloaded = (name: string): boolean => name.startsWith('rateComparison:');

/**
 * The estimators of `analyzeStudents` over summaries an engine computed, on two threads
 * (并行估计): the county comparisons of the detection rates run in a worker thread — given
 * only the summaries they ask for, as typed columns — while this thread computes the other
 * sections; the results are assembled by core's `analysisPlan`, so they equal
 * `analyzeStudents(summarySource(info, answers), options)` exactly. On a machine with one core,
 * or when the worker's summaries hold fewer than `parallelFrom` (10⁶) entries, everything runs
 * here. If the worker cannot answer (its built file missing, out of memory), its sections are
 * computed here after all. 1e7 students on this 2-core machine: 21 → 15 s (the two threads
 * contend for memory, so each runs slower than alone).
 *
 * @example
 * const results = await analyzeInParallel(info, answers, options); // = analyzeStudents(summarySource(info, answers), options)
 */
export async function analyzeInParallel(
  info: SourceInfo,
  answers: SummaryLookup,
  options: AnalyzeStudentsOptions & {
    parallelFrom?: number;
    /** Told which sections the worker computed (none when everything ran here). */
    onWorker?: (sections: string[]) => void;
  } = {},
): Promise<AnalysisResults> {
  const { parallelFrom, onWorker, ...analysisOptions } = options;
  const plan = analysisPlan(summarySource(info, answers), analysisOptions);
  const remote = plan.sections.filter((s) => offloaded(s.name)).map((s) => s.name);
  const values = new Map<string, unknown>();
  // The summaries the worker's sections ask for (a recording pass over those sections only).
  const recorder = recordingSource(info);
  for (const s of analysisPlan(recorder.source, analysisOptions).sections) if (remote.includes(s.name)) s.run();
  const needed = [...recorder.requests.keys()].map((k): [string, Answer] => {
    const a = answers.get(k);
    if (!a) throw new RangeError(`no summary for request ${k}`);
    return [k, a];
  });
  const size = needed.reduce((n, [, a]) => n + ('size' in a ? a.size : 'count' in a ? a.count.length : 0), 0);
  // A thread costs about half a second to start and fill; below a million entries (about
  // 10⁶ students) one thread is faster.
  if (remote.length === 0 || availableParallelism() < 2 || size < (parallelFrom ?? 1_000_000)) {
    for (const s of plan.sections) values.set(s.name, s.run());
    onWorker?.([]);
    return plan.assemble(values);
  }
  const task: EstimatorTask = { info, options: analysisOptions, sections: remote, answers: needed };
  // The worker's answer, or undefined when it could not give one (no built worker file, out of
  // memory, a clone error): its sections are then computed here — the same results, later.
  let worker: Worker | undefined;
  let done: Promise<[string, unknown][] | undefined>;
  try {
    // Not this process's flags: under the test runner they select core's TypeScript sources.
    const w = (worker = new Worker(workerFile(), { workerData: task, execArgv: [] }));
    done = new Promise<[string, unknown][] | undefined>((resolve) => {
      w.once('message', resolve);
      w.once('error', () => resolve(undefined));
      w.once('exit', () => resolve(undefined));
    });
  } catch {
    done = Promise.resolve(undefined);
  }
  try {
    for (const s of plan.sections) if (!remote.includes(s.name)) values.set(s.name, s.run());
    const fromWorker = await done;
    if (fromWorker) for (const [name, value] of fromWorker) values.set(name, value);
    else for (const s of plan.sections) if (remote.includes(s.name)) values.set(s.name, s.run());
    onWorker?.(fromWorker ? remote : []);
  } finally {
    await worker?.terminate();
  }
  return plan.assemble(values);
}

/**
 * An engine provider's `estimate` (for core's analyzeFrom): {@link analyzeInParallel} on the
 * answers, then `done()` (the engines time the step).
 *
 * @example
 * const provider = { open, answer, estimate: parallelEstimate(() => step('estimators')) };
 */
export function parallelEstimate(done: () => void = () => undefined): NonNullable<SummaryProvider['estimate']> {
  return async (answers, options) => {
    const results = await analyzeInParallel(answers.info, answers.summaries, options);
    done();
    return results;
  };
}

/**
 * The worker's script: the built file beside this module's. Tests run this module from src/
 * (the `source` condition), after `tsc -b` has built dist/, where the worker lives.
 */
function workerFile(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('../dist/estimatorWorker.js', here) : new URL('./estimatorWorker.js', here);
}
