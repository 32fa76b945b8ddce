import type { RawTable } from './raw.js';
/**
 * Parses CSV text (RFC 4180: quoted fields, embedded commas and line breaks, CRLF or LF) into
 * a raw table. The delimiter is detected (comma, tab, semicolon, pipe), so Excel's "Unicode
 * text" (tab-separated) works too. Splitting is done by papaparse; rawFromRows adds what a
 * report needs (header row, spreadsheet row numbers, counted blank lines, surplus fields).
 *
 * @example
 * parseCsv('county,school\n青山县,一小\n', 'a.csv').columns; // => [['青山县'], ['一小']]
 */
export declare function parseCsv(text: string, file: string, encoding?: string): RawTable;
/**
 * The delimiter of the first line that has any: the candidate occurring most often outside
 * quotes (comma wins ties). Title lines without a delimiter are passed over.
 */
export declare function detectDelimiter(text: string): string;
//# sourceMappingURL=parseCsv.d.ts.map