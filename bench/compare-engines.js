// Checks at scale that the DuckDB engine gives core's results: duckdbAnalyze against the streamed
// core analysis (analyzeBatches, itself tested equal to the in-memory one), numbers to 1e-9
// relative, everything else exactly; prints the first difference. Needs both in memory in turn.
//   node --max-old-space-size=16000 bench/compare-engines.js fixtures/large/province-1e6.csv
import { analyzeBatches } from '@jiance/core';
import { csvFileBatches } from './csvFileBatches.js';
import { duckdbAnalyze } from '@jiance/engines';
const file = process.argv[2];
function diff(a, b, path = '$') {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) || (Number.isNaN(a) && Number.isNaN(b)) ? undefined : `${path}: ${a} vs ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a),
      kb = Object.keys(b);
    if (ka.join() !== kb.join()) return `${path} keys`;
    for (const k of ka) {
      const d = diff(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return;
  }
  return a === b ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
const json = (x) => JSON.parse(JSON.stringify(x));
const d = json((await duckdbAnalyze(file)).results);
const s = json((await analyzeBatches(csvFileBatches(file))).results);
console.log('first difference:', diff(s, d) ?? 'none');
