import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  analysisPlan,
  recordingSource,
  summarySource,
  type AnalysisResults,
  type AnalyzeStudentsOptions,
  type SourceInfo,
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
 * here. 1e7 students on this 2-core machine: 21 → 15 s (the two threads contend for memory, so
 * each runs slower than alone).
 *
 * @example
 * const results = await analyzeInParallel(info, answers, options); // = analyzeStudents(summarySource(info, answers), options)
 */
export async function analyzeInParallel(
  info: SourceInfo,
  answers: ReadonlyMap<string, Answer>,
  options: AnalyzeStudentsOptions & { parallelFrom?: number } = {},
): Promise<AnalysisResults> {
  const plan = analysisPlan(summarySource(info, answers), options);
  const remote = plan.sections.filter((s) => offloaded(s.name)).map((s) => s.name);
  const values = new Map<string, unknown>();
  // The summaries the worker's sections ask for (a recording pass over those sections only).
  const recorder = recordingSource(info);
  for (const s of analysisPlan(recorder.source, options).sections) if (remote.includes(s.name)) s.run();
  const needed = [...recorder.requests.keys()].map((k): [string, Answer] => [k, answers.get(k)!]);
  const size = needed.reduce((n, [, a]) => n + ('size' in a ? a.size : 'count' in a ? a.count.length : 0), 0);
  // A thread costs about half a second to start and fill; below a million entries (about
  // 10⁶ students) one thread is faster.
  if (remote.length === 0 || availableParallelism() < 2 || size < (options.parallelFrom ?? 1_000_000)) {
    for (const s of plan.sections) values.set(s.name, s.run());
    return plan.assemble(values);
  }
  const task: EstimatorTask = { info, options, sections: remote, answers: needed };
  // Not this process's flags: under the test runner they select core's TypeScript sources.
  const worker = new Worker(workerFile(), { workerData: task, execArgv: [] });
  const done = new Promise<[string, unknown][]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the estimator thread stopped (exit code ${code}) before it answered`)));
  });
  // Keep a rejection from being unhandled while this thread computes its own sections.
  done.catch(() => undefined);
  try {
    for (const s of plan.sections) if (!remote.includes(s.name)) values.set(s.name, s.run());
    for (const [name, value] of await done) values.set(name, value);
  } finally {
    await worker.terminate();
  }
  return plan.assemble(values);
}

/**
 * The worker's script: the built file beside this module's. Tests run this module from src/
 * (the `source` condition), after `tsc -b` has built dist/, where the worker lives.
 */
function workerFile(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('../dist/estimatorWorker.js', here) : new URL('./estimatorWorker.js', here);
}
