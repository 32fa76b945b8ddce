import { DataType, type Table } from 'apache-arrow';
import type { RawCell, RawTable } from './raw.js';

/**
 * A raw table from an Apache Arrow table (Arrow IPC files, or Parquet decoded to Arrow), so
 * typed inputs go through the same roles and validation as CSV. Nulls stay null (values are
 * read with `get`, never `toArray`, which turns nulls into 0); dates and timestamps become Dates;
 * row numbers are 2, 3, … as if the table were a sheet with a header row.
 *
 * @example
 * rawFromArrow(tableFromArrays({ 数学: Float64Array.of(500) }), 'a.arrow').headers; // => ['数学']
 */
export function rawFromArrow(table: Table, file: string, format: RawTable['format'] = 'arrow'): RawTable {
  const headers = table.schema.fields.map((f) => f.name);
  const columns: RawCell[][] = headers.map((_, j) => {
    const vector = table.getChildAt(j)!;
    // apache-arrow gives dates and timestamps as epoch milliseconds: made Dates again, as Excel's reader gives them (a 年份 column of dates).
    const type = table.schema.fields[j]!.type;
    const dates = DataType.isDate(type) || DataType.isTimestamp(type);
    const out: RawCell[] = new Array(vector.length);
    let i = 0;
    for (const v of vector) out[i++] = dates && typeof v === 'number' ? new Date(v) : toCell(v);
    return out;
  });
  const rowNumbers = Int32Array.from({ length: table.numRows }, (_, i) => i + 2);
  return { file, format, headers, columns, rowNumbers, blankRows: 0, rejected: [] };
}

function toCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (v instanceof Date) return v;
  return String(v);
}
