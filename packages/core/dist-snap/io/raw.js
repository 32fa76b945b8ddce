/**
 * A raw table from plain records (objects keyed by header), e.g. rows built in a notebook.
 *
 * @example
 * rawFromRecords([{ county: 'A', school: 's1', math: 500 }]).headers; // => ['county', 'school', 'math']
 */
export function rawFromRecords(records, file = 'records') {
    const headers = [];
    const seen = new Set();
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
//# sourceMappingURL=raw.js.map