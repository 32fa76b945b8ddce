// The whole analysis on a local two-shard ClickHouse cluster (clickhouseAnalyze), against the
// in-memory analysis of the same file (or DuckDB's, for files too large for memory):
//   node bench/clickhouse.js fixtures/large/province-1e6.csv
// Loads the file through core's checks (loadStudentTable), then times the analysis and reports
// the client's peak RSS, each shard's peak RSS and the largest difference from the reference.
// Needs clickhouse-server (Debian package) and `npx tsc -b` (reads the built packages).
import { readFileSync } from 'node:fs';
import { analyzeStudents, decodeText, parseCsv, studentTable } from '@jiance/core';
import { clickhouseAnalyze, loadStudentTable, startLocalCluster, stopLocalCluster } from '@jiance/engines';

const path = process.argv[2] ?? 'fixtures/large/province-1e5.csv';
const seconds = (t) => ((performance.now() - t) / 1000).toFixed(1);
const shardRss = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return NaN;
  }
};

/** Largest relative difference between two JSON trees (numbers), or the first structural difference. */
function largestDifference(a, b, where = '$', worst = { rel: 0, where: '' }) {
  if (typeof a === 'number' && typeof b === 'number') {
    const rel = Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
    if (rel > worst.rel) Object.assign(worst, { rel, where });
  } else if (a && b && typeof a === 'object') {
    const keys = Object.keys(a);
    if (Array.isArray(a) ? a.length !== b.length : keys.join() !== Object.keys(b).join()) throw new Error(`structure differs at ${where}`);
    for (const k of keys) largestDifference(a[k], b[k], `${where}.${k}`, worst);
  } else if (a !== b) throw new Error(`${where}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return worst;
}

const cluster = await startLocalCluster({ shards: 2, password: 'jiance-bench' });
try {
  const shards = [cluster.connection(0, 600_000), cluster.connection(1, 600_000)];
  let t = performance.now();
  const { text, encoding } = decodeText(readFileSync(path), path);
  const data = studentTable(parseCsv(text, path.split('/').pop(), encoding));
  const read = seconds(t);
  t = performance.now();
  const perShard = await loadStudentTable(shards, cluster.name, data);
  const load = seconds(t);
  t = performance.now();
  const expected = JSON.parse(JSON.stringify(analyzeStudents(data)));
  const inMemory = seconds(t);
  t = performance.now();
  const got = await clickhouseAnalyze(shards[0], 'students');
  const analysis = seconds(t);
  const worst = largestDifference(expected, JSON.parse(JSON.stringify(got.results)));
  console.log(
    JSON.stringify(
      {
        file: path,
        rows: data.quality.rowsKept,
        perShard,
        seconds: { readAndCheck: Number(read), load: Number(load), inMemoryAnalysis: Number(inMemory), clickhouseAnalysis: Number(analysis) },
        clickhouseSteps: Object.fromEntries(Object.entries(got.timings).map(([k, v]) => [k, Number((v / 1000).toFixed(2))])),
        queries: got.summaries.queries,
        requests: got.summaries.requests,
        peakRssMB: { client: Math.round(process.resourceUsage().maxRSS / 1024), shards: cluster.shards.map((s) => Math.round(shardRss(s.pid))) },
        largestRelativeDifference: worst,
      },
      null,
      1,
    ),
  );
} finally {
  await stopLocalCluster(cluster, { remove: true, graceMs: 0 });
}
