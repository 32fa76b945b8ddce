/**
 * A raw table from an Apache Arrow table (Arrow IPC files, or Parquet decoded to Arrow), so
 * typed inputs go through the same roles and validation as CSV. Nulls stay null (values are
 * read with `get`, never `toArray`, which turns nulls into 0); row numbers are 2, 3, … as if
 * the table were a sheet with a header row.
 *
 * @example
 * rawFromArrow(tableFromArrays({ 数学: Float64Array.of(500) }), 'a.arrow').headers; // => ['数学']
 */
export function rawFromArrow(table, file, format = 'arrow') {
    const headers = table.schema.fields.map((f) => f.name);
    const columns = headers.map((_, j) => {
        const vector = table.getChildAt(j);
        const out = new Array(vector.length);
        let i = 0;
        for (const v of vector)
            out[i++] = toCell(v);
        return out;
    });
    const rowNumbers = Int32Array.from({ length: table.numRows }, (_, i) => i + 2);
    return { file, format, headers, columns, rowNumbers, blankRows: 0, rejected: [] };
}
function toCell(v) {
    if (v === null || v === undefined)
        return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
        return v;
    if (v instanceof Date)
        return v;
    return String(v);
}
//# sourceMappingURL=rawFromArrow.js.map