import { tableFromIPC } from 'apache-arrow';
import { isBlankCell, type RawTable } from './raw.js';
import { rawFromArrow } from './rawFromArrow.js';

/**
 * What is read of an arquero table (arquero 8 `ColumnTable`): its column names and values, and
 * its Arrow IPC encoding. Declared here so that core does not depend on arquero.
 */
export interface ArqueroTable {
  columnNames(): string[];
  array(name: string): ArrayLike<unknown>;
  /** Materialises a filter or an order (arquero's `reify`). */
  reify(): ArqueroTable;
  assign(...tables: Record<string, unknown[]>[]): ArqueroTable;
  toArrowIPC(options?: { format?: 'stream' | 'file' }): Uint8Array;
}

/**
 * Whether a value is an arquero table (duck-typed: a copy of arquero in a notebook bundle is not ours).
 *
 * @example
 * isArqueroTable(aq.table({ 区县: ['青山县'] })); // => true
 */
export function isArqueroTable(value: unknown): value is ArqueroTable {
  const t = value as Partial<ArqueroTable> | null;
  return typeof t === 'object' && t !== null && typeof t.toArrowIPC === 'function' && typeof t.columnNames === 'function' && typeof t.array === 'function';
}

/**
 * A raw table from an arquero table (arquero 表), through Arrow: the table (its filter and order
 * applied) is encoded as Arrow IPC by arquero and read by {@link rawFromArrow}, column by column —
 * no row objects — so it goes through the same roles and validation as a CSV or Arrow file and
 * gives the same results. A column holding both numbers and text (e.g. 数学 with "缺考"), which
 * Arrow cannot type, is passed as text, as a CSV would give it; validation then reads "512" as a
 * number and counts "缺考" as not numeric. Rows whose every cell is empty are counted as blank
 * rows and left out, as the CSV reader does. Row numbers are 2, 3, … (as in a sheet with a header).
 *
 * What arquero did before cannot be undone here: `aq.fromCSV(text)` guesses each column's type
 * from its first 1,000 rows and then converts every value, so a "缺考" after row 1,000 becomes
 * NaN (read as blank), a blank cell 0, and an 18-digit 学籍号 a rounded number (counted as
 * unrecognised by parseRoleCell). Read files with `aq.fromCSV(text, { autoType: false })`
 * — then the counts equal the CSV reader's, but for a row with surplus fields, which arquero
 * cuts short and the CSV reader excludes — or with parseCsv.
 *
 * Arrow → arquero goes the other way in @jiance/report/arquero (`arqueroFromArrow`), which avoids
 * arquero 8.0.3's `fromArrow` bug with per-batch dictionaries.
 *
 * @example
 * rawFromArquero(aq.table({ 区县: ['青山县'], 学校: ['一小'], 数学: [512] })).columns[2]; // => [512]
 */
export function rawFromArquero(table: ArqueroTable, file = 'arquero'): RawTable {
  let t = table.reify();
  const mixed: Record<string, unknown[]> = {};
  for (const name of t.columnNames()) {
    const values = t.array(name);
    let kind: string | undefined;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const k = typeof v === 'object' ? (v instanceof Date ? 'date' : 'object') : typeof v;
      if (kind === undefined) kind = k;
      else if (kind !== k) {
        mixed[name] = Array.from(values, (x) => (x === null || x === undefined ? null : x instanceof Date ? x.toISOString() : String(x)));
        break;
      }
    }
  }
  if (Object.keys(mixed).length > 0) t = t.assign(mixed);
  return withoutBlankRows(rawFromArrow(tableFromIPC(t.toArrowIPC()), file, 'arquero'));
}

/** Rows with every cell empty (a blank line that arquero's CSV reader kept) are taken out and counted, as the CSV reader does. */
function withoutBlankRows(raw: RawTable): RawTable {
  const n = raw.rowNumbers.length;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!raw.columns.every((c) => isBlankCell(c[i]))) keep.push(i);
  }
  if (keep.length === n) return raw;
  return {
    ...raw,
    columns: raw.columns.map((c) => keep.map((i) => c[i])),
    rowNumbers: Int32Array.from(keep, (i) => raw.rowNumbers[i]!),
    blankRows: raw.blankRows + n - keep.length,
  };
}
