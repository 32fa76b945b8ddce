import { Worker } from 'node:worker_threads';
import type { AnalysisResults } from '@jiance/core';
import type { ReportChart } from '@jiance/report';

/** What the chart thread is given. */
export interface ChartTask {
  results: AnalysisResults;
  lang: 'zh' | 'en';
}

/**
 * Every chart of the report ({@link buildCharts}), drawn on a worker thread (图表另起线程绘制):
 * the same charts, while this thread builds the tables and writes the workbooks and
 * results.json. Vega's compile–parse–dataflow–SVG work is about 3 s for the 59 charts of a
 * 10⁵-student province and used one core while the other waited. The results are copied to the
 * thread (structured clone), so callers keep very large results (a census) on their own thread.
 * `signal` stops the thread (a run that failed before it needed the charts).
 *
 * @example
 * const charts = await chartsOffThread(results, 'zh'); // => the value of buildCharts(results, 'zh')
 */
export function chartsOffThread(
  results: AnalysisResults,
  lang: 'zh' | 'en',
  onProgress?: (drawn: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ReportChart[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('the run stopped before its charts were drawn'));
    const task: ChartTask = { results, lang };
    const worker = new Worker(workerFile(), { workerData: task, execArgv: [] });
    let charts: ReportChart[] | undefined;
    worker.on('message', (message: { progress?: [number, number]; charts?: ReportChart[] }) => {
      if (message.progress) onProgress?.(...message.progress);
      if (message.charts) charts = message.charts;
    });
    worker.on('error', reject);
    // A run that stops early stops its chart thread too (it would keep the process alive).
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    worker.on('exit', (code) => (charts ? resolve(charts) : reject(new Error(`the chart thread stopped (exit code ${code}) without its charts`))));
  });
}

/** The worker's script: the built file next to this one (tests run src/, so theirs is in dist/). */
function workerFile(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('../dist/chartWorker.js', here) : new URL('./chartWorker.js', here);
}
