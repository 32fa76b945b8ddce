import type { RuleId } from '../messages.js';

/** A cell as a reader found it: text from CSV, typed values from Excel, Arrow or Parquet. */
export type RawCell = string | number | boolean | bigint | Date | null | undefined;

/** A record that a reader rejected before any column was read (e.g. too many fields). */
export interface RawRejection {
  /** Index of the record in `columns`. */
  index: number;
  rule: RuleId;
  value: string;
}

/**
 * A table as read from a file, before roles are assigned: headers, column-major cells and the
 * spreadsheet row number of every record (header = row 1), so every message can name the row.
 */
export interface RawTable {
  file: string;
  format: 'csv' | 'xlsx' | 'arrow' | 'parquet' | 'records' | 'arquero';
  /** Text encoding for CSV (utf-8, utf-8-bom, gb18030, utf-16le, utf-16be). */
  encoding?: string;
  headers: string[];
  columns: RawCell[][];
  rowNumbers: Int32Array;
  /** Blank lines (every cell empty) skipped by the reader. */
  blankRows: number;
  rejected: RawRejection[];
}

/**
 * A cell with nothing in it: null, or text of spaces only (a blank line's cells, whatever the reader).
 *
 * @example
 * isBlankCell('  '); // => true
 */
export function isBlankCell(v: RawCell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A raw table from plain records (objects keyed by header), e.g. rows built in a notebook.
 *
 * @example
 * rawFromRecords([{ county: 'A', school: 's1', math: 500 }]).headers; // => ['county', 'school', 'math']
 */
export function rawFromRecords(records: readonly Record<string, RawCell>[], file = 'records'): RawTable {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  const columns = headers.map((h) => records.map((r) => r[h] ?? null));
  const rowNumbers = Int32Array.from(records, (_, i) => i + 2);
  return { file, format: 'records', headers, columns, rowNumbers, blankRows: 0, rejected: [] };
}
