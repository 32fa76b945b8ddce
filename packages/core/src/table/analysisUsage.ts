import { rules, type RuleId } from '../messages.js';
import type { ColumnMapping } from './resolveColumns.js';
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
 * `defined` (1 where a derived indicator has a value) makes that value decide instead.
 *
 * @example
 * const data = studentTable(parseCsv(readFileSync('fixtures/county.csv', 'utf8'), 'county.csv'));
 * analysisUsage(data, 'describe.math', ['math']).usage.rowsUsed; // => 3259
 */
export function analysisUsage(
  data: StudentData,
  analysis: string,
  fields: readonly string[],
  defined?: ArrayLike<number>,
): { usage: AnalysisUsage; used: Uint8Array } {
  const n = data.quality.rowsKept;
  const used = new Uint8Array(n).fill(1);
  // With `defined` (a derived indicator), a row with a value is used even if one input is
  // missing (e.g. one poor eye decides poor vision); a row without one is counted under the
  // first bad input, or as not applicable when every input was fine.
  const usedByValue = defined ? Uint8Array.from({ length: n }, (_, i) => (defined[i] ? 1 : 0)) : undefined;
  const excluded: AnalysisUsage['excluded'] = data.quality.excludedRows.map((e) =>
    e.field === undefined ? { rule: e.rule, count: e.count } : { rule: e.rule, field: e.field, count: e.count },
  );
  const tally = new Map<string, { rule: RuleId; field: string; count: number }>();
  for (const field of fields) {
    const status = data.status[field];
    if (!status) throw new RangeError(`analysis ${analysis} needs field "${field}", which the data does not have`);
    for (let i = 0; i < n; i++) {
      if (!used[i] || status[i] === 0 || usedByValue?.[i]) continue;
      used[i] = 0;
      const rule = ruleOfStatus(status[i]!)!;
      const key = `${rule}\u0000${field}`;
      const entry = tally.get(key) ?? { rule, field, count: 0 };
      entry.count++;
      tally.set(key, entry);
    }
  }
  if (usedByValue) {
    let notApplicable = 0;
    for (let i = 0; i < n; i++) {
      if (used[i] && !usedByValue[i]) {
        used[i] = 0;
        notApplicable++;
      }
    }
    if (notApplicable) tally.set('not_applicable', { rule: 'not_applicable', field: analysis, count: notApplicable });
  }
  excluded.push(...tally.values());
  excluded.splice(0, excluded.length, ...canonicalExclusions(excluded, data.mapping));
  let rowsUsed = 0;
  for (let i = 0; i < n; i++) rowsUsed += used[i]!;
  return { usage: { analysis, rowsRead: data.quality.rowsRead, rowsUsed, excluded }, used };
}

/**
 * Exclusions in a fixed order — row rules as applied, then value rules by column (in the
 * file's role order) and rule, then "not applicable" — so that usages merged from batches list
 * them as one pass over the whole file does.
 */
export function canonicalExclusions(list: AnalysisUsage['excluded'], mapping: ColumnMapping): AnalysisUsage['excluded'] {
  const rowRules: readonly RuleId[] = [
    'field_count',
    'missing_county',
    'missing_school',
    'invalid_year',
    'invalid_grade',
    'invalid_weight',
    'duplicate_student',
  ];
  const ruleIds = Object.keys(rules);
  const roles = Object.keys(mapping.roles);
  const rank = (x: AnalysisUsage['excluded'][number]): [number, number, number] =>
    rowRules.includes(x.rule)
      ? [0, rowRules.indexOf(x.rule), 0]
      : x.rule === 'not_applicable'
        ? [2, 0, 0]
        : [1, x.field === undefined ? -1 : roles.indexOf(x.field), ruleIds.indexOf(x.rule)];
  return [...list].sort((a, b) => {
    const [p, q] = [rank(a), rank(b)];
    return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
  });
}
