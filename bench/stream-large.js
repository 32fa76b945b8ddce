// The streaming path on a very large CSV, with progress every 50 batches and a one-line summary
// (rows, counties, province means, wall and scan seconds, peak RSS). As run for the 1e8 figures:
//   node --max-old-space-size=20000 bench/stream-large.js fixtures/large/province-1e8-census.csv 100000
import { csvFileBatches } from './csvFileBatches.js';
import * as core from '@jiance/core';
const t0 = performance.now();
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const s = () => ((performance.now() - t0) / 1000).toFixed(0);
let k = 0,
  tScan = 0;
const r = await core.analyzeBatches(csvFileBatches(process.argv[2], Number(process.argv[3])), {
  onBatch: (rows) => {
    tScan = performance.now();
    if (++k % 50 === 0) console.log(`rows ${rows} rss ${mb()} MB heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB t ${s()} s`);
  },
});
const res = r.results;
const out = {
  seconds: Number(s()),
  scanSeconds: ((tScan - t0) / 1000).toFixed(0),
  maxRSSMB: (process.resourceUsage().maxRSS / 1024).toFixed(0),
  batches: r.batches,
  summaries: r.summaries,
  rowsRead: res.data.rowsRead,
  rowsKept: res.data.rowsKept,
  counties: new Set(res.betweenSchool[0].counties.map((c) => c.county)).size,
  provinceMath: res.countyComparison[0].cells.map((c) => [c.year, c.grade, c.provinceMean.mean, c.counties.length]).slice(0, 8),
  firstICC: res.betweenSchool[0].counties[0].reml,
};
console.log(JSON.stringify(out));
