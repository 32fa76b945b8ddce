import { Table } from 'apache-arrow';
import { type RuleId } from '../messages.js';
import { StudentIdIndex } from './studentIdIndex.js';
import type { RawTable } from '../io/raw.js';
import { type RuleCount } from './qualityCollector.js';
import { type ColumnMapping, type HeaderMap } from './resolveColumns.js';
/** Per-value status codes kept beside the table (0 = usable). */
export declare const valueStatus: {
    readonly ok: 0;
    readonly missing: 1;
    readonly not_numeric: 2;
    readonly out_of_range: 3;
    readonly unrecognised: 4;
};
/** The rule that a value status stands for. */
export declare function ruleOfStatus(status: number): RuleId | undefined;
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
/**
 * Builds the validated student table (学生数据表) from a raw table: assigns roles, reads
 * every cell by its role's rules, excludes rows that no analysis can use and counts every
 * exclusion; a value that cannot be used becomes missing and is counted, the row stays.
 *
 * Row rules, first match wins: surplus fields, blank county, blank school, invalid year,
 * invalid grade, invalid weight, duplicate (year, student id) — the first row is kept.
 * Structural problems (a required role absent, all rows excluded) throw a JianceError.
 *
 * @example
 * const data = studentTable(rawFromRecords([{ 区县: '青山县', 学校: '一小', 数学: '512' }]));
 * data.table.getChild('math')?.get(0); // => 512
 */
export declare function studentTable(raw: RawTable, options?: StudentTableOptions): StudentData;
/**
 * Findings in a fixed order — row rules in the order they are applied; value findings by
 * column, then by rule — so that a file read in one piece or in batches lists them identically.
 */
export declare function canonicalOrder(list: RuleCount[], mapping: ColumnMapping): RuleCount[];
/**
 * Merges the data quality of two batches of one file (rows after the first batch's): counts
 * added, examples kept in row order up to `maxExamples`, findings in canonical order.
 *
 * @example
 * mergeDataQuality(first.quality, second.quality, first.mapping);
 */
export declare function mergeDataQuality(a: DataQuality, b: DataQuality, mapping: ColumnMapping, maxExamples?: number): DataQuality;
//# sourceMappingURL=studentTable.d.ts.map