import { JianceError } from '../errors.js';
import { noDataRows } from '../messages.js';
import { locateHeader } from './locateHeader.js';
import { isBlankCell, type RawCell, type RawRejection, type RawTable } from './raw.js';

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
export function rawFromRows(
  records: readonly (readonly RawCell[])[],
  options: {
    file: string;
    format: RawTable['format'];
    encoding?: string;
    rowNumbers?: ArrayLike<number>;
    /** The header of an earlier batch of the same file: every record here is a data row (streaming). */
    headers?: readonly string[];
  },
): RawTable {
  const end = records.length;
  const headerIndex = options.headers ? -1 : locateHeader(records.slice(0, 10));
  const headers = options.headers ? [...options.headers] : (records[headerIndex] ?? []).map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const width = headers.length;
  const rowNumberOf = (r: number): number => (options.rowNumbers ? options.rowNumbers[r]! : r + 1);

  const columns: RawCell[][] = headers.map(() => []);
  const rowNumbers: number[] = [];
  const rejected: RawRejection[] = [];
  // Lines above the header (blank, or a title) are not student rows; they are counted.
  let blankRows = Math.max(0, headerIndex);
  for (let r = headerIndex + 1; r < end; r++) {
    const record = records[r]!;
    if (isBlank(record)) {
      blankRows++;
      continue;
    }
    const index = rowNumbers.length;
    rowNumbers.push(rowNumberOf(r));
    for (let c = 0; c < width; c++) columns[c]!.push(record[c] ?? null);
    if (record.length > width && !isBlank(record.slice(width))) {
      rejected.push({ index, rule: 'field_count', value: `${record.length} fields / ${width} columns` });
    }
  }
  if (rowNumbers.length === 0 && !options.headers) throw new JianceError(noDataRows(options.file, width));
  const table: RawTable = {
    file: options.file,
    format: options.format,
    headers,
    columns,
    rowNumbers: Int32Array.from(rowNumbers),
    blankRows,
    rejected,
  };
  if (options.encoding) table.encoding = options.encoding;
  return table;
}

function isBlank(record: readonly RawCell[]): boolean {
  return record.every(isBlankCell);
}
