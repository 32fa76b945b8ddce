import Papa from 'papaparse';
import { JianceError } from '../errors.js';
import { unclosedQuote } from '../messages.js';
import { rawFromRows } from './rawFromRows.js';
/**
 * Parses CSV text (RFC 4180: quoted fields, embedded commas and line breaks, CRLF or LF) into
 * a raw table. The delimiter is detected (comma, tab, semicolon, pipe), so Excel's "Unicode
 * text" (tab-separated) works too. Splitting is done by papaparse; rawFromRows adds what a
 * report needs (header row, spreadsheet row numbers, counted blank lines, surplus fields).
 *
 * @example
 * parseCsv('county,school\n青山县,一小\n', 'a.csv').columns; // => [['青山县'], ['一小']]
 */
export function parseCsv(text, file, encoding) {
    const parsed = Papa.parse(text, { header: false, skipEmptyLines: false, delimiter: detectDelimiter(text) });
    const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes');
    if (quoteError)
        throw new JianceError(unclosedQuote(file, (quoteError.row ?? 0) + 1));
    const records = parsed.data;
    // A final line break yields one empty record that is not a blank row of the file.
    if (records.length > 0 && /\r?\n$/.test(text)) {
        const last = records[records.length - 1];
        if (last.length === 1 && last[0] === '')
            records.pop();
    }
    return rawFromRows(records, encoding ? { file, format: 'csv', encoding } : { file, format: 'csv' });
}
const candidates = [',', '\t', ';', '|'];
/**
 * The delimiter of the first line that has any: the candidate occurring most often outside
 * quotes (comma wins ties). Title lines without a delimiter are passed over.
 */
export function detectDelimiter(text) {
    const lines = text.slice(0, 65536).split(/\r?\n/, 12);
    for (const line of lines) {
        const unquoted = line.replace(/"[^"]*"/g, '');
        let best = ',';
        let bestCount = 0;
        for (const c of candidates) {
            const count = unquoted.split(c).length - 1;
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        if (bestCount > 0)
            return best;
    }
    return ',';
}
//# sourceMappingURL=parseCsv.js.map