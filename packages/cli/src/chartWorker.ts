// The chart thread of `analyze`: draws every chart of the report (buildCharts) from the results
// it was given, telling each one drawn, and sends the charts back.
import { parentPort, workerData } from 'node:worker_threads';
import { buildCharts } from '@jiance/report';
import type { ChartTask } from './chartsOffThread.js';

const task = workerData as ChartTask;
const charts = await buildCharts(task.results, task.lang, (done, total) => parentPort!.postMessage({ progress: [done, total] }));
parentPort!.postMessage({ charts });
