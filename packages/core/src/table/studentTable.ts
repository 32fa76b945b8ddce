import { Dictionary, Float64, Int32, Int8, Table, Utf8, makeVector, vectorFromArray, type Vector } from 'apache-arrow';
import { JianceError } from '../errors.js';
import { missingRole, noUsableRows, rules, type RuleId } from '../messages.js';
import { StudentIdIndex } from './studentIdIndex.js';
import { closestHeader, roleSpec, type RoleSpec } from '../roles.js';
import type { RawCell, RawTable } from '../io/raw.js';
import { rawFromArrow } from '../io/rawFromArrow.js';
import { isArqueroTable, rawFromArquero, type ArqueroTable } from '../io/rawFromArquero.js';
import { QualityCollector, type RuleCount } from './qualityCollector.js';
import { resolveColumns, type ColumnMapping, type HeaderMap } from './resolveColumns.js';
import { cellText, parseRoleCell, valueStatus } from './parseCell.js';

export { valueStatus } from './parseCell.js';

/** Per-value status codes kept beside the table (0 = usable): the rule each stands for. */
const statusRule: readonly (RuleId | undefined)[] = [undefined, 'missing', 'not_numeric', 'out_of_range', 'unrecognised'];

/** The rule that a value status stands for. */
export function ruleOfStatus(status: number): RuleId | undefined {
  return statusRule[status];
}

/** Options of {@link studentTable}. */
export interface StudentTableOptions {
  /** header → role, from --map or a config file (role `ignore` drops a column). */
  map?: HeaderMap;
  /** Plausible ranges [min, max] overriding the defaults of roles.ts. */
  ranges?: Record<string, readonly [number, number]>;
  /** Roles that must be present (default county and school). */
  require?: readonly string[];
  /** What needs the required roles, for the message (default "every analysis"). */
  purpose?: string;
  /** Offending rows listed per rule (default 5). */
  maxExamples?: number;
  /** Students seen in earlier batches of the same file (duplicates are found across batches). */
  studentIds?: StudentIdIndex;
  /** A batch of a stream may have no usable row; the stream checks the total. */
  allowEmpty?: boolean;
  /** What messages call the data when it is given as an Arrow or arquero table (default 'arrow', 'arquero'). */
  file?: string;
}

/** What {@link studentTable} reads: a raw table (parsed CSV, Excel, records), an Arrow table or an arquero table. */
export type StudentInput = RawTable | Table | ArqueroTable;

/**
 * The raw table of any {@link StudentInput}: Arrow through {@link rawFromArrow}, arquero through
 * {@link rawFromArquero} (its Arrow encoding), so all go through the same validation.
 *
 * @example
 * rawTableOf(aq.table({ 区县: ['青山县'] })).format; // => 'arquero'
 */
export function rawTableOf(input: StudentInput, file?: string): RawTable {
  if (isArqueroTable(input)) return rawFromArquero(input, file);
  // Duck-typed: an Arrow table from another copy of apache-arrow (a notebook's bundle) is not `instanceof Table`.
  if (typeof (input as Table).getChildAt === 'function' && (input as Table).schema !== undefined) return rawFromArrow(input as Table, file ?? 'arrow');
  return input as RawTable;
}

/** What validation found, for results.json and the report. Counts are exact. */
export interface DataQuality {
  /** Student rows read (blank lines not counted). */
  rowsRead: number;
  blankRows: number;
  /** Rows excluded from every analysis, and why (one rule per row, the first that applies). */
  rowsExcluded: number;
  excludedRows: RuleCount[];
  rowsKept: number;
  /** Values that could not be used (not a number, out of range, unrecognised): set to missing. */
  invalidValues: RuleCount[];
  /** Blank cells per role among kept rows (not an error: not measured). */
  blankValues: Record<string, number>;
  /** False when the file has no weight column (every weight is then 1). */
  weighted: boolean;
}

/** A validated student table: the Arrow table in canonical roles plus what validation found. */
export interface StudentData {
  /** Canonical columns (roles); student ids are never carried into it. */
  table: Table;
  mapping: ColumnMapping;
  quality: DataQuality;
  /** Per role, the status of each kept row's value ({@link valueStatus}). */
  status: Record<string, Uint8Array>;
  /** Spreadsheet row number of each kept row, for later listings (e.g. single-student schools). */
  rowNumbers: Int32Array;
  /** Achievement roles present (math, chinese, math_pv1, …), in file order. */
  subjects: string[];
}

type Parsed = { values: (string | number | null)[]; status: Uint8Array; raw: RawCell[] };

/**
 * Builds the validated student table (学生数据表) from a raw table: assigns roles, reads
 * every cell by its role's rules, excludes rows that no analysis can use and counts every
 * exclusion; a value that cannot be used becomes missing and is counted, the row stays.
 *
 * Row rules, first match wins: surplus fields, blank county, blank school, invalid year,
 * invalid grade, invalid weight, duplicate (year, student id) — the first row is kept.
 * Structural problems (a required role absent, all rows excluded) throw a JianceError.
 * The input may be a raw table (parseCsv, rawFromRecords, the CLI's Excel reader), an Arrow
 * table or an arquero table ({@link rawTableOf}): the same rows give the same table and counts.
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: '512' }]));
 * data.table.getChild('math')?.get(0); // => 512
 * studentTable(aq.table({ 区县: ['青山县', '青山县'], 学校: ['一小', '二小'], 数学: [512, '缺考'] })).quality.invalidValues; // => [{ rule: 'not_numeric', field: 'math', count: 1, … }]
 */
export function studentTable(input: StudentInput, options: StudentTableOptions = {}): StudentData {
  const raw = rawTableOf(input, options.file);
  const mapping = resolveColumns(raw, options.map);
  const required = options.require ?? ['county', 'school'];
  for (const role of required) {
    if (mapping.roles[role] === undefined) {
      const s = roleSpec(role)!;
      const free = mapping.columns.filter((c) => c.status === 'ignored').map((c) => c.header);
      throw new JianceError(
        missingRole(raw.file, role, s.zh, options.purpose ?? 'every analysis', [...s.aliases, ...(s.secondary ?? [])], closestHeader(role, free)),
      );
    }
  }
  const n = raw.rowNumbers.length;
  const parsed = new Map<string, Parsed>();
  for (const [role, index] of Object.entries(mapping.roles)) {
    const s = roleSpec(role)!;
    const range = options.ranges?.[role] ?? s.range;
    parsed.set(role, parseColumn(raw.columns[index]!, s, range));
  }

  // Row-level exclusions.
  const excluded = new QualityCollector(options.maxExamples);
  const keep = new Uint8Array(n).fill(1);
  const rowNumber = (i: number): number => raw.rowNumbers[i]!;
  for (const r of raw.rejected) {
    keep[r.index] = 0;
    excluded.add(r.rule, undefined, rowNumber(r.index), r.value);
  }
  const rowRule = (role: string, rule: RuleId, bad: (status: number) => boolean): void => {
    const p = parsed.get(role);
    if (!p) return;
    for (let i = 0; i < n; i++) {
      if (keep[i] && bad(p.status[i]!)) {
        keep[i] = 0;
        excluded.add(rule, role, rowNumber(i), cellText(p.raw[i]));
      }
    }
  };
  rowRule('county', 'missing_county', (s) => s !== 0);
  rowRule('school', 'missing_school', (s) => s !== 0);
  rowRule('year', 'invalid_year', (s) => s !== 0);
  rowRule('grade', 'invalid_grade', (s) => s !== 0);
  rowRule('weight', 'invalid_weight', (s) => s !== 0);
  const student = parsed.get('student');
  if (student) {
    const year = parsed.get('year');
    const ids = options.studentIds ?? new StudentIdIndex(n);
    for (let i = 0; i < n; i++) {
      if (!keep[i] || student.values[i] === null) continue;
      const seen = ids.firstRow(`${year ? year.values[i] : ''}\u0000${student.values[i]}`, rowNumber(i));
      if (seen >= 0) {
        keep[i] = 0;
        excluded.add('duplicate_student', 'student', rowNumber(i), `= row ${seen}`);
      }
    }
  }

  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i]!;
  if (kept === 0 && !options.allowEmpty) throw new JianceError(noUsableRows(raw.file, n));

  // Value-level findings among kept rows, and the Arrow columns.
  const invalid = new QualityCollector(options.maxExamples);
  const blankValues: Record<string, number> = {};
  const vectors: Record<string, Vector> = {};
  const status: Record<string, Uint8Array> = {};
  const keptRows = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) keptRows[k++] = i;
  for (const [role, p] of parsed) {
    const s = roleSpec(role)!;
    if (s.kind === 'id') {
      // Student ids never leave validation; an unusable one (digits lost in a number) is counted by its row, without the id.
      for (let k = 0; k < kept; k++) {
        const i = keptRows[k]!;
        const st = p.status[i]!;
        if (st !== valueStatus.ok && st !== valueStatus.missing) invalid.add(ruleOfStatus(st)!, role, rowNumber(i), '≥ 2^53');
      }
      continue;
    }
    const st = new Uint8Array(kept);
    const values: (string | number | null)[] = new Array(kept);
    let blanks = 0;
    for (let k = 0; k < kept; k++) {
      const i = keptRows[k]!;
      st[k] = p.status[i]!;
      values[k] = p.values[i]!;
      if (st[k] === valueStatus.missing) blanks++;
      else if (st[k] !== valueStatus.ok) invalid.add(ruleOfStatus(st[k]!)!, role, rowNumber(i), cellText(p.raw[i]));
    }
    if (blanks > 0) blankValues[role] = blanks;
    status[role] = st;
    vectors[role] = toVector(s, values);
  }
  const weighted = parsed.has('weight');
  if (!weighted) {
    vectors.weight = makeVector(new Float64Array(kept).fill(1));
    status.weight = new Uint8Array(kept);
  }

  const subjects = mapping.columns.filter((c) => c.status === 'used' && roleSpec(c.role!)?.subject).map((c) => c.role!);
  return {
    table: new Table(vectors),
    mapping,
    quality: {
      rowsRead: n,
      blankRows: raw.blankRows,
      rowsExcluded: n - kept,
      excludedRows: canonicalOrder(excluded.list(), mapping),
      rowsKept: kept,
      invalidValues: canonicalOrder(invalid.list(), mapping),
      blankValues,
      weighted,
    },
    status,
    rowNumbers: Int32Array.from(keptRows, (i) => rowNumber(i)),
    subjects,
  };
}

/** The order in which the row rules are applied (and listed). */
const rowRuleOrder: readonly RuleId[] = [
  'field_count',
  'missing_county',
  'missing_school',
  'invalid_year',
  'invalid_grade',
  'invalid_weight',
  'duplicate_student',
];

/**
 * Findings in a fixed order — row rules in the order they are applied; value findings by
 * column, then by rule — so that a file read in one piece or in batches lists them identically.
 */
export function canonicalOrder(list: RuleCount[], mapping: ColumnMapping): RuleCount[] {
  const ruleIds = [...rowRuleOrder, ...Object.keys(rules).filter((r) => !rowRuleOrder.includes(r as RuleId))];
  const roles = Object.keys(mapping.roles);
  const isRowRule = (r: RuleCount): boolean => rowRuleOrder.includes(r.rule);
  const fieldRank = (r: RuleCount): number => (isRowRule(r) || r.field === undefined ? -1 : roles.indexOf(r.field));
  return [...list].sort((a, b) => fieldRank(a) - fieldRank(b) || ruleIds.indexOf(a.rule) - ruleIds.indexOf(b.rule));
}

/**
 * Merges the data quality of two batches of one file (rows after the first batch's): counts
 * added, examples kept in row order up to `maxExamples`, findings in canonical order.
 *
 * @example
 * const first = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: '512' }, { 区县: '青山县', 学校: '一小', 数学: 'abc' }]));
 * const second = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '二小', 数学: 'x' }]));
 * const quality = mergeDataQuality(first.quality, second.quality, first.mapping);
 * [quality.rowsRead, quality.invalidValues.map((r) => [r.field, r.rule, r.count])]; // => [3, [['math', 'not_numeric', 2]]]
 */
export function mergeDataQuality(a: DataQuality, b: DataQuality, mapping: ColumnMapping, maxExamples = 5): DataQuality {
  const mergeCounts = (x: RuleCount[], y: RuleCount[]): RuleCount[] => {
    const out = x.map((r) => ({ ...r, examples: [...r.examples] }));
    for (const r of y) {
      const same = out.find((o) => o.rule === r.rule && o.field === r.field);
      if (!same) out.push({ ...r, examples: [...r.examples] });
      else {
        same.count += r.count;
        same.examples = [...same.examples, ...r.examples].slice(0, maxExamples);
      }
    }
    return canonicalOrder(out, mapping);
  };
  const blankValues: Record<string, number> = {};
  for (const role of Object.keys(mapping.roles)) {
    const n = (a.blankValues[role] ?? 0) + (b.blankValues[role] ?? 0);
    if (n) blankValues[role] = n;
  }
  return {
    rowsRead: a.rowsRead + b.rowsRead,
    blankRows: a.blankRows + b.blankRows,
    rowsExcluded: a.rowsExcluded + b.rowsExcluded,
    excludedRows: mergeCounts(a.excludedRows, b.excludedRows),
    rowsKept: a.rowsKept + b.rowsKept,
    invalidValues: mergeCounts(a.invalidValues, b.invalidValues),
    blankValues,
    weighted: a.weighted,
  };
}

function parseColumn(cells: RawCell[], s: RoleSpec, range: readonly [number, number] | undefined): Parsed {
  const n = cells.length;
  const values: (string | number | null)[] = new Array(n);
  const status = new Uint8Array(n);
  const options = { units: s.units, range };
  for (let i = 0; i < n; i++) {
    const parsed = parseRoleCell(s.kind, cells[i], options);
    values[i] = parsed.value;
    status[i] = parsed.status;
  }
  return { values, status, raw: cells };
}

function toVector(s: RoleSpec, values: (string | number | null)[]): Vector {
  switch (s.kind) {
    case 'text':
    case 'sex':
    case 'locale':
      return vectorFromArray(values as (string | null)[], new Dictionary(new Utf8(), new Int32()));
    case 'year':
    case 'grade':
      return vectorFromArray(values as (number | null)[], new Int32());
    case 'flag':
      return vectorFromArray(values as (number | null)[], new Int8());
    default:
      return vectorFromArray(values as (number | null)[], new Float64());
  }
}
