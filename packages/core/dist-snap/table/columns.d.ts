import { type Table } from 'apache-arrow';
/**
 * A numeric column as a Float64Array with NaN for null (数值列读取).
 * Throws a RangeError for a column that is absent or not numeric.
 *
 * @example
 * readNumbers(tableFromArrays({ x: Float64Array.of(1, 2) }), 'x'); // => Float64Array [1, 2]
 */
export declare function readNumbers(table: Table, name: string): Float64Array;
/** A categorical column as integer codes into `labels`; -1 for null. */
export interface Codes {
    codes: Int32Array;
    labels: (string | number)[];
}
/**
 * A key column (county, school, year, grade…) as integer codes, in order of first
 * appearance. Dictionary columns are decoded batch by batch against each batch's own
 * dictionary, so batches with different dictionaries give correct labels (the arquero 8.0.3
 * `fromArrow` bug in TOOLING.md is avoided here).
 *
 * @example
 * readCodes(table, 'county'); // => { codes: Int32Array [0, 0, 1], labels: ['青山县', '河东区'] }
 */
export declare function readCodes(table: Table, name: string): Codes;
//# sourceMappingURL=columns.d.ts.map