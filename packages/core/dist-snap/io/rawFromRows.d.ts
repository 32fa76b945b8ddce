import type { RawCell, RawTable } from './raw.js';
/**
 * A raw table from records as a reader found them (CSV records, worksheet rows): finds the
 * header row, skips and counts blank lines, pads short records and rejects records with
 * non-blank fields beyond the header (an unquoted comma shifts every later column, so such
 * a row cannot be read safely). Shared by every row-oriented reader.
 *
 * @param rowNumbers spreadsheet row number of each record (defaults to index + 1)
 * @example
 * rawFromRows([['区县', '学校'], ['青山县', '一小'], []], { file: 'a.csv', format: 'csv' }).blankRows; // => 1
 */
export declare function rawFromRows(records: readonly (readonly RawCell[])[], options: {
    file: string;
    format: RawTable['format'];
    encoding?: string;
    rowNumbers?: ArrayLike<number>;
    /** The header of an earlier batch of the same file: every record here is a data row (streaming). */
    headers?: readonly string[];
}): RawTable;
//# sourceMappingURL=rawFromRows.d.ts.map