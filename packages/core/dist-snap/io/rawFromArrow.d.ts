import type { Table } from 'apache-arrow';
import type { RawTable } from './raw.js';
/**
 * A raw table from an Apache Arrow table (Arrow IPC files, or Parquet decoded to Arrow), so
 * typed inputs go through the same roles and validation as CSV. Nulls stay null (values are
 * read with `get`, never `toArray`, which turns nulls into 0); row numbers are 2, 3, … as if
 * the table were a sheet with a header row.
 *
 * @example
 * rawFromArrow(tableFromArrays({ 数学: Float64Array.of(500) }), 'a.arrow').headers; // => ['数学']
 */
export declare function rawFromArrow(table: Table, file: string, format?: RawTable['format']): RawTable;
//# sourceMappingURL=rawFromArrow.d.ts.map