import type { RuleId } from '../messages.js';
import { ruleOfStatus, type StudentData } from './studentTable.js';

/** How many rows an analysis used and why each other row was left out. */
export interface AnalysisUsage {
  analysis: string;
  rowsRead: number;
  rowsUsed: number;
  /** rowsRead = rowsUsed + Σ count: every row is accounted for, once. */
  excluded: { rule: RuleId; field?: string; count: number }[];
}

/**
 * The rows an analysis can use: kept by validation and with a usable value in every field it
 * needs. Each left-out row is counted once, under the first reason that applies (row rules of
 * validation first, then the fields in the order given). Returns the mask of used rows too.
 *
 * @example
 * analysisUsage(data, 'describe.math', ['math']).usage.rowsUsed; // => 2987
 */
export function analysisUsage(
  data: StudentData,
  analysis: string,
  fields: readonly string[],
): { usage: AnalysisUsage; used: Uint8Array } {
  const n = data.quality.rowsKept;
  const used = new Uint8Array(n).fill(1);
  const excluded: AnalysisUsage['excluded'] = data.quality.excludedRows.map((e) =>
    e.field === undefined ? { rule: e.rule, count: e.count } : { rule: e.rule, field: e.field, count: e.count },
  );
  const tally = new Map<string, { rule: RuleId; field: string; count: number }>();
  for (const field of fields) {
    const status = data.status[field];
    if (!status) throw new RangeError(`analysis ${analysis} needs field "${field}", which the data does not have`);
    for (let i = 0; i < n; i++) {
      if (!used[i] || status[i] === 0) continue;
      used[i] = 0;
      const rule = ruleOfStatus(status[i]!)!;
      const key = `${rule}\u0000${field}`;
      const entry = tally.get(key) ?? { rule, field, count: 0 };
      entry.count++;
      tally.set(key, entry);
    }
  }
  excluded.push(...tally.values());
  let rowsUsed = 0;
  for (let i = 0; i < n; i++) rowsUsed += used[i]!;
  return { usage: { analysis, rowsRead: data.quality.rowsRead, rowsUsed, excluded }, used };
}
