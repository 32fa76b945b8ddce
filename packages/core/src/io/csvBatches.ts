import Papa from 'papaparse';
import { JianceError } from '../errors.js';
import { unclosedQuote } from '../messages.js';
import type { RawCell, RawTable } from './raw.js';
import { rawFromRows } from './rawFromRows.js';
import { detectDelimiter } from './parseCsv.js';

/** Records searched for the header (locateHeader's depth) plus one data row. */
const headerSearch = 11;

/**
 * Cuts CSV text that arrives in pieces into batches of raw rows (CSV 分批解析) — for files
 * larger than memory. Text is held only until the last complete record (a line end outside
 * quotes, tracked across pieces); each complete stretch is parsed by papaparse and yielded in
 * batches of at most `batchRows` rows with the file's row numbers. The first batch locates the
 * header (title lines above it are skipped and counted), later batches reuse it. Joining the
 * batches gives what {@link parseCsv} gives for the whole text.
 *
 * @example
 * const csv = new CsvBatcher('a.csv', 2);
 * [...csv.push('school,math\ns1,5'), ...csv.push('00\ns2,480\ns3,510\n'), ...csv.end()].map((b) => b.columns[1]); // => [['500', '480'], ['510']]
 */
export class CsvBatcher {
  private pending = '';
  private inQuotes = false;
  private lastBreak = -1;
  /** Record ends seen in `pending` (the first parse waits for enough to find the header). */
  private breaks = 0;
  private records = 0;
  private headers: string[] | undefined;
  private delimiter: string | undefined;

  constructor(
    private readonly file: string,
    private readonly batchRows: number,
    private readonly encoding?: string,
    /** Parse once this much text is waiting (characters). */
    private readonly pieceChars = 1 << 22,
  ) {}

  /** Adds decoded text; returns the batches completed by it. */
  push(text: string): RawTable[] {
    const start = this.pending.length;
    this.pending += text;
    const p = this.pending;
    for (let i = start; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c === 34) this.inQuotes = !this.inQuotes;
      else if (c === 10 && !this.inQuotes) {
        this.lastBreak = i + 1;
        this.breaks++;
      }
    }
    // The header is searched among the first records, so the first parse waits for them.
    if (this.lastBreak <= 0 || this.pending.length < this.pieceChars || (!this.headers && this.breaks <= headerSearch)) return [];
    const piece = this.pending.slice(0, this.lastBreak);
    this.pending = this.pending.slice(this.lastBreak);
    // The cut is outside quotes, so the remainder's state is its own.
    this.inQuotes = false;
    this.lastBreak = -1;
    this.breaks = 0;
    const rest = this.pending;
    this.pending = '';
    const out = this.parse(piece, false);
    out.push(...this.push(rest));
    return out;
  }

  /** Parses what is left at the end of the text. */
  end(): RawTable[] {
    if (!this.pending && this.headers) return [];
    const out = this.parse(this.pending, true);
    this.pending = '';
    return out;
  }

  private parse(text: string, final: boolean): RawTable[] {
    // Detected on the first parsed stretch (it holds the header and the first rows, like parseCsv's sample).
    this.delimiter ??= detectDelimiter(text);
    // Papa drops a U+FEFF at the start of its input (a BOM). Past the file's start it is a character
    // of a cell (two exports concatenated), which parseCsv keeps: give Papa one to drop.
    const input = this.headers && text.charCodeAt(0) === 0xfeff ? `\uFEFF${text}` : text;
    const parsed = Papa.parse<string[]>(input, { header: false, skipEmptyLines: false, delimiter: this.delimiter });
    const quoteError = parsed.errors.find((e) => e.code === 'MissingQuotes');
    if (quoteError) throw new JianceError(unclosedQuote(this.file, this.records + (quoteError.row ?? 0) + 1));
    const rows = parsed.data;
    // A final line break yields one empty record that is not a blank row of the file.
    if (rows.length > 0 && (!final || /\r?\n$/.test(text))) {
      const last = rows[rows.length - 1]!;
      if (last.length === 1 && last[0] === '') rows.pop();
    }
    const encoding = this.encoding ? { encoding: this.encoding } : {};
    const out: RawTable[] = [];
    if (!this.headers) {
      const raw = rawFromRows(rows, { file: this.file, format: 'csv', ...encoding });
      this.headers = raw.headers;
      this.records += rows.length;
      out.push(...batchesOf(raw, this.batchRows));
      return out;
    }
    for (let offset = 0; offset < rows.length; offset += this.batchRows) {
      const part = rows.slice(offset, offset + this.batchRows) as RawCell[][];
      const base = this.records + offset;
      out.push(
        rawFromRows(part, { file: this.file, format: 'csv', headers: this.headers, rowNumbers: Int32Array.from(part, (_, i) => base + i + 1), ...encoding }),
      );
    }
    this.records += rows.length;
    return out;
  }
}

/**
 * A raw table cut into batches of at most n rows (the first keeps the blank-line count).
 *
 * @example
 * const raw = rawFromRecords(Array.from({ length: 25 }, (_, i) => ({ school: 's1', math: 400 + i })));
 * [...batchesOf(raw, 10)].map((b) => b.rowNumbers.length); // => [10, 10, 5]
 */
export function* batchesOf(raw: RawTable, n: number): Generator<RawTable> {
  for (let start = 0; start < raw.rowNumbers.length; start += n) {
    const end = Math.min(raw.rowNumbers.length, start + n);
    yield {
      ...raw,
      columns: raw.columns.map((c) => c.slice(start, end)),
      rowNumbers: raw.rowNumbers.slice(start, end),
      rejected: raw.rejected.filter((x) => x.index >= start && x.index < end).map((x) => ({ ...x, index: x.index - start })),
      blankRows: start === 0 ? raw.blankRows : 0,
    };
  }
}
