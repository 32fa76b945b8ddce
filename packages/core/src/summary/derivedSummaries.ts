import { designEntriesOf, type DesignEntries } from '../survey/designEntries.js';
import type { GroupedMoments, KeyLabel } from './groupedMoments.js';
import { groupCells } from './groupCells.js';
import { mergeMeanM2 } from './moments.js';
import type { EntriesRequest, MomentsRequest, SummaryRequest } from './summarySource.js';

/**
 * Keys a kept row always has (validation excludes rows with a blank or invalid one), so a
 * summary over more of them can be rolled up over them without losing rows. (Not the
 * province: a row with a blank 省份 is kept, with a null label a roll-up would lose.)
 */
const alwaysPresent = new Set(['year', 'grade', 'county', 'school']);

/**
 * Which of an analysis's summary requests can be answered from another's (派生汇总), so that a
 * stream keeps one summary where the analyses ask for several: per-group moments of the same
 * measure over the same keys in another order, or over fewer keys (rolled up by Chan's merge),
 * and the design totals of a single measure without replicate weights (Σw, Σwy and Σwy² are
 * the weighted moments' Σw, x̄·Σw and m2 + Σw·x̄²). Returns request key → key of the request it
 * is derived from; requests not in the map are summarised themselves.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * const recorder = recordingSource(tableSource(data).info);
 * analyzeStudents(recorder.source);
 * [recorder.requests.size, deriveFrom(recorder.requests).size]; // => [86, 25]
 */
export function deriveFrom(requests: ReadonlyMap<string, SummaryRequest>): Map<string, string> {
  const moments = [...requests.values()].filter((r): r is MomentsRequest => r.kind === 'moments');
  const same = (a: MomentsRequest, measure: unknown, weighted: boolean): boolean =>
    JSON.stringify(a.measure) === JSON.stringify(measure) && a.weighted === weighted;
  /** The moments request with the most keys that covers `keys` (dropping only always-present ones). */
  const baseOf = (keys: readonly string[], measure: unknown, weighted: boolean, exactKeys: boolean): MomentsRequest | undefined => {
    let best: MomentsRequest | undefined;
    for (const m of moments) {
      if (!same(m, measure, weighted)) continue;
      if (!keys.every((k) => m.keys.includes(k))) continue;
      if (exactKeys ? m.keys.length !== keys.length : !m.keys.every((k) => keys.includes(k) || alwaysPresent.has(k))) continue;
      if (!best || m.keys.length > best.keys.length) best = m;
    }
    return best;
  };
  const keyOf = new Map<SummaryRequest, string>();
  for (const [key, r] of requests) keyOf.set(r, key);
  const out = new Map<string, string>();
  for (const [key, r] of requests) {
    if (r.kind === 'moments') {
      const base = baseOf(r.keys, r.measure, r.weighted, false);
      if (base && base !== r) out.set(key, keyOf.get(base)!);
    } else if (r.kind === 'entries') {
      const { design } = r;
      if (r.measures.length !== 1 || design.replicates || !r.keys.includes('school')) continue;
      // The stratum of an entry is its first row's: derivable when it is one of the keys.
      if (design.strata !== null && !r.keys.includes(design.strata)) continue;
      const base = baseOf(r.keys, r.measures[0], true, true);
      if (base) out.set(key, keyOf.get(base)!);
    }
  }
  // A base must be summarised itself, not derived in turn.
  for (const [key, base] of out) if (out.has(base)) out.delete(key);
  return out;
}

/**
 * The answer to `request` from the summary of the request it derives from ({@link deriveFrom}):
 * moments with the keys reordered (the columns shared, not copied) or rolled up (groups merged
 * in order of first row, keeping each first group's place), or design totals from weighted
 * moments.
 *
 * @example
 * const table = tableFromArrays({ year: Int32Array.of(2024, 2024, 2024), county: ['青山县', '青山县', '河东区'], school: ['s1', 's2', 's3'], math: Float64Array.of(480, 520, 500) });
 * const schoolMoments = groupedMoments(table, { keys: ['year', 'county', 'school'], value: 'math' });
 * const counties = deriveSummary({ kind: 'moments', keys: ['county', 'year'], measure: { column: 'math' }, weighted: true }, schoolMoments) as GroupedMoments;
 * [counties.keys, counties.labels, counties.mean]; // => [['county', 'year'], [['青山县', '河东区'], [2024, 2024]], Float64Array [500, 500]]
 */
export function deriveSummary(request: MomentsRequest | EntriesRequest, base: GroupedMoments): GroupedMoments | DesignEntries {
  const at = request.keys.map((k) => base.keys.indexOf(k));
  if (at.some((i) => i < 0)) throw new RangeError(`deriveSummary: keys ${request.keys.join(', ')} are not among ${base.keys.join(', ')}`);
  if (request.kind === 'entries') return entriesOf(request, base, at);
  if (at.length === base.keys.length) return { ...base, keys: [...request.keys], labels: at.map((i) => base.labels[i]!) };
  return rollUp(base, request.keys, at);
}

function rollUp(base: GroupedMoments, keys: readonly string[], at: readonly number[]): GroupedMoments {
  const cells = groupCells(base.count.length, at.length, (k, g) => base.labels[at[k]!]![g]!);
  const n = cells.length;
  const out: GroupedMoments = {
    keys: [...keys],
    labels: keys.map(() => new Array<KeyLabel>(n)),
    count: new Float64Array(n),
    sumWeights: new Float64Array(n),
    sumWeights2: new Float64Array(n),
    mean: new Float64Array(n),
    m2: new Float64Array(n),
    firstRow: new Int32Array(n),
  };
  cells.forEach((cell, c) => {
    cell.labels.forEach((l, k) => (out.labels[k]![c] = l));
    let count = 0;
    let w = 0;
    let w2 = 0;
    let mean = 0;
    let m2 = 0;
    let first = Infinity;
    for (const g of cell.rows) {
      const wb = base.sumWeights[g]!;
      first = Math.min(first, base.firstRow ? base.firstRow[g]! : 0);
      count += base.count[g]!;
      w2 += base.sumWeights2[g]!;
      if (wb === 0) continue;
      if (w === 0) {
        w = wb;
        mean = base.mean[g]!;
        m2 = base.m2[g]!;
        continue;
      }
      mergeMeanM2(w, mean, m2, wb, base.mean[g]!, base.m2[g]!, step);
      mean = step[0]!;
      m2 = step[1]!;
      w += wb;
    }
    out.count[c] = count;
    out.sumWeights[c] = w;
    out.sumWeights2[c] = w2;
    out.mean[c] = mean;
    out.m2[c] = m2;
    out.firstRow![c] = first;
  });
  return out;
}

function entriesOf(request: EntriesRequest, base: GroupedMoments, at: readonly number[]): DesignEntries {
  const { design, keys } = request;
  const stratumAt = design.strata === null ? -1 : keys.indexOf(design.strata);
  const n = base.count.length;
  const labels = at.map((i) => base.labels[i]!);
  const sumWY = new Float64Array(n);
  const sumWYY = new Float64Array(n);
  for (let g = 0; g < n; g++) {
    const W = base.sumWeights[g]!;
    const mean = base.mean[g]!;
    sumWY[g] = mean * W;
    sumWYY[g] = base.m2[g]! + W * mean * mean;
  }
  return designEntriesOf({
    keys: [...keys],
    labels,
    strata: stratumAt < 0 ? new Array<KeyLabel>(n).fill(null) : labels[stratumAt]!,
    count: base.count,
    sumWeights: base.sumWeights,
    sumWY,
    sumWYY,
    plausibleValues: 1,
    replicates: 0,
    method: null,
  });
}

/** Scratch of mergeMeanM2 (mean, m2). */
const step = new Float64Array(2);
