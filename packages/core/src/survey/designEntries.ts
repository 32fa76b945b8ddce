import type { KeyLabel } from '../summary/groupedMoments.js';
import { readCodes, readKeyCodes, readNumbers, type KeyCodes } from '../table/columns.js';
import { withRoom } from '../summary/withRoom.js';
import type { RuleId } from '../messages.js';
import { canonicalExclusions, type AnalysisUsage } from '../table/analysisUsage.js';
import { ruleOfStatus, type StudentData } from '../table/studentTable.js';
import type { ReplicateMethod } from './replicateVariance.js';
import type { SurveyDesign } from './designTypes.js';

/**
 * Weighted totals of groups of students inside PSUs (schools), under the full weight and every
 * replicate weight, for every plausible value: the sufficient statistics of every design-based
 * ratio estimator (均值、比例及其差), one entry per combination of the keys. Entries are
 * mergeable by addition. Stored by column (struct of arrays): a national file has millions of
 * entries, and an object per entry made them the largest item of memory and of garbage
 * collection, and slow to pass between threads.
 */
export interface DesignEntries {
  keys: string[];
  /** Number of entries. */
  size: number;
  /** labels[k][e]: label of key k for entry e (e.g. year, grade, county, school, sex). */
  labels: KeyLabel[][];
  /** The PSU of each entry as an id (entries with the same labels up to the school share it). */
  psu: Int32Array;
  /** The stratum of each entry (its first row's). */
  strata: KeyLabel[];
  count: Float64Array;
  /** Σw of entry e under the full weight (r = 0) and replicate r, at e·(R + 1) + r. */
  sumWeights: Float64Array;
  /** Σw·y of entry e, plausible value m, under weight r, at e·M(R + 1) + m(R + 1) + r. */
  sumWY: Float64Array;
  /** Σw·y² of entry e, plausible value m, under the full weight, at e·M + m (for SDs). */
  sumWYY: Float64Array;
  /** Number of plausible values M (1 for a plain column or an indicator). */
  plausibleValues: number;
  /** Number of replicate weights R (0 without replicates). */
  replicates: number;
  /** How the replicate estimates give a variance (null without replicates). */
  method: ReplicateMethod | null;
}

/**
 * Design entries from their columns: PSU ids numbered from the labels up to the school, in
 * order of first appearance (for producers that have labels, not ids: merges, SQL answers).
 *
 * @example
 * designEntriesOf({ keys: ['county', 'school'], labels: [['a', 'a'], ['s1', 's2']], strata: ['a', 'a'], count: Float64Array.of(3, 4), sumWeights: Float64Array.of(3, 4), sumWY: Float64Array.of(6, 8), sumWYY: Float64Array.of(12, 16), plausibleValues: 1, replicates: 0, method: null }).psu.length; // => 2
 */
export function designEntriesOf(columns: Omit<DesignEntries, 'psu' | 'size'>): DesignEntries {
  const size = columns.count.length;
  const school = columns.keys.indexOf('school');
  if (school < 0) throw new RangeError('designEntriesOf needs the school (PSU) among its keys');
  const depth = school + 1;
  const psu = new Int32Array(size);
  const root = new Map<KeyLabel, unknown>();
  let next = 0;
  for (let e = 0; e < size; e++) {
    let level = root;
    for (let k = 0; k < depth - 1; k++) {
      const l = columns.labels[k]![e]!;
      let m = level.get(l) as Map<KeyLabel, unknown> | undefined;
      if (!m) level.set(l, (m = new Map()));
      level = m;
    }
    const l = columns.labels[depth - 1]![e]!;
    let id = level.get(l) as number | undefined;
    if (id === undefined) level.set(l, (id = next++));
    psu[e] = id;
  }
  return { ...columns, size, psu };
}

/**
 * One scan of the student table into {@link DesignEntries} totals per combination of `keys`
 * (which must include 'school', the PSU). `values` holds the measure, one array per plausible
 * value (NaN = no value). A row is used only when every key, every plausible value and every
 * replicate weight is present, so that all M × (R + 1) estimates rest on the same students —
 * the rows left out are counted by the caller's analysisUsage over the same fields. Entries
 * are in order of first appearance.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/design/pv-jk2.csv', 'utf8'), 'pv-jk2.csv'));
 * const design = surveyDesign(tableSource(data), { replicates: { kind: 'JK2' } });
 * const entries = designEntries(data, design, ['county', 'school'], [readNumbers(data.table, 'math_pv1')]);
 * [entries.size, entries.replicates]; // => [20, 10] (20 schools, 10 replicate weights)
 */
export function designEntries(data: StudentData, design: SurveyDesign, keys: readonly string[], values: readonly Float64Array[]): DesignEntries {
  const table = data.table;
  const schoolAt = keys.indexOf('school');
  if (schoolAt < 0) throw new RangeError('designEntries needs the school (PSU) among its keys');
  const M = values.length;
  const w = design.weight ? readNumbers(table, design.weight) : undefined;
  const reps = design.replicates ? design.replicates.columns.map((c) => readNumbers(table, c)) : [];
  const R = reps.length;
  const keyCodes: (KeyCodes | undefined)[] = keys.map((k) => (table.getChild(k) ? readKeyCodes(table, k) : undefined));
  const strataCodes = design.strata ? readCodes(table, design.strata) : undefined;
  const radix = keyCodes.map((c) => (c ? c.labels.length : 1));
  const index = new Map<number, number>();
  const psuIndex = new Map<number, number>();
  const labels: KeyLabel[][] = keys.map(() => []);
  const strata: KeyLabel[] = [];
  const psus: number[] = [];
  let count: Float64Array = new Float64Array(64);
  let sumWeights: Float64Array = new Float64Array(64 * (R + 1));
  let sumWY: Float64Array = new Float64Array(64 * M * (R + 1));
  let sumWYY: Float64Array = new Float64Array(64 * M);
  let size = 0;
  const n = table.numRows;
  rows: for (let i = 0; i < n; i++) {
    for (let m = 0; m < M; m++) if (Number.isNaN(values[m]![i]!)) continue rows;
    for (let r = 0; r < R; r++) if (Number.isNaN(reps[r]![i]!)) continue rows;
    let key = 0;
    let psuKey = 0;
    for (let k = 0; k < keyCodes.length; k++) {
      const c = keyCodes[k] ? keyCodes[k]!.codes[i]! : 0;
      if (c < 0) continue rows;
      key = key * radix[k]! + c;
      if (k === schoolAt) psuKey = key;
    }
    let e = index.get(key);
    if (e === undefined) {
      e = size++;
      index.set(key, e);
      count = withRoom(count, size - 1);
      sumWeights = withRoom(sumWeights, size * (R + 1) - 1);
      sumWY = withRoom(sumWY, size * M * (R + 1) - 1);
      sumWYY = withRoom(sumWYY, size * M - 1);
      keyCodes.forEach((c, k) => labels[k]!.push(c ? c.labels[c.codes[i]!]! : null));
      const stratumCode = strataCodes ? strataCodes.codes[i]! : -1;
      strata.push(stratumCode >= 0 ? strataCodes!.labels[stratumCode]! : null);
      let p = psuIndex.get(psuKey);
      if (p === undefined) psuIndex.set(psuKey, (p = psuIndex.size));
      psus.push(p);
    }
    count[e]!++;
    const w0 = w ? w[i]! : 1;
    const wAt = e * (R + 1);
    sumWeights[wAt]! += w0;
    for (let r = 1; r <= R; r++) sumWeights[wAt + r]! += reps[r - 1]![i]!;
    for (let m = 0; m < M; m++) {
      const y = values[m]![i]!;
      const base = (e * M + m) * (R + 1);
      sumWY[base]! += w0 * y;
      sumWYY[e * M + m]! += w0 * y * y;
      for (let r = 1; r <= R; r++) sumWY[base + r]! += reps[r - 1]![i]! * y;
    }
  }
  return {
    keys: [...keys],
    size,
    labels,
    psu: Int32Array.from(psus),
    strata,
    count: count.slice(0, size),
    sumWeights: sumWeights.slice(0, size * (R + 1)),
    sumWY: sumWY.slice(0, size * M * (R + 1)),
    sumWYY: sumWYY.slice(0, size * M),
    plausibleValues: M,
    replicates: R,
    method: design.replicates?.method ?? null,
  };
}

/**
 * Adds the rows a replicate-weight design cannot use to an analysis's usage: a used row whose
 * replicate weight is blank or invalid is excluded (counted under that column), because every
 * replicate estimate must rest on the same students. Without replicate columns the usage is
 * returned unchanged.
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: 512, rep_w1: 2, rep_w2: 0 }, { 区县: '青山县', 学校: '一小', 数学: 480, rep_w1: '', rep_w2: 2 }]));
 * withReplicateUsage(analysisUsage(data, 'math', ['math']), data, ['rep_w1', 'rep_w2']).usage; // => { analysis: 'math', rowsRead: 2, rowsUsed: 1, excluded: [{ rule: 'missing', field: 'rep_w1', count: 1 }] }
 */
export function withReplicateUsage(
  base: { usage: AnalysisUsage; used: Uint8Array },
  data: StudentData,
  replicates: readonly string[],
): { usage: AnalysisUsage; used: Uint8Array } {
  if (!replicates.length) return base;
  const used = base.used.slice();
  const tally = new Map<string, { rule: RuleId; field: string; count: number }>();
  for (const column of replicates) {
    const status = data.status[column];
    if (!status) continue;
    for (let i = 0; i < used.length; i++) {
      if (!used[i] || status[i] === 0) continue;
      used[i] = 0;
      const rule = ruleOfStatus(status[i]!)!;
      const entry = tally.get(`${rule}\u0000${column}`) ?? { rule, field: column, count: 0 };
      entry.count++;
      tally.set(`${rule}\u0000${column}`, entry);
    }
  }
  let rowsUsed = 0;
  for (let i = 0; i < used.length; i++) rowsUsed += used[i]!;
  return { usage: { ...base.usage, rowsUsed, excluded: canonicalExclusions([...base.usage.excluded, ...tally.values()], data.mapping) }, used };
}
