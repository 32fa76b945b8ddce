import type { Table } from 'apache-arrow';
import { readKeyCodes, readNumbers, type KeyCodes } from '../table/columns.js';
import { mergeMoments, type Moments } from './moments.js';

/** A group's key value (county name, year, grade…); null where the key column is absent. */
export type KeyLabel = string | number | null;

/**
 * Per-group weighted moments as columns (struct of arrays): the mergeable sufficient
 * statistics (分组充分统计量) every estimator in core starts from.
 */
export interface GroupedMoments {
  keys: string[];
  /** labels[k][g]: value of key k for group g */
  labels: KeyLabel[][];
  count: Float64Array;
  sumWeights: Float64Array;
  sumWeights2: Float64Array;
  mean: Float64Array;
  m2: Float64Array;
  /**
   * The first row of each group: its index in the scanned table (groupedMoments), or its file
   * row number once a summary source has translated it (merges keep the smallest).
   */
  firstRow?: Int32Array;
}

/** Options of {@link groupedMoments}. */
export interface GroupedMomentsOptions {
  /** Key columns, outermost first, e.g. ['county', 'year', 'grade', 'school']. Absent columns give null labels. */
  keys: readonly string[];
  /** The value column (e.g. 'math'); rows where it is null are skipped. */
  value: string;
  /** Values to use instead of the column (e.g. a derived 0/1 indicator; NaN = skip). */
  values?: Float64Array;
  /** Weight column (default 'weight'; all 1 when the column is absent); null for unweighted. */
  weight?: string | null;
}

/**
 * One scan of a table into per-group weighted moments, with typed arrays in the loop.
 * Groups come in order of first appearance. Rows with a null value or a null key are skipped
 * (validation has already counted them).
 *
 * @example
 * const table = tableFromArrays({ county: ['青山县', '青山县', '青山县'], school: ['一小', '一小', '二小'], math: Float64Array.of(480, 520, 500) });
 * groupedMoments(table, { keys: ['county', 'school'], value: 'math' }); // => { keys: ['county', 'school'], labels: [['青山县', '青山县'], ['一小', '二小']], count: Float64Array [2, 1], mean: Float64Array [500, 500], m2: Float64Array [800, 0], … }
 */
export function groupedMoments(table: Table, options: GroupedMomentsOptions): GroupedMoments {
  const x = options.values ?? readNumbers(table, options.value);
  const weightName = options.weight === undefined ? 'weight' : options.weight;
  const w = weightName !== null && table.getChild(weightName) ? readNumbers(table, weightName) : undefined;
  const n = x.length;
  const keyCodes: (KeyCodes | undefined)[] = options.keys.map((k) => (table.getChild(k) ? readKeyCodes(table, k) : undefined));

  // Mixed-radix composite key; a dense index when small, a Map otherwise.
  const radix = keyCodes.map((c) => (c ? c.labels.length : 1));
  const space = radix.reduce((a, b) => a * b, 1);
  const dense = space <= 1 << 22 ? new Int32Array(space).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();

  let capacity = 64;
  let size = 0;
  let count = new Float64Array(capacity);
  let sumW = new Float64Array(capacity);
  let sumW2 = new Float64Array(capacity);
  let mean = new Float64Array(capacity);
  let m2 = new Float64Array(capacity);
  let firstRow = new Int32Array(capacity);
  const grow = (): void => {
    capacity *= 2;
    const g = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    count = g(count);
    sumW = g(sumW);
    sumW2 = g(sumW2);
    mean = g(mean);
    m2 = g(m2);
    firstRow = g(firstRow);
  };

  const codeArrays = keyCodes.map((c) => c?.codes);
  rows: for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (Number.isNaN(xi)) continue;
    let key = 0;
    for (let k = 0; k < codeArrays.length; k++) {
      const codes = codeArrays[k];
      const c = codes ? codes[i]! : 0;
      if (c < 0) continue rows;
      key = key * radix[k]! + c;
    }
    let g = dense ? dense[key]! : (sparse!.get(key) ?? -1);
    if (g < 0) {
      if (size === capacity) grow();
      g = size++;
      if (dense) dense[key] = g;
      else sparse!.set(key, g);
      firstRow[g] = i;
    }
    const wi = w ? w[i]! : 1;
    count[g]!++;
    const W = (sumW[g] = sumW[g]! + wi);
    sumW2[g] = sumW2[g]! + wi * wi;
    const delta = xi - mean[g]!;
    mean[g] = mean[g]! + (wi / W) * delta;
    m2[g] = m2[g]! + wi * delta * (xi - mean[g]!);
  }

  const labels = keyCodes.map((c) => {
    const out: KeyLabel[] = new Array(size);
    for (let g = 0; g < size; g++) out[g] = c ? c.labels[c.codes[firstRow[g]!]!]! : null;
    return out;
  });
  return {
    keys: [...options.keys],
    labels,
    count: count.slice(0, size),
    sumWeights: sumW.slice(0, size),
    sumWeights2: sumW2.slice(0, size),
    mean: mean.slice(0, size),
    m2: m2.slice(0, size),
    firstRow: firstRow.slice(0, size),
  };
}

/** Number of groups. */
export function groupCount(g: GroupedMoments): number {
  return g.count.length;
}

/** The moments of group i. */
export function momentsAt(g: GroupedMoments, i: number): Moments {
  return { count: g.count[i]!, sumWeights: g.sumWeights[i]!, sumWeights2: g.sumWeights2[i]!, mean: g.mean[i]!, m2: g.m2[i]! };
}

/** The key labels of group i. */
export function labelsAt(g: GroupedMoments, i: number): KeyLabel[] {
  return g.labels.map((l) => l[i]!);
}

function build(keys: readonly string[], groups: { labels: KeyLabel[]; m: Moments }[]): GroupedMoments {
  return {
    keys: [...keys],
    labels: keys.map((_, k) => groups.map((e) => e.labels[k]!)),
    count: Float64Array.from(groups, (e) => e.m.count),
    sumWeights: Float64Array.from(groups, (e) => e.m.sumWeights),
    sumWeights2: Float64Array.from(groups, (e) => e.m.sumWeights2),
    mean: Float64Array.from(groups, (e) => e.m.mean),
    m2: Float64Array.from(groups, (e) => e.m.m2),
  };
}

/**
 * Collapses groups to a coarser key (e.g. schools → counties) by exact merging; keys must be
 * a subset of g.keys. Order: first appearance.
 *
 * @example
 * const bySchool = groupedMoments(tableFromArrays({ county: ['A', 'A', 'B'], school: ['a1', 'a2', 'b1'], math: Float64Array.of(480, 520, 500) }), { keys: ['county', 'school'], value: 'math' });
 * rollupMoments(bySchool, ['county']); // => { keys: ['county'], labels: [['A', 'B']], count: Float64Array [2, 1], mean: Float64Array [500, 500], … }
 */
export function rollupMoments(g: GroupedMoments, keys: readonly string[]): GroupedMoments {
  const positions = keys.map((k) => {
    const p = g.keys.indexOf(k);
    if (p < 0) throw new RangeError(`rollup key "${k}" is not a key of the summary (${g.keys.join(', ')})`);
    return p;
  });
  const index = new Map<string, number>();
  const groups: { labels: KeyLabel[]; m: Moments }[] = [];
  for (let i = 0; i < groupCount(g); i++) {
    const labels = positions.map((p) => g.labels[p]![i]!);
    const key = JSON.stringify(labels);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, groups.length);
      groups.push({ labels, m: momentsAt(g, i) });
    } else groups[at]!.m = mergeMoments(groups[at]!.m, momentsAt(g, i));
  }
  return build(keys, groups);
}

/**
 * Merges two summaries with the same keys (e.g. of two batches of rows): groups with equal
 * labels are merged exactly, the others appended. The result does not depend on how the rows
 * were split (up to floating-point rounding).
 *
 * @example
 * const summary = (school: string[], math: number[]) => groupedMoments(tableFromArrays({ school, math: Float64Array.from(math) }), { keys: ['school'], value: 'math' });
 * mergeGroupedMoments(summary(['a', 'b'], [480, 500]), summary(['a'], [520])); // => { labels: [['a', 'b']], count: Float64Array [2, 1], mean: Float64Array [500, 500], m2: Float64Array [800, 0], … }
 */
export function mergeGroupedMoments(a: GroupedMoments, b: GroupedMoments): GroupedMoments {
  if (a.keys.join('\u0000') !== b.keys.join('\u0000')) {
    throw new RangeError(`cannot merge summaries with keys (${a.keys.join(', ')}) and (${b.keys.join(', ')})`);
  }
  const index = new Map<string, number>();
  const groups: { labels: KeyLabel[]; m: Moments }[] = [];
  const withRows = a.firstRow !== undefined && b.firstRow !== undefined;
  const rows: number[] = [];
  for (const s of [a, b]) {
    for (let i = 0; i < groupCount(s); i++) {
      const labels = labelsAt(s, i);
      const key = JSON.stringify(labels);
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, groups.length);
        groups.push({ labels, m: momentsAt(s, i) });
        if (withRows) rows.push(s.firstRow![i]!);
      } else {
        groups[at]!.m = mergeMoments(groups[at]!.m, momentsAt(s, i));
        if (withRows) rows[at] = Math.min(rows[at]!, s.firstRow![i]!);
      }
    }
  }
  const merged = build(a.keys, groups);
  return withRows ? { ...merged, firstRow: Int32Array.from(rows) } : merged;
}
