// The estimator thread of analyzeInParallel: computes the named sections of core's analysis plan
// over the summaries it was given and sends their values back.
import { parentPort, workerData } from 'node:worker_threads';
import { analysisPlan, summarySource } from '@jiance/core';
import type { EstimatorTask } from './parallelAnalysis.js';

const task = workerData as EstimatorTask;
const plan = analysisPlan(summarySource(task.info, new Map(task.answers)), task.options);
const values: [string, unknown][] = plan.sections.filter((s) => task.sections.includes(s.name)).map((s) => [s.name, s.run()]);
parentPort!.postMessage(values);
