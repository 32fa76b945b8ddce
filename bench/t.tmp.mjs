import { duckdbAnalyze } from '@jiance/engines';
const file = process.argv[2];
const t = [];
const s = performance.now();
const r = await duckdbAnalyze(file, { onTiming: (k, ms) => t.push(`${k} ${(ms/1000).toFixed(2)}`) });
console.log(((performance.now()-s)/1000).toFixed(2), 's', JSON.stringify(r.rows), JSON.stringify(r.summaries), Math.round(process.resourceUsage().maxRSS/1024), 'MB');
console.log(t.join(' | '));
