import Papa from 'papaparse';
import { JianceError } from '../errors.js';
import { noDataRows, unclosedQuote } from '../messages.js';
import type { RawRejection, RawTable } from './raw.js';

/**
 * Parses CSV text (RFC 4180: quoted fields, embedded commas and line breaks, CRLF or LF) into
 * a raw table. The delimiter is detected (comma, tab, semicolon, pipe), so Excel's "Unicode
 * text" (tab-separated) works too. Parsing is done by papaparse; this adds what a report
 * needs: spreadsheet row numbers, counted blank lines, and rows with surplus fields rejected
 * rather than silently shifted.
 *
 * @example
 * parseCsv('county,school\n青山县,一小\n', 'a.csv').columns; // => [['青山县'], ['一小']]
 */
export function parseCsv(text: string, file: string, encoding?: string): RawTable {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: '' });
  const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (quoteError) throw new JianceError(unclosedQuote(file, (quoteError.row ?? 0) + 1));
  const records = parsed.data;
  // A final line break yields one empty record that is not a blank row of the file.
  let end = records.length;
  if (end > 0 && isBlank(records[end - 1]!) && /\r?\n$/.test(text)) end--;

  let headerIndex = 0;
  while (headerIndex < end && isBlank(records[headerIndex]!)) headerIndex++;
  const headerRecord = records[headerIndex] ?? [];
  const headers = headerRecord.map((h) => h.trim());
  const width = headers.length;

  const columns: string[][] = headers.map(() => []);
  const rowNumbers: number[] = [];
  const rejected: RawRejection[] = [];
  let blankRows = headerIndex;
  for (let r = headerIndex + 1; r < end; r++) {
    const record = records[r]!;
    if (isBlank(record)) {
      blankRows++;
      continue;
    }
    const index = rowNumbers.length;
    rowNumbers.push(r + 1);
    for (let c = 0; c < width; c++) columns[c]!.push(record[c] ?? '');
    if (record.length > width && record.slice(width).some((v) => v.trim() !== '')) {
      rejected.push({ index, rule: 'field_count', value: `${record.length} fields / ${width} columns` });
    }
  }
  if (rowNumbers.length === 0) throw new JianceError(noDataRows(file, width));
  const table: RawTable = {
    file,
    format: 'csv',
    headers,
    columns,
    rowNumbers: Int32Array.from(rowNumbers),
    blankRows,
    rejected,
  };
  if (encoding) table.encoding = encoding;
  return table;
}

function isBlank(record: readonly string[]): boolean {
  for (const v of record) if (v.trim() !== '') return false;
  return true;
}
